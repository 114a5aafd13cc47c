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
        cast(sum(conversation_count) as {{ dbt.type_bigint() }}) as conversation_count,
        cast(sum(escalated_count) as {{ dbt.type_bigint() }}) as escalated_count,
        cast(sum(zero_response_count) as {{ dbt.type_bigint() }}) as zero_response_count
    from daily
    group by date, channel
)

select * from final
