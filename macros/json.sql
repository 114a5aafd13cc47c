{#-
    Portable reads of JSON text (a connector's nested fields, such as Airbyte's objects and arrays, landed as
    JSON columns or as JSON text). Both take the column as text (cast it to the string type first).
-#}

{#-
    The text at `path` (keys separated by dots: 'channel', 'source.rel') of a JSON object: a string's value, a
    number's or boolean's text, an object's or array's JSON text; null when the path is absent.
-#}
{% macro json_text(column, path) -%}
    {{ return(adapter.dispatch('json_text', 'support_metrics')(column, path)) }}
{%- endmacro %}

{% macro default__json_text(column, path) -%}
    json_extract_string({{ column }}, '$.{{ path }}')
{%- endmacro %}

{% macro postgres__json_text(column, path) -%}
    (cast({{ column }} as jsonb) #>> {{ "'{" ~ path.split('.') | join(',') ~ "}'" }})
{%- endmacro %}

{% macro spark__json_text(column, path) -%}
    get_json_object({{ column }}, '$.{{ path }}')
{%- endmacro %}

{#-
    One row per element of a JSON array, as text (a string's value, an object's JSON text), for a select list:
    `select id, {{ json_array_elements('tags') }} as tag from tickets`. A null or empty array gives no rows.
-#}
{% macro json_array_elements(column) -%}
    {{ return(adapter.dispatch('json_array_elements', 'support_metrics')(column)) }}
{%- endmacro %}

{% macro default__json_array_elements(column) -%}
    unnest(json_extract_string({{ column }}, '$[*]'))
{%- endmacro %}

{% macro postgres__json_array_elements(column) -%}
    jsonb_array_elements_text(cast({{ column }} as jsonb))
{%- endmacro %}

{% macro spark__json_array_elements(column) -%}
    explode(from_json({{ column }}, 'array<string>'))
{%- endmacro %}
