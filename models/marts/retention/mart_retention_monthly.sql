{#
    One row per month × support journey over the 90 days before the month (docs/metrics.md §7): active and churned
    accounts, churn rate.
#}
with

account_months as (
    select * from {{ ref('fct_account_months') }}
),

counted as (
    select
        month,
        support_journey,
        count(case when is_active then 1 end) as active_account_count,
        count(case when is_churned then 1 end) as churned_account_count,
        cast(sum(case when is_active then mrr else 0 end) as {{ decimal_amount() }}) as active_mrr,
        cast(sum(case when is_churned then mrr else 0 end) as {{ decimal_amount() }}) as churned_mrr
    from account_months
    group by month, support_journey
),

final as (
    select
        *,
        {{ safe_divide('churned_account_count', 'active_account_count') }} as churn_rate
    from counted
    where active_account_count > 0
)

select * from final
