{#
    One row per week × channel × resolution path (docs/metrics.md §4): count, mean, median and p90 of first,
    first useful and first human response (the handoff wait when escalated) and of resolution time.
    Bot and human timings are never blended: the path is part of the grain.
#}
with

conversations as (
    select * from {{ ref('fct_conversations') }}
),

bucketed as (
    select
        cast({{ dbt.date_trunc('week', 'created_at') }} as date) as week,
        channel,
        resolution_path,
        first_response_seconds,
        first_useful_response_seconds,
        first_human_response_seconds,
        resolution_seconds,
        case when is_escalated then first_human_response_seconds end as handoff_wait_seconds
    from conversations
),

final as (
    select
        week,
        channel,
        resolution_path,
        count(*) as conversation_count,
        count(first_response_seconds) as first_response_count,
        avg(first_response_seconds) as first_response_mean_seconds,
        {{ median('first_response_seconds') }} as first_response_median_seconds,
        {{ percentile('first_response_seconds', 0.9) }} as first_response_p90_seconds,
        count(first_useful_response_seconds) as first_useful_response_count,
        avg(first_useful_response_seconds) as first_useful_response_mean_seconds,
        {{ median('first_useful_response_seconds') }} as first_useful_response_median_seconds,
        {{ percentile('first_useful_response_seconds', 0.9) }} as first_useful_response_p90_seconds,
        count(first_human_response_seconds) as first_human_response_count,
        avg(first_human_response_seconds) as first_human_response_mean_seconds,
        {{ median('first_human_response_seconds') }} as first_human_response_median_seconds,
        {{ percentile('first_human_response_seconds', 0.9) }} as first_human_response_p90_seconds,
        count(handoff_wait_seconds) as handoff_wait_count,
        {{ median('handoff_wait_seconds') }} as handoff_wait_median_seconds,
        count(resolution_seconds) as resolution_count,
        avg(resolution_seconds) as resolution_mean_seconds,
        {{ median('resolution_seconds') }} as resolution_median_seconds,
        {{ percentile('resolution_seconds', 0.9) }} as resolution_p90_seconds
    from bucketed
    group by week, channel, resolution_path
)

select * from final
