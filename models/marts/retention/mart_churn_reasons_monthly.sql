{#
    One row per month × cancel-reason theme (metrics.md §7): accounts that churned that month, by the theme of the
    reasons of the subscriptions they canceled in it.
#}
with

account_months as (
    select * from {{ ref('fct_account_months') }}
),

cancellations as (
    select * from {{ ref('int_subscriptions_cancel_reasons_themed') }}
),

churned_themes as (
    select distinct
        account_months.month,
        account_months.account_id,
        coalesce(cancellations.reason_theme, 'other') as reason_theme
    from account_months
    left join cancellations
        on
            account_months.account_id = cancellations.account_id
            and account_months.month = cancellations.month
    where account_months.is_churned
),

final as (
    select
        month,
        reason_theme,
        count(*) as churned_account_count
    from churned_themes
    group by month, reason_theme
)

select * from final
