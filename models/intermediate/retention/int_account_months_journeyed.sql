{#
    One row per account and month (docs/metrics.md §7) with its support journey over the window [month start -
    journey_window_days, month start), the risk signals that hold over the same window and the health score: 100
    minus the seed weights of those signals, clamped to 0..100. Issues are judged in their final state and count
    for the account their customer belongs to now.
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
        {{ dbt.dateadd('day', -window_days, 'cast(month as ' ~ dbt.type_timestamp() ~ ')') }} as window_start_at,
        cast(month as {{ dbt.type_timestamp() }}) as window_end_at
    from account_months
),

journey_issue_counts as (
    {{ support_journey_issue_counts('windows', ['account_id', 'month']) }}
),

forced_containments as (
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
            and {{ in_window('windows', 'conversations.created_at') }}
    group by windows.account_id, windows.month
),

csat_means as (
    -- counted CSAT responses (latest per conversation) answered in the window
    select
        windows.account_id,
        windows.month,
        avg(responses.score_normalized) as csat_normalized_mean
    from windows
    inner join responses
        on
            windows.account_id = responses.account_id
            and responses.survey_type = 'csat'
            and {{ in_window('windows', 'responses.responded_at') }}
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
            and {{ in_window('windows', 'responses.responded_at') }}
),

latest_nps as (
    select
        account_id,
        month,
        nps_category
    from nps_ranked
    where response_rank = 1
),

failed_invoices as (
    select
        windows.account_id,
        windows.month,
        count(*) as failed_invoice_count
    from windows
    inner join invoices
        on
            windows.account_id = invoices.account_id
            and invoices.status = 'failed'
            and {{ in_window('windows', 'invoices.issued_at') }}
    group by windows.account_id, windows.month
),

signals as (
    select
        account_months.account_id,
        account_months.month,
        {{ support_journey('journey_issue_counts.issue_count', 'journey_issue_counts.unresolved_issue_count',
                           'journey_issue_counts.repeat_contact_issue_count',
                           'journey_issue_counts.escalated_issue_count') }} as support_journey,
        journey_issue_counts.issue_count,
        account_months.mrr,
        account_months.is_active,
        account_months.is_churned,
        journey_issue_counts.unresolved_issue_count > 0 as has_unresolved_issue,
        journey_issue_counts.repeat_contact_issue_count > 0 as has_repeat_contact,
        coalesce(forced_containments.forced_containment_count, 0) > 0 as has_forced_containment,
        coalesce(latest_nps.nps_category = 'detractor', false) as has_nps_detractor,
        coalesce(failed_invoices.failed_invoice_count, 0) > 0 as has_failed_invoice,
        coalesce(csat_means.csat_normalized_mean < 0.6, false) as has_low_csat
    from account_months
    inner join journey_issue_counts
        on
            account_months.account_id = journey_issue_counts.account_id
            and account_months.month = journey_issue_counts.month
    left join forced_containments
        on
            account_months.account_id = forced_containments.account_id
            and account_months.month = forced_containments.month
    left join csat_means
        on
            account_months.account_id = csat_means.account_id
            and account_months.month = csat_means.month
    left join latest_nps
        on
            account_months.account_id = latest_nps.account_id
            and account_months.month = latest_nps.month
    left join failed_invoices
        on
            account_months.account_id = failed_invoices.account_id
            and account_months.month = failed_invoices.month
),

signal_weights as (
    -- one row: each signal's weight from the seed, 0 when the seed leaves it out
    select
        coalesce(sum(case when signal = 'unresolved_issue' then weight end), 0) as unresolved_issue_weight,
        coalesce(sum(case when signal = 'repeat_contact' then weight end), 0) as repeat_contact_weight,
        coalesce(sum(case when signal = 'forced_containment' then weight end), 0) as forced_containment_weight,
        coalesce(sum(case when signal = 'nps_detractor' then weight end), 0) as nps_detractor_weight,
        coalesce(sum(case when signal = 'failed_invoice' then weight end), 0) as failed_invoice_weight,
        coalesce(sum(case when signal = 'low_csat' then weight end), 0) as low_csat_weight
    from weights
),

scored as (
    select
        signals.*,
        100
        - case when signals.has_unresolved_issue then signal_weights.unresolved_issue_weight else 0 end
        - case when signals.has_repeat_contact then signal_weights.repeat_contact_weight else 0 end
        - case when signals.has_forced_containment then signal_weights.forced_containment_weight else 0 end
        - case when signals.has_nps_detractor then signal_weights.nps_detractor_weight else 0 end
        - case when signals.has_failed_invoice then signal_weights.failed_invoice_weight else 0 end
        - case when signals.has_low_csat then signal_weights.low_csat_weight else 0 end as raw_health_score
    from signals
    cross join signal_weights
),

final as (
    select
        account_id,
        month,
        support_journey,
        issue_count,
        mrr,
        cast(greatest(0, least(100, raw_health_score)) as {{ type_double() }}) as health_score,
        is_active,
        is_churned,
        has_unresolved_issue,
        has_repeat_contact,
        has_forced_containment,
        has_nps_detractor,
        has_failed_invoice,
        has_low_csat
    from scored
)

select * from final
