{#
    One row per week × channel × intent × resolution path with CSAT or CES responses (docs/metrics.md §3): the
    counted responses (latest per conversation) in the week of the conversation they answer; CSAT for
    ai_only and ai_to_human side by side, never blended.
#}
with

responses as (
    select * from {{ ref('fct_survey_responses') }}
),

conversations as (
    select * from {{ ref('fct_conversations') }}
),

counted as (
    select
        cast({{ dbt.date_trunc('week', 'conversations.created_at') }} as date) as week,
        responses.channel,
        responses.intent,
        responses.resolution_path,
        count(case when responses.survey_type = 'csat' then 1 end) as csat_response_count,
        count(case when responses.survey_type = 'csat' and responses.is_satisfied then 1 end)
            as csat_satisfied_count,
        count(case when responses.survey_type = 'ces' then 1 end) as ces_response_count,
        coalesce(sum(case when responses.survey_type = 'ces' then responses.score end), 0) as ces_score_sum,
        count(case when responses.survey_type = 'ces' and responses.is_ces_easy then 1 end) as ces_easy_count
    from responses
    inner join conversations on responses.conversation_id = conversations.conversation_id
    where responses.survey_type in ('csat', 'ces')
    group by week, responses.channel, responses.intent, responses.resolution_path
),

final as (
    -- the published column order is the contract's (the YAML), each rate beside its parts
    select
        *,
        {{ rate_columns({
            'csat': ['csat_satisfied_count', 'csat_response_count'],
            'ces': ['ces_score_sum', 'ces_response_count'],
            'ces_easy_rate': ['ces_easy_count', 'ces_response_count'],
        }) }}
    from counted
)

select * from final
