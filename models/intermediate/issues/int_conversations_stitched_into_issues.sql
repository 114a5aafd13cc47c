{#
    One row per conversation with the issue it belongs to (metrics.md §2). Per customer and intent, in
    order of created_at (ties by conversation_id), a conversation continues the issue of the previous one
    when that one is still open or closed at most recontact_window_days before it started; unknown intents
    never stitch. Gaps and islands: one lag, one running sum, no self-join.
#}
{% set window_seconds = var('recontact_window_days') * 86400 %}

with

conversations as (
    select * from {{ ref('int_conversations_enriched') }}
),

with_previous as (
    select
        conversation_id,
        customer_id,
        intent,
        channel,
        resolution_path,
        status,
        created_at,
        resolved_at,
        closed_at,
        lag(closed_at) over same_problem as previous_closed_at,
        lag(conversation_id) over same_problem as previous_conversation_id
    from conversations
    window same_problem as (partition by customer_id, intent order by created_at, conversation_id)
),

flagged as (
    select
        *,
        case
            when intent = 'unknown' or previous_conversation_id is null then 1
            when previous_closed_at is null then 0
            when {{ seconds_between('previous_closed_at', 'created_at') }} <= {{ window_seconds }} then 0
            else 1
        end as is_new_issue_flag
    from with_previous
),

numbered as (
    select
        *,
        sum(is_new_issue_flag) over (
            partition by customer_id, intent
            order by created_at, conversation_id
            rows between unbounded preceding and current row
        ) as issue_number
    from flagged
),

issued as (
    select
        conversation_id,
        first_value(conversation_id) over issue_ordered as issue_id,
        customer_id,
        intent,
        channel,
        resolution_path,
        status,
        row_number() over issue_ordered as conversation_sequence,
        is_new_issue_flag = 1 as is_issue_opener,
        row_number() over (
            partition by customer_id, intent, issue_number
            order by created_at desc, conversation_id desc
        ) = 1 as is_last_in_issue,
        created_at,
        resolved_at,
        closed_at
    from numbered
    window issue_ordered as (
        partition by customer_id, intent, issue_number
        order by created_at, conversation_id
        rows between unbounded preceding and current row
    )
),

final as (
    select
        *,
        -- the bot said resolved, and the customer came back about the same problem
        resolution_path = 'ai_only' and status = 'resolved' and not is_last_in_issue as is_deflection_leakage
    from issued
)

select * from final
