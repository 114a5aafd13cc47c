{#
    One row per issue: one customer problem across conversations and channels (docs/metrics.md §2), with the customer's
    current account and the as-of time (from int_as_of: int_issues_summarized keeps settled rows across as-of times).
#}
with

issues as (
    select * from {{ ref('int_issues_summarized') }}
),

customers as (
    select * from {{ ref('stg_billing__customers') }}
),

as_of as (
    select * from {{ ref('int_as_of') }}
),

final as (
    select
        issues.issue_id,
        issues.customer_id,
        customers.account_id,
        issues.intent,
        issues.first_channel,
        issues.issue_path,
        issues.conversation_count,
        issues.channel_count,
        issues.deflection_leakage_count,
        issues.is_resolved,
        issues.is_settled,
        issues.is_fcr,
        issues.is_recontacted,
        issues.is_cross_channel,
        issues.is_deflected,
        issues.opened_at,
        issues.resolved_at,
        as_of.as_of_at
    from issues
    cross join as_of
    left join customers on issues.customer_id = customers.customer_id
)

select * from final
