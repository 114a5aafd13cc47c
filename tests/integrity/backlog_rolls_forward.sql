{#
    The backlog rolls forward (docs/metrics.md#open_at_end_count), per channel: each day's open_at_end_count is the
    previous day's + opened_count - closed_count (a day without a row had nothing open at its end: 0), the age
    buckets add up to open_at_end_count, and the as-of day's backlog equals the conversations of fct_conversations
    created by that day's end and not closed by it. No row is excluded: a close before created_at counts at
    created_at (docs/DECISIONLOG.md, "Backlog and agents"), so every day balances. Zero rows is a pass.
#}
with

backlog as (
    select * from {{ ref('mart_backlog_daily') }}
),

conversations as (
    select * from {{ ref('fct_conversations') }}
),

as_of_time as (
    select * from {{ ref('int_as_of') }}
),

as_of as (
    select
        cast(as_of_at as date) as as_of_date,
        cast({{ dbt.dateadd('day', 1, 'cast(as_of_at as date)') }} as {{ dbt.type_timestamp() }}) as as_of_day_end_at
    from as_of_time
),

rolled as (
    select
        'rolls forward' as failed_check,
        today.date,
        today.channel,
        today.open_at_end_count,
        coalesce(yesterday.open_at_end_count, 0) + today.opened_count - today.closed_count as expected_count
    from backlog as today
    left join backlog as yesterday
        on
            today.channel = yesterday.channel
            and yesterday.date = cast({{ dbt.dateadd('day', -1, 'today.date') }} as date)
),

bucketed as (
    select
        'age buckets add up' as failed_check,
        date,
        channel,
        open_at_end_count,
        aged_under_1d_count + aged_1_to_3d_count + aged_3_to_7d_count + aged_over_7d_count as expected_count
    from backlog
),

as_of_day as (
    select
        'as-of day equals fct_conversations' as failed_check,
        as_of.as_of_date as date,
        conversations.channel,
        count(*) as expected_count
    from conversations
    cross join as_of
    where
        conversations.created_at < as_of.as_of_day_end_at
        and (conversations.closed_at is null or conversations.closed_at >= as_of.as_of_day_end_at)
    group by as_of.as_of_date, conversations.channel
),

as_of_day_backlog as (
    select backlog.*
    from backlog
    inner join as_of on backlog.date = as_of.as_of_date
),

as_of_day_compared as (
    select
        coalesce(as_of_day.failed_check, 'as-of day equals fct_conversations') as failed_check,
        coalesce(as_of_day.date, backlog.date) as date,
        coalesce(as_of_day.channel, backlog.channel) as channel,
        coalesce(backlog.open_at_end_count, 0) as open_at_end_count,
        coalesce(as_of_day.expected_count, 0) as expected_count
    from as_of_day
    full outer join as_of_day_backlog as backlog
        on as_of_day.date = backlog.date and as_of_day.channel = backlog.channel
),

final as (
    select * from rolled
    union all
    select * from bucketed
    union all
    select * from as_of_day_compared
)

select * from final
where open_at_end_count != expected_count
