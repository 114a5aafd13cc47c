{#
    Schemas are exactly the names the folders configure (raw, staging, intermediate, marts),
    not dbt's default <target_schema>_<custom_schema>: BI tools and grants name them directly.
#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema | trim }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
