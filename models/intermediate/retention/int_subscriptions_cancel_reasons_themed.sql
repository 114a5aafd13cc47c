{#
    One row per canceled subscription with the month it was canceled in and the theme of its cancel reason
    (docs/metrics.md §7): the first rule of seeds/churn_reason_rules.csv, by priority (ties by pattern), whose pattern
    occurs in the reason, case-insensitively; other when no rule matches or no reason was given.
#}
with

subscriptions as (
    select * from {{ ref('stg_billing__subscriptions') }}
),

rules as (
    select * from {{ ref('churn_reason_rules') }}
),

usable_rules as (
    -- an empty pattern would match every reason
    select
        lower(trim(pattern)) as pattern,
        theme,
        priority
    from rules
    where trim(pattern) != ''
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
        usable_rules.pattern,
        usable_rules.theme,
        row_number() over (
            partition by canceled.subscription_id
            order by usable_rules.priority, usable_rules.pattern
        ) as match_rank
    from canceled
    inner join usable_rules
        on {{ dbt.position('usable_rules.pattern', 'lower(canceled.cancel_reason)') }} > 0
),

final as (
    select
        canceled.subscription_id,
        canceled.account_id,
        cast({{ dbt.date_trunc('month', 'canceled.canceled_at') }} as date) as month,
        canceled.cancel_reason,
        coalesce(matches.theme, 'other') as reason_theme,
        matches.pattern as matched_pattern,
        canceled.canceled_at
    from canceled
    left join matches
        on
            canceled.subscription_id = matches.subscription_id
            and matches.match_rank = 1
)

select * from final
