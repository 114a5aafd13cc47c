{# One row per account and month, from its first subscription's month to the as-of month (docs/metrics.md §7). #}
with

account_months as (
    select * from {{ ref('int_account_months_journeyed') }}
),

final as (
    select
        account_id,
        month,
        support_journey,
        mrr,
        health_score,
        is_active,
        is_churned
    from account_months
)

select * from final
