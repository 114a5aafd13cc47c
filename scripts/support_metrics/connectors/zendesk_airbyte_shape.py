"""The generator's Zendesk shape as Airbyte lands it, converted table by table from Fivetran's shape of the same
operation: plural streams as JSON Lines, `via` an object, `tags` an array, status and field changes as events of
`ticket_audits`, chat messages as ticket comments (Airbyte's Zendesk Support source has no chat streams)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import duckdb

from ..warehouse import literal
from .zendesk_shape import shape as fivetran_shape

# Chat messages become comments numbered from here (ticket, then chat position), above every Fivetran comment id.
CHAT_COMMENT_BASE = 9_000_000_000

_CHAT_COMMENTS = """
    select {base} + row_number() over (order by c.ticket_id, e.chat_index) as id, c.ticket_id, e.created_at,
        case when e.actor_id in ('__trigger', '__system') then -1
            else cast(replace(e.actor_id, 'agent:', '') as bigint) end as author_id,
        true as public, e.message as body, {{'channel': 'native_messaging'}} as via,
        e.chat_id || '#' || e.chat_index as chat_message
    from ticket_chat_event as e inner join ticket_chat as c using (chat_id)
"""

_STREAMS = {
    "tickets": """
        select t.id, t.created_at, t.updated_at, t.status, t.subject, t.requester_id,
            {'channel': t.via_channel, 'source': {'rel': null}} as via,
            coalesce((select list(tag order by tag) from ticket_tag as g where g.ticket_id = t.id), []) as tags
        from ticket as t order by t.id
    """,
    "ticket_comments": """
        select id, ticket_id, created as created_at, user_id as author_id, public, body,
            {'channel': 'web'} as via
        from ticket_comment
        union all select * exclude (chat_message) from chat_comments
        order by id
    """,
    "ticket_audits": """
        with changes as (
            select *, lag(value) over (partition by ticket_id, field_name order by updated) as previous_value,
                row_number() over (order by ticket_id, updated, field_name) as event_id
            from ticket_field_history
        )
        select row_number() over (order by ticket_id, updated) as id, ticket_id, updated as created_at,
            user_id as author_id,
            list({'id': event_id, 'type': case when previous_value is null and field_name = 'status' then 'Create'
                    else 'Change' end,
                  'field_name': field_name, 'value': value, 'previous_value': previous_value} order by event_id)
                as events
        from changes group by ticket_id, updated, user_id order by id
    """,
    "users": "select id, name, email, role, created_at, updated_at from \"user\" order by id",
    "satisfaction_ratings": """
        select id, ticket_id, requester_id, score, comment, created_at, updated_at from satisfaction_rating order by id
    """,
    "groups": "select id, name, false as deleted from \"group\" order by id",
    "group_memberships": "select id, user_id, group_id, \"default\" from group_member order by id",
}

_TYPES = {"id": "bigint", "ticket_id": "bigint", "user_id": "bigint", "requester_id": "bigint",
          "assignee_id": "bigint", "group_id": "bigint", "chat_index": "integer", "public": "boolean",
          "default": "boolean"}


def _read(con: duckdb.DuckDBPyConnection, folder: Path) -> None:
    """A table per Fivetran file: ids and flags typed, times kept as the ISO text the shape wrote."""
    for path in sorted(folder.glob("*.csv")):
        con.execute(f"create temp table \"{path.stem}_text\" as select * from read_csv({literal(str(path))}, "
                    "header = true, all_varchar = true)")
        columns = [row[0] for row in con.execute(f'describe "{path.stem}_text"').fetchall()]
        typed = ", ".join(f'cast("{c}" as {_TYPES.get(c, "varchar")}) as "{c}"' for c in columns)
        con.execute(f'create temp table "{path.stem}" as select {typed} from "{path.stem}_text"')


def shape(contract_dir: Path, out_dir: Path) -> None:
    """Write Airbyte's Zendesk streams (JSON Lines, one file each) for the operation in contract_dir."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as fivetran_dir:
        fivetran_shape(contract_dir, Path(fivetran_dir))
        con = duckdb.connect()
        _read(con, Path(fivetran_dir))
    con.execute(f"create temp table chat_comments as {_CHAT_COMMENTS.format(base=CHAT_COMMENT_BASE)}")
    for name, sql in _STREAMS.items():
        con.execute(f"copy ({sql}) to {literal(str(out_dir / f'{name}.jsonl'))} (format json)")
    # contract id -> adapter id, as the Fivetran shape's, with chat messages renumbered as comments
    con.execute(f"""
        copy (select i.contract_id, coalesce(cast(c.id as varchar), i.zendesk_id) as zendesk_id
              from _ids as i left join chat_comments as c on i.zendesk_id = c.chat_message order by 1)
        to {literal(str(out_dir / '_ids.csv'))} (header)
    """)
    con.close()
