{#
    One row per week × channel × SLA metric with conversations it applies to (docs/metrics.md §12): achieved,
    breached and pending at the as-of time, the breach rate over the decided ones, and the median measured time
    in business seconds. Conversations count in the week of their created_at.
#}
with

judged as (
    select * from {{ ref('int_conversations_sla_judged') }}
),

counted as (
    select
        cast({{ dbt.date_trunc('week', 'created_at') }} as date) as week,
        channel,
        sla_metric,
        max(clock) as clock,
        max(target_seconds) as target_seconds,
        count(*) as applicable_count,
        count(case when sla_status = 'achieved' then 1 end) as achieved_count,
        count(case when sla_status = 'breached' then 1 end) as breached_count,
        count(case when sla_status = 'pending' then 1 end) as pending_count,
        {{ median('measured_business_seconds') }} as measured_median_business_seconds
    from judged
    group by cast({{ dbt.date_trunc('week', 'created_at') }} as date), channel, sla_metric
),

final as (
    select
        *,
        {{ safe_divide('breached_count', 'achieved_count + breached_count') }} as sla_breach_rate
    from counted
)

select * from final
