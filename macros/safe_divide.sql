{#- numerator / denominator as a fraction; null when the denominator is 0 or null (docs/metrics.md: zero denominators give null). -#}
{% macro safe_divide(numerator, denominator) -%}
    (cast({{ numerator }} as {{ type_double() }}) / nullif(cast({{ denominator }} as {{ type_double() }}), 0))
{%- endmacro %}

{#-
    The rate columns of a mart, each computed once from its published parts: `rates` maps a rate's name to
    its [numerator, denominator] columns, e.g. {'csat': ['csat_satisfied_count', 'csat_response_count']}.
-#}
{% macro rate_columns(rates) -%}
    {%- for name, parts in rates.items() %}
        {{ safe_divide(parts[0], parts[1]) }} as {{ name }}{{ ',' if not loop.last }}
    {%- endfor %}
{%- endmacro %}
