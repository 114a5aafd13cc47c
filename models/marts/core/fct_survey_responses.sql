{#
    One row per counted survey response (docs/metrics.md §3): the latest CSAT or CES response per conversation,
    the latest NPS response per customer and quarter; CSAT and CES inherit the conversation's channel,
    intent and resolution path, NPS none.
#}
with

responses as (
    select * from {{ ref('int_survey_responses_attributed') }}
),

final as (
    select
        response_id,
        survey_type,
        conversation_id,
        customer_id,
        account_id,
        channel,
        intent,
        resolution_path,
        nps_category,
        tenure_band,
        support_journey,
        score,
        scale_min,
        scale_max,
        score_normalized,
        is_satisfied,
        is_ces_easy,
        responded_at,
        conversation_created_at
    from responses
)

select * from final
