{#-
    Spark only: (re)register each landed table `schema.table` of `tables` as a table over its Parquet folder
    `<root>/<schema>/<table>`, written by `support-metrics spark-register` from the loader's warehouse: the
    contract's raw schema (rows, lineage columns, rejects and the load manifest as loaded) and each connector
    schema a `load --source` filled. Run with
    `dbt run-operation register_landed_parquet --args '{root: /abs/path, tables: [raw.helpdesk__messages, ...]}'`.
-#}
{% macro register_landed_parquet(root, tables) %}
    {%- if target.type != 'spark' -%}
        {{ exceptions.raise_compiler_error("register_landed_parquet is for the spark target, not " ~ target.type) }}
    {%- endif -%}
    {%- set pairs = [] -%}
    {%- for table in tables -%}
        {%- do pairs.append(table.split('.', 1)) -%}
    {%- endfor -%}
    {%- for schema in pairs | map('first') | unique -%}
        {% do run_query('create database if not exists ' ~ schema) %}
    {%- endfor -%}
    {%- for schema, identifier in pairs -%}
        {#- quoted: a connector's tables include `user` and `group` -#}
        {%- set relation = schema ~ '.' ~ adapter.quote(identifier) -%}
        {% do run_query('drop table if exists ' ~ relation) %}
        {% do run_query('create table ' ~ relation ~ " using parquet location '"
                        ~ root ~ '/' ~ schema ~ '/' ~ identifier ~ "'") %}
        {% do log('registered ' ~ schema ~ '.' ~ identifier, info=true) %}
    {%- endfor -%}
{% endmacro %}
