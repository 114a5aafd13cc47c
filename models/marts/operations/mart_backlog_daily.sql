{#
    One row per UTC day × channel from the first conversation's day to the as-of day where anything is counted
    (docs/metrics.md §12c): conversations opened and closed that day, those open at the day's end, and these by
    age at the day's end. A day with nothing opened or closed but a backlog keeps its row.
#}
with

conversation_days as (
    select * from {{ ref('int_conversation_days_spined') }}
),

final as (
    select
        date,
        channel,
        count(case when is_opened then 1 end) as opened_count,
        count(case when is_closed then 1 end) as closed_count,
        count(case when is_open_at_end then 1 end) as open_at_end_count,
        count(case when is_open_at_end and age_at_end_seconds < 86400 then 1 end) as aged_under_1d_count,
        count(
            case when is_open_at_end and age_at_end_seconds >= 86400 and age_at_end_seconds < 259200 then 1 end
        ) as aged_1_to_3d_count,
        count(
            case when is_open_at_end and age_at_end_seconds >= 259200 and age_at_end_seconds < 604800 then 1 end
        ) as aged_3_to_7d_count,
        count(case when is_open_at_end and age_at_end_seconds >= 604800 then 1 end) as aged_over_7d_count
    from conversation_days
    group by date, channel
)

select * from final
