{#
    One row per conversation and SLA metric that applies to it (docs/metrics.md §12): its channel's target and
    clock (seed sla_targets), the value measured on that clock, and the status at the as-of time.
    first_human_response applies to conversations that were escalated or had a person answer; resolution to
    every conversation but abandoned ones. achieved: measured within the target; breached: measured over it,
    or (resolution) closed without a resolution, or still waiting with more than the target elapsed at the
    as-of time; pending: still waiting, within the target.
#}
with

conversations as (
    select * from {{ ref('int_conversations_enriched') }}
),

business_timings as (
    select * from {{ ref('int_conversations_business_timed') }}
),

targets as (
    select * from {{ ref('sla_targets') }}
),

as_of as (
    select * from {{ ref('int_as_of') }}
),

clocks as (
    -- each metric's measured and elapsed seconds on both clocks; elapsed only while still waiting
    select
        conversations.conversation_id,
        conversations.channel,
        conversations.status,
        conversations.created_at,
        conversations.is_escalated or conversations.is_human_involved as is_human_answer_expected,
        conversations.first_human_response_seconds,
        business_timings.first_human_response_business_seconds,
        case when conversations.first_human_response_at is null then {{ seconds_between(
            'coalesce(conversations.escalated_at, conversations.created_at)', 'as_of.as_of_at') }} end
            as first_human_response_elapsed_seconds,
        business_timings.first_human_response_elapsed_business_seconds,
        conversations.resolution_seconds,
        business_timings.resolution_business_seconds,
        case when conversations.status = 'open' then {{ seconds_between('conversations.created_at', 'as_of.as_of_at') }}
        end as resolution_elapsed_seconds,
        business_timings.resolution_elapsed_business_seconds
    from conversations
    cross join as_of
    left join business_timings on conversations.conversation_id = business_timings.conversation_id
),

measured as (
    {% for metric in ['first_human_response', 'resolution'] %}
        select
            clocks.conversation_id,
            clocks.channel,
            clocks.created_at,
            targets.metric as sla_metric,
            targets.clock,
            targets.target_seconds,
            clocks.status = 'unresolved' and targets.metric = 'resolution' as is_closed_unresolved,
            case
                when targets.clock = 'business' then clocks.{{ metric }}_business_seconds
                else clocks.{{ metric }}_seconds
            end as measured_seconds,
            clocks.{{ metric }}_business_seconds as measured_business_seconds,
            case
                when targets.clock = 'business' then clocks.{{ metric }}_elapsed_business_seconds
                else clocks.{{ metric }}_elapsed_seconds
            end as elapsed_seconds
        from clocks
        inner join targets on clocks.channel = targets.channel and targets.metric = '{{ metric }}'
        where
            {% if metric == 'first_human_response' -%}
                clocks.is_human_answer_expected
            {%- else -%}
                clocks.status != 'abandoned'
            {%- endif %}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

final as (
    select
        conversation_id,
        channel,
        sla_metric,
        clock,
        target_seconds,
        measured_seconds,
        measured_business_seconds,
        elapsed_seconds,
        case
            when measured_seconds is not null and measured_seconds <= target_seconds then 'achieved'
            when measured_seconds is not null then 'breached'
            when is_closed_unresolved then 'breached'
            when elapsed_seconds > target_seconds then 'breached'
            else 'pending'
        end as sla_status,
        created_at
    from measured
)

select * from final
