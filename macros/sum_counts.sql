{#- Each count column summed over the group, as a bigint under its own name (a roll-up of published counts). -#}
{% macro sum_counts(columns) -%}
    {%- for column in columns %}
        cast(sum({{ column }}) as {{ dbt.type_bigint() }}) as {{ column }}{{ ',' if not loop.last }}
    {%- endfor %}
{%- endmacro %}
