{#-
    Personal data in free text replaced, in this order (metrics.md §9):
    emails → <email>; card numbers (13 to 19 digits, single spaces or dashes between) → <card>;
    phone numbers (7 to 15 digits: + and one run, or at least two groups separated by space, dot
    or dash, or an area code in parentheses, optionally after + and a country code; last group
    at least 3 digits) → <phone>. Bare digit runs (order 12345678) and dates (2025-01-10) stay.
    Used by every staging model with a free-text column; nothing downstream sees the raw text.
-#}

{% macro email_pattern() -%}
    [A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}
{%- endmacro %}

{#- Group 1 is the character before the card (kept); the card itself is replaced. -#}
{% macro card_pattern() -%}
    (^|[^0-9A-Za-z])[0-9]([ -]?[0-9]){12,18}\b
{%- endmacro %}

{#- Group 1 is the candidate phone number; its digits are counted (7 to 15) before it is replaced. -#}
{% macro phone_pattern() -%}
    (?:^|[^0-9A-Za-z_+(.-])(\+[0-9]{7,15}|(?:\+[0-9]{1,3}[ .-]?)?\([0-9]{1,5}\)[ .-]?(?:[0-9]{1,5}[ .-])*[0-9]{3,5}|(?:\+[0-9]{1,3}[ .-])?(?:[0-9]{1,5}[ .-])+[0-9]{3,5})\b
{%- endmacro %}

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
    DuckDB: emails and cards by regexp_replace; phone candidates are extracted, kept when they
    hold 7 to 15 digits and replaced one by one; text with neither an @ nor a digit skips all three. That last step needs lambdas, which sqlfluff
    cannot parse, so it lives in a DuckDB macro that on-run-start creates (create_warehouse_functions).
-#}
{% macro duckdb__mask_personal_data(expression) -%}
    case
        when regexp_matches({{ expression }}, '[0-9@]') then mask_phone_numbers(
            regexp_replace(
                regexp_replace({{ expression }}, '{{ email_pattern() }}', '<email>', 'g'),
                '{{ card_pattern() }}', '\1<card>', 'g'
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

{% macro duckdb__create_warehouse_functions() -%}
    create or replace macro mask_phone_numbers(text_value) as (
        list_reduce(
            list_filter(
                regexp_extract_all(text_value, '{{ phone_pattern() }}', 1),
                lambda candidate: length(regexp_replace(candidate, '[^0-9]', '', 'g')) between 7 and 15
            ),
            lambda masked_text, phone: replace(masked_text, phone, '<phone>'),
            text_value
        )
    )
{%- endmacro %}

{#-
    PostgreSQL: the same patterns (its regular expressions spell a word boundary \y, not \b); the phone
    step is a PL/pgSQL function that on-run-start creates.
-#}
{% macro postgres__mask_personal_data(expression) -%}
    case
        when {{ expression }} ~ '[0-9@]' then mask_phone_numbers(
            regexp_replace(
                regexp_replace({{ expression }}, '{{ email_pattern() }}', '<email>', 'g'),
                '{{ card_pattern() | replace("\\b", "\\y") }}', '\1<card>', 'g'
            )
        )
        else {{ expression }}
    end
{%- endmacro %}

{% macro postgres__create_warehouse_functions() -%}
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
            select (regexp_matches(text_value, '{{ phone_pattern() | replace("\\b", "\\y") }}', 'g'))[1]
        loop
            if length(regexp_replace(candidate, '[^0-9]', '', 'g')) between 7 and 15 then
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
    Spark: the same patterns as Java regular expressions (backslashes doubled for Spark's string literals;
    a group is $1 in a replacement); the phone step with the higher-order functions filter and aggregate.
-#}
{% macro spark__mask_personal_data(expression) -%}
    {%- set emails_and_cards_masked -%}
        regexp_replace(
            regexp_replace({{ expression }}, '{{ email_pattern() | replace("\\", "\\\\") }}', '<email>'),
            '{{ card_pattern() | replace("\\", "\\\\") }}', '$1<card>'
        )
    {%- endset -%}
    case
        when {{ expression }} rlike '[0-9@]' then aggregate(
            filter(
                regexp_extract_all({{ emails_and_cards_masked }}, '{{ phone_pattern() | replace("\\", "\\\\") }}', 1),
                candidate -> length(regexp_replace(candidate, '[^0-9]', '')) between 7 and 15
            ),
            {{ emails_and_cards_masked }},
            (masked_text, phone) -> replace(masked_text, phone, '<phone>')
        )
        else {{ expression }}
    end
{%- endmacro %}
