{#
    One row per conversation (latest version) with its facts from docs/metrics.md §1: intent and category,
    resolution path, response and resolution times, depth, bot and fallback messages, human requests,
    forced containment, intent match and leads. Incremental: a run recomputes the conversations that a
    load it has not seen touched (a new version, message or event), whatever their created_at.
#}
{{ config(large_fact_config('conversation_id', spark_partition_by='last_load_id')) }}

with

{% if is_incremental() %}
    touched as (
        select conversation_id from {{ ref('stg_helpdesk__conversations') }}
        where _load_id > {{ incremental_watermark('last_load_id') }}
        union
        select conversation_id from {{ ref('int_messages_classified') }}
        where _load_id > {{ incremental_watermark('last_load_id') }}
        union
        select conversation_id from {{ ref('stg_helpdesk__events') }}
        where _load_id > {{ incremental_watermark('last_load_id') }}
    ),
{% endif %}

conversations as (
    select * from {{ ref('stg_helpdesk__conversations') }}
    {% if is_incremental() %}where conversation_id in (select touched.conversation_id from touched){% endif %}
),

messages as (
    select * from {{ ref('int_messages_classified') }}
    {% if is_incremental() %}where conversation_id in (select touched.conversation_id from touched){% endif %}
),

events as (
    select * from {{ ref('stg_helpdesk__events') }}
    {% if is_incremental() %}where conversation_id in (select touched.conversation_id from touched){% endif %}
),

intent_taxonomy as (
    select * from {{ ref('intent_taxonomy') }}
),

escalations_ranked as (
    select
        conversation_id,
        created_at,
        reason,
        is_context_transferred,
        row_number() over (partition by conversation_id order by created_at, event_id) as escalation_rank
    from events
    where event_type = 'escalated'
),

event_facts as (
    select
        conversation_id,
        count(case when event_type = 'human_requested' then 1 end) as human_request_count,
        count(case when event_type = 'escalated' then 1 end) as escalation_event_count,
        min(case when event_type = 'lead_captured' then created_at end) as lead_captured_at,
        max(_load_id) as last_load_id
    from events
    group by conversation_id
),

first_escalations as (
    select
        conversation_id,
        created_at as escalated_at,
        coalesce(reason, 'unspecified') as escalation_reason,
        is_context_transferred
    from escalations_ranked
    where escalation_rank = 1
),

message_facts as (
    -- one pass over the messages (a second would make the engine keep them all): the escalation joined in
    select
        messages.conversation_id,
        min(case when messages.is_response then messages.created_at end) as first_response_at,
        min(case when messages.is_useful_response then messages.created_at end) as first_useful_response_at,
        count(
            case
                when messages.is_conversational and messages.author_type in ('customer', 'bot', 'agent') then 1
            end
        ) as depth,
        count(case when messages.is_bot_message then 1 end) as bot_message_count,
        count(case when messages.is_fallback then 1 end) as fallback_message_count,
        count(case when messages.is_agent_message then 1 end) as agent_message_count,
        -- the first conversational agent message, and the first at or after the escalation
        min(case when messages.is_agent_message then messages.created_at end) as first_agent_message_at,
        min(
            case
                when messages.is_agent_message and messages.created_at >= first_escalations.escalated_at
                    then messages.created_at
            end
        ) as first_agent_message_after_escalation_at,
        max(messages._load_id) as last_load_id
    from messages
    left join first_escalations on messages.conversation_id = first_escalations.conversation_id
    group by messages.conversation_id
),

joined as (
    select
        conversations.conversation_id,
        conversations.customer_id,
        conversations.channel,
        conversations.status,
        conversations.bot_intent,
        conversations.agent_intent,
        conversations.bot_intent_confidence,
        coalesce(conversations.agent_intent, conversations.bot_intent, 'unknown') as intent,
        coalesce(message_facts.depth, 0) as depth,
        coalesce(message_facts.bot_message_count, 0) as bot_message_count,
        coalesce(message_facts.fallback_message_count, 0) as fallback_message_count,
        coalesce(message_facts.agent_message_count, 0) as agent_message_count,
        coalesce(event_facts.human_request_count, 0) as human_request_count,
        first_escalations.escalation_reason,
        first_escalations.is_context_transferred,
        coalesce(event_facts.escalation_event_count, 0) > 0 as is_escalated,
        conversations.created_at,
        conversations.resolved_at,
        conversations.closed_at,
        first_escalations.escalated_at,
        message_facts.first_response_at,
        message_facts.first_useful_response_at,
        case
            when first_escalations.escalated_at is not null
                then message_facts.first_agent_message_after_escalation_at
            else message_facts.first_agent_message_at
        end as first_human_response_at,
        event_facts.lead_captured_at,
        greatest(
            conversations._load_id, coalesce(message_facts.last_load_id, 0), coalesce(event_facts.last_load_id, 0)
        ) as last_load_id
    from conversations
    left join message_facts on conversations.conversation_id = message_facts.conversation_id
    left join event_facts on conversations.conversation_id = event_facts.conversation_id
    left join first_escalations on conversations.conversation_id = first_escalations.conversation_id
),

flagged as (
    select
        *,
        bot_message_count > 0 as is_bot_involved,
        agent_message_count > 0 as is_human_involved
    from joined
),

final as (
    select
        flagged.conversation_id,
        flagged.customer_id,
        flagged.channel,
        flagged.intent,
        case
            when flagged.intent = 'unknown' then 'unknown'
            else coalesce(intent_taxonomy.intent_category, 'other')
        end as intent_category,
        flagged.status,
        case
            when flagged.is_bot_involved and not flagged.is_human_involved and not flagged.is_escalated
                then 'ai_only'
            when flagged.is_bot_involved then 'ai_to_human'
            when flagged.is_human_involved then 'human_only'
            else 'no_response'
        end as resolution_path,
        flagged.bot_intent,
        flagged.agent_intent,
        flagged.bot_intent_confidence,
        flagged.escalation_reason,
        {{ seconds_between('flagged.created_at', 'flagged.first_response_at') }} as first_response_seconds,
        {{ seconds_between('flagged.created_at', 'flagged.first_useful_response_at') }}
            as first_useful_response_seconds,
        case
            when flagged.is_escalated
                then {{ seconds_between('flagged.escalated_at', 'flagged.first_human_response_at') }}
            else {{ seconds_between('flagged.created_at', 'flagged.first_human_response_at') }}
        end as first_human_response_seconds,
        case
            when flagged.status = 'resolved'
                then {{ seconds_between('flagged.created_at', 'flagged.resolved_at') }}
        end as resolution_seconds,
        flagged.depth,
        flagged.bot_message_count,
        flagged.fallback_message_count,
        flagged.agent_message_count,
        flagged.human_request_count,
        flagged.is_bot_involved,
        flagged.is_human_involved,
        flagged.is_escalated,
        flagged.is_context_transferred,
        flagged.is_bot_involved
        and (
            flagged.human_request_count >= 2
            or (flagged.human_request_count >= 1 and not flagged.is_escalated)
        ) as is_forced_containment,
        case
            when flagged.bot_intent is not null and flagged.agent_intent is not null
                then flagged.bot_intent = flagged.agent_intent
        end as is_intent_match,
        flagged.lead_captured_at is not null as has_lead,
        flagged.status = 'resolved' as is_resolved,
        flagged.created_at,
        flagged.resolved_at,
        flagged.closed_at,
        flagged.escalated_at,
        flagged.first_response_at,
        flagged.first_human_response_at,
        flagged.lead_captured_at,
        flagged.last_load_id
    from flagged
    left join intent_taxonomy on flagged.intent = intent_taxonomy.intent
)

select * from final
