{#-
    Fails with every row whose column does not name a table the loader lands: a contract table as
    <source>__<table> (the list from contract.py), or a tool's table as <schema>.<table>.
-#}
{% test is_landed_table_name(model, column_name) %}
    select *
    from {{ model }}
    where
        {{ column_name }} not in (
            {%- for qualified_name in contract_table_names() %}
                '{{ qualified_name.replace('.', '__') }}'{{ ',' if not loop.last }}
            {%- endfor %}
        )
        and {{ column_name }} not like '%.%'
{% endtest %}
