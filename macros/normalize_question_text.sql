{#-
    A question's text as docs/metrics.md §8 compares it: lower-cased, every character that is not a Unicode letter,
    a Unicode digit, an underscore or white space deleted, white space collapsed to one space, trimmed.
    Text is NFC-normalized first where the engine can, so a letter written as base + combining accent
    (e + U+0301) stays the letter é instead of losing its accent. White space is the ASCII kind (space, tab,
    line feed, vertical tab, form feed, carriage return) and Unicode space separators (no-break space, em space…).
-#}
{% macro normalize_question_text(expression) -%}
    {{ return(adapter.dispatch('normalize_question_text', 'support_metrics')(expression)) }}
{%- endmacro %}

{#- DuckDB: RE2 with Unicode classes. -#}
{% macro duckdb__normalize_question_text(expression) -%}
    trim(regexp_replace(
        regexp_replace(lower(nfc_normalize({{ expression }})), '[^\p{L}\p{N}_\s\v\p{Z}]', '', 'g'),
        '[\s\v\p{Z}]+', ' ', 'g'
    ))
{%- endmacro %}

{#- PostgreSQL 13+: POSIX classes, Unicode-aware under a UTF-8 database. -#}
{% macro postgres__normalize_question_text(expression) -%}
    trim(regexp_replace(
        regexp_replace(lower(normalize({{ expression }}, nfc)), '[^[:alnum:]_[:space:]]', '', 'g'),
        '[[:space:]]+', ' ', 'g'
    ))
{%- endmacro %}

{#-
    Spark: Java regular expressions (regexp_replace replaces every match). Spark SQL has no NFC function;
    ICU4J, which Spark 4 ships for collations, has a static one that `reflect` can call (not with a null).
-#}
{% macro spark__normalize_question_text(expression) -%}
    trim(regexp_replace(
        regexp_replace(
            lower(case when {{ expression }} is not null
                then reflect('com.ibm.icu.text.Normalizer', 'compose', {{ expression }}, false) end),
            '[^\\p{L}\\p{N}_\\s\\p{Z}\\x0B]', ''
        ),
        '[\\s\\p{Z}\\x0B]+', ' '
    ))
{%- endmacro %}

{#- Any other engine with POSIX-style regexp_replace(text, pattern, replacement, flags). -#}
{% macro default__normalize_question_text(expression) -%}
    trim(regexp_replace(
        regexp_replace(lower({{ expression }}), '[^[:alnum:]_[:space:]]', '', 'g'),
        '[[:space:]]+', ' ', 'g'
    ))
{%- endmacro %}
