{#
    One row per benchmarked metric (docs/metrics.md §10): the published range for the business's industry
    (var business_industry) beside the business's own figure over the last benchmark_window_days days
    before the as-of time, and where it falls: below, within or above the range.
    The window ends at the as-of instant, not at a day's end, so no calendar mart holds its counts: they are
    counted here from the conversation facts' published flags (DECISIONLOG.md, "benchmark window").
#}
with

conversations as (
    select * from {{ ref('fct_conversations') }}
),

responses as (
    select * from {{ ref('fct_survey_responses') }}
),

benchmarks as (
    select * from {{ ref('industry_benchmarks') }}
    where industry = '{{ var("business_industry") }}'
),

as_of as (
    select * from {{ ref('int_as_of') }}
),

recent as (
    select conversations.*
    from conversations
    cross join as_of
    where conversations.created_at > {{ dbt.dateadd('day', -var('benchmark_window_days'), 'as_of.as_of_at') }}
),

recent_csat as (
    select responses.score_normalized
    from responses
    inner join recent on responses.conversation_id = recent.conversation_id
    where responses.survey_type = 'csat'
),

actuals as (
    select
        'bot_resolution_rate' as metric,
        {{ safe_divide(
            "count(case when resolution_path = 'ai_only' and is_resolved then 1 end)",
            'count(case when is_bot_involved then 1 end)') }} as actual
    from recent
    union all
    select
        'bot_first_response_mean_seconds' as metric,
        avg(case when is_bot_involved then first_response_seconds end) as actual
    from recent
    union all
    select
        'lead_capture_rate' as metric,
        {{ safe_divide('count(case when has_lead then 1 end)', 'count(*)') }} as actual
    from recent
    union all
    select
        'csat_of_5' as metric,
        1 + 4 * avg(score_normalized) as actual
    from recent_csat
),

final as (
    select
        benchmarks.industry,
        benchmarks.metric,
        benchmarks.benchmark_low,
        benchmarks.benchmark_high,
        cast(actuals.actual as {{ type_double() }}) as actual,
        case
            when actuals.actual is null then null
            when actuals.actual < benchmarks.benchmark_low then 'below'
            when actuals.actual > benchmarks.benchmark_high then 'above'
            else 'within'
        end as position
    from benchmarks
    left join actuals on benchmarks.metric = actuals.metric
)

select * from final
