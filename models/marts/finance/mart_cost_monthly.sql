{#
    One row per month × intent × resolution path (docs/metrics.md §6): allocated support cost, cost per
    conversation and per resolution; bot and human cost per resolution on the same intent side by side, and
    the same intent and path in the month before (its parts too, so a roll-up stays exact).
#}
with

conversations as (
    select * from {{ ref('fct_conversations') }}
),

counted as (
    select
        cast({{ dbt.date_trunc('month', 'created_at') }} as date) as month,
        intent,
        resolution_path,
        count(*) as conversation_count,
        count(case when is_resolved then 1 end) as resolved_count,
        sum(allocated_cost) as allocated_cost
    from conversations
    group by month, intent, resolution_path
),

final as (
    select
        counted.month,
        counted.intent,
        counted.resolution_path,
        counted.conversation_count,
        counted.resolved_count,
        counted.allocated_cost,
        {{ safe_divide('counted.allocated_cost', 'counted.conversation_count') }} as cost_per_conversation,
        {{ safe_divide('counted.allocated_cost', 'counted.resolved_count') }} as cost_per_resolution,
        coalesce(previous.resolved_count, 0) as previous_month_resolved_count,
        coalesce(previous.allocated_cost, 0) as previous_month_allocated_cost,
        {{ safe_divide('previous.allocated_cost', 'previous.resolved_count') }}
            as previous_month_cost_per_resolution
    from counted
    left join counted as previous
        on
            counted.intent = previous.intent
            and counted.resolution_path = previous.resolution_path
            and counted.month = cast({{ dbt.dateadd('month', 1, 'previous.month') }} as date)
)

select * from final
