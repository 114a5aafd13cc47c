{#
    The 30-second daily glance (metrics.md §11): per day and channel, conversations started, escalations, zero-
    response conversations.
#}
with

daily as (
    select * from {{ ref('mart_support_daily') }}
),

final as (
    select
        date,
        channel,
        sum(conversation_count) as conversation_count,
        sum(escalated_count) as escalated_count,
        sum(zero_response_count) as zero_response_count
    from daily
    group by date, channel
)

select * from final
