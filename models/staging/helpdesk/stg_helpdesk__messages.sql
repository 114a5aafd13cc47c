{#
    One row per message (append-only; a repeated message_id keeps its first copy in load order); enums normalized,
    body masked (docs/metrics.md §9).
    Incremental (large and append-only; deduplicated_source sets it up): a run restages the ids that loads it has
    not seen brought.
#}
with

messages as (
    {{ deduplicated_source('helpdesk', 'messages', incremental=true) }}
),

final as (
    select
        message_id,
        conversation_id,
        author_id,
        {{ normalize_enum('author_type') }} as author_type,
        {{ normalize_enum('message_kind') }} as message_kind,
        {{ mask_personal_data('body') }} as body,
        dropped_duplicate_count,
        {{ staged_timestamps('helpdesk', 'messages') }}
        {{ lineage_columns() }}
    from messages
)

select * from final
