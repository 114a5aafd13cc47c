{#
    One row per week × intent × escalation reason (docs/metrics.md §4): conversations that were escalated or in
    which the customer asked for a person; those never escalated carry the reason not_escalated.
#}
with

conversations as (
    select * from {{ ref('fct_conversations') }}
),

in_scope as (
    select
        cast({{ dbt.date_trunc('week', 'created_at') }} as date) as week,
        intent,
        case when is_escalated then escalation_reason else 'not_escalated' end as escalation_reason,
        is_escalated,
        is_context_transferred,
        is_post_escalation_resolved,
        is_forced_containment,
        case when is_escalated then first_human_response_seconds end as handoff_wait_seconds
    from conversations
    where is_escalated or human_request_count > 0
),

final as (
    select
        week,
        intent,
        escalation_reason,
        count(*) as conversation_count,
        count(case when is_escalated then 1 end) as escalated_count,
        count(case when is_escalated and is_context_transferred then 1 end) as context_transferred_count,
        count(case when is_post_escalation_resolved then 1 end) as post_escalation_resolved_count,
        count(case when is_forced_containment then 1 end) as forced_containment_count,
        count(handoff_wait_seconds) as handoff_wait_count,
        {{ median('handoff_wait_seconds') }} as handoff_wait_median_seconds
    from in_scope
    group by week, intent, escalation_reason
)

select * from final
