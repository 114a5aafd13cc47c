{#-
    Personal data in free text replaced, in this order (docs/metrics.md §9):
    emails → <email>; card numbers (13 to 19 digits, single spaces or dashes between) → <card>;
    phone numbers (7 to 15 digits: + and one run, or at least two groups separated by space, dot
    or dash, or an area code in parentheses, optionally after + and a country code; last group
    at least 3 digits) → <phone>. Bare digit runs (order 12345678) and dates (2025-01-10) stay.
    Used by every staging model with a free-text column; nothing downstream sees the raw text.
    The patterns and the digit range are rendered from scripts/support_metrics/rules.py into
    macros/generated/personal_data_patterns.sql, each engine's spelling derived there.
-#}

{% macro mask_personal_data(expression) -%}
    {{ return(adapter.dispatch('mask_personal_data', 'support_metrics')(expression)) }}
{%- endmacro %}

{% macro default__mask_personal_data(expression) -%}
    {{ exceptions.raise_compiler_error(
        "mask_personal_data has no implementation for adapter '" ~ target.type ~ "'; add "
        ~ target.type ~ "__mask_personal_data to macros/mask_personal_data.sql"
    ) }}
{%- endmacro %}

{#-
    DuckDB and PostgreSQL: emails and cards by regexp_replace; the phone numbers are replaced one by one
    by mask_phone_numbers, a warehouse function on-run-start creates (create_warehouse_functions); text
    with neither an @ nor a digit skips all three, text without an @ the email pattern. DuckDB tests for
    an @ or a digit with a glob (a fifth of the regular expression's time on 7M message bodies).
-#}
{% macro duckdb__mask_personal_data(expression) -%}
    {{ mask_by_regexp_replace(expression, expression ~ " glob '*[0-9@]*'") }}
{%- endmacro %}

{% macro postgres__mask_personal_data(expression) -%}
    {{ mask_by_regexp_replace(expression, regex_matches(expression, '[0-9@]')) }}
{%- endmacro %}

{% macro mask_by_regexp_replace(expression, has_digit_or_at) -%}
    case
        when {{ has_digit_or_at }} then mask_phone_numbers(
            regexp_replace(
                case
                    when {{ dbt.position("'@'", expression) }} > 0
                        then regexp_replace({{ expression }}, '{{ personal_data_pattern("email") }}', '<email>', 'g')
                    else {{ expression }}
                end,
                '{{ personal_data_pattern("card") }}', '\1<card>', 'g'
            )
        )
        else {{ expression }}
    end
{%- endmacro %}

{#- Run by on-run-start: the warehouse-side functions the masking needs on this adapter. -#}
{% macro create_warehouse_functions() -%}
    {{ return(adapter.dispatch('create_warehouse_functions', 'support_metrics')()) }}
{%- endmacro %}

{% macro default__create_warehouse_functions() -%}
    select 1 as nothing_to_create
{%- endmacro %}

{#- DuckDB: a macro, as the phone step needs lambdas, which sqlfluff cannot parse in a model. -#}
{% macro duckdb__create_warehouse_functions() -%}
    create or replace macro mask_phone_numbers(text_value) as (
        list_reduce(
            {{ duckdb_phone_numbers('text_value') }},
            lambda masked_text, phone: replace(masked_text, phone, '<phone>'),
            text_value
        )
    )
{%- endmacro %}

{#- PostgreSQL: a PL/pgSQL function. -#}
{% macro postgres__create_warehouse_functions() -%}
    {%- set phone_digits = phone_digit_range() -%}
    create or replace function mask_phone_numbers(text_value text) returns text
    language plpgsql immutable as $$
    declare
        candidate text;
        masked text := text_value;
    begin
        if text_value is null then
            return null;
        end if;
        for candidate in
            select (regexp_matches(text_value, '{{ personal_data_pattern("phone") }}', 'g'))[1]
        loop
            if length(regexp_replace(candidate, '[^0-9]', '', 'g')) between {{ phone_digits[0] }} and {{ phone_digits[1] }} then
                masked := replace(masked, candidate, '<phone>');
            end if;
        end loop;
        return masked;
    end
    $$;
    {#- the readers' role, which the marts' grants name (dbt_project.yml), and its way into schema marts #}
    do $$
    begin
        if not exists (select from pg_roles where rolname = 'bi_reader') then
            create role bi_reader;
        end if;
    end
    $$;
    create schema if not exists marts;
    grant usage on schema marts to bi_reader
{%- endmacro %}

{#-
    Spark: the same patterns, which Java reads as RE2 does, with backslashes doubled for Spark's string
    literals (a group is $1 in a replacement); the phone step with the higher-order functions filter and
    aggregate.
-#}
{% macro spark__mask_personal_data(expression) -%}
    {%- set phone_digits = phone_digit_range() -%}
    {%- set emails_and_cards_masked -%}
        regexp_replace(
            regexp_replace({{ expression }}, '{{ personal_data_pattern("email") | replace("\\", "\\\\") }}', '<email>'),
            '{{ personal_data_pattern("card") | replace("\\", "\\\\") }}', '$1<card>'
        )
    {%- endset -%}
    case
        when {{ expression }} rlike '[0-9@]' then aggregate(
            filter(
                regexp_extract_all({{ emails_and_cards_masked }}, '{{ personal_data_pattern("phone") | replace("\\", "\\\\") }}', 1),
                candidate -> length(regexp_replace(candidate, '[^0-9]', '')) between {{ phone_digits[0] }} and {{ phone_digits[1] }}
            ),
            {{ emails_and_cards_masked }},
            (masked_text, phone) -> replace(masked_text, phone, '<phone>')
        )
        else {{ expression }}
    end
{%- endmacro %}
