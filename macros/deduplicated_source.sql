{#-
    The rows of one raw table that staging keeps, one per key, as docs/raw-data.md "Records are
    versioned, not unique" says; key and keep mode come from the contract (contract_table):
    - latest_version (versioned tables): the latest updated_at, ties broken by the file loaded last
      (_load_id, then the path's byte order), then the later row in that file; the other rows of the
      key are counted as superseded_version_count;
    - first_loaded (append-only tables): the first copy in load order; the others are counted as
      dropped_duplicate_count.
    Every raw column is kept, plus that count (and _row_rank, always 1).
    incremental=true makes the model incremental (by key; see incremental_watermark.sql and large_fact_config)
    and an incremental run restages only the keys that loads it has not seen brought, from every copy
    of each, so the kept copy and the count stay exact.
-#}
{% macro deduplicated_source(source_name, table_name, incremental=false) -%}
    {%- set table = contract_table(source_name, table_name) -%}
    {%- if table.keep == 'latest_version' -%}
        {%- set order_by = 'updated_at desc, _load_id desc, _source_file desc, _source_row desc' -%}
        {%- set count_column = 'superseded_version_count' -%}
    {%- else -%}
        {%- set order_by = '_load_id, _source_file, _source_row' -%}
        {%- set count_column = 'dropped_duplicate_count' -%}
    {%- endif -%}
    {%- if incremental -%}
        {{ config(large_fact_config(table.key, spark_partition_by='_load_id')) }}
    {%- endif -%}
    select ranked.*
    from (
        select
            raw_rows.*,
            row_number() over (partition by raw_rows.{{ table.key }} order by {{ order_by }}) as _row_rank,
            count(*) over (partition by raw_rows.{{ table.key }}) - 1 as {{ count_column }}
        from {{ raw_relation(source_name, table_name) }} as raw_rows
        {%- if incremental and is_incremental() %}
        where raw_rows.{{ table.key }} in (
            select new_rows.{{ table.key }} from {{ raw_relation(source_name, table_name) }} as new_rows
            where new_rows._load_id > {{ incremental_watermark('_load_id') }}
        )
        {%- endif %}
    ) as ranked
    where ranked._row_rank = 1
{%- endmacro %}


{#- The raw table's timestamp columns (from the contract, in its order), each cast to the warehouse's timestamp. -#}
{% macro staged_timestamps(source_name, table_name) -%}
    {%- for column in contract_table(source_name, table_name).timestamps %}
        cast({{ column }} as {{ dbt.type_timestamp() }}) as {{ column }},
    {%- endfor %}
{%- endmacro %}
