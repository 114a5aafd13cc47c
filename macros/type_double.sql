{#- An 8-byte float on every engine (dbt.type_float() is a 4-byte float on DuckDB, which rounds 0.9 to 0.8999999762). -#}
{% macro type_double() -%}
    {{ return(adapter.dispatch('type_double', 'support_metrics')()) }}
{%- endmacro %}

{% macro default__type_double() -%}
    double precision
{%- endmacro %}

{% macro duckdb__type_double() -%}
    double
{%- endmacro %}

{% macro spark__type_double() -%}
    double
{%- endmacro %}
