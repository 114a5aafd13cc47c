{#
    One row per issue (docs/metrics.md §2): its conversations and channels, path, resolution, whether it is
    settled at the as-of time, and FCR, re-contact, cross-channel and true deflection (settled issues only).
#}
{% set window_seconds = var('recontact_window_days') * 86400 %}

with

stitched as (
    select * from {{ ref('int_conversations_stitched_into_issues') }}
),

as_of as (
    select * from {{ ref('int_as_of') }}
),

issue_facts as (
    select
        issue_id,
        min(customer_id) as customer_id,
        min(intent) as intent,
        count(*) as conversation_count,
        count(distinct channel) as channel_count,
        max(case when conversation_sequence = 1 then channel end) as first_channel,
        min(created_at) as opened_at,
        max(case when is_last_in_issue then status end) as last_status,
        max(case when is_last_in_issue then resolved_at end) as last_resolved_at,
        count(case when status = 'open' then 1 end) as open_conversation_count,
        max(closed_at) as last_closed_at,
        count(case when resolution_path != 'no_response' then 1 end) as responded_conversation_count,
        count(case when resolution_path = 'ai_only' then 1 end) as ai_only_conversation_count,
        count(case when resolution_path = 'ai_to_human' then 1 end) as ai_to_human_conversation_count,
        count(case when is_deflection_leakage then 1 end) as deflection_leakage_count
    from stitched
    group by issue_id
),

summarized as (
    select
        issue_facts.issue_id,
        issue_facts.customer_id,
        issue_facts.intent,
        issue_facts.first_channel,
        case
            when issue_facts.responded_conversation_count = 0 then 'no_response'
            when issue_facts.ai_only_conversation_count = issue_facts.responded_conversation_count then 'ai_only'
            when issue_facts.ai_only_conversation_count + issue_facts.ai_to_human_conversation_count = 0
                then 'human_only'
            else 'ai_to_human'
        end as issue_path,
        issue_facts.conversation_count,
        issue_facts.channel_count,
        issue_facts.deflection_leakage_count,
        issue_facts.last_status = 'resolved' as is_resolved,
        issue_facts.open_conversation_count = 0
        and {{ seconds_between('issue_facts.last_closed_at', 'as_of.as_of_at') }} > {{ window_seconds }}
            as is_settled,
        issue_facts.conversation_count > 1 as is_recontacted,
        issue_facts.channel_count > 1 as is_cross_channel,
        issue_facts.opened_at,
        case when issue_facts.last_status = 'resolved' then issue_facts.last_resolved_at end as resolved_at,
        as_of.as_of_at
    from issue_facts
    cross join as_of
),

outcomes as (
    select
        *,
        is_settled and is_resolved and conversation_count = 1 as is_fcr
    from summarized
),

final as (
    select
        *,
        is_fcr and issue_path = 'ai_only' as is_deflected
    from outcomes
)

select * from final
