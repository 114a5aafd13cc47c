{#-
    The load an incremental model has seen up to: the highest `column` (a _load_id) in the model's
    own table, less var incremental_lookback_loads, so the last loads are processed again (replacing rows
    by key makes that idempotent). Loads are numbered in arrival order, so a late-arriving row, however old its
    created_at, is in a load above the watermark.
-#}
{% macro incremental_watermark(column) -%}
    (select coalesce(max({{ column }}), 0) - {{ var('incremental_lookback_loads') }} from {{ this }})
{%- endmacro %}
