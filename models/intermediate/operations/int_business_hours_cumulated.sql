{#
    One row per schedule and UTC day of the calendar (docs/metrics.md §12): the day's open seconds and the
    open seconds accumulated from the calendar's first day to the day's 00:00 UTC. A UTC day meets the local
    dates before and after it, so the calendar holds the days whose open hours int_business_hours_opened
    has in full: from the day after time_spine_start to the day before time_spine_end, exclusive. The
    business seconds up to an instant are its day's accumulated seconds plus that day's pieces before it.
#}
{%- set one_day = modules.datetime.timedelta(days=1) -%}
{%- set first_day = modules.datetime.date.fromisoformat(var('time_spine_start')) + one_day -%}
{%- set end_day = modules.datetime.date.fromisoformat(var('time_spine_end')) - one_day -%}
with

business_hours as (
    select * from {{ schedule_relation('business_hours') }}
),

pieces as (
    select * from {{ ref('int_business_hours_split') }}
),

days as (
    {{ days_between(first_day.isoformat(), end_day.isoformat()) }}
),

schedules as (
    select distinct schedule_id from business_hours
),

opened_days as (
    select
        schedule_id,
        utc_date,
        sum({{ seconds_between('piece_start_at', 'piece_end_at') }}) as opened_seconds
    from pieces
    group by schedule_id, utc_date
),

calendar as (
    select
        schedules.schedule_id,
        cast(days.date_day as date) as utc_date,
        coalesce(opened_days.opened_seconds, 0) as opened_seconds
    from schedules
    cross join days
    left join opened_days
        on
            schedules.schedule_id = opened_days.schedule_id
            and cast(days.date_day as date) = opened_days.utc_date
),

final as (
    select
        schedule_id,
        utc_date,
        cast(opened_seconds as {{ type_double() }}) as opened_seconds,
        cast(coalesce(sum(opened_seconds) over (
            partition by schedule_id order by utc_date rows between unbounded preceding and 1 preceding
        ), 0) as {{ type_double() }}) as opened_seconds_before
    from calendar
)

select * from final
