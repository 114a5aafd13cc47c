{#
    One row per month × intent × resolution path (metrics.md §6): allocated support cost, cost per
    conversation and per resolution; bot and human cost per resolution on the same intent side by side.
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
        *,
        {{ safe_divide('allocated_cost', 'conversation_count') }} as cost_per_conversation,
        {{ safe_divide('allocated_cost', 'resolved_count') }} as cost_per_resolution
    from counted
)

select * from final
