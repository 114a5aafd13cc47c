{#-
    Which Zendesk schedule each channel follows, in the shape of seed channel_schedules (docs/sources/zendesk.md
    "Schedules"): the schedule most of the channel's tickets were on (ticket_schedule; a ticket on several
    counts for each), ties to the lowest schedule id. A ticket without a ticket_schedule row is on Zendesk's
    default schedule, the first created (lowest id on a tie). Business hours are per channel in this project, so
    per-ticket schedules are not kept (docs/DECISIONLOG.md). With no Zendesk schedule at all (the table not
    landed, or empty), the seed's rows stand in. A table: read once per build, from every ticket.
-#}
{{ config(materialized='table') }}

with

conversations as (
    select * from {{ ref('zendesk__conversations') }}
),

ticket_schedules as (
    select * from {{ ref('base_zendesk__ticket_schedule') }}
),

schedules as (
    select * from {{ ref('base_zendesk__schedule') }}
),

seeded as (
    select * from {{ ref('channel_schedules') }}
),

ranked_schedules as (
    select
        id,
        row_number() over (order by created_at asc, id asc) as creation_rank
    from schedules
),

default_schedule as (
    select id
    from ranked_schedules
    where creation_rank = 1
),

tickets_on_schedules as (
    select distinct
        conversations.channel,
        conversations.conversation_id,
        coalesce(ticket_schedules.schedule_id, default_schedule.id) as schedule_id
    from conversations
    cross join default_schedule
    left join ticket_schedules
        on conversations.conversation_id = cast(ticket_schedules.ticket_id as {{ dbt.type_string() }})
),

counted as (
    select
        channel,
        schedule_id,
        count(*) as ticket_count
    from tickets_on_schedules
    group by channel, schedule_id
),

ranked as (
    select
        channel,
        schedule_id,
        row_number() over (partition by channel order by ticket_count desc, schedule_id asc) as schedule_rank
    from counted
),

mapped as (
    select
        channel,
        cast(schedule_id as {{ dbt.type_string() }}) as schedule_id
    from ranked
    where schedule_rank = 1
),

final as (
    {{ mapped_or_seeded('mapped', 'seeded', ['channel', 'schedule_id']) }}
)

select * from final
