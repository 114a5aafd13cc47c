{#- numerator / denominator as a fraction; null when the denominator is 0 or null (metrics.md: zero denominators give null). -#}
{% macro safe_divide(numerator, denominator) -%}
    (cast({{ numerator }} as {{ dbt.type_float() }}) / nullif(cast({{ denominator }} as {{ dbt.type_float() }}), 0))
{%- endmacro %}
