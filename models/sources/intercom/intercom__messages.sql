{#
    Intercom conversation parts that are messages, in the contract's shape (docs/sources/intercom.md): comments
    are text, notes internal notes, the reply-time expectation Intercom sends on its own an auto_ack by the
    system; users and leads are the customer, admins agents, bots (Fin) the bot.
#}
with

parts as (
    select * from {{ ref('base_intercom__conversation_part_history') }}
    where is_current_version
),

final as (
    select
        id as message_id,
        conversation_id,
        created_at,
        case
            when part_type = 'channel_and_reply_time_expectation' then 'system'
            when author_type in ('user', 'lead', 'contact') then 'customer'
            when author_type = 'admin' then 'agent'
            when author_type = 'bot' then 'bot'
            else 'system'
        end as author_type,
        case when author_type not in ('user', 'lead', 'contact') then author_id end as author_id,
        case part_type
            when 'note' then 'internal_note'
            when 'channel_and_reply_time_expectation' then 'auto_ack'
            else 'text'
        end as message_kind,
        coalesce(body, '') as body,
        {{ connector_lineage('intercom.conversation_part_history') }}
    from parts
    where part_type in ('comment', 'note', 'channel_and_reply_time_expectation')
)

select * from final
