"""The generator's Intercom shape: a contract landing folder rewritten as Fivetran lands Intercom's tables.

What Intercom can hold round-trips through the adapter; the rest (docs/sources/intercom.md) is left out.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from ..contract import TABLES_BY_FOLDER
from ..readers import incoming
from ..warehouse import literal

# A timestamp column of a contract file, read as UTC.
_TS = "cast(nullif(trim({0}), '') as timestamptz) at time zone 'UTC' as {0}"
_ENDLESS = "timestamp '9999-12-31 23:59:59'"


def _view(con: duckdb.DuckDBPyConnection, contract_dir: Path, folder: str) -> None:
    """A view `<table>` of every file of one contract folder, text columns, timestamps typed."""
    table = TABLES_BY_FOLDER[folder]
    files = sorted(p for p in (contract_dir / folder).rglob("*") if p.suffix.lower() in (".csv", ".jsonl", ".parquet")
                   and not p.name.startswith((".", "_")))
    selects = [incoming(con, table, path, path.suffix.lower().lstrip(".")).sql for path in files]
    typed = ", ".join(_TS.format(c.name) if c.type == "timestamp" else c.name for c in table.columns)
    body = " union all ".join(f"select {typed} from ({sql})" for sql in selects) if selects else (
        "select " + ", ".join(f"cast(null as varchar) as {c.name}" for c in table.columns) + " where false")
    con.execute(f"create view {table.name} as {body}")


_SQL: dict[str, str] = {
    "contact_history": """
        with people as (
            select customer_id, min(created_at) as first_seen from conversations group by customer_id
        ),
        billing as (
            select customer_id, email, created_at from (
                select *, row_number() over (partition by customer_id order by updated_at desc) as n from customers
            ) where n = 1
        ),
        leads as (
            select c.customer_id, min(e.created_at) as captured_at, min(lower(trim(e.lead_type))) as lead_type
            from events as e join conversations as c using (conversation_id)
            where lower(trim(e.event_type)) = 'lead_captured' group by c.customer_id
        ),
        versions as (
            select p.customer_id as id, p.first_seen as updated_at, case when l.customer_id is null then 'user'
                else 'lead' end as role, case when l.customer_id is null then b.email end as email,
                cast(null as varchar) as phone
            from people as p left join billing as b using (customer_id) left join leads as l using (customer_id)
            union all
            select l.customer_id, l.captured_at, 'lead',
                case when l.lead_type <> 'phone' then coalesce(b.email, 'lead-' || l.customer_id || '@example.invalid')
                end,
                case when l.lead_type = 'phone' then '+1555' || right(l.customer_id, 7) end
            from leads as l left join billing as b using (customer_id)
            union all
            select l.customer_id, greatest(b.created_at, l.captured_at + interval 1 second), 'user', b.email, null
            from leads as l join billing as b using (customer_id)
        )
        select id, min(updated_at) over (partition by id) as created_at, updated_at, role, email, phone,
            'Contact ' || id as name
        from versions
    """,
    "conversation_history": """
        with bots as (
            select conversation_id, count(*) > 0 as participated from messages
            where lower(trim(author_type)) = 'bot' group by conversation_id
        ),
        escalations as (
            select conversation_id, arg_min(lower(trim(actor_type)), created_at) as actor from events
            where lower(trim(event_type)) = 'escalated' group by conversation_id
        ),
        ratings as (
            select conversation_id, arg_max(score, responded_at) as score, arg_max(comment, responded_at) as remark,
                max(responded_at) as rated_at
            from responses
            where lower(trim(survey_type)) = 'csat' and scale_min = '1' and scale_max = '5'
            group by conversation_id
        )
        select c.conversation_id as id, c.created_at, c.updated_at,
            case lower(trim(c.status)) when 'open' then 'open' else 'closed' end as state,
            case lower(trim(c.channel)) when 'web_chat' then 'conversation' when 'messenger' then 'facebook'
                when 'social' then 'instagram' when 'voice' then 'phone_call' else lower(trim(c.channel))
            end as source_type, 'customer_initiated' as source_delivered_as, 'user' as source_author_type,
            c.customer_id as source_author_id, c.subject as source_subject,
            cast(round(cast(r.score as double)) as integer) as conversation_rating_value,
            r.remark as conversation_rating_remark, r.rated_at as conversation_rating_created_at,
            c.agent_intent as custom_intent, c.bot_intent as custom_bot_intent,
            coalesce(b.participated, false) as ai_agent_participated,
            case
                when b.participated is null then null
                when e.actor = 'system' then 'procedure_handoff'
                when e.actor is not null then 'escalated'
                when lower(trim(c.status)) = 'resolved' and r.score is not null then 'confirmed_resolution'
                when lower(trim(c.status)) = 'resolved' then 'assumed_resolution'
                when lower(trim(c.status)) = 'unresolved' then 'negative_feedback'
            end as ai_agent_resolution_state,
            case when b.participated then 'ai_answer' end as ai_agent_last_answer_type
        from conversations as c
        left join bots as b using (conversation_id)
        left join escalations as e using (conversation_id)
        left join ratings as r using (conversation_id)
    """,
    "conversation_part_history": """
        with latest as (
            select * from (
                select *, row_number() over (partition by conversation_id order by updated_at desc) as n
                from conversations
            ) where n = 1
        ),
        closers as (
            select conversation_id, arg_max(author_id, created_at) as admin_id from messages
            where lower(trim(author_type)) = 'agent' and lower(trim(message_kind)) <> 'internal_note'
            group by conversation_id
        )
        select m.message_id as id, m.conversation_id, m.created_at,
            case lower(trim(m.message_kind)) when 'internal_note' then 'note'
                when 'auto_ack' then 'channel_and_reply_time_expectation' else 'comment' end as part_type,
            case lower(trim(m.author_type)) when 'customer' then 'user' when 'agent' then 'admin' else 'bot' end
                as author_type,
            case when lower(trim(m.author_type)) = 'customer' then l.customer_id else m.author_id end as author_id,
            null as assigned_to_type, null as assigned_to_id, m.body
        from messages as m left join latest as l using (conversation_id)
        union all
        select e.event_id, e.conversation_id, e.created_at,
            case when lower(trim(e.event_type)) = 'reopened' then 'open' else 'assignment' end,
            case when lower(trim(e.event_type)) = 'reopened' then 'user' else 'bot' end,
            case when lower(trim(e.event_type)) = 'reopened' then l.customer_id
                when lower(trim(e.event_type)) = 'escalated' then e.actor_id end,
            case lower(trim(e.event_type)) when 'escalated' then 'team' when 'agent_assigned' then 'admin' end,
            case when lower(trim(e.event_type)) = 'agent_assigned' then e.actor_id end,
            null
        from events as e left join latest as l using (conversation_id)
        where lower(trim(e.event_type)) in ('escalated', 'agent_assigned', 'reopened')
        union all
        select l.conversation_id || '-close', l.conversation_id, l.closed_at, 'close',
            case when c.admin_id is null then 'bot' else 'admin' end, c.admin_id, null, null, null
        from latest as l left join closers as c using (conversation_id)
        where l.closed_at is not null
    """,
    "admin": """
        select agent_id as id, name, lower(replace(name, ' ', '.')) || '@example.com' as email,
            null as job_title, updated_at as _fivetran_synced, false as _fivetran_deleted
        from (select *, row_number() over (partition by agent_id order by updated_at desc) as n from agents)
        where n = 1 and lower(trim(agent_type)) = 'human'
    """,
    "team": """
        select distinct 'team_' || lower(trim(team)) as id, trim(team) as name, false as _fivetran_deleted
        from agents where lower(trim(agent_type)) = 'human' and nullif(trim(team), '') is not null
    """,
    "team_admin": """
        select agent_id as admin_id, 'team_' || lower(trim(team)) as team_id, false as _fivetran_deleted
        from (select *, row_number() over (partition by agent_id order by updated_at desc) as n from agents)
        where n = 1 and lower(trim(agent_type)) = 'human' and nullif(trim(team), '') is not null
    """,
}


def _history(sql: str) -> str:
    """A history-mode table: each version's _fivetran_start/_end, and the active flag on the latest one."""
    return f"""
        select *, updated_at as _fivetran_start,
            coalesce(lead(updated_at) over w - interval 1 microsecond, {_ENDLESS}) as _fivetran_end,
            row_number() over (partition by id order by updated_at desc) = 1 as _fivetran_active,
            updated_at as _fivetran_synced, false as _fivetran_deleted
        from ({sql}) window w as (partition by id order by updated_at)
    """


def shape(contract_dir: Path, out_dir: Path) -> None:
    """Write Intercom's tables (CSV, Fivetran's names) for the operation in contract_dir."""
    out_dir.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    try:
        con.execute("set TimeZone = 'UTC'")
        for folder in ("helpdesk/conversations", "helpdesk/messages", "helpdesk/events", "helpdesk/agents",
                       "survey/responses", "billing/customers"):
            _view(con, contract_dir, folder)
        parts = "select *, created_at as updated_at from ({0})"
        for name, sql in _SQL.items():
            if name == "conversation_part_history":
                sql = _history(parts.format(sql))
            elif name.endswith("_history"):
                sql = _history(sql)
            target = literal(str(out_dir / f"{name}.csv"))
            con.execute(f"copy ({sql} order by all) to {target} (header, delimiter ',')")
    finally:
        con.close()
