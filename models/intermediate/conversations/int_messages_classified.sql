{#
    One row per message with the flags metrics.md §1 defines: public (not an internal note),
    conversational (text or fallback), a response (public bot or agent message, or anyone's auto_ack),
    a useful response (bot or agent text).
#}
with

messages as (
    select * from {{ ref('stg_helpdesk__messages') }}
),

final as (
    select
        message_id,
        conversation_id,
        author_type,
        author_id,
        message_kind,
        body,
        message_kind != 'internal_note' as is_public,
        message_kind in ('text', 'fallback') as is_conversational,
        (author_type in ('bot', 'agent') and message_kind != 'internal_note')
        or message_kind = 'auto_ack' as is_response,
        author_type in ('bot', 'agent') and message_kind = 'text' as is_useful_response,
        author_type = 'bot' and message_kind in ('text', 'fallback') as is_bot_message,
        author_type = 'bot' and message_kind = 'fallback' as is_fallback,
        author_type = 'agent' and message_kind in ('text', 'fallback') as is_agent_message,
        created_at
    from messages
)

select * from final
