{#
    One row per conversation and UTC day of its span in the backlog (docs/metrics.md#open_at_end_count): from the
    day it was created to the day it closed, or to the as-of day when it is still open then (latest versions). Each
    row says whether the conversation opened that day, closed that day, or is open at the day's end (created at or
    before it, not closed by it), and its age at the day's end. A close before created_at counts at created_at.
#}
with

conversations as (
    select * from {{ ref('fct_conversations') }}
),

as_of_time as (
    select * from {{ ref('int_as_of') }}
),

-- 0..9999 days, enough for 27 years of history
{{ integer_offsets('day_offset', 4) }},

closes as (
    select
        conversation_id,
        channel,
        created_at,
        cast(created_at as date) as created_date,
        cast(case when closed_at < created_at then created_at else closed_at end as date) as closed_date
    from conversations
),

spans as (
    -- the last day of the span: the close day, or the as-of day for a conversation open then
    select
        closes.conversation_id,
        closes.channel,
        closes.created_at,
        closes.created_date,
        closes.closed_date,
        case
            when closes.closed_date <= cast(as_of_time.as_of_at as date) then closes.closed_date
            else cast(as_of_time.as_of_at as date)
        end as last_date
    from closes
    cross join as_of_time
),

spined as (
    select
        spans.conversation_id,
        spans.channel,
        spans.created_at,
        spans.created_date,
        spans.closed_date,
        cast({{ dbt.dateadd('day', 'day_offsets.day_offset', 'spans.created_date') }} as date) as date,
        cast({{ dbt.dateadd('day', 'day_offsets.day_offset + 1', 'spans.created_date') }} as {{ dbt.type_timestamp() }})
            as day_end_at
    from spans
    inner join day_offsets
        on day_offsets.day_offset <= {{ dbt.datediff('spans.created_date', 'spans.last_date', 'day') }}
),

final as (
    select
        conversation_id,
        date,
        channel,
        date = created_date as is_opened,
        coalesce(date = closed_date, false) as is_closed,
        coalesce(date < closed_date, true) as is_open_at_end,
        {{ seconds_between('created_at', 'day_end_at') }} as age_at_end_seconds
    from spined
)

select * from final
