{#
    One row per conversation: the business seconds of its first human response and of its resolution
    (docs/metrics.md §12), the same intervals as first_human_response_seconds and resolution_seconds counted only
    inside the open hours of its channel's schedule (calendar seconds for a channel without one); null where
    those are null.
#}
with

conversations as (
    select * from {{ ref('int_conversations_enriched') }}
),

channel_schedules as (
    select * from {{ ref('channel_schedules') }}
),

spans as (
    -- first human response: from the escalation when there was one, else from the start
    select
        conversations.conversation_id,
        'first_human_response' as timing,
        channel_schedules.schedule_id,
        coalesce(conversations.escalated_at, conversations.created_at) as start_at,
        conversations.first_human_response_at as end_at
    from conversations
    left join channel_schedules on conversations.channel = channel_schedules.channel
    union all
    select
        conversations.conversation_id,
        'resolution' as timing,
        channel_schedules.schedule_id,
        conversations.created_at as start_at,
        case when conversations.status = 'resolved' then conversations.resolved_at end as end_at
    from conversations
    left join channel_schedules on conversations.channel = channel_schedules.channel
),

timed as (
    {{ business_seconds('spans', ['conversation_id', 'timing']) }}
),

final as (
    select
        conversation_id,
        cast(max(case when timing = 'first_human_response' then business_seconds end) as {{ type_double() }})
            as first_human_response_business_seconds,
        cast(max(case when timing = 'resolution' then business_seconds end) as {{ type_double() }})
            as resolution_business_seconds
    from timed
    group by conversation_id
)

select * from final
