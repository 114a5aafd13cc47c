{#
    One row per conversation: the business seconds of its first human response and of its resolution
    (docs/metrics.md §12), the same intervals as first_human_response_seconds and resolution_seconds counted only
    inside the open hours of its channel's schedule (calendar seconds for a channel without one); null where
    those are null. And, for the SLA clock of what has not happened yet, the business seconds elapsed from the
    same starts to the as-of time: while a human answer is expected and none came yet (escalated, or a person
    took part), and while the conversation is open.
    Incremental, by conversation: a row depends on its conversation, its channel's schedule and, for those two
    clocks still running, the as-of time. A run recomputes the conversations a load touched
    (int_conversations_enriched's last_load_id) and the ones still running a clock whose row was computed at
    another as-of time (computed_as_of_at); a closed, answered conversation is never computed again. A changed
    schedule needs --full-refresh.
#}
{{ config(large_fact_config('conversation_id', spark_partition_by='last_load_id')) }}

with

as_of as (
    select * from {{ ref('int_as_of') }}
),

{% if is_incremental() %}
    recomputed as (
        -- one union, not an `or` of subqueries (Spark 4 fails to run that plan)
        select conversation_id from {{ ref('int_conversations_enriched') }}
        where last_load_id > {{ incremental_watermark('last_load_id') }}
        union
        {{ conversations_with_stale_clocks() }}
    ),
{% endif %}

conversations as (
    select * from {{ ref('int_conversations_enriched') }}
    {% if is_incremental() %}
        where conversation_id in (select recomputed.conversation_id from recomputed)
    {% endif %}
),

channel_schedules as (
    select * from {{ schedule_relation('channel_schedules') }}
),

starts as (
    select
        conversations.conversation_id,
        channel_schedules.schedule_id,
        -- first human response: from the escalation when there was one, else from the start
        coalesce(conversations.escalated_at, conversations.created_at) as human_wait_started_at,
        conversations.created_at,
        conversations.first_human_response_at,
        case when conversations.status = 'resolved' then conversations.resolved_at end as resolved_at,
        case when {{ human_response_awaited() }} then as_of.as_of_at end as human_wait_as_of_at,
        case when conversations.status = 'open' then as_of.as_of_at end as open_as_of_at
    from conversations
    cross join as_of
    left join channel_schedules on conversations.channel = channel_schedules.channel
),

{% set timings = [
    ('first_human_response', 'human_wait_started_at', 'first_human_response_at'),
    ('resolution', 'created_at', 'resolved_at'),
    ('first_human_response_elapsed', 'human_wait_started_at', 'human_wait_as_of_at'),
    ('resolution_elapsed', 'created_at', 'open_as_of_at'),
] %}

spans as (
    -- only the spans that end: one without an end is null, as a timing without a span
    {% for timing, start_column, end_column in timings %}
        select
            conversation_id,
            '{{ timing }}' as timing,
            schedule_id,
            {{ start_column }} as start_at,
            {{ end_column }} as end_at
        from starts
        where {{ end_column }} is not null
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

timed as (
    {{ business_seconds('spans', ['conversation_id', 'timing']) }}
),

clocked as (
    select
        conversation_id,
        cast(max(case when timing = 'first_human_response' then business_seconds end) as {{ type_double() }})
            as first_human_response_business_seconds,
        cast(max(case when timing = 'resolution' then business_seconds end) as {{ type_double() }})
            as resolution_business_seconds,
        cast(max(case when timing = 'first_human_response_elapsed' then business_seconds end) as {{ type_double() }})
            as first_human_response_elapsed_business_seconds,
        cast(max(case when timing = 'resolution_elapsed' then business_seconds end) as {{ type_double() }})
            as resolution_elapsed_business_seconds
    from timed
    group by conversation_id
),

final as (
    -- every conversation keeps its row (nulls where no span ends), so delete+insert leaves no stale one
    select
        conversations.conversation_id,
        clocked.first_human_response_business_seconds,
        clocked.resolution_business_seconds,
        clocked.first_human_response_elapsed_business_seconds,
        clocked.resolution_elapsed_business_seconds,
        conversations.last_load_id,
        as_of.as_of_at as computed_as_of_at
    from conversations
    left join clocked on conversations.conversation_id = clocked.conversation_id
    cross join as_of
)

select * from final
