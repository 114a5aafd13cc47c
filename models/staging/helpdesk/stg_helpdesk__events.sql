{#
    One row per conversation event (append-only; a repeated event_id keeps its first copy in load order); enums
    normalized.
    Incremental (large and append-only; deduplicated_source sets it up): a run restages the ids that loads it has
    not seen brought.
#}
with

events as (
    {{ deduplicated_source('helpdesk', 'events', incremental=true) }}
),

final as (
    select
        event_id,
        conversation_id,
        actor_id,
        article_id,
        {{ normalize_enum('event_type') }} as event_type,
        {{ normalize_enum('actor_type') }} as actor_type,
        {{ normalize_enum('reason') }} as reason,
        {{ normalize_enum('lead_type') }} as lead_type,
        dropped_duplicate_count,
        cast(context_transferred as {{ dbt.type_boolean() }}) as is_context_transferred,
        {{ staged_timestamps('helpdesk', 'events') }}
        {{ lineage_columns() }}
    from events
)

select * from final
