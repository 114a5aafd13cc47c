{#-
    billing.subscriptions from Stripe (docs/sources/stripe.md). MRR: the sum over the subscription's licensed
    items of unit amount x quantity, normalised to a month (a year / 12, a week x 52 / 12, a day x 365 / 12,
    divided by the interval count), cents to currency units. Plan and currency: those of the item with the largest
    MRR (plan = the price's nickname, else its product's name, else the price id). Canceled when it ended (or was
    canceled with status canceled); the cancel reason: the customer's comment, else the feedback, else the reason.
-#}
with

subscriptions as (
    select * from {{ ref('base_stripe__subscription') }}
),

items as (
    select * from {{ ref('base_stripe__subscription_item') }}
),

prices as (
    select * from {{ ref('base_stripe__price_plan') }}
),

products as (
    select * from {{ ref('base_stripe__product') }}
),

customer_accounts as (
    select * from {{ ref('stripe__customer_accounts') }}
),

items_priced as (
    select
        items.subscription_id,
        items.id as item_id,
        coalesce(prices.nickname, products.name, items.plan_id) as plan_name,
        upper(trim(prices.currency)) as currency,
        case
            -- divided as doubles (safe_divide): a decimal quotient keeps only 6 places on Spark
            when coalesce(lower(prices.recurring_usage_type), 'licensed') = 'licensed'
                then {{ safe_divide(
                    'coalesce(cast(prices.unit_amount as ' ~ decimal_amount() ~ '), cast(prices.unit_amount_decimal as '
                    ~ decimal_amount() ~ ')) * coalesce(items.quantity, 1) * case lower(prices.recurring_interval)'
                    ~ " when 'year' then 1 when 'month' then 12 when 'week' then 52 when 'day' then 365 end",
                    '1200 * coalesce(prices.recurring_interval_count, 1)',
                ) }}
        end as item_mrr
    from items
    left join prices on items.plan_id = prices.id
    left join products on prices.product_id = products.id
),

items_ranked as (
    select
        *,
        row_number() over (
            partition by subscription_id order by coalesce(item_mrr, 0) desc, item_id
        ) as rank_by_mrr
    from items_priced
),

subscription_mrr as (
    select
        subscription_id,
        sum(coalesce(item_mrr, 0)) as mrr,
        max(case when rank_by_mrr = 1 then plan_name end) as plan,
        max(case when rank_by_mrr = 1 then currency end) as currency
    from items_ranked
    group by subscription_id
),

subscriptions_ended as (
    select
        *,
        coalesce(ended_at, case when lower(status) = 'canceled' then canceled_at end) as ended_or_canceled_at
    from subscriptions
),

final as (
    select
        subscriptions_ended.id as subscription_id,
        coalesce(customer_accounts.account_id, subscriptions_ended.customer_id) as account_id,
        subscription_mrr.plan,
        cast(coalesce(subscription_mrr.mrr, 0) as {{ decimal_amount() }}) as mrr,
        subscription_mrr.currency,
        coalesce(subscriptions_ended.start_date, subscriptions_ended.created) as started_at,
        subscriptions_ended.ended_or_canceled_at as canceled_at,
        case
            when subscriptions_ended.ended_or_canceled_at is not null
                then
                    coalesce(
                        nullif(trim(subscriptions_ended.cancellation_details_comment), ''),
                        replace(nullif(trim(subscriptions_ended.cancellation_details_feedback), ''), '_', ' '),
                        replace(nullif(trim(subscriptions_ended.cancellation_details_reason), ''), '_', ' ')
                    )
        end as cancel_reason,
        coalesce(subscriptions_ended.version_at, subscriptions_ended.created) as updated_at,
        subscriptions_ended._source_file,
        subscriptions_ended._source_row,
        subscriptions_ended._load_id,
        subscriptions_ended._loaded_at
    from subscriptions_ended
    left join subscription_mrr on subscriptions_ended.id = subscription_mrr.subscription_id
    left join customer_accounts on subscriptions_ended.customer_id = customer_accounts.customer_id
)

select * from final
