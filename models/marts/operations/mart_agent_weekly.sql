{#
    One row per week × human agent with handled conversations (docs/metrics.md §12c): the conversations the agent
    wrote in, created that week, with their resolutions, reopens and CSAT (a conversation with two agents counts
    for both), the agent's conversational messages in them, and the median first human response over the
    conversations whose first human response the agent wrote. The agent appears by id and team only.
#}
with

handled as (
    select * from {{ ref('int_conversation_agents_handled') }}
),

conversations as (
    select * from {{ ref('fct_conversations') }}
),

responses as (
    select * from {{ ref('fct_survey_responses') }}
),

csat_responses as (
    select
        conversation_id,
        is_satisfied
    from responses
    where survey_type = 'csat'
),

counted as (
    select
        cast({{ dbt.date_trunc('week', 'conversations.created_at') }} as date) as week,
        handled.agent_id,
        handled.team,
        count(*) as handled_conversation_count,
        count(case when conversations.is_resolved then 1 end) as resolved_count,
        cast(sum(handled.reply_count) as {{ dbt.type_bigint() }}) as reply_count,
        {{ median(
            'case when handled.is_first_human_responder then conversations.first_human_response_seconds end'
        ) }} as first_human_response_median_seconds,
        count(csat_responses.conversation_id) as csat_response_count,
        count(case when csat_responses.is_satisfied then 1 end) as csat_satisfied_count,
        count(case when conversations.reopen_count > 0 then 1 end) as reopened_count
    from handled
    inner join conversations on handled.conversation_id = conversations.conversation_id
    left join csat_responses on handled.conversation_id = csat_responses.conversation_id
    group by cast({{ dbt.date_trunc('week', 'conversations.created_at') }} as date), handled.agent_id, handled.team
),

final as (
    -- the published column order is the contract's (the YAML), each rate beside its parts
    select
        *,
        {{ rate_columns({'csat': ['csat_satisfied_count', 'csat_response_count']}) }}
    from counted
)

select * from final
