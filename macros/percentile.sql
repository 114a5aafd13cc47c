{#- Continuous quantile (linear interpolation) of a column within a group; null over no values. -#}
{% macro percentile(expression, fraction) -%}
    {{ return(adapter.dispatch('percentile', 'support_metrics')(expression, fraction)) }}
{%- endmacro %}

{% macro default__percentile(expression, fraction) -%}
    percentile_cont({{ fraction }}) within group (order by {{ expression }})
{%- endmacro %}

{% macro spark__percentile(expression, fraction) -%}
    percentile({{ expression }}, {{ fraction }})
{%- endmacro %}

{% macro median(expression) -%}
    {{ percentile(expression, 0.5) }}
{%- endmacro %}
