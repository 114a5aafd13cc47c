{#
    One row per piece of an open interval inside one UTC day (docs/metrics.md §12): each interval of
    int_business_hours_opened cut at UTC midnight. An interval crosses UTC midnight when its zone's offset
    moves it there (18:00-24:00 in New York) or it closes at 24:00; local 00:00-24:00 lasts 25 hours on a
    fall-back day, so an interval touches at most three UTC days. The pieces business_seconds() counts
    within a day.
#}
with

open_intervals as (
    select * from {{ ref('int_business_hours_opened') }}
),

day_offsets as (
    -- 1, 2, 3: the day the interval opens on and the two after it
    {{ dbt.generate_series(3) }}
),

days_touched as (
    -- each UTC day an interval may touch, its first instant and the next day's
    select
        open_intervals.schedule_id,
        open_intervals.local_date,
        open_intervals.opens_at,
        open_intervals.open_start_at,
        open_intervals.open_end_at,
        cast({{ dbt.dateadd(
            'day', '(day_offsets.generated_number - 1)', dbt.date_trunc('day', 'open_intervals.open_start_at'),
        ) }} as {{ dbt.type_timestamp() }}) as day_start_at,
        cast({{ dbt.dateadd(
            'day', 'day_offsets.generated_number', dbt.date_trunc('day', 'open_intervals.open_start_at'),
        ) }} as {{ dbt.type_timestamp() }}) as next_day_start_at
    from open_intervals
    cross join day_offsets
),

final as (
    select
        schedule_id,
        cast(day_start_at as date) as utc_date,
        local_date,
        opens_at,
        greatest(open_start_at, day_start_at) as piece_start_at,
        least(open_end_at, next_day_start_at) as piece_end_at
    from days_touched
    where day_start_at < open_end_at
)

select * from final
