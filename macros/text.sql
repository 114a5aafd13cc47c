{#- Text helpers shared by the staging models: the contract's white space, enums, hashing. -#}

{#- The characters the raw contract counts as white space: space, tab, line feed, vertical tab, form feed, carriage return. -#}
{% macro whitespace_chars() -%}
    ' ' || chr(9) || chr(10) || chr(11) || chr(12) || chr(13)
{%- endmacro %}

{% macro trim_whitespace(expression) -%}
    trim(both {{ whitespace_chars() }} from {{ expression }})
{%- endmacro %}

{#- An enumerated value as the contract compares it: trimmed, lower-cased. -#}
{% macro normalize_enum(expression) -%}
    lower({{ trim_whitespace(expression) }})
{%- endmacro %}

{#- SHA-256 (hex) of a trimmed, lower-cased email address (metrics.md §9). -#}
{% macro hash_email(expression) -%}
    {{ return(adapter.dispatch('hash_email', 'support_metrics')(expression)) }}
{%- endmacro %}

{% macro default__hash_email(expression) -%}
    sha256(lower({{ trim_whitespace(expression) }}))
{%- endmacro %}

{% macro postgres__hash_email(expression) -%}
    encode(sha256(convert_to(lower({{ trim_whitespace(expression) }}), 'UTF8')), 'hex')
{%- endmacro %}

{% macro spark__hash_email(expression) -%}
    sha2(lower({{ trim_whitespace(expression) }}), 256)
{%- endmacro %}
