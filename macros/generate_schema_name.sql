{#
    Schemas are exactly the names the folders configure (raw, staging, intermediate, marts),
    not dbt's default <target_schema>_<custom_schema>: BI tools and grants name them directly.
    The marts go to $SUPPORT_MARTS_SCHEMA when it is set: write-audit-publish on PostgreSQL builds
    them into a candidate schema, audits them there, then swaps it in for `marts`.
#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema | trim }}
    {%- elif custom_schema_name | trim == 'marts' -%}
        {{ env_var('SUPPORT_MARTS_SCHEMA', 'marts') }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
