{#-
    Spark only: (re)register every source table of the project as a table over its Parquet folder
    `<root>/<identifier>`, written by `support-metrics spark-register` from the loader's warehouse (rows,
    lineage columns, rejects and the load manifest as loaded). Run with
    `dbt run-operation register_raw_parquet --args '{root: /abs/path}'`.
-#}
{% macro register_raw_parquet(root) %}
    {%- if target.type != 'spark' -%}
        {{ exceptions.raise_compiler_error("register_raw_parquet is for the spark target, not " ~ target.type) }}
    {%- endif -%}
    {%- set tables = [] -%}
    {%- for source in graph.sources.values() -%}
        {%- do tables.append((source.schema, source.identifier)) -%}
    {%- endfor -%}
    {%- for schema in tables | map('first') | unique -%}
        {% do run_query('create database if not exists ' ~ schema) %}
    {%- endfor -%}
    {%- for schema, identifier in tables | sort -%}
        {% do run_query('drop table if exists ' ~ schema ~ '.' ~ identifier) %}
        {% do run_query('create table ' ~ schema ~ '.' ~ identifier ~ " using parquet location '"
                        ~ root ~ '/' ~ identifier ~ "'") %}
        {% do log('registered ' ~ schema ~ '.' ~ identifier, info=true) %}
    {%- endfor -%}
{% endmacro %}
