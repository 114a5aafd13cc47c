{#-
    Text helpers shared by the staging models. trim_whitespace and normalize_enum are rendered from
    scripts/support_metrics/rules.py into macros/generated/whitespace.sql.
-#}

{#- SHA-256 (hex) of a trimmed, lower-cased email address (docs/metrics.md §9). -#}
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
