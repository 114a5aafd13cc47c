{#
    One row per canceled subscription with the month it was canceled and its cancel-reason theme: the first rule of
    seeds/churn_reason_rules.csv (by priority) whose pattern the lower-cased reason contains, else other (metrics.md
    §7).
#}
with

subscriptions as (
    select * from {{ ref('stg_billing__subscriptions') }}
),

rules as (
    select * from {{ ref('churn_reason_rules') }}
),

canceled as (
    select
        subscription_id,
        account_id,
        cancel_reason,
        canceled_at
    from subscriptions
    where canceled_at is not null
),

matches as (
    select
        canceled.subscription_id,
        rules.theme,
        row_number() over (partition by canceled.subscription_id order by rules.priority, rules.pattern) as match_rank
    from canceled
    inner join rules
        on {{ dbt.position('lower(rules.pattern)', 'lower(canceled.cancel_reason)') }} > 0
),

final as (
    select
        canceled.subscription_id,
        canceled.account_id,
        cast({{ dbt.date_trunc('month', 'canceled.canceled_at') }} as date) as month,
        canceled.cancel_reason,
        coalesce(matches.theme, 'other') as reason_theme,
        canceled.canceled_at
    from canceled
    left join matches on canceled.subscription_id = matches.subscription_id and matches.match_rank = 1
)

select * from final
