{#
    One row per conversation with the issue it belongs to (docs/metrics.md §2). Per customer and intent, in
    order of created_at (ties by conversation_id), a conversation continues the issue of the previous one
    when that one is still open or closed at most recontact_window_days before it started; unknown intents
    never stitch. Gaps and islands: one lag, one running sum, no self-join. Incremental: a run re-stitches
    every conversation of the customers who have a conversation it has not seen (new, or touched by a load).
#}
{{ config(large_fact_config('conversation_id', spark_partition_by='last_load_id')) }}
{% set window_seconds = var('recontact_window_days') * 86400 %}

with

{% if is_incremental() %}
    touched_conversations as (
        select conversation_id, customer_id from {{ ref('int_conversations_enriched') }}
        where last_load_id > {{ incremental_watermark('last_load_id') }}
    ),

    touched_customers as (
        -- their customers now, and before (a new version may have moved a conversation to another customer)
        select customer_id from touched_conversations
        union
        select customer_id from {{ this }}
        where conversation_id in (select touched_conversations.conversation_id from touched_conversations)
    ),
{% endif %}

conversations as (
    select * from {{ ref('int_conversations_enriched') }}
    {% if is_incremental() %}
        where customer_id in (select touched_customers.customer_id from touched_customers)
    {% endif %}
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
        last_load_id,
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
        -- the issue's last: its place equals the issue's size (no second sort, in descending order)
        row_number() over issue_ordered = count(*) over (
            partition by customer_id, intent, issue_number
        ) as is_last_in_issue,
        created_at,
        resolved_at,
        closed_at,
        last_load_id
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
