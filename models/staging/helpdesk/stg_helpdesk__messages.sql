{#
    One row per message (append-only; a repeated message_id keeps its first copy in load order); enums normalized,
    body masked (metrics.md §9).
#}
with

source as (
    select * from {{ source('helpdesk', 'messages') }}
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
