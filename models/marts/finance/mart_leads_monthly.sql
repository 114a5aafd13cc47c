{#
    One row per month × channel with conversations (docs/metrics.md §5): leads captured in chat, how many became
    paying accounts within the conversion window, and the MRR they brought (each subscription credited to
    one lead only).
#}
with

conversations as (
    select * from {{ ref('fct_conversations') }}
),

leads as (
    select * from {{ ref('int_leads_converted') }}
),

conversation_counts as (
    select
        cast({{ dbt.date_trunc('month', 'created_at') }} as date) as month,
        channel,
        count(*) as conversation_count
    from conversations
    group by month, channel
),

lead_counts as (
    select
        month,
        channel,
        count(*) as lead_count,
        count(case when is_converted then 1 end) as converted_count,
        sum(converted_mrr) as revenue_influenced_mrr
    from leads
    group by month, channel
),

final as (
    select
        conversation_counts.month,
        conversation_counts.channel,
        conversation_counts.conversation_count,
        coalesce(lead_counts.lead_count, 0) as lead_count,
        {{ safe_divide('coalesce(lead_counts.lead_count, 0)', 'conversation_counts.conversation_count') }}
            as lead_capture_rate,
        coalesce(lead_counts.converted_count, 0) as converted_count,
        {{ safe_divide('coalesce(lead_counts.converted_count, 0)', 'lead_counts.lead_count') }}
            as lead_conversion_rate,
        cast(coalesce(lead_counts.revenue_influenced_mrr, 0) as {{ decimal_amount() }}) as revenue_influenced_mrr
    from conversation_counts
    left join lead_counts
        on
            conversation_counts.month = lead_counts.month
            and conversation_counts.channel = lead_counts.channel
)

select * from final
