{#-
    The load an incremental model has seen up to: the highest `column` (a _load_id) in the model's
    own table, less var incremental_lookback_loads, so the last loads are processed again (replacing rows
    by key makes that idempotent). Loads are numbered in arrival order, so a late-arriving row, however old its
    created_at, is in a load above the watermark.
    A table built before its model became incremental lacks the column: the run stops with what to do.
-#}
{% macro incremental_watermark(column) -%}
    {%- if execute and this is not string -%}  {#- a unit test's `this` is its fixture, not a table -#}
        {%- set names = adapter.get_columns_in_relation(this) | map(attribute='name') | map('lower') | list -%}
        {%- if column | lower not in names -%}
            {{ exceptions.raise_compiler_error(this ~ " was built before this model became incremental (it has no "
               ~ column ~ " column): rebuild it once with `support-metrics build --full-refresh` "
               ~ "(or `dbt run --full-refresh --select " ~ this.identifier ~ "`)") }}
        {%- endif -%}
    {%- endif -%}
    (select coalesce(max({{ column }}), 0) - {{ var('incremental_lookback_loads') }} from {{ this }})
{%- endmacro %}
