{#
    One row per message (append-only; a repeated message_id keeps its first copy in load order); enums normalized,
    body masked (metrics.md §9).
    Incremental (large and append-only): a run restages the ids that loads it has not seen brought.
#}
{{ config(materialized=large_fact_materialization(), unique_key='message_id', incremental_strategy='delete+insert',
          on_schema_change='fail') }}

with

source as (
    select * from {{ source('helpdesk', 'messages') }}
    {% if is_incremental() %}
        -- every copy of each message id a new load brought, so the first copy and the copy count stay exact
        where message_id in (
            select new_rows.message_id from {{ source('helpdesk', 'messages') }} as new_rows
            where new_rows._load_id > {{ incremental_watermark('_load_id') }}
        )
    {% endif %}
),

ranked as (
    {{ deduplicate_rows('source', 'message_id', keep='first_loaded') }}
),

final as (
    select
        message_id,
        conversation_id,
        author_id,
        {{ normalize_enum('author_type') }} as author_type,
        {{ normalize_enum('message_kind') }} as message_kind,
        {{ mask_personal_data('body') }} as body,
        _key_row_count - 1 as dropped_duplicate_count,
        cast(created_at as {{ dbt.type_timestamp() }}) as created_at,
        _source_file,
        _source_row,
        _load_id,
        _loaded_at
    from ranked
    where _row_rank = 1
)

select * from final
