{#
    One row per day × channel × intent × resolution path with conversations (docs/metrics.md §1, §3, §4): counts
    and sums beside which every daily rate can be recomputed after any roll-up. Survey counts fall in the
    day of the conversation they answer.
#}
with

conversations as (
    select * from {{ ref('fct_conversations') }}
),

responses as (
    select * from {{ ref('fct_survey_responses') }}
),

survey_counts as (
    select
        conversation_id,
        count(case when survey_type = 'csat' then 1 end) as csat_response_count,
        count(case when survey_type = 'csat' and is_satisfied then 1 end) as csat_satisfied_count,
        count(case when survey_type = 'ces' then 1 end) as ces_response_count,
        sum(case when survey_type = 'ces' then score else 0 end) as ces_score_sum
    from responses
    where survey_type in ('csat', 'ces')
    group by conversation_id
),

final as (
    select
        conversations.created_date as date,
        conversations.channel,
        conversations.intent,
        conversations.resolution_path,
        count(*) as conversation_count,
        count(case when conversations.is_resolved then 1 end) as resolved_count,
        count(case when conversations.is_escalated then 1 end) as escalated_count,
        count(case when conversations.is_bot_involved then 1 end) as bot_involved_count,
        count(case when conversations.is_zero_response then 1 end) as zero_response_count,
        cast(sum(conversations.bot_message_count) as {{ dbt.type_bigint() }}) as bot_message_count,
        cast(sum(conversations.fallback_message_count) as {{ dbt.type_bigint() }}) as fallback_message_count,
        coalesce(sum(conversations.first_response_seconds), 0) as first_response_seconds_sum,
        count(conversations.first_response_seconds) as first_response_count,
        count(conversations.is_intent_match) as intent_labeled_count,
        count(case when conversations.is_intent_match then 1 end) as intent_match_count,
        count(case when conversations.has_lead then 1 end) as lead_count,
        cast(coalesce(sum(survey_counts.csat_response_count), 0) as {{ dbt.type_bigint() }}) as csat_response_count,
        cast(coalesce(sum(survey_counts.csat_satisfied_count), 0) as {{ dbt.type_bigint() }}) as csat_satisfied_count,
        cast(coalesce(sum(survey_counts.ces_response_count), 0) as {{ dbt.type_bigint() }}) as ces_response_count,
        coalesce(sum(survey_counts.ces_score_sum), 0) as ces_score_sum
    from conversations
    left join survey_counts on conversations.conversation_id = survey_counts.conversation_id
    group by conversations.created_date, conversations.channel, conversations.intent, conversations.resolution_path
)

select * from final
