{#- numerator / denominator as a fraction; null when the denominator is 0 or null (docs/metrics.md: zero denominators give null). -#}
{% macro safe_divide(numerator, denominator) -%}
    (cast({{ numerator }} as {{ type_double() }}) / nullif(cast({{ denominator }} as {{ type_double() }}), 0))
{%- endmacro %}
