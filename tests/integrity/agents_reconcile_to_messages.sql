{#
    The agent mart reconciles with staging (docs/metrics.md#reply_count): its reply_count adds up to the human
    agents' conversational messages (author_type agent, text or fallback), and its handled_conversation_count to
    the distinct conversation × agent pairs among them. Excluded, with the reason (docs/DECISIONLOG.md, "Backlog
    and agents"): messages without an author_id (no agent to credit) and messages whose conversation never
    arrived (the mart counts in the week of the conversation's created_at). Zero rows is a pass.
#}
with

messages as (
    select * from {{ ref('stg_helpdesk__messages') }}
),

conversations as (
    select * from {{ ref('fct_conversations') }}
),

agent_mart as (
    select * from {{ ref('mart_agent_weekly') }}
),

agent_messages as (
    select
        messages.conversation_id,
        messages.author_id
    from messages
    inner join conversations on messages.conversation_id = conversations.conversation_id
    where
        messages.author_type = 'agent'
        and messages.message_kind in ('text', 'fallback')
        and messages.author_id is not null
),

staged as (
    select
        count(*) as reply_count,
        count(distinct {{ dbt.concat(['conversation_id', "'|'", 'author_id']) }}) as handled_conversation_count
    from agent_messages
),

published as (
    select
        coalesce(sum(reply_count), 0) as reply_count,
        coalesce(sum(handled_conversation_count), 0) as handled_conversation_count
    from agent_mart
),

final as (
    select
        staged.reply_count,
        published.reply_count as mart_reply_count,
        staged.handled_conversation_count,
        published.handled_conversation_count as mart_handled_conversation_count
    from staged
    cross join published
)

select * from final
where
    reply_count != mart_reply_count
    or handled_conversation_count != mart_handled_conversation_count
