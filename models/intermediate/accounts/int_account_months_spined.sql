{#
    One row per account and month, from the month of its first subscription to the month of the as-of time
    (metrics.md §7): active (a subscription started before the month's first instant and not canceled at or
    before it), churned (active, and no subscription left uncanceled at the month's end) and MRR.
#}
with

subscriptions as (
    select * from {{ ref('stg_billing__subscriptions') }}
),

issues as (
    select * from {{ ref('int_issues_summarized') }}
),

digits as (
    select 0 as digit
    {% for digit in range(1, 10) %}
        union all
        select {{ digit }} as digit
    {% endfor %}
),

month_offsets as (
    select hundreds.digit * 100 + tens.digit * 10 + ones.digit as month_offset
    from digits as hundreds
    cross join digits as tens
    cross join digits as ones
),

as_of as (
    select
        cast({{ dbt.date_trunc('month', 'max(as_of_at)') }} as date) as as_of_month
    from issues
),

account_spans as (
    select
        account_id,
        cast({{ dbt.date_trunc('month', 'min(started_at)') }} as date) as first_month
    from subscriptions
    group by account_id
),

account_months as (
    select
        account_spans.account_id,
        cast({{ dbt.dateadd('month', 'month_offsets.month_offset', 'account_spans.first_month') }} as date) as month
    from account_spans
    cross join month_offsets
    cross join as_of
    where {{ dbt.dateadd('month', 'month_offsets.month_offset', 'account_spans.first_month') }} <= as_of.as_of_month
),

subscription_states as (
    select
        account_months.account_id,
        account_months.month,
        subscriptions.mrr,
        subscriptions.started_at < cast(account_months.month as {{ dbt.type_timestamp() }})
        and (
            subscriptions.canceled_at is null
            or subscriptions.canceled_at > cast(account_months.month as {{ dbt.type_timestamp() }})
        ) as is_active_at_start,
        subscriptions.started_at < {{ dbt.dateadd('month', 1, 'account_months.month') }}
        and (
            subscriptions.canceled_at is null
            or subscriptions.canceled_at > {{ dbt.dateadd('month', 1, 'account_months.month') }}
        ) as is_left_at_end
    from account_months
    inner join subscriptions on account_months.account_id = subscriptions.account_id
),

summarized as (
    select
        account_id,
        month,
        count(case when is_active_at_start then 1 end) > 0 as is_active,
        count(case when is_left_at_end then 1 end) > 0 as has_subscription_left,
        coalesce(sum(case when is_active_at_start then mrr end), 0) as mrr
    from subscription_states
    group by account_id, month
),

final as (
    select
        account_id,
        month,
        mrr,
        is_active,
        is_active and not has_subscription_left as is_churned
    from summarized
)

select * from final
