{#-
    Ticket comments and chat messages as the contract's messages (docs/sources/zendesk.md "Messages"):
    - comments: a private comment is an internal note; a comment with no author or author id -1 (Zendesk itself,
      e.g. a trigger's receipt) is a system auto_ack;
    - chat events of type ChatMessage: actor __trigger or __system is a system auto_ack; agent:<id> is user <id>;
      a business payload from a zd: source (Answer Bot, Flow Builder, AI agents) is the bot;
    - author_type from the author (zendesk__users_classified): customer, agent or bot; author_id for bots and
      agents; a bot message whose body starts like one of var zendesk_fallback_phrases is a fallback.
-#}
{%- set fallbacks = var('zendesk_fallback_phrases', [
    "sorry, i didn't understand", "i'm not sure i got that", "hmm, i don't know how to help with that",
]) -%}

with

comments as (
    select * from {{ ref('base_zendesk__ticket_comment') }}
),

chats as (
    select * from {{ ref('base_zendesk__ticket_chat') }}
),

chat_events as (
    select * from {{ ref('base_zendesk__ticket_chat_event') }}
    where lower(type) = 'chatmessage'
),

people as (
    select * from {{ ref('zendesk__users_classified') }}
),

comment_messages as (
    select
        cast(id as {{ dbt.type_string() }}) as message_id,
        ticket_id,
        created as created_at,
        user_id,
        body,
        _source_file,
        _source_row,
        _load_id,
        _loaded_at,
        coalesce(public, true) as is_public,
        coalesce(user_id, -1) < 0 as is_system,
        false as is_bot_payload
    from comments
),

chat_messages as (
    select
        chat_events.chat_id || '#' || cast(chat_events.chat_index as {{ dbt.type_string() }}) as message_id,
        chats.ticket_id,
        chat_events.created_at,
        case
            when chat_events.actor_id in ('__trigger', '__system', 'agent:', '') then null
            when chat_events.actor_id like 'agent:%'
                then cast(substr(chat_events.actor_id, 7) as {{ dbt.type_bigint() }})
            else cast(chat_events.actor_id as {{ dbt.type_bigint() }})
        end as user_id,
        chat_events.message as body,
        chat_events._source_file,
        chat_events._source_row,
        chat_events._load_id,
        chat_events._loaded_at,
        true as is_public,
        coalesce(chat_events.actor_id in ('__trigger', '__system'), false) as is_system,
        coalesce(
            chat_events.original_message like '%"type":"BUSINESS"%'
            and chat_events.original_message like '%"source":{"type":"zd:%', false
        ) as is_bot_payload
    from chat_events
    inner join chats on chat_events.chat_id = chats.chat_id
),

unioned as (
    select * from comment_messages
    union all
    select * from chat_messages
),

authored as (
    select
        unioned.*,
        case
            when unioned.is_system then 'system'
            when unioned.is_bot_payload then 'bot'
            else coalesce(people.person_type, 'customer')
        end as author_type
    from unioned
    left join people on unioned.user_id = people.user_id
),

final as (
    select
        message_id,
        cast(ticket_id as {{ dbt.type_string() }}) as conversation_id,
        created_at,
        author_type,
        case
            when author_type in ('bot', 'agent') then cast(user_id as {{ dbt.type_string() }})
        end as author_id,
        case
            when not is_public then 'internal_note'
            when author_type = 'system' then 'auto_ack'
            {%- for phrase in fallbacks %}
                when author_type = 'bot' and lower(body) like '{{ phrase | replace("'", "''") }}%' then 'fallback'
            {%- endfor %}
            else 'text'
        end as message_kind,
        body,
        _source_file,
        _source_row,
        _load_id,
        _loaded_at
    from authored
)

select * from final
