{#
    Issues reconcile: every conversation belongs to exactly one issue, and fct_issues equals the sums of
    mart_issue_outcomes_weekly. Zero rows is a pass.
#}
with

issue_facts as (
    select
        count(*) as issue_count,
        count(case when is_settled then 1 end) as settled_count,
        count(case when is_fcr then 1 end) as fcr_count,
        sum(conversation_count) as conversation_count
    from {{ ref('fct_issues') }}
),

mart as (
    select
        coalesce(sum(issue_count), 0) as issue_count,
        coalesce(sum(settled_count), 0) as settled_count,
        coalesce(sum(fcr_count), 0) as fcr_count
    from {{ ref('mart_issue_outcomes_weekly') }}
),

conversations as (
    select count(*) as conversation_count from {{ ref('fct_conversations') }}
),

final as (
    select
        issue_facts.issue_count,
        mart.issue_count as mart_issue_count,
        issue_facts.settled_count,
        mart.settled_count as mart_settled_count,
        issue_facts.fcr_count,
        mart.fcr_count as mart_fcr_count,
        issue_facts.conversation_count as conversations_in_issues,
        conversations.conversation_count
    from issue_facts
    cross join mart
    cross join conversations
)

select * from final
where
    issue_count != mart_issue_count
    or settled_count != mart_settled_count
    or fcr_count != mart_fcr_count
    or coalesce(conversations_in_issues, 0) != conversation_count
