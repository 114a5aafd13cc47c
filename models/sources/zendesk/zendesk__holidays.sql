{#-
    Zendesk's schedule holidays in the shape of seed holidays (docs/sources/zendesk.md "Schedules"): one row per
    schedule and closed local date, each holiday expanded from its start_date to its end_date (a missing end: the
    start day alone; at most 366 days). Two holidays on one date keep the name first in alphabetical order. With no Zendesk
    schedule at all (the table not landed, or empty), the seed's rows stand in.
-#}
with

holidays as (
    select * from {{ ref('base_zendesk__schedule_holiday') }}
),

schedules as (
    select * from {{ ref('base_zendesk__schedule') }}
),

seeded as (
    select * from {{ ref('holidays') }}
),

series as (
    {{ dbt.generate_series(366) }}
),

day_numbers as (
    select cast(generated_number - 1 as {{ dbt.type_int() }}) as day_number
    from series
),

holiday_days as (
    select
        cast(holidays.schedule_id as {{ dbt.type_string() }}) as schedule_id,
        cast({{ dbt.dateadd('day', 'day_numbers.day_number', 'holidays.start_date') }} as date)
            as holiday_date,
        holidays.name
    from holidays
    inner join day_numbers
        on
            day_numbers.day_number
            <= {{ dbt.datediff('holidays.start_date', 'coalesce(holidays.end_date, holidays.start_date)', 'day') }}
),

mapped as (
    select
        schedule_id,
        holiday_date as date,
        min(name) as name
    from holiday_days
    group by schedule_id, holiday_date
),

final as (
    {{ mapped_or_seeded('mapped', 'seeded', ['schedule_id', 'date', 'name']) }}
)

select * from final
