{#
    One row per bot fallback message (metrics.md §8): the latest customer message of the same conversation
    at or before it (ties by the greater message_id), as normalized question text, with the conversation's
    intent and the week of its created_at.
#}
with

messages as (
    select * from {{ ref('int_messages_classified') }}
),

conversations as (
    select * from {{ ref('int_conversations_enriched') }}
),

numbered as (
    -- every message carries the number of customer messages at or before it
    select
        message_id,
        conversation_id,
        author_type,
        is_fallback,
        body,
        count(case when author_type = 'customer' then 1 end) over (
            partition by conversation_id
            order by created_at, message_id
            rows between unbounded preceding and current row
        ) as customer_message_number
    from messages
),

customer_messages as (
    select
        conversation_id,
        customer_message_number,
        body
    from numbered
    where author_type = 'customer'
),

final as (
    select
        numbered.message_id as fallback_message_id,
        numbered.conversation_id,
        conversations.intent,
        cast({{ dbt.date_trunc('week', 'conversations.created_at') }} as date) as week,
        {{ normalize_question_text('customer_messages.body') }} as question_text
    from numbered
    inner join conversations on numbered.conversation_id = conversations.conversation_id
    inner join customer_messages
        on
            numbered.conversation_id = customer_messages.conversation_id
            and numbered.customer_message_number = customer_messages.customer_message_number
    where numbered.is_fallback
)

select * from final
