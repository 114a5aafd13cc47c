{#
    One row per counted survey response (metrics.md §3): CSAT and CES, the latest response per conversation
    (ties by the greater response_id), inheriting the conversation's channel, intent and path; NPS, the latest
    per customer and quarter, with the account's tenure band and support journey over the 90 days before.
#}
{% set window_days = var('journey_window_days') %}

with

responses as (
    select * from {{ ref('stg_survey__responses') }}
),

conversations as (
    select * from {{ ref('int_conversations_enriched') }}
),

issues as (
    select * from {{ ref('int_issues_summarized') }}
),

customers as (
    select * from {{ ref('stg_billing__customers') }}
),

accounts as (
    select * from {{ ref('stg_billing__accounts') }}
),

ranked as (
    select
        *,
        row_number() over (
            partition by
                survey_type,
                case
                    when survey_type = 'nps'
                        then customer_id || '|' || cast(
                                cast({{ dbt.date_trunc('quarter', 'responded_at') }} as date) as {{ dbt.type_string() }}
                            )
                    else conversation_id
                end
            order by responded_at desc, response_id desc
        ) as response_rank
    from responses
),

counted as (
    select
        ranked.response_id,
        ranked.survey_type,
        ranked.conversation_id,
        ranked.customer_id,
        customers.account_id,
        ranked.score,
        ranked.scale_min,
        ranked.scale_max,
        ranked.score_normalized,
        ranked.responded_at
    from ranked
    left join customers on ranked.customer_id = customers.customer_id
    where ranked.response_rank = 1
),

account_issues as (
    select
        customers.account_id,
        issues.opened_at,
        issues.is_settled and not issues.is_resolved as is_unresolved,
        issues.conversation_count > 1 as is_repeat,
        issues.issue_path = 'ai_to_human' as is_escalated_path
    from issues
    inner join customers on issues.customer_id = customers.customer_id
),

nps_journeys as (
    select
        counted.response_id,
        count(account_issues.opened_at) as issue_count,
        count(case when account_issues.is_unresolved then 1 end) as unresolved_count,
        count(case when account_issues.is_repeat then 1 end) as repeat_count,
        count(case when account_issues.is_escalated_path then 1 end) as escalated_count
    from counted
    left join account_issues
        on
            counted.account_id = account_issues.account_id
            and account_issues.opened_at >= {{ dbt.dateadd('day', -window_days, 'counted.responded_at') }}
            and counted.responded_at > account_issues.opened_at
    where counted.survey_type = 'nps'
    group by counted.response_id
),

tenure as (
    -- account age in days at the response: the difference of the two UTC calendar dates
    select
        counted.response_id,
        {{ dbt.datediff('cast(accounts.created_at as date)', 'cast(counted.responded_at as date)', 'day') }}
            as tenure_days
    from counted
    inner join accounts on counted.account_id = accounts.account_id
),

final as (
    select
        counted.response_id,
        counted.survey_type,
        counted.conversation_id,
        counted.customer_id,
        counted.account_id,
        case when counted.survey_type != 'nps' then conversations.channel end as channel,
        case when counted.survey_type != 'nps' then conversations.intent end as intent,
        case when counted.survey_type != 'nps' then conversations.resolution_path end as resolution_path,
        case
            when counted.survey_type != 'nps' then null
            when counted.score >= 9 then 'promoter'
            when counted.score >= 7 then 'passive'
            else 'detractor'
        end as nps_category,
        case
            when counted.survey_type != 'nps' or accounts.created_at is null then null
            when tenure.tenure_days < 90 then '<90d'
            when tenure.tenure_days < 365 then '90d-1y'
            when tenure.tenure_days < 730 then '1y-2y'
            else '2y+'
        end as tenure_band,
        case
            when counted.survey_type = 'nps' and counted.account_id is not null
                then {{ support_journey('nps_journeys.issue_count', 'nps_journeys.unresolved_count',
                                        'nps_journeys.repeat_count', 'nps_journeys.escalated_count') }}
        end as support_journey,
        counted.score,
        counted.scale_min,
        counted.scale_max,
        counted.score_normalized,
        case when counted.survey_type = 'csat' then counted.score_normalized >= 0.75 end as is_satisfied,
        case when counted.survey_type = 'ces' then counted.score >= 5 end as is_ces_easy,
        counted.responded_at
    from counted
    left join conversations on counted.conversation_id = conversations.conversation_id
    left join accounts on counted.account_id = accounts.account_id
    left join nps_journeys on counted.response_id = nps_journeys.response_id
    left join tenure on counted.response_id = tenure.response_id
)

select * from final
