{#
    One row per account and month with its support journey over [month start - journey_window_days, month
    start) and its health score (metrics.md §7): 100 minus the seed weights of the risk signals that hold over
    the same window, clamped to 0..100. Issues are judged in their final state and count for the customer's
    current account.
#}
{% set window_days = var('journey_window_days') %}

with

account_months as (
    select * from {{ ref('int_account_months_spined') }}
),

issues as (
    select * from {{ ref('int_issues_summarized') }}
),

conversations as (
    select * from {{ ref('int_conversations_enriched') }}
),

responses as (
    select * from {{ ref('int_survey_responses_attributed') }}
),

invoices as (
    select * from {{ ref('stg_billing__invoices') }}
),

customers as (
    select * from {{ ref('stg_billing__customers') }}
),

weights as (
    select * from {{ ref('health_score_weights') }}
),

windows as (
    select
        account_id,
        month,
        cast(month as {{ dbt.type_timestamp() }}) as window_end_at,
        {{ dbt.dateadd('day', -window_days, 'cast(month as ' ~ dbt.type_timestamp() ~ ')') }} as window_start_at
    from account_months
),

issue_signals as (
    select
        windows.account_id,
        windows.month,
        count(*) as issue_count,
        count(case when issues.is_settled and not issues.is_resolved then 1 end) as unresolved_count,
        count(case when issues.conversation_count > 1 then 1 end) as repeat_count,
        count(case when issues.issue_path = 'ai_to_human' then 1 end) as escalated_count
    from windows
    inner join customers on windows.account_id = customers.account_id
    inner join issues
        on
            customers.customer_id = issues.customer_id
            and windows.window_start_at <= issues.opened_at
            and windows.window_end_at > issues.opened_at
    group by windows.account_id, windows.month
),

containment_signals as (
    select
        windows.account_id,
        windows.month,
        count(*) as forced_containment_count
    from windows
    inner join customers on windows.account_id = customers.account_id
    inner join conversations
        on
            customers.customer_id = conversations.customer_id
            and conversations.is_forced_containment
            and windows.window_start_at <= conversations.created_at
            and windows.window_end_at > conversations.created_at
    group by windows.account_id, windows.month
),

csat_signals as (
    select
        windows.account_id,
        windows.month,
        avg(responses.score_normalized) as csat_normalized_mean
    from windows
    inner join responses
        on
            windows.account_id = responses.account_id
            and responses.survey_type = 'csat'
            and windows.window_start_at <= responses.responded_at
            and windows.window_end_at > responses.responded_at
    group by windows.account_id, windows.month
),

nps_ranked as (
    select
        windows.account_id,
        windows.month,
        responses.nps_category,
        row_number() over (
            partition by windows.account_id, windows.month
            order by responses.responded_at desc, responses.response_id desc
        ) as response_rank
    from windows
    inner join responses
        on
            windows.account_id = responses.account_id
            and responses.survey_type = 'nps'
            and windows.window_end_at > responses.responded_at
),

invoice_signals as (
    select
        windows.account_id,
        windows.month,
        count(*) as failed_invoice_count
    from windows
    inner join invoices
        on
            windows.account_id = invoices.account_id
            and invoices.status = 'failed'
            and windows.window_start_at <= invoices.issued_at
            and windows.window_end_at > invoices.issued_at
    group by windows.account_id, windows.month
),

signals as (
    select
        account_months.account_id,
        account_months.month,
        account_months.mrr,
        account_months.is_active,
        account_months.is_churned,
        {{ support_journey('issue_signals.issue_count', 'issue_signals.unresolved_count',
                           'issue_signals.repeat_count', 'issue_signals.escalated_count') }} as support_journey,
        coalesce(issue_signals.unresolved_count, 0) > 0 as has_unresolved_issue,
        coalesce(issue_signals.repeat_count, 0) > 0 as has_repeat_contact,
        coalesce(containment_signals.forced_containment_count, 0) > 0 as has_forced_containment,
        coalesce(nps_ranked.nps_category = 'detractor', false) as has_nps_detractor,
        coalesce(invoice_signals.failed_invoice_count, 0) > 0 as has_failed_invoice,
        coalesce(csat_signals.csat_normalized_mean < 0.6, false) as has_low_csat
    from account_months
    left join issue_signals
        on account_months.account_id = issue_signals.account_id and account_months.month = issue_signals.month
    left join containment_signals
        on
            account_months.account_id = containment_signals.account_id
            and account_months.month = containment_signals.month
    left join csat_signals
        on account_months.account_id = csat_signals.account_id and account_months.month = csat_signals.month
    left join nps_ranked
        on
            account_months.account_id = nps_ranked.account_id
            and account_months.month = nps_ranked.month
            and nps_ranked.response_rank = 1
    left join invoice_signals
        on account_months.account_id = invoice_signals.account_id and account_months.month = invoice_signals.month
),

penalties as (
    select
        signals.account_id,
        signals.month,
        sum(
            case
                when weights.signal = 'unresolved_issue' and signals.has_unresolved_issue then weights.weight
                when weights.signal = 'repeat_contact' and signals.has_repeat_contact then weights.weight
                when weights.signal = 'forced_containment' and signals.has_forced_containment then weights.weight
                when weights.signal = 'nps_detractor' and signals.has_nps_detractor then weights.weight
                when weights.signal = 'failed_invoice' and signals.has_failed_invoice then weights.weight
                when weights.signal = 'low_csat' and signals.has_low_csat then weights.weight
                else 0
            end
        ) as penalty
    from signals
    cross join weights
    group by signals.account_id, signals.month
),

final as (
    select
        signals.account_id,
        signals.month,
        signals.support_journey,
        signals.mrr,
        cast(greatest(0, least(100, 100 - coalesce(penalties.penalty, 0))) as {{ type_double() }}) as health_score,
        signals.is_active,
        signals.is_churned,
        signals.has_unresolved_issue,
        signals.has_repeat_contact,
        signals.has_forced_containment,
        signals.has_nps_detractor,
        signals.has_failed_invoice,
        signals.has_low_csat
    from signals
    left join penalties on signals.account_id = penalties.account_id and signals.month = penalties.month
)

select * from final
