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
    start_at and end_at): the seconds of [start_at, end_at) inside the schedule's open intervals
    (int_business_hours_opened, holidays already left out). A span without a schedule counts calendar seconds;
    a span with end_at <= start_at counts 0; a span missing either end is null. Set-based: only the spans that
    can overlap open hours are range-joined with the intervals they overlap and summed per span; no loop, no
    function per row.
-#}
{% macro business_seconds(spans, key_columns) -%}
    {%- set keys = [] -%}
    {%- set overlap_keys = [] -%}
    {%- set joins = [] -%}
    {%- for column in key_columns -%}
        {%- do keys.append(spans ~ '.' ~ column) -%}
        {%- do overlap_keys.append('timed_spans.' ~ column) -%}
        {%- do joins.append(spans ~ '.' ~ column ~ ' = overlapped.' ~ column) -%}
    {%- endfor -%}
    select
        {{ keys | join(', ') }},
        case
            when {{ spans }}.start_at is null or {{ spans }}.end_at is null then null
            when {{ spans }}.end_at <= {{ spans }}.start_at then 0
            when {{ spans }}.schedule_id is null then {{ seconds_between(spans ~ '.start_at', spans ~ '.end_at') }}
            else coalesce(overlapped.business_seconds, 0)
        end as business_seconds
    from {{ spans }}
    left join (
        select
            {{ overlap_keys | join(', ') }},
            sum({{ seconds_between(
                'case when open_intervals.open_start_at > timed_spans.start_at then open_intervals.open_start_at'
                ~ ' else timed_spans.start_at end',
                'case when open_intervals.open_end_at < timed_spans.end_at then open_intervals.open_end_at'
                ~ ' else timed_spans.end_at end') }}) as business_seconds
        from {{ spans }} as timed_spans
        inner join {{ ref('int_business_hours_opened') }} as open_intervals
            on
                timed_spans.schedule_id = open_intervals.schedule_id
                and timed_spans.start_at < open_intervals.open_end_at
                and timed_spans.end_at > open_intervals.open_start_at
        group by {{ overlap_keys | join(', ') }}
    ) as overlapped on {{ joins | join(' and ') }}
{%- endmacro %}
