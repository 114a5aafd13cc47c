{#
    One row per conversation that captured a lead (docs/metrics.md §5), in the month and channel of that conversation,
    and whether the lead converted. A lead converts when it is the one lead credited with its account's earliest
    subscription: that subscription started at or after the capture and no later than lead_conversion_window_days
    after it, and of the account's leads that qualify this one is the latest capture (last touch; ties by the
    greater conversation_id). So one subscription is one conversion, and its MRR is counted once.
#}
with

conversations as (
    select * from {{ ref('int_conversations_enriched') }}
),

customers as (
    select * from {{ ref('stg_billing__customers') }}
),

subscriptions as (
    select * from {{ ref('stg_billing__subscriptions') }}
),

leads as (
    select
        conversation_id,
        customer_id,
        channel,
        cast({{ dbt.date_trunc('month', 'created_at') }} as date) as month,
        created_at,
        lead_captured_at
    from conversations
    where lead_captured_at is not null
),

subscriptions_ranked as (
    -- earliest: the least started_at, ties by the lesser subscription_id
    select
        subscription_id,
        account_id,
        mrr,
        started_at,
        row_number() over (partition by account_id order by started_at, subscription_id) as subscription_rank
    from subscriptions
),

first_subscriptions as (
    select
        subscription_id,
        account_id,
        mrr,
        started_at
    from subscriptions_ranked
    where subscription_rank = 1
),

leads_matched as (
    select
        leads.conversation_id,
        leads.customer_id,
        customers.account_id,
        first_subscriptions.subscription_id,
        leads.channel,
        leads.month,
        first_subscriptions.mrr,
        coalesce(
            first_subscriptions.started_at >= leads.lead_captured_at
            and first_subscriptions.started_at
            <= {{ dbt.dateadd('day', var('lead_conversion_window_days'), 'leads.lead_captured_at') }},
            false
        ) as is_in_window,
        leads.created_at,
        leads.lead_captured_at,
        first_subscriptions.started_at as subscription_started_at
    from leads
    left join customers on leads.customer_id = customers.customer_id
    left join first_subscriptions on customers.account_id = first_subscriptions.account_id
),

credited_leads as (
    -- last touch: of the leads in the window, the latest capture, ties by the greater conversation_id
    select
        conversation_id,
        row_number() over (
            partition by subscription_id
            order by lead_captured_at desc, conversation_id desc
        ) = 1 as is_converted
    from leads_matched
    where is_in_window
),

judged as (
    select
        leads_matched.*,
        coalesce(credited_leads.is_converted, false) as is_converted
    from leads_matched
    left join credited_leads on leads_matched.conversation_id = credited_leads.conversation_id
),

final as (
    select
        conversation_id,
        customer_id,
        account_id,
        case when is_converted then subscription_id end as converted_subscription_id,
        channel,
        month,
        cast(case when is_converted then mrr end as {{ decimal_amount() }}) as converted_mrr,
        is_converted,
        created_at,
        lead_captured_at,
        case when is_converted then subscription_started_at end as converted_at
    from judged
)

select * from final
