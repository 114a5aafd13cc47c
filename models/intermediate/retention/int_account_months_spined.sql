{#
    One row per account and calendar month (docs/metrics.md §7), from the month of the account's first subscription to
    the month of the as-of time: active (a subscription started before the month's first instant and not canceled
    at or before it), churned (active, and no subscription left uncanceled at the month's end, a subscription
    started within the month counting as left) and the MRR of the subscriptions active at the first instant.
#}
with

subscriptions as (
    select * from {{ ref('stg_billing__subscriptions') }}
),

as_of_time as (
    select * from {{ ref('int_as_of') }}
),

-- 0..999 months, enough for 83 years of history
{{ integer_offsets('month_offset', 3) }},

as_of as (
    select cast({{ dbt.date_trunc('month', 'as_of_at') }} as date) as as_of_month
    from as_of_time
),

account_spans as (
    select
        subscriptions.account_id,
        cast({{ dbt.date_trunc('month', 'min(subscriptions.started_at)') }} as date) as first_month,
        min(as_of.as_of_month) as as_of_month
    from subscriptions
    cross join as_of
    group by subscriptions.account_id
),

account_months as (
    select
        account_spans.account_id,
        cast({{ dbt.dateadd('month', 'month_offsets.month_offset', 'account_spans.first_month') }} as date)
            as month
    from account_spans
    inner join month_offsets
        on month_offsets.month_offset
            <= {{ dbt.datediff('account_spans.first_month', 'account_spans.as_of_month', 'month') }}
),

month_bounds as (
    select
        account_id,
        month,
        cast(month as {{ dbt.type_timestamp() }}) as month_start_at,
        cast({{ dbt.dateadd('month', 1, 'month') }} as {{ dbt.type_timestamp() }}) as next_month_start_at
    from account_months
),

subscription_states as (
    -- per account-month and subscription: active at the first instant; still uncanceled at the month's end
    select
        month_bounds.account_id,
        month_bounds.month,
        subscriptions.mrr,
        subscriptions.started_at < month_bounds.month_start_at
        and (
            subscriptions.canceled_at is null
            or subscriptions.canceled_at > month_bounds.month_start_at
        ) as is_active_at_start,
        subscriptions.started_at < month_bounds.next_month_start_at
        and (
            subscriptions.canceled_at is null
            or subscriptions.canceled_at > month_bounds.next_month_start_at
        ) as is_left_at_end
    from month_bounds
    inner join subscriptions on month_bounds.account_id = subscriptions.account_id
),

account_month_states as (
    select
        account_id,
        month,
        count(case when is_active_at_start then 1 end) as active_subscription_count,
        count(case when is_left_at_end then 1 end) as left_subscription_count,
        cast(coalesce(sum(case when is_active_at_start then mrr end), 0) as {{ decimal_amount() }}) as mrr
    from subscription_states
    group by account_id, month
),

final as (
    select
        account_id,
        month,
        active_subscription_count,
        mrr,
        active_subscription_count > 0 as is_active,
        active_subscription_count > 0 and left_subscription_count = 0 as is_churned
    from account_month_states
)

select * from final
