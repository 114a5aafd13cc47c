{#-
    Zendesk tickets as the contract's conversations (docs/sources/zendesk.md "Conversations"):
    - channel from via_channel (the case below; a value it does not know counts as email, a ticket's default);
    - status: new, open, pending, hold → open; solved, closed → resolved, unless tagged abandoned or unresolved;
      closed_at = the first solved/closed change after the last reopen (else the ticket's updated_at);
      resolved_at = closed_at when resolved; deleted tickets are left out;
    - agent_intent and bot_intent from tags intent__<name> and bot_intent__<name>; no bot confidence in Zendesk;
    - customer_id: the requester's billing customer (by email), else 'zendesk:' || requester_id.
-#}
{%- set intent_prefix = var('zendesk_intent_tag_prefix', 'intent__') -%}
{%- set bot_intent_prefix = var('zendesk_bot_intent_tag_prefix', 'bot_intent__') -%}

with

tickets as (
    select * from {{ ref('base_zendesk__ticket') }}
    where coalesce(lower(trim(status)), '') <> 'deleted'
),

tags as (
    select
        ticket_id,
        tag,
        substr(tag, {{ intent_prefix | length + 1 }}) as intent,
        substr(tag, {{ bot_intent_prefix | length + 1 }}) as bot_intent
    from {{ ref('base_zendesk__ticket_tag') }}
),

status_changes as (
    select * from {{ ref('zendesk__status_changes') }}
),

people as (
    select * from {{ ref('zendesk__users_classified') }}
),

last_reopens as (
    select
        ticket_id,
        max(changed_at) as reopened_at
    from status_changes
    where not is_closing
    group by ticket_id
),

closings as (
    select
        status_changes.ticket_id,
        min(status_changes.changed_at) as closed_at
    from status_changes
    left join last_reopens on status_changes.ticket_id = last_reopens.ticket_id
    where
        status_changes.is_closing
        and (last_reopens.reopened_at is null or status_changes.changed_at >= last_reopens.reopened_at)
    group by status_changes.ticket_id
),

ticket_tags as (
    select
        ticket_id,
        max(
            case when substr(tag, 1, {{ intent_prefix | length }}) = '{{ intent_prefix }}' then intent end
        ) as agent_intent,
        max(
            case when substr(tag, 1, {{ bot_intent_prefix | length }}) = '{{ bot_intent_prefix }}' then bot_intent end
        ) as bot_intent,
        max(case when tag = 'abandoned' then 1 else 0 end) = 1 as is_abandoned,
        max(case when tag = 'unresolved' then 1 else 0 end) = 1 as is_unresolved
    from tags
    group by ticket_id
),

statused as (
    select
        tickets.*,
        ticket_tags.agent_intent,
        ticket_tags.bot_intent,
        lower(trim(tickets.via_channel)) as via,
        case
            when lower(trim(tickets.status)) not in ('solved', 'closed') then 'open'
            when ticket_tags.is_abandoned then 'abandoned'
            when ticket_tags.is_unresolved then 'unresolved'
            else 'resolved'
        end as contract_status,
        coalesce(closings.closed_at, tickets.updated_at) as closing_at
    from tickets
    left join ticket_tags on tickets.id = ticket_tags.ticket_id
    left join closings on tickets.id = closings.ticket_id
),

final as (
    select
        cast(statused.id as {{ dbt.type_string() }}) as conversation_id,
        coalesce(
            people.customer_id, 'zendesk:' || cast(statused.requester_id as {{ dbt.type_string() }})
        ) as customer_id,
        case
            when statused.via in ('chat', 'native_messaging', 'messaging', 'mobile_sdk', 'web_widget')
                then 'web_chat'
            when statused.via in ('sms', 'text', 'google_rcs') then 'sms'
            when statused.via in ('facebook_messenger', 'messenger', 'sunshine_conversations_facebook_messenger')
                then 'messenger'
            when statused.via in ('whatsapp', 'sunshine_conversations_whatsapp') then 'whatsapp'
            when statused.via in (
                    'twitter', 'twitter_dm', 'facebook', 'facebook_post', 'instagram', 'instagram_dm', 'line',
                    'wechat', 'telegram', 'viber', 'kakaotalk', 'apple_business_chat'
                ) then 'social'
            when statused.via in ('voice', 'phone', 'phone_call_inbound', 'phone_call_outbound', 'voicemail', 'talk')
                then 'voice'
            else 'email'
        end as channel,
        statused.created_at,
        coalesce(statused.updated_at, statused.created_at) as updated_at,
        statused.contract_status as status,
        case when statused.contract_status = 'resolved' then statused.closing_at end as resolved_at,
        case when statused.contract_status <> 'open' then statused.closing_at end as closed_at,
        statused.bot_intent,
        cast(null as {{ type_double() }}) as bot_intent_confidence,
        statused.agent_intent,
        statused.subject,
        statused._source_file,
        statused._source_row,
        statused._load_id,
        statused._loaded_at
    from statused
    left join people on statused.requester_id = people.user_id
)

select * from final
