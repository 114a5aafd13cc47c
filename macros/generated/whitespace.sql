{#- Rendered from scripts/support_metrics/rules.py by `python -m support_metrics.macros`; do not edit. -#}

{#- The contract's white space (space, tab, LF, VT, FF, CR) trimmed from both ends. -#}
{% macro trim_whitespace(expression) -%}
    trim(both ' ' || chr(9) || chr(10) || chr(11) || chr(12) || chr(13) from {{ expression }})
{%- endmacro %}

{#- An enumerated value as the contract compares it: trimmed, lower-cased. -#}
{% macro normalize_enum(expression) -%}
    lower(trim(both ' ' || chr(9) || chr(10) || chr(11) || chr(12) || chr(13) from {{ expression }}))
{%- endmacro %}
