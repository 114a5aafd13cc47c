{#
    One row per conversation (latest version): the facts of docs/metrics.md §1 with the issue it belongs to (§2),
    the customer's current account and its allocated support cost (§6). The base of every conversation mart.
    Incremental, by conversation (docs/incremental.md): a run recomputes every conversation whose row a load or
    the moving as-of time can change:
    - of the customers of the conversations a load touched, now and before (their issues are stitched again), and
      of the customers with a new version in billing (their account);
    - of the months of those touched conversations, now and before, and of the months a load added a ledger row to
      (a month's conversations share its cost);
    - still running an SLA clock, or open (the SLA status and the zero-response flag age with the as-of time), when
      their row was computed at another as-of time (computed_as_of_at): with nothing new, nothing is recomputed.
    last_load_id is the latest load among the conversation, its customer's billing row and its month's ledger.
#}
{{ config(large_fact_config('conversation_id', spark_partition_by='last_load_id')) }}
-- depends_on: {{ ref('stg_finance__support_costs') }}

with

as_of as (
    select * from {{ ref('int_as_of') }}
),

{% if is_incremental() %}
    touched_conversations as (
        select
            conversation_id,
            customer_id,
            cast({{ dbt.date_trunc('month', 'created_at') }} as date) as month
        from {{ ref('int_conversations_enriched') }}
        where last_load_id > {{ incremental_watermark('last_load_id') }}
    ),

    previous as (
        -- the touched conversations as this table holds them: a new version may move one to another customer or month
        select
            conversation_id,
            customer_id,
            cast({{ dbt.date_trunc('month', 'created_date') }} as date) as month
        from {{ this }}
        where conversation_id in (select touched_conversations.conversation_id from touched_conversations)
    ),

    touched_now_and_before as (
        select customer_id, month from touched_conversations
        union all
        select customer_id, month from previous
    ),

    touched_customers as (
        select customer_id from touched_now_and_before
        union
        -- a new billing version: the customer's account
        select customer_id from {{ ref('stg_billing__customers') }}
        where _load_id > {{ incremental_watermark('last_load_id') }}
    ),

    touched_months as (
        select month from touched_now_and_before
        union
        -- a new ledger row: the month's cost shares
        select month from {{ ref('stg_finance__support_costs') }}
        where _load_id > {{ incremental_watermark('last_load_id') }}
    ),

    recomputed as (
        -- one union, not an `or` of subqueries (Spark 4 fails to run that plan)
        select conversation_id from {{ ref('int_conversations_enriched') }}
        where customer_id in (select touched_customers.customer_id from touched_customers)
        union
        select conversation_id from {{ ref('int_conversations_enriched') }}
        where
            cast({{ dbt.date_trunc('month', 'created_at') }} as date)
            in (select touched_months.month from touched_months)
        union
        {{ conversations_with_stale_clocks() }}
    ),
{% endif %}

conversations as (
    select * from {{ ref('int_conversations_enriched') }}
    {% if is_incremental() %}
        where conversation_id in (select recomputed.conversation_id from recomputed)
    {% endif %}
),

stitched as (
    select * from {{ ref('int_conversations_stitched_into_issues') }}
),

customers as (
    select * from {{ ref('stg_billing__customers') }}
),

costs as (
    select * from {{ ref('int_conversation_costs_allocated') }}
),

business_timings as (
    select * from {{ ref('int_conversations_business_timed') }}
),

sla as (
    select * from {{ ref('int_conversations_sla_judged') }}
),

reopens as (
    select * from {{ ref('int_conversations_reopens_counted') }}
),

sla_statuses as (
    select
        conversation_id,
        max(case when sla_metric = 'first_human_response' then sla_status end) as first_human_response_sla_status,
        max(case when sla_metric = 'resolution' then sla_status end) as resolution_sla_status
    from sla
    group by conversation_id
),

final as (
    select
        conversations.conversation_id,
        stitched.issue_id,
        conversations.customer_id,
        customers.account_id,
        conversations.channel,
        conversations.intent,
        conversations.intent_category,
        conversations.status,
        conversations.resolution_path,
        conversations.escalation_reason,
        conversations.bot_intent,
        conversations.agent_intent,
        conversations.bot_intent_confidence,
        conversations.first_response_seconds,
        conversations.first_useful_response_seconds,
        conversations.first_human_response_seconds,
        conversations.resolution_seconds,
        business_timings.first_human_response_business_seconds,
        business_timings.resolution_business_seconds,
        sla_statuses.first_human_response_sla_status,
        sla_statuses.resolution_sla_status,
        coalesce(reopens.reopen_count, 0) as reopen_count,
        conversations.depth,
        conversations.bot_message_count,
        conversations.fallback_message_count,
        conversations.agent_message_count,
        conversations.human_request_count,
        coalesce(costs.allocated_cost, 0) as allocated_cost,
        conversations.is_resolved,
        conversations.is_bot_involved,
        conversations.is_human_involved,
        conversations.is_escalated,
        conversations.is_context_transferred,
        conversations.is_escalated
        and conversations.is_resolved
        and stitched.is_last_in_issue as is_post_escalation_resolved,
        conversations.is_forced_containment,
        conversations.is_intent_match,
        conversations.has_lead,
        stitched.is_deflection_leakage,
        stitched.is_last_in_issue,
        conversations.resolution_path = 'no_response'
        and (
            conversations.status != 'open'
            or {{ seconds_between('conversations.created_at', 'as_of.as_of_at') }}
            > {{ var('zero_response_hours') * 3600 }}
        ) as is_zero_response,
        cast(conversations.created_at as date) as created_date,
        conversations.created_at,
        conversations.resolved_at,
        conversations.closed_at,
        conversations.escalated_at,
        conversations.lead_captured_at,
        cast(greatest(
            conversations.last_load_id, coalesce(customers._load_id, 0), coalesce(costs.last_load_id, 0)
        ) as {{ dbt.type_bigint() }}) as last_load_id,
        as_of.as_of_at as computed_as_of_at
    from conversations
    inner join stitched on conversations.conversation_id = stitched.conversation_id
    cross join as_of
    left join customers on conversations.customer_id = customers.customer_id
    left join costs on conversations.conversation_id = costs.conversation_id
    left join business_timings on conversations.conversation_id = business_timings.conversation_id
    left join sla_statuses on conversations.conversation_id = sla_statuses.conversation_id
    left join reopens on conversations.conversation_id = reopens.conversation_id
)

select * from final
