"""The Zendesk adapter over Airbyte's streams (var zendesk_landed_by: airbyte): the same operation landed by Airbyte
and by Fivetran builds the same marts, every column; Airbyte streams with extra columns and without optional
columns or streams are read. docs/sources/zendesk.md "Airbyte" has the rules."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from .zendesk_builds import AIRBYTE, build_operation, land_files, load_alter_and_run, mart_differences

pytestmark = pytest.mark.slow


def test_marts_from_airbyte_equal_marts_from_fivetran(tmp_path_factory: pytest.TempPathFactory,
                                                      zendesk_built: Path) -> None:
    # the Fivetran reference is test_source_zendesk.py's build of the same operation (conftest.zendesk_built, built
    # once); the Airbyte build runs every data test and the adapter's unit tests; ids are Zendesk's in both, so none
    # is translated
    fivetran = zendesk_built
    airbyte = build_operation(tmp_path_factory.mktemp("airbyte"), "zendesk_airbyte", tuple(AIRBYTE))
    with duckdb.connect(str(fivetran)) as expected, duckdb.connect(str(airbyte)) as actual:
        differences, rows = mart_differences(expected, actual)
        # the Airbyte path really ran: its streams are there and Fivetran's tables are not
        streams = actual.execute("select count(*) from zendesk.ticket_audits").fetchone()
        fivetran_tables = actual.execute(
            "select count(*) from information_schema.tables where table_schema = 'zendesk' and table_name = 'ticket'"
        ).fetchone()
    assert rows > 3000
    assert differences == []
    assert streams is not None and streams[0] > 1000
    assert fivetran_tables == (0,)


def _jsonl(*records: dict[str, object]) -> str:
    return "".join(json.dumps(record) + "\n" for record in records)


def test_airbyte_streams_with_extra_and_missing_columns_are_read(tmp_path: Path) -> None:
    warehouse = tmp_path / "w.duckdb"
    land_files(tmp_path / "contract", {})
    land_files(tmp_path / "airbyte", {
        "tickets": _jsonl(
            {"id": 1, "created_at": "2026-01-05T09:00:00Z", "status": "solved", "requester_id": 10,
             "via": {"channel": "chat", "source": {"rel": "chat_transcript"}}, "tags": ["intent__refund", "vip"],
             "custom_fields": [{"id": 99, "value": "x"}]},
            {"id": 2, "created_at": "2026-01-05T10:00:00Z", "status": "open", "requester_id": 10,
             "via": {"channel": "email"}, "tags": []},
        ),
        "ticket_comments": _jsonl(
            {"id": 100, "ticket_id": 1, "created_at": "2026-01-05T09:00:00Z", "author_id": 10, "public": True,
             "body": "Hi", "html_body": "<p>Hi</p>"},
            {"id": 101, "ticket_id": 1, "created_at": "2026-01-05T09:05:00Z", "author_id": 20, "public": False,
             "body": "note"},
        ),
        "users": _jsonl({"id": 10, "name": "Ann", "role": "end-user"}, {"id": 20, "name": "Sam", "role": "agent"}),
        "ticket_audits": _jsonl(
            {"id": 1, "ticket_id": 1, "created_at": "2026-01-05T09:00:00Z", "author_id": 10,
             "events": [{"type": "Create", "field_name": "status", "value": "new"}]},
            {"id": 2, "ticket_id": 1, "created_at": "2026-01-05T09:30:00Z", "author_id": 20,
             "events": [{"type": "Change", "field_name": "status", "value": "solved", "previous_value": "new"},
                        {"type": "Comment", "body": "Done"}]},
        ),
    }, "jsonl")
    load_alter_and_run(tmp_path / "airbyte", warehouse, "zendesk_airbyte", (
        "alter table zendesk.tickets add column raw_subject varchar", "alter table zendesk.tickets drop column subject",
        "alter table zendesk.tickets drop column updated_at", "drop table zendesk.groups",
    ), "{helpdesk_source: zendesk, zendesk_landed_by: airbyte}")
    with duckdb.connect(str(warehouse)) as con:
        conversations = con.execute(
            "select conversation_id, channel, status, cast(closed_at as varchar), subject, agent_intent "
            "from staging.zendesk__conversations order by 1").fetchall()
        messages = con.execute("select message_id, author_type, message_kind from staging.zendesk__messages "
                               "order by 1").fetchall()
    # chat is web_chat, email is email; ticket 1 closed at the audit's solve; no subject column: null
    assert conversations == [("1", "web_chat", "resolved", "2026-01-05 09:30:00", None, "refund"),
                             ("2", "email", "open", None, None, None)]
    assert messages == [("100", "customer", "text"), ("101", "agent", "internal_note")]
