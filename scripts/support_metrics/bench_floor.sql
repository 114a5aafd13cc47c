-- The benchmark's floor: fct_conversations and fct_issues computed straight from the raw tables by one
-- hand-written DuckDB script, no dbt, no staging views, no tests. The same definitions as the models
-- (docs/metrics.md §1, §2) in as few passes as a person would write them; masking and costs left out.

create or replace table floor_conversations as
with
conversations as (
    select * exclude (version_rank) from (
        select
            conversation_id, customer_id, lower(trim(channel)) as channel, created_at, status_raw, resolved_at,
            closed_at, nullif(lower(trim(bot_intent)), '') as bot_intent,
            nullif(lower(trim(agent_intent)), '') as agent_intent,
            row_number() over (
                partition by conversation_id order by updated_at desc, _load_id desc, _source_file desc,
                _source_row desc
            ) as version_rank
        from (select *, lower(trim(status)) as status_raw from raw.helpdesk__conversations)
    ) where version_rank = 1
),
messages as (
    select conversation_id, created_at, lower(trim(author_type)) as author, lower(trim(message_kind)) as kind
    from (
        select *, row_number() over (partition by message_id order by _load_id, _source_file, _source_row) as copy
        from raw.helpdesk__messages
    ) where copy = 1
),
events as (
    select conversation_id, created_at, event_id, lower(trim(event_type)) as event_type,
           coalesce(nullif(lower(trim(reason)), ''), 'unspecified') as reason
    from (
        select *, row_number() over (partition by event_id order by _load_id, _source_file, _source_row) as copy
        from raw.helpdesk__events
    ) where copy = 1
),
event_facts as (
    select
        conversation_id,
        min(created_at) filter (where event_type = 'escalated') as escalated_at,
        arg_min(reason, (created_at, event_id)) filter (where event_type = 'escalated') as escalation_reason,
        count(*) filter (where event_type = 'human_requested') as human_request_count,
        count(*) filter (where event_type = 'lead_captured') > 0 as has_lead
    from events group by conversation_id
),
message_facts as (
    select
        m.conversation_id,
        min(m.created_at) filter (where (m.author in ('bot', 'agent') and m.kind != 'internal_note')
                                  or m.kind = 'auto_ack') as first_response_at,
        min(m.created_at) filter (where m.author in ('bot', 'agent') and m.kind = 'text') as first_useful_at,
        min(m.created_at) filter (where m.author = 'agent' and m.kind in ('text', 'fallback')
                                  and (e.escalated_at is null or m.created_at >= e.escalated_at))
            as first_human_at,
        count(*) filter (where m.kind in ('text', 'fallback') and m.author in ('customer', 'bot', 'agent')) as depth,
        count(*) filter (where m.kind in ('text', 'fallback') and m.author = 'bot') as bot_message_count,
        count(*) filter (where m.kind = 'fallback' and m.author = 'bot') as fallback_message_count,
        count(*) filter (where m.kind in ('text', 'fallback') and m.author = 'agent') as agent_message_count
    from messages as m left join event_facts as e using (conversation_id)
    group by m.conversation_id
)
select
    c.conversation_id, c.customer_id, c.channel, c.created_at, c.status_raw as status, c.resolved_at, c.closed_at,
    coalesce(c.agent_intent, c.bot_intent, 'unknown') as intent,
    case when c.agent_intent is not null and c.bot_intent is not null then c.agent_intent = c.bot_intent end
        as is_intent_match,
    coalesce(mf.bot_message_count, 0) > 0 as is_bot_involved,
    coalesce(mf.agent_message_count, 0) > 0 as is_human_involved,
    e.escalated_at is not null as is_escalated,
    e.escalation_reason,
    case
        when coalesce(mf.bot_message_count, 0) > 0 and coalesce(mf.agent_message_count, 0) = 0
             and e.escalated_at is null then 'ai_only'
        when coalesce(mf.bot_message_count, 0) > 0 then 'ai_to_human'
        when coalesce(mf.agent_message_count, 0) > 0 then 'human_only'
        else 'no_response'
    end as resolution_path,
    epoch(mf.first_response_at - c.created_at) as first_response_seconds,
    epoch(mf.first_useful_at - c.created_at) as first_useful_response_seconds,
    epoch(mf.first_human_at - coalesce(e.escalated_at, c.created_at)) as first_human_response_seconds,
    case when c.status_raw = 'resolved' then epoch(c.resolved_at - c.created_at) end as resolution_seconds,
    coalesce(mf.depth, 0) as depth,
    coalesce(mf.bot_message_count, 0) as bot_message_count,
    coalesce(mf.fallback_message_count, 0) as fallback_message_count,
    coalesce(e.human_request_count, 0) as human_request_count,
    coalesce(mf.bot_message_count, 0) > 0 and (coalesce(e.human_request_count, 0) >= 2
        or (coalesce(e.human_request_count, 0) >= 1 and e.escalated_at is null)) as is_forced_containment,
    coalesce(e.has_lead, false) as has_lead
from conversations as c
left join message_facts as mf using (conversation_id)
left join event_facts as e using (conversation_id);

create or replace table floor_issues as
with
ordered as (
    select
        *,
        lag(closed_at) over by_intent as previous_closed_at,
        lag(conversation_id) over by_intent as previous_id
    from floor_conversations
    window by_intent as (partition by customer_id, intent order by created_at, conversation_id)
),
flagged as (
    select
        *,
        case
            when intent = 'unknown' or previous_id is null then 1
            when previous_closed_at is null or epoch(created_at - previous_closed_at) <= 7 * 86400 then 0
            else 1
        end as opens_issue
    from ordered
),
numbered as (
    select *, sum(opens_issue) over (partition by customer_id, intent order by created_at, conversation_id
                                     rows unbounded preceding) as issue_number
    from flagged
),
stitched as (
    select *, first_value(conversation_id) over (
        partition by customer_id, intent, issue_number order by created_at, conversation_id) as issue_id
    from numbered
),
as_of as (select max(created_at) as as_of_at from floor_conversations),
issues as (
    select
        issue_id, min(customer_id) as customer_id, min(intent) as intent, count(*) as conversation_count,
        count(distinct channel) as channel_count, min(created_at) as opened_at,
        arg_max(status, (created_at, conversation_id)) as last_status,
        count(*) filter (where status = 'open') as open_count, max(closed_at) as last_closed_at,
        count(*) filter (where resolution_path != 'no_response') as responded,
        count(*) filter (where resolution_path = 'ai_only') as ai_only,
        count(*) filter (where resolution_path = 'ai_to_human') as ai_to_human
    from stitched group by issue_id
)
select
    issues.*,
    case when responded = 0 then 'no_response' when ai_only = responded then 'ai_only'
         when ai_only + ai_to_human = 0 then 'human_only' else 'ai_to_human' end as issue_path,
    open_count = 0 and epoch(as_of_at - last_closed_at) > 7 * 86400 as is_settled,
    open_count = 0 and epoch(as_of_at - last_closed_at) > 7 * 86400 and last_status = 'resolved'
        and conversation_count = 1 as is_fcr,
    open_count = 0 and epoch(as_of_at - last_closed_at) > 7 * 86400 and last_status = 'resolved'
        and conversation_count = 1 and ai_only = responded and responded > 0 as is_deflected
from issues cross join as_of;
