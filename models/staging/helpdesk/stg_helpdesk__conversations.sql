{#
    One row per conversation: its latest version (docs/raw-data.md "Records are versioned"); enums normalized,
    subject masked (docs/metrics.md §9).
#}
with

conversations as (
    {{ deduplicated_source('helpdesk', 'conversations') }}
),

final as (
    select
        conversation_id,
        customer_id,
        {{ normalize_enum('channel') }} as channel,
        {{ normalize_enum('status') }} as status,
        {{ normalize_enum('bot_intent') }} as bot_intent,
        cast(bot_intent_confidence as {{ type_double() }}) as bot_intent_confidence,
        {{ normalize_enum('agent_intent') }} as agent_intent,
        {{ mask_personal_data('subject') }} as subject,
        superseded_version_count,
        {{ staged_timestamps('helpdesk', 'conversations') }}
        {{ lineage_columns() }}
    from conversations
)

select * from final
