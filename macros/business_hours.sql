{#-
    Business hours (docs/metrics.md §12): the engine-specific pieces, each dispatched so the same models run on
    DuckDB, PostgreSQL and Spark, and business_seconds(), the one set-based computation of the business
    seconds of many intervals at once.
-#}

{#- A local wall-clock timestamp in an IANA time zone (a column or a quoted literal) as the UTC instant it names. -#}
{% macro local_to_utc(local_timestamp, time_zone) -%}
    {{ return(adapter.dispatch('local_to_utc', 'support_metrics')(local_timestamp, time_zone)) }}
{%- endmacro %}

{% macro default__local_to_utc(local_timestamp, time_zone) -%}
    timezone('UTC', timezone({{ time_zone }}, {{ local_timestamp }}))
{%- endmacro %}

{% macro postgres__local_to_utc(local_timestamp, time_zone) -%}
    (({{ local_timestamp }}) at time zone {{ time_zone }}) at time zone 'UTC'
{%- endmacro %}

{% macro spark__local_to_utc(local_timestamp, time_zone) -%}
    to_utc_timestamp({{ local_timestamp }}, {{ time_zone }})
{%- endmacro %}

{#- One row per day from first_day to end_day, end_day excluded (ISO dates, 'YYYY-MM-DD'), in a column date_day. -#}
{% macro days_between(first_day, end_day) -%}
    {{ dbt.date_spine('day', "cast('" ~ first_day ~ "' as date)", "cast('" ~ end_day ~ "' as date)") }}
{%- endmacro %}

{#- ISO weekday of a date: 1 = Monday ... 7 = Sunday. -#}
{% macro iso_weekday(date_expression) -%}
    {{ return(adapter.dispatch('iso_weekday', 'support_metrics')(date_expression)) }}
{%- endmacro %}

{% macro default__iso_weekday(date_expression) -%}
    cast(extract(isodow from {{ date_expression }}) as {{ dbt.type_int() }})
{%- endmacro %}

{% macro spark__iso_weekday(date_expression) -%}
    (pmod(dayofweek({{ date_expression }}) + 5, 7) + 1)
{%- endmacro %}

{#- A local date plus a local HH:MM time (24:00 allowed: the next day's 00:00) as a local timestamp. -#}
{% macro local_date_at(date_expression, hh_mm) -%}
    {{ return(adapter.dispatch('local_date_at', 'support_metrics')(date_expression, hh_mm)) }}
{%- endmacro %}

{% macro default__local_date_at(date_expression, hh_mm) -%}
    {{ dbt.dateadd(
        'minute',
        'cast(substr(' ~ hh_mm ~ ', 1, 2) as integer) * 60 + cast(substr(' ~ hh_mm ~ ', 4, 2) as integer)',
        'cast(' ~ date_expression ~ ' as ' ~ dbt.type_timestamp() ~ ')',
    ) }}
{%- endmacro %}

{% macro spark__local_date_at(date_expression, hh_mm) -%}
    timestampadd(
        MINUTE,
        cast(substr({{ hh_mm }}, 1, 2) as int) * 60 + cast(substr({{ hh_mm }}, 4, 2) as int),
        cast({{ date_expression }} as timestamp)
    )
{%- endmacro %}

{#-
    The business seconds of each span of `spans` (a relation or CTE with the columns in key_columns, schedule_id,
    start_at and end_at): the seconds of [start_at, end_at) inside the schedule's open hours, holidays already
    left out. A span without a schedule counts calendar seconds; a span with end_at <= start_at counts 0; a
    span missing either end is null, and so is a span with an end outside the calendar
    (int_business_hours_cumulated: the time spine less its first and last day). Set-based, equality joins
    only: with F(t) the open seconds from the calendar's start to t (the accumulated seconds of t's UTC day
    plus that day's pieces before t, int_business_hours_split), computed once per schedule and distinct
    instant, a span counts F(end_at) - F(start_at).
-#}
{% macro business_seconds(spans, key_columns) -%}
    {%- set keys = [] -%}
    {%- for column in key_columns -%}
        {%- do keys.append(spans ~ '.' ~ column) -%}
    {%- endfor -%}
    with

    instants as (
        {%- for column in ['start_at', 'end_at'] %}
            select
                schedule_id,
                {{ column }} as instant_at
            from {{ spans }}
            where schedule_id is not null and end_at > start_at
            {% if not loop.last %}union{% endif %}
        {%- endfor %}
    ),

    instants_opened as (
        -- F(t) in two parts: the whole days before t's (null outside the calendar), and t's day up to t
        select
            instants.schedule_id,
            instants.instant_at,
            max(days.opened_seconds_before) as opened_seconds_before,
            sum(case when pieces.piece_start_at < instants.instant_at then {{ seconds_between(
                'pieces.piece_start_at',
                'case when pieces.piece_end_at < instants.instant_at then pieces.piece_end_at'
                ~ ' else instants.instant_at end',
            ) }} else 0 end) as opened_seconds_in_day
        from instants
        left join {{ ref('int_business_hours_cumulated') }} as days
            on
                instants.schedule_id = days.schedule_id
                and cast(instants.instant_at as date) = days.utc_date
        left join {{ ref('int_business_hours_split') }} as pieces
            on
                days.schedule_id = pieces.schedule_id
                and days.utc_date = pieces.utc_date
        group by instants.schedule_id, instants.instant_at
    )

    select
        {{ keys | join(', ') }},
        case
            when {{ spans }}.start_at is null or {{ spans }}.end_at is null then null
            when {{ spans }}.end_at <= {{ spans }}.start_at then 0
            when {{ spans }}.schedule_id is null then {{ seconds_between(spans ~ '.start_at', spans ~ '.end_at') }}
            else (ended.opened_seconds_before - started.opened_seconds_before)
                + (ended.opened_seconds_in_day - started.opened_seconds_in_day)
        end as business_seconds
    from {{ spans }}
    left join instants_opened as started
        on {{ spans }}.schedule_id = started.schedule_id and {{ spans }}.start_at = started.instant_at
    left join instants_opened as ended
        on {{ spans }}.schedule_id = ended.schedule_id and {{ spans }}.end_at = ended.instant_at
{%- endmacro %}
