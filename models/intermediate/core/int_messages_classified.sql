{#
    One row per message with the flags docs/metrics.md §1 defines: public (not an internal note),
    conversational (text or fallback), a response (public bot or agent message, or anyone's auto_ack),
    a useful response (bot or agent text). Incremental: messages are append-only, so each run adds the
    messages of the loads it has not seen (metrics need no message twice: staging keeps the first copy).
    Bodies stay in staging: writing 7M of them again cost more than any flag here.
#}
{{ config(large_fact_config('message_id', spark_partition_by='_load_id')) }}

with

messages as (
    select * from {{ ref('stg_helpdesk__messages') }}
    {% if is_incremental() %}
        where _load_id > {{ incremental_watermark('_load_id') }}
    {% endif %}
),

final as (
    select
        message_id,
        conversation_id,
        author_type,
        author_id,
        message_kind,
        message_kind != 'internal_note' as is_public,
        message_kind in ('text', 'fallback') as is_conversational,
        (author_type in ('bot', 'agent') and message_kind != 'internal_note')
        or message_kind = 'auto_ack' as is_response,
        author_type in ('bot', 'agent') and message_kind = 'text' as is_useful_response,
        author_type = 'bot' and message_kind in ('text', 'fallback') as is_bot_message,
        author_type = 'bot' and message_kind = 'fallback' as is_fallback,
        author_type = 'agent' and message_kind in ('text', 'fallback') as is_agent_message,
        created_at,
        _load_id
    from messages
)

select * from final
