"""The generator's Zendesk shape: a contract landing folder rewritten as Fivetran lands Zendesk Support.

Ids become Zendesk's integers (tickets keep the conversation number; users are 1e9 + the customer number and
2e9 + the agent's rank); `_ids.csv` (skipped by the loader) records contract id -> adapter id for tests.
What Zendesk cannot hold (CES, NPS, bot confidence, knowledge base) is left out; docs/sources/zendesk.md."""

from __future__ import annotations

from pathlib import Path

import duckdb

from ..warehouse import literal
from .zendesk_schedules import write_schedules

CUSTOMER_BASE = 1_000_000_000
AGENT_BASE = 2_000_000_000
GROUP_BASE = 4_000_000_000
# Contract channel -> the via channel the shape writes (the adapter maps it back; docs/sources/zendesk.md).
VIA = {"web_chat": "native_messaging", "email": "email", "sms": "sms", "messenger": "facebook_messenger",
       "whatsapp": "whatsapp", "social": "twitter", "voice": "voice"}
CHAT_CHANNELS = ("web_chat", "sms", "messenger", "whatsapp", "social")
BOT_MESSAGE = ('{"author":{"display_name":"Bot","type":"BUSINESS"},"source":{"type":"zd:answerBot"}}')

_VIEWS = {
    # people: customers (end-users) and agents (humans and bots) with their Zendesk user ids
    "agent_ids": """
        select agent_id, {agent} + dense_rank() over (order by agent_id) as user_id, agent_type, name, team,
            updated_at
        from agents
    """,
    "customer_ids": """
        select customer_id, {customer} + cast(regexp_replace(customer_id, '[^0-9]', '', 'g') as bigint) as user_id
        from (select customer_id from conversations union select customer_id from billing_customers)
    """,
    "tickets": """
        select *, cast(regexp_replace(conversation_id, '[^0-9]', '', 'g') as bigint) as ticket_id
        from conversations
        qualify row_number() over (partition by conversation_id order by updated_at desc) = 1
    """,
    "msgs": """
        select m.*, t.ticket_id, t.channel, a.user_id as agent_user, c.user_id as customer_user,
            cast(regexp_replace(m.message_id, '[^0-9]', '', 'g') as bigint) as number,
            t.channel in {chat} and m.message_kind <> 'internal_note' as in_chat
        from messages as m
        inner join tickets as t using (conversation_id)
        left join agent_ids as a on m.author_id = a.agent_id
        left join customer_ids as c on t.customer_id = c.customer_id
    """,
    "chat_msgs": """
        select *, 'chat.' || ticket_id as chat_id,
            cast(row_number() over (partition by ticket_id order by created_at, number) - 1 as integer) as chat_index
        from msgs where in_chat
    """,
}

_FILES = {
    "ticket": """
        select t.ticket_id as id, t.created_at, t.updated_at,
            case when t.status = 'open' then 'open' when t.status = 'resolved' then 'solved' else 'closed' end
                as status,
            t.subject, c.user_id as requester_id, {via} as via_channel, false as _fivetran_deleted
        from tickets as t inner join customer_ids as c using (customer_id) order by id
    """,
    "ticket_comment": """
        select number as id, ticket_id, created_at as created,
            case when author_type = 'customer' then customer_user when author_type = 'system' then -1
                else agent_user end as user_id,
            message_kind <> 'internal_note' as public, body, false as _fivetran_deleted
        from msgs where not in_chat order by id
    """,
    "ticket_chat": """
        select distinct m.chat_id, m.ticket_id, 'native_messaging' as channel, 'visitor' as initiator,
            m.customer_user as user_id
        from chat_msgs as m order by ticket_id
    """,
    "ticket_chat_event": """
        select chat_id, chat_index, created_at,
            case when author_type = 'customer' then cast(customer_user as varchar)
                when author_type = 'system' then '__trigger'
                when author_type = 'agent' then 'agent:' || agent_user
                else cast(agent_user as varchar) end as actor_id,
            'ChatMessage' as type, body as message,
            case when author_type = 'bot' then {bot} end as original_message
        from chat_msgs order by chat_id, chat_index
    """,
    "user": """
        select user_id as id, coalesce(b.name, 'Customer ' || customer_id) as name, b.email,
            'end-user' as role, null as created_at, null as updated_at, false as _fivetran_deleted
        from customer_ids
        left join (select customer_id, email, null as name from billing_customers
                   qualify row_number() over (partition by customer_id order by updated_at desc) = 1) as b
            using (customer_id)
        union all
        select user_id, name, null, 'agent', updated_at, updated_at, false from agent_ids
        order by id
    """,
    "group": """
        select {group} + dense_rank() over (order by team) as id, team as name, false as _fivetran_deleted
        from (select distinct team from agent_ids where team is not null) order by id
    """,
    "group_member": """
        select a.user_id as id, a.user_id, g.id as group_id, true as "default"
        from agent_ids as a inner join "group" as g on a.team = g.name order by id
    """,
    "ticket_tag": """
        select ticket_id, 'intent__' || agent_intent as tag from tickets where agent_intent is not null
        union all select ticket_id, 'bot_intent__' || bot_intent from tickets where bot_intent is not null
        union all select ticket_id, status from tickets where status in ('abandoned', 'unresolved')
        order by ticket_id, tag
    """,
    "satisfaction_rating": """
        select cast(regexp_replace(r.response_id, '[^0-9]', '', 'g') as bigint) as id, t.ticket_id,
            c.user_id as requester_id,
            case when r.scale_max = 1 then (case when r.score = 1 then 'good' else 'bad' end)
                else cast(cast(r.score as integer) as varchar) end as score,
            r.comment, r.sent_at as created_at, r.responded_at as updated_at, false as _fivetran_deleted
        from responses as r
        inner join tickets as t using (conversation_id)
        inner join customer_ids as c on r.customer_id = c.customer_id
        where r.survey_type = 'csat' order by id
    """,
}

