{#- metrics.md §8: lower-cased, every character that is not a (Unicode) letter, digit, underscore or white space deleted, white space collapsed and trimmed. -#}
{% macro normalize_question_text(expression) -%}
    {{ return(adapter.dispatch('normalize_question_text', 'support_metrics')(expression)) }}
{%- endmacro %}

{% macro default__normalize_question_text(expression) -%}
    trim(regexp_replace(regexp_replace(lower({{ expression }}), '[^[:alnum:]_[:space:]]', '', 'g'), '[[:space:]]+', ' ', 'g'))
{%- endmacro %}

{% macro duckdb__normalize_question_text(expression) -%}
    trim(regexp_replace(regexp_replace(lower({{ expression }}), '[^\p{L}\p{N}_\s]', '', 'g'), '\s+', ' ', 'g'))
{%- endmacro %}
