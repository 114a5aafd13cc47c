{#-
    Ticket field changes as the contract's events (docs/sources/zendesk.md "Events"):
    - reopened: status back from solved/closed (zendesk__status_changes), by whoever changed it;
    - agent_assigned: assignee_id set, by the assignee;
    - escalated: the bot's hand-off sets custom field escalation_reason (the reason); context_transferred is the
      custom field of that name set at the same instant; no author means the system escalated;
    - human_requested: custom field human_requested set by the customer; lead_captured: custom field lead_type.
    Field names are vars (zendesk_*_field). kb_article_suggested needs Guide: never produced.
-#}
{%- set escalation_field = var('zendesk_escalation_field', 'escalation_reason') -%}
{%- set context_field = var('zendesk_context_field', 'context_transferred') -%}
{%- set human_field = var('zendesk_human_requested_field', 'human_requested') -%}
{%- set lead_field = var('zendesk_lead_field', 'lead_type') -%}

with

history as (
    select * from {{ ref('base_zendesk__ticket_field_history') }}
),

status_changes as (
    select * from {{ ref('zendesk__status_changes') }}
),

people as (
    select * from {{ ref('zendesk__users_classified') }}
),

contexts as (
    select
        ticket_id,
        updated,
        max(lower(trim(value))) as context_transferred
    from history
    where field_name = '{{ context_field }}'
    group by ticket_id, updated
),

changes as (
    select
        ticket_id,
        field_name,
        updated,
        value,
        user_id,
        _source_file,
        _source_row,
        _load_id,
        _loaded_at,
        case field_name
            when 'assignee_id' then 'agent_assigned'
            when '{{ escalation_field }}' then 'escalated'
            when '{{ human_field }}' then 'human_requested'
            when '{{ lead_field }}' then 'lead_captured'
        end as event_type,
        case
            when field_name = 'assignee_id' then cast(value as {{ dbt.type_bigint() }}) else user_id
        end as actor_user_id
    from history
    where
        value is not null
        and trim(value) <> ''
        and field_name in ('assignee_id', '{{ escalation_field }}', '{{ human_field }}', '{{ lead_field }}')
    union all
    select
        ticket_id,
        'status' as field_name,
        changed_at as updated,
        status as value,
        user_id,
        _source_file,
        _source_row,
        _load_id,
        _loaded_at,
        'reopened' as event_type,
        user_id as actor_user_id
    from status_changes
    where is_reopen
),

final as (
    select
        cast(changes.ticket_id as {{ dbt.type_string() }}) || ':' || changes.field_name || ':'
        || cast(changes.updated as {{ dbt.type_string() }}) as event_id,
        cast(changes.ticket_id as {{ dbt.type_string() }}) as conversation_id,
        changes.updated as created_at,
        changes.event_type,
        case
            when people.person_type is not null then people.person_type
            when changes.event_type = 'agent_assigned' then 'agent'
            else 'system'
        end as actor_type,
        case
            when people.person_type = 'customer' then people.customer_id
            else cast(changes.actor_user_id as {{ dbt.type_string() }})
        end as actor_id,
        case when changes.event_type = 'escalated' then lower(trim(changes.value)) end as reason,
        case
            when changes.event_type = 'escalated' and contexts.context_transferred in ('true', '1', 'yes') then true
            when changes.event_type = 'escalated' and contexts.context_transferred in ('false', '0', 'no') then false
        end as context_transferred,
        cast(null as {{ dbt.type_string() }}) as article_id,
        case when changes.event_type = 'lead_captured' then lower(trim(changes.value)) end as lead_type,
        changes._source_file,
        changes._source_row,
        changes._load_id,
        changes._loaded_at
    from changes
    left join people on changes.actor_user_id = people.user_id
    left join contexts
        on
            changes.ticket_id = contexts.ticket_id
            and changes.updated = contexts.updated
            and changes.event_type = 'escalated'
)

select * from final