# ticket_field_history: statuses (reopens included), assignments, and the bot's hand-off fields.
_HISTORY = """
    with events_ as (
        select e.*, t.ticket_id, a.user_id as agent_user, c.user_id as customer_user
        from events as e
        inner join tickets as t using (conversation_id)
        left join agent_ids as a on e.actor_id = a.agent_id
        left join customer_ids as c on t.customer_id = c.customer_id
    ),
    rows_ as (
        select t.ticket_id, 'status' as field_name, t.created_at as updated, 'new' as value,
            c.user_id as user_id
        from tickets as t inner join customer_ids as c using (customer_id)
        union all
        select ticket_id, 'status', created_at - interval 1 second, 'solved', null
        from events_ where event_type = 'reopened'
        union all
        select ticket_id, 'status', created_at, 'open', customer_user from events_ where event_type = 'reopened'
        union all
        select ticket_id, 'status', coalesce(resolved_at, closed_at),
            case when status = 'resolved' then 'solved' else 'closed' end, null
        from tickets where status <> 'open'
        union all
        select ticket_id, 'assignee_id', created_at, cast(agent_user as varchar), agent_user
        from events_ where event_type = 'agent_assigned'
        union all
        select ticket_id, 'escalation_reason', created_at, coalesce(reason, 'other'), agent_user
        from events_ where event_type = 'escalated'
        union all
        select ticket_id, 'context_transferred', created_at, cast(context_transferred as varchar), agent_user
        from events_ where event_type = 'escalated' and context_transferred is not null
        union all
        select ticket_id, 'human_requested', created_at, 'true', customer_user
        from events_ where event_type = 'human_requested'
        union all
        select ticket_id, 'lead_type', created_at, lead_type, agent_user
        from events_ where event_type = 'lead_captured'
    )
    select * from rows_ order by ticket_id, updated, field_name
"""

_IDS = """
    select conversation_id as contract_id, cast(ticket_id as varchar) as zendesk_id from tickets
    union all select agent_id, cast(user_id as varchar) from agent_ids
    union all select customer_id, case when customer_id in (select customer_id from billing_customers)
        then customer_id else 'zendesk:' || user_id end from customer_ids
    union all select message_id, cast(number as varchar) from msgs where not in_chat
    union all select message_id, chat_id || '#' || chat_index from chat_msgs
    union all select response_id, cast(cast(regexp_replace(response_id, '[^0-9]', '', 'g') as bigint) as varchar)
    from responses where survey_type = 'csat'
    order by contract_id
"""

_TYPES = {"created_at": "timestamp", "updated_at": "timestamp", "resolved_at": "timestamp",
          "closed_at": "timestamp", "sent_at": "timestamp", "responded_at": "timestamp",
          "score": "double", "scale_min": "integer", "scale_max": "integer", "context_transferred": "boolean"}


def _read(con: duckdb.DuckDBPyConnection, folder: Path, name: str) -> None:
    """A view over every file of a contract table folder (CSV, JSON Lines, Parquet), typed where it matters."""
    parts = []
    readers = (("csv", "read_csv({}, all_varchar = true)"), ("jsonl", "read_json({}, format = 'newline_delimited')"),
               ("parquet", "read_parquet({})"))
    for ext, reader in readers:
        if any(folder.rglob(f"*.{ext}")):
            parts.append(f"select * from {reader.format(literal(str(folder / '**' / f'*.{ext}')))}")
    if not parts:
        raise FileNotFoundError(f"no contract files under {folder}")
    con.execute(f"create view {name}_text as {' union all by name '.join(parts)}")
    columns = [row[0] for row in con.execute(f"describe {name}_text").fetchall()]
    typed = [f"cast({c} as {_TYPES.get(c, 'varchar')}) as {c}" for c in columns]
    con.execute(f"create view {name} as select {', '.join(typed)} from {name}_text")


def shape(contract_dir: Path, out_dir: Path) -> None:
    """Write Zendesk's tables (CSV, one file each) for the operation in contract_dir."""
    out_dir.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    con.execute("set TimeZone = 'UTC'")
    for folder, name in (("helpdesk/conversations", "conversations"), ("helpdesk/messages", "messages"),
                         ("helpdesk/events", "events"), ("helpdesk/agents", "agents"),
                         ("survey/responses", "responses"), ("billing/customers", "billing_customers")):
        _read(con, contract_dir / folder, name)
    via = "case t.channel " + " ".join(f"when '{k}' then '{v}'" for k, v in VIA.items()) + " end"
    params = {"agent": AGENT_BASE, "group": GROUP_BASE, "customer": CUSTOMER_BASE, "chat": str(CHAT_CHANNELS),
              "via": via, "bot": literal(BOT_MESSAGE)}
    for name, sql in _VIEWS.items():
        con.execute(f"create temp table {name} as {sql.format(**params)}")
    for name, sql in (*_FILES.items(), ("ticket_field_history", _HISTORY), ("_ids", _IDS)):
        con.execute(f'create temp table "{name}" as {sql.format(**params)}')
        con.execute(f"copy \"{name}\" to {literal(str(out_dir / f'{name}.csv'))} (header, timestampformat "
                    "'%Y-%m-%dT%H:%M:%SZ')")
    write_schedules(con, out_dir)
    con.close()
