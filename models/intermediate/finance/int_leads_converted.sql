{#
    One row per conversation that captured a lead (docs/metrics.md §5), in the month and channel of that conversation:
    whether the lead converted (its customer's account's earliest subscription started at or after the capture and
    no later than lead_conversion_window_days after it) and whether it is the lead that subscription is credited
    to (last touch: the latest converted lead of the account, ties by the greater conversation_id). Only the
    credited lead carries the subscription's MRR in credited_mrr, so summing it never counts a subscription twice.
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
        ) as is_converted,
        leads.created_at,
        leads.lead_captured_at,
        first_subscriptions.started_at as subscription_started_at
    from leads
    left join customers on leads.customer_id = customers.customer_id
    left join first_subscriptions on customers.account_id = first_subscriptions.account_id
),

converted_leads_ranked as (
    -- last touch: the latest lead capture before the subscription, ties by the greater conversation_id
    select
        conversation_id,
        row_number() over (
            partition by subscription_id
            order by lead_captured_at desc, conversation_id desc
        ) as touch_rank
    from leads_matched
    where is_converted
),

final as (
    select
        leads_matched.conversation_id,
        leads_matched.customer_id,
        leads_matched.account_id,
        case when leads_matched.is_converted then leads_matched.subscription_id end as converted_subscription_id,
        leads_matched.channel,
        leads_matched.month,
        case when leads_matched.is_converted then leads_matched.mrr end as converted_mrr,
        cast(
            case when converted_leads_ranked.touch_rank = 1 then leads_matched.mrr else 0 end as {{ decimal_amount() }}
        ) as credited_mrr,
        leads_matched.is_converted,
        coalesce(converted_leads_ranked.touch_rank = 1, false) as is_credited,
        leads_matched.created_at,
        leads_matched.lead_captured_at,
        case when leads_matched.is_converted then leads_matched.subscription_started_at end as converted_at
    from leads_matched
    left join converted_leads_ranked on leads_matched.conversation_id = converted_leads_ranked.conversation_id
)

select * from final
