{#
    One row per bot fallback message (docs/metrics.md §8): the latest customer message of the same conversation at
    or before it (greatest created_at, ties by the greater message_id) and its normalized question text, with
    the conversation's intent and the ISO week of the conversation's created_at. A fallback with no customer
    message before it keeps its row with a null question.
    Incremental: a row depends only on its conversation (messages, bodies, intent, created_at), so a run
    recomputes whole the conversations a load it has not seen touched (int_conversations_enriched's
    last_load_id, which covers a new version, message or event) and replaces them by conversation_id. A
    conversation's fallbacks never vanish: messages are append-only (the first copy is kept, author and
    kind never change) and a conversation stays in int_conversations_enriched once it is there, so a touched
    conversation keeps every fallback row it had and delete+insert leaves no stale row.
#}
{{ config(large_fact_config('conversation_id', spark_partition_by='last_load_id')) }}

with

conversations as (
    select * from {{ ref('int_conversations_enriched') }}
    {% if is_incremental() %}where last_load_id > {{ incremental_watermark('last_load_id') }}{% endif %}
),

messages as (
    select * from {{ ref('int_messages_classified') }}
    {% if is_incremental() %}
        where conversation_id in (select conversations.conversation_id from conversations)
    {% endif %}
),

message_bodies as (
    select * from {{ ref('stg_helpdesk__messages') }}
    {% if is_incremental() %}
        where conversation_id in (select conversations.conversation_id from conversations)
    {% endif %}
),

customer_messages_and_fallbacks as (
    select
        message_id,
        conversation_id,
        author_type = 'customer' as is_customer_message,
        is_fallback,
        created_at
    from messages
    where author_type = 'customer' or is_fallback
),

numbered as (
    -- each message carries the number of customer messages at or before it: customer messages sort first
    -- within an instant, so one at the fallback's instant counts as before it whatever its id
    select
        *,
        count(case when is_customer_message then 1 end) over (
            partition by conversation_id
            order by created_at asc, is_customer_message desc, message_id asc
            rows between unbounded preceding and current row
        ) as customer_message_number
    from customer_messages_and_fallbacks
),

customer_messages as (
    select * from numbered
    where is_customer_message
),

fallbacks as (
    select * from numbered
    where is_fallback
),

fallbacks_with_question as (
    select
        fallbacks.message_id as fallback_message_id,
        fallbacks.conversation_id,
        customer_messages.message_id as question_message_id,
        conversations.intent,
        message_bodies.body as question_body,
        conversations.created_at as conversation_created_at,
        fallbacks.created_at as fallback_at,
        customer_messages.created_at as asked_at,
        conversations.last_load_id
    from fallbacks
    inner join conversations on fallbacks.conversation_id = conversations.conversation_id
    left join customer_messages
        on
            fallbacks.conversation_id = customer_messages.conversation_id
            and fallbacks.customer_message_number = customer_messages.customer_message_number
    left join message_bodies on customer_messages.message_id = message_bodies.message_id
),

final as (
    select
        fallback_message_id,
        conversation_id,
        question_message_id,
        intent,
        cast({{ dbt.date_trunc('week', 'conversation_created_at') }} as date) as week,
        -- a question with nothing left after normalization (say '?!') has no text
        nullif({{ normalize_question_text('question_body') }}, '') as question_text,
        fallback_at,
        asked_at,
        last_load_id
    from fallbacks_with_question
)

select * from final
