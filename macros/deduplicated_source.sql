{#-
    The rows of one raw table that staging keeps, one per key, as docs/raw-data.md "Records are
    versioned, not unique" says; key and keep mode come from the contract (contract_table):
    - latest_version (versioned tables): the latest updated_at, ties broken by the file loaded last
      (_load_id, then the path's byte order), then the later row in that file; the other rows of the
      key are counted as superseded_version_count;
    - first_loaded (append-only tables): the first copy in load order; the others are counted as
      dropped_duplicate_count.
    Every raw column is kept, plus that count (and _row_rank, always 1). From a raw table, only the keys
    with several copies go through the window; the rest (at 1M conversations, every message) skip its sort.
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
    {%- set raw_table = raw_relation(source_name, table_name) -%}
    {%- set key = table.key -%}
    {%- if source_tool(source_name) == 'contract' -%}
        {#- A raw table: only the keys with several copies go through the window, the others are kept as they are. -#}
        {%- set several_copies -%}
            select copies.{{ key }} from {{ raw_table }} as copies
            where copies.{{ key }} is not null{{ deduplicated_scope(table, raw_table, 'copies', incremental) }}
            group by copies.{{ key }}
            having count(*) > 1
        {%- endset -%}
        {%- set ranked_rows = '(raw_rows.' ~ key ~ ' is null or raw_rows.' ~ key ~ ' in (' ~ several_copies ~ '))' -%}
    {%- else -%}
        {#- A tool's adapter view: one pass, as reading it three times would compute it three times. -#}
        {%- set ranked_rows = 'true' -%}
    {%- endif %}
    select ranked.*
    from (
        select
            raw_rows.*,
            row_number() over (partition by raw_rows.{{ key }} order by {{ order_by }}) as _row_rank,
            count(*) over (partition by raw_rows.{{ key }}) - 1 as {{ count_column }}
        from {{ raw_table }} as raw_rows
        where {{ ranked_rows }}{{ deduplicated_scope(table, raw_table, 'raw_rows', incremental) }}
    ) as ranked
    where ranked._row_rank = 1
    {%- if source_tool(source_name) == 'contract' %}
    union all
    select
        raw_rows.*,
        cast(1 as {{ dbt.type_bigint() }}) as _row_rank,
        cast(0 as {{ dbt.type_bigint() }}) as {{ count_column }}
    from {{ raw_table }} as raw_rows
    where raw_rows.{{ key }} not in ({{ several_copies }}){{ deduplicated_scope(table, raw_table, 'raw_rows', incremental) }}
    {%- endif %}
{%- endmacro %}


{#- An incremental run's condition on the raw rows `alias` names: their key came in a load it has not seen. -#}
{% macro deduplicated_scope(table, raw_table, alias, incremental) -%}
    {%- if incremental and is_incremental() %}
        and {{ alias }}.{{ table.key }} in (
            select new_rows.{{ table.key }} from {{ raw_table }} as new_rows
            where new_rows._load_id > {{ incremental_watermark('_load_id') }}
        )
    {%- endif %}
{%- endmacro %}


{#- The raw table's timestamp columns (from the contract, in its order), each cast to the warehouse's timestamp. -#}
{% macro staged_timestamps(source_name, table_name) -%}
    {%- for column in contract_table(source_name, table_name).timestamps %}
        cast({{ column }} as {{ dbt.type_timestamp() }}) as {{ column }},
    {%- endfor %}
{%- endmacro %}
