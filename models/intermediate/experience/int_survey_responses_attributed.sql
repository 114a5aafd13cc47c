{#
    One row per counted survey response (docs/metrics.md §3): for CSAT and CES the latest response per conversation,
    for NPS the latest per customer and quarter (latest = greatest responded_at, ties by the greater response_id).
    CSAT and CES inherit the conversation's channel, intent and resolution path; NPS inherits none. Every response
    carries its customer's current account with plan tier, segment and region, the account's tenure band at the
    response and its support journey over the journey_window_days (90) before the response (§7).
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

keyed as (
    -- what a response is counted per: its conversation (csat, ces) or its customer and quarter (nps)
    select
        *,
        case when survey_type = 'nps' then customer_id else conversation_id end as counted_per_id,
        case
            when survey_type = 'nps'
                then cast({{ dbt.date_trunc('quarter', 'responded_at') }} as date)
        end as counted_per_quarter
    from responses
),

ranked as (
    select
        *,
        row_number() over (
            partition by survey_type, counted_per_id, counted_per_quarter
            order by responded_at desc, response_id desc
        ) as response_rank
    from keyed
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

journey_windows as (
    select
        response_id,
        account_id,
        {{ dbt.dateadd('day', -window_days, 'responded_at') }} as window_start_at,
        responded_at as window_end_at
    from counted
    where account_id is not null
),

journey_issue_counts as (
    {{ support_journey_issue_counts('journey_windows', ['response_id']) }}
),

journeys as (
    select
        response_id,
        {{ support_journey('issue_count', 'unresolved_issue_count', 'repeat_contact_issue_count',
                           'escalated_issue_count') }} as support_journey
    from journey_issue_counts
),

tenures as (
    -- account age at the response: the difference of the two UTC calendar dates
    select
        counted.response_id,
        accounts.plan_tier,
        accounts.segment,
        accounts.region,
        {{ dbt.datediff('cast(accounts.created_at as date)', 'cast(counted.responded_at as date)', 'day') }}
            as account_age_days
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
        case when counted.survey_type in ('csat', 'ces') then conversations.channel end as channel,
        case when counted.survey_type in ('csat', 'ces') then conversations.intent end as intent,
        case when counted.survey_type in ('csat', 'ces') then conversations.resolution_path end as resolution_path,
        tenures.plan_tier,
        tenures.segment,
        tenures.region,
        case
            when tenures.account_age_days is null then null
            when tenures.account_age_days < 90 then '<90d'
            when tenures.account_age_days < 365 then '90d-1y'
            when tenures.account_age_days < 730 then '1y-2y'
            else '2y+'
        end as tenure_band,
        journeys.support_journey,
        case
            when counted.survey_type != 'nps' then null
            when counted.score >= 9 then 'promoter'
            when counted.score >= 7 then 'passive'
            else 'detractor'
        end as nps_category,
        tenures.account_age_days,
        counted.score,
        counted.scale_min,
        counted.scale_max,
        counted.score_normalized,
        case when counted.survey_type = 'csat' then counted.score_normalized >= 0.75 end as is_satisfied,
        case when counted.survey_type = 'ces' then counted.score >= 5 end as is_ces_easy,
        counted.responded_at,
        case when counted.survey_type in ('csat', 'ces') then conversations.created_at end as conversation_created_at
    from counted
    left join conversations on counted.conversation_id = conversations.conversation_id
    left join tenures on counted.response_id = tenures.response_id
    left join journeys on counted.response_id = journeys.response_id
)

select * from final
