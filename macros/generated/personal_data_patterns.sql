{#- Rendered from scripts/support_metrics/rules.py by `python -m support_metrics.macros`; do not edit. -#}

{#- A personal-data pattern of docs/metrics.md §9 (email, card, phone) in this engine's regex dialect. -#}
{% macro personal_data_pattern(name) -%}
    {{ return(adapter.dispatch('personal_data_pattern', 'support_metrics')(name)) }}
{%- endmacro %}

{#- RE2 (DuckDB); Java (Spark) reads the same text. -#}
{% macro default__personal_data_pattern(name) -%}
    {%- if name == 'email' -%}
        [A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}
    {%- elif name == 'card' -%}
        (^|[^0-9A-Za-z])[0-9]([ -]?[0-9]){12,18}\b
    {%- elif name == 'phone' -%}
        (?:^|[^0-9A-Za-z_+(.-])(\+[0-9]{7,15}|(?:\+[0-9]{1,3}[ .-]?)?\([0-9]{1,5}\)[ .-]?(?:[0-9]{1,5}[ .-])*[0-9]{3,5}|(?:\+[0-9]{1,3}[ .-])?(?:[0-9]{1,5}[ .-])+[0-9]{3,5})\b
    {%- else -%}
        {{ exceptions.raise_compiler_error('no personal-data pattern named ' ~ name) }}
    {%- endif -%}
{%- endmacro %}

{#- PostgreSQL: a word boundary is \y. -#}
{% macro postgres__personal_data_pattern(name) -%}
    {%- if name == 'email' -%}
        [A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}
    {%- elif name == 'card' -%}
        (^|[^0-9A-Za-z])[0-9]([ -]?[0-9]){12,18}\y
    {%- elif name == 'phone' -%}
        (?:^|[^0-9A-Za-z_+(.-])(\+[0-9]{7,15}|(?:\+[0-9]{1,3}[ .-]?)?\([0-9]{1,5}\)[ .-]?(?:[0-9]{1,5}[ .-])*[0-9]{3,5}|(?:\+[0-9]{1,3}[ .-])?(?:[0-9]{1,5}[ .-])+[0-9]{3,5})\y
    {%- else -%}
        {{ exceptions.raise_compiler_error('no personal-data pattern named ' ~ name) }}
    {%- endif -%}
{%- endmacro %}

{#- How many digits a phone number holds in all: [fewest, most]. -#}
{% macro phone_digit_range() -%}
    {{ return([7, 15]) }}
{%- endmacro %}

{#- DuckDB: the phone numbers in `text`, a list (the candidates with the digit range's digits). -#}
{% macro duckdb_phone_numbers(text) -%}
    list_filter(regexp_extract_all({{ text }}, '(?:^|[^0-9A-Za-z_+(.-])(\+[0-9]{7,15}|(?:\+[0-9]{1,3}[ .-]?)?\([0-9]{1,5}\)[ .-]?(?:[0-9]{1,5}[ .-])*[0-9]{3,5}|(?:\+[0-9]{1,3}[ .-])?(?:[0-9]{1,5}[ .-])+[0-9]{3,5})\b', 1), lambda candidate: length(regexp_replace(candidate, '[^0-9]', '', 'g')) between 7 and 15)
{%- endmacro %}
