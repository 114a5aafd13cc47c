{#
    The 30-second daily glance (docs/metrics.md §11): per day and channel, conversations started, escalations and
    zero-response conversations, each beside the channel's mean day of the 4 weeks before (the 28 days before
    the date; a day without conversations counts as 0).
#}
with

daily as (
    select * from {{ ref('mart_support_daily') }}
),

day_channels as (
    select
        date,
        channel,
        {{ sum_counts(['conversation_count', 'escalated_count', 'zero_response_count']) }}
    from daily
    group by date, channel
),

prior_4_weeks as (
    select
        day_channels.date,
        day_channels.channel,
        {{ safe_divide('coalesce(sum(earlier.conversation_count), 0)', '28') }} as prior_4w_mean_conversation_count,
        {{ safe_divide('coalesce(sum(earlier.escalated_count), 0)', '28') }} as prior_4w_mean_escalated_count,
        {{ safe_divide('coalesce(sum(earlier.zero_response_count), 0)', '28') }} as prior_4w_mean_zero_response_count
    from day_channels
    left join day_channels as earlier
        on
            day_channels.channel = earlier.channel
            and day_channels.date > earlier.date
            and day_channels.date <= {{ dbt.dateadd('day', 28, 'earlier.date') }}
    group by day_channels.date, day_channels.channel
),

final as (
    select
        day_channels.date,
        day_channels.channel,
        day_channels.conversation_count,
        day_channels.escalated_count,
        day_channels.zero_response_count,
        cast(prior_4_weeks.prior_4w_mean_conversation_count as {{ type_double() }})
            as prior_4w_mean_conversation_count,
        cast(prior_4_weeks.prior_4w_mean_escalated_count as {{ type_double() }}) as prior_4w_mean_escalated_count,
        cast(prior_4_weeks.prior_4w_mean_zero_response_count as {{ type_double() }})
            as prior_4w_mean_zero_response_count
    from day_channels
    inner join prior_4_weeks
        on day_channels.date = prior_4_weeks.date and day_channels.channel = prior_4_weeks.channel
)

select * from final
