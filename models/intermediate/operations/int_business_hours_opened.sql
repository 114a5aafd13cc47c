{#
    One row per open interval of a schedule, as UTC instants (docs/metrics.md §12): for every local date from
    time_spine_start to time_spine_end, each business_hours interval of its weekday, unless the date is one of
    the schedule's holidays. Local times become instants in the schedule's own time zone, so 09:00-17:00 is 8
    hours on every open day, daylight-saving change days included. Cut at UTC midnight and accumulated per
    UTC day (int_business_hours_split, int_business_hours_cumulated) for business_seconds().
#}
with

business_hours as (
    select * from {{ schedule_relation('business_hours') }}
),

holidays as (
    select * from {{ schedule_relation('holidays') }}
),

days as (
    {{ days_between(var('time_spine_start'), var('time_spine_end')) }}
),

open_days as (
    select
        business_hours.schedule_id,
        business_hours.time_zone,
        business_hours.opens_at,
        business_hours.closes_at,
        cast(days.date_day as date) as local_date
    from days
    inner join business_hours on {{ iso_weekday('cast(days.date_day as date)') }} = business_hours.weekday
    left join holidays
        on
            business_hours.schedule_id = holidays.schedule_id
            and cast(days.date_day as date) = holidays.date
    where holidays.schedule_id is null
),

final as (
    select
        schedule_id,
        local_date,
        opens_at,
        closes_at,
        {{ local_to_utc(local_date_at('local_date', 'opens_at'), 'time_zone') }} as open_start_at,
        {{ local_to_utc(local_date_at('local_date', 'closes_at'), 'time_zone') }} as open_end_at
    from open_days
)

select * from final
