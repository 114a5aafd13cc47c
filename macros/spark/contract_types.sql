{#-
    Contracts name portable types (varchar, double precision, bigint, decimal(38, 12), timestamp, date,
    boolean) that DuckDB and PostgreSQL read alike. Spark's parser wants a length on varchar and has no
    `double precision`, so on Spark the contract check casts to Spark's names for the same types
    (string, double); the comparison with the model's own columns is then like for like.
-#}
{% macro spark_type(data_type) -%}
    {%- set spelled = data_type | trim | lower -%}
    {{- return({'varchar': 'string', 'double precision': 'double'}.get(spelled, data_type)) -}}
{%- endmacro %}

{% macro spark__get_empty_schema_sql(columns) -%}
    {%- set spark_columns = {} -%}
    {%- for name, column in columns.items() -%}
        {%- set copy = dict(column) -%}
        {%- if copy.get('data_type') is not none -%}
            {%- do copy.update({'data_type': spark_type(copy['data_type'])}) -%}
        {%- endif -%}
        {%- do spark_columns.update({name: copy}) -%}
    {%- endfor -%}
    {{ return(dbt.default__get_empty_schema_sql(spark_columns)) }}
{%- endmacro %}
