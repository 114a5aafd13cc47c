{#
    One row per conversation: its latest version (raw-data-contract.md "Records are versioned"); enums normalized,
    subject masked (metrics.md §9).
#}
with

source as (
    select * from {{ source('helpdesk', 'conversations') }}
),

ranked as (
    {{ deduplicate_rows('source', 'conversation_id', keep='latest_version') }}
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
        _key_row_count - 1 as superseded_version_count,
        cast(created_at as {{ dbt.type_timestamp() }}) as created_at,
        cast(updated_at as {{ dbt.type_timestamp() }}) as updated_at,
        cast(resolved_at as {{ dbt.type_timestamp() }}) as resolved_at,
        cast(closed_at as {{ dbt.type_timestamp() }}) as closed_at,
        _source_file,
        _source_row,
        _load_id,
        _loaded_at
    from ranked
    where _row_rank = 1
)

select * from final
