{#
    One row per month × cancel-reason theme (docs/metrics.md §7): accounts that churned that month, by the theme of the
    reasons of the subscriptions they canceled in it: after its first instant and at or before its end (the next
    month's first instant), the same edges that make the account active in it and churned at its end.
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
            and cancellations.canceled_at > cast(account_months.month as {{ dbt.type_timestamp() }})
            and cancellations.canceled_at
            <= cast({{ dbt.dateadd('month', 1, 'account_months.month') }} as {{ dbt.type_timestamp() }})
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
