{#-
    Ranks the rows of one raw table within their key, for the staging models' dedupe
    (raw-data-contract.md, "Records are versioned, not unique"):
    - keep='latest_version' (versioned tables): the latest updated_at first, ties broken by the
      file loaded last (_load_id, then the path's byte order), then the later row in that file;
    - keep='first_loaded' (append-only tables): the first copy in load order first.
    Adds _row_rank (1 = the row staging keeps) and _key_row_count (raw rows sharing the key).
-#}
{% macro deduplicate_rows(relation, key, keep) -%}
    {%- if keep == 'latest_version' -%}
        {%- set order_by = 'updated_at desc, _load_id desc, _source_file desc, _source_row desc' -%}
    {%- elif keep == 'first_loaded' -%}
        {%- set order_by = '_load_id, _source_file, _source_row' -%}
    {%- else -%}
        {{ exceptions.raise_compiler_error("keep must be 'latest_version' or 'first_loaded', not " ~ keep) }}
    {%- endif -%}
    select
        {{ relation }}.*,
        row_number() over (partition by {{ key }} order by {{ order_by }}) as _row_rank,
        count(*) over (partition by {{ key }}) as _key_row_count
    from {{ relation }}
{%- endmacro %}
