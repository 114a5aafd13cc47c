{#
    One row per conversation and human agent who handled it: wrote at least one conversational message in it
    (docs/metrics.md#handled_conversation_count). With the agent's team in the agents table's latest version
    (unassigned when null or when the agent is missing there), the agent's conversational messages in the
    conversation, and whether the agent wrote the message that ended the conversation's first human response.
    Incremental, by conversation: a run recomputes whole the conversations a load touched
    (int_conversations_enriched's last_load_id) and those handled by an agent with a new version (its team). A
    conversation never loses a row: messages are append-only and keep their author. last_load_id is the later of
    the conversation's and its agent's latest version's load.
#}
{{ config(large_fact_config('conversation_id', spark_partition_by='last_load_id')) }}

with

agents as (
    select * from {{ ref('stg_helpdesk__agents') }}
),

{% if is_incremental() %}
    recomputed as (
        -- one union, not an `or` of subqueries (Spark 4 fails to run that plan)
        select conversation_id from {{ ref('int_conversations_enriched') }}
        where last_load_id > {{ incremental_watermark('last_load_id') }}
        union
        select handled_before.conversation_id
        from {{ this }} as handled_before
        inner join agents on handled_before.agent_id = agents.agent_id
        where agents._load_id > {{ incremental_watermark('last_load_id') }}
    ),
{% endif %}

conversations as (
    select * from {{ ref('int_conversations_enriched') }}
    {% if is_incremental() %}
        where conversation_id in (select recomputed.conversation_id from recomputed)
    {% endif %}
),

messages as (
    select * from {{ ref('int_messages_classified') }}
    {% if is_incremental() %}
        where conversation_id in (select conversations.conversation_id from conversations)
    {% endif %}
),

agent_messages as (
    select
        message_id,
        conversation_id,
        author_id as agent_id,
        created_at
    from messages
    where is_agent_message
),

first_human_responses_ranked as (
    -- the message at first_human_response_at; two at the same instant: the smaller message_id (earliest)
    select
        agent_messages.conversation_id,
        agent_messages.agent_id,
        row_number() over (
            partition by agent_messages.conversation_id order by agent_messages.message_id
        ) as response_rank
    from agent_messages
    inner join conversations
        on
            agent_messages.conversation_id = conversations.conversation_id
            and agent_messages.created_at = conversations.first_human_response_at
),

handled as (
    select
        conversation_id,
        agent_id,
        count(*) as reply_count
    from agent_messages
    where agent_id is not null
    group by conversation_id, agent_id
),

final as (
    select
        handled.conversation_id,
        handled.agent_id,
        coalesce(agents.team, 'unassigned') as team,
        handled.reply_count,
        first_human_responses_ranked.conversation_id is not null as is_first_human_responder,
        cast(greatest(conversations.last_load_id, coalesce(agents._load_id, 0)) as {{ dbt.type_bigint() }})
            as last_load_id
    from handled
    inner join conversations on handled.conversation_id = conversations.conversation_id
    left join agents on handled.agent_id = agents.agent_id
    left join first_human_responses_ranked
        on
            handled.conversation_id = first_human_responses_ranked.conversation_id
            and handled.agent_id = first_human_responses_ranked.agent_id
            and first_human_responses_ranked.response_rank = 1
)

select * from final
