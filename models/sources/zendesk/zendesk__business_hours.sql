{#-
    Zendesk's schedules in the shape of seed business_hours (docs/sources/zendesk.md "Schedules"): one row per
    open interval of a weekday, local HH:MM in the schedule's IANA time zone.
    - A Zendesk interval is minutes from Sunday 00:00 of the week (0..10080), local to the schedule's time zone:
      its piece on each day it covers becomes that day's interval (ISO weekday: Sunday is 7), so one crossing
      local midnight splits into two days, and an end at the day's end (a multiple of 1440) is 24:00.
    - The time zone is the schedule's latest row's, Zendesk's Rails name (Eastern Time (US & Canada)) mapped to
      IANA through seed zendesk_time_zones (case and apostrophes ignored); a name already IANA (with a /) is kept.
    - With no Zendesk schedule at all (the table not landed, or empty), the seed's rows stand in.
-#}
{%- set integer = dbt.type_int() -%}
{%- set text = dbt.type_string() -%}

with

schedules as (
    select * from {{ ref('base_zendesk__schedule') }}
),

time_zones as (
    select * from {{ ref('zendesk_time_zones') }}
),

seeded as (
    select * from {{ ref('business_hours') }}
),

week_days as (
    {{ dbt.generate_series(7) }}
),

latest_zones as (
    select
        id,
        trim(time_zone) as zendesk_time_zone,
        row_number() over (partition by id order by created_at desc, time_zone asc) as zone_rank
    from schedules
),

schedule_zones as (
    select
        latest_zones.id,
        coalesce(
            time_zones.time_zone,
            case when latest_zones.zendesk_time_zone like '%/%' then latest_zones.zendesk_time_zone end
        ) as time_zone
    from latest_zones
    left join time_zones
        on
            lower(replace(latest_zones.zendesk_time_zone, {{ dbt.string_literal(dbt.escape_single_quotes("'")) }}, ''))
            = lower(time_zones.zendesk_time_zone)
    where latest_zones.zone_rank = 1
),

days as (
    -- Zendesk's week: day 0 is Sunday, from minute 0 to 1440
    select
        cast(generated_number - 1 as {{ dbt.type_int() }}) as week_day,
        cast(generated_number - 1 as {{ dbt.type_int() }}) * 1440 as day_start_minute
    from week_days
),

day_pieces as (
    select
        schedules.id,
        days.week_day,
        greatest(schedules.start_time, days.day_start_minute) - days.day_start_minute as opens_minute,
        least(schedules.end_time, days.day_start_minute + 1440) - days.day_start_minute as closes_minute
    from schedules
    inner join days
        on
            schedules.start_time < days.day_start_minute + 1440
            and schedules.end_time > days.day_start_minute
),

clock_parts as (
    select
        id,
        case when week_day = 0 then 7 else week_day end as weekday,
        lpad(cast(cast(floor(opens_minute / 60) as {{ integer }}) as {{ text }}), 2, '0') as opens_hh,
        lpad(cast(opens_minute % 60 as {{ text }}), 2, '0') as opens_mm,
        lpad(cast(cast(floor(closes_minute / 60) as {{ integer }}) as {{ text }}), 2, '0') as closes_hh,
        lpad(cast(closes_minute % 60 as {{ text }}), 2, '0') as closes_mm
    from day_pieces
),

mapped as (
    select
        cast(clock_parts.id as {{ dbt.type_string() }}) as schedule_id,
        schedule_zones.time_zone,
        cast(clock_parts.weekday as {{ dbt.type_int() }}) as weekday,
        clock_parts.opens_hh || ':' || clock_parts.opens_mm as opens_at,
        clock_parts.closes_hh || ':' || clock_parts.closes_mm as closes_at
    from clock_parts
    inner join schedule_zones on clock_parts.id = schedule_zones.id
),

final as (
    {{ mapped_or_seeded('mapped', 'seeded', ['schedule_id', 'time_zone', 'weekday', 'opens_at', 'closes_at']) }}
)

select * from final
