{#- Seconds from start to end, fractional where the engine keeps sub-seconds; null when either is null. -#}
{% macro seconds_between(start, end) -%}
    {{ return(adapter.dispatch('seconds_between', 'support_metrics')(start, end)) }}
{%- endmacro %}

{% macro default__seconds_between(start, end) -%}
    cast({{ dbt.datediff(start, end, 'second') }} as {{ type_double() }})
{%- endmacro %}

{% macro duckdb__seconds_between(start, end) -%}
    (epoch({{ end }}) - epoch({{ start }}))
{%- endmacro %}

{% macro postgres__seconds_between(start, end) -%}
    cast(extract(epoch from ({{ end }} - {{ start }})) as double precision)
{%- endmacro %}

{#- Spark: microseconds since the epoch, so sub-seconds count as on DuckDB. -#}
{% macro spark__seconds_between(start, end) -%}
    (cast(unix_micros(cast({{ end }} as timestamp)) - unix_micros(cast({{ start }} as timestamp)) as double) / 1000000)
{%- endmacro %}
