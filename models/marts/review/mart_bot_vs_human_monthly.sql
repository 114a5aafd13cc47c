{#
    One row per month × intent × handler (docs/metrics.md §11): bot = ai_only conversations, human = human_only
    and ai_to_human (no_response excluded); resolution rate, median resolution time, cost per resolution
    and CSAT on the same intent, side by side.
#}
with

conversations as (
    select * from {{ ref('fct_conversations') }}
),

responses as (
    select * from {{ ref('fct_survey_responses') }}
),

csat as (
    select
        conversation_id,
        count(*) as csat_response_count,
        count(case when is_satisfied then 1 end) as csat_satisfied_count
    from responses
    where survey_type = 'csat'
    group by conversation_id
),

handled as (
    select
        cast({{ dbt.date_trunc('month', 'conversations.created_at') }} as date) as month,
        conversations.intent,
        case when conversations.resolution_path = 'ai_only' then 'bot' else 'human' end as handler,
        conversations.is_resolved,
        case when conversations.is_resolved then conversations.resolution_seconds end as resolved_seconds,
        conversations.allocated_cost,
        coalesce(csat.csat_response_count, 0) as csat_response_count,
        coalesce(csat.csat_satisfied_count, 0) as csat_satisfied_count
    from conversations
    left join csat on conversations.conversation_id = csat.conversation_id
    where conversations.resolution_path != 'no_response'
),

counted as (
    select
        month,
        intent,
        handler,
        count(*) as conversation_count,
        count(case when is_resolved then 1 end) as resolved_count,
        {{ median('resolved_seconds') }} as resolution_median_seconds,
        sum(allocated_cost) as allocated_cost,
        cast(sum(csat_response_count) as {{ dbt.type_bigint() }}) as csat_response_count,
        cast(sum(csat_satisfied_count) as {{ dbt.type_bigint() }}) as csat_satisfied_count
    from handled
    group by month, intent, handler
),

final as (
    -- the published column order is the contract's (the YAML), each rate beside its parts
    select
        *,
        {{ rate_columns({
            'resolution_rate': ['resolved_count', 'conversation_count'],
            'cost_per_resolution': ['allocated_cost', 'resolved_count'],
            'csat': ['csat_satisfied_count', 'csat_response_count'],
        }) }}
    from counted
)

select * from final
