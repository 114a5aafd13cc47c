{#
    One row per calendar day from var time_spine_start (inclusive) to time_spine_end (exclusive): the time
    spine MetricFlow joins to for metric_time, and a plain date dimension for BI tools.
#}
with

days as (
    {{ dbt.date_spine(
        'day',
        "cast('" ~ var('time_spine_start') ~ "' as date)",
        "cast('" ~ var('time_spine_end') ~ "' as date)",
    ) }}
),

final as (
    select cast(date_day as date) as date_day
    from days
)

select * from final
