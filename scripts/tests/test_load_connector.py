"""Loading a tool's connector tables from files (`load --source <tool>`): the same guarantees as the contract's
loader, with the tool's own table names and layout. A small stand-in tool keeps the test independent of any one
real connector's columns."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from support_metrics import connectors
from support_metrics.connectors import Connector
from support_metrics.contract import Column, Table

from .conftest import query, run_load

TICKET = Table("tool", "ticket", "id", (
    Column("id", "bigint"), Column("created_at", "timestamp"), Column("status", required=False),
    Column("_fivetran_deleted", "boolean", required=False),
), versioned=True, description="", schema="tool", identifier="ticket")
COMMENT = Table("tool", "ticket_comment", "id", (
    Column("id", "bigint"), Column("ticket_id", "bigint"), Column("created", "timestamp"),
    Column("body", required=False),
), versioned=False, description="", schema="tool", identifier="ticket_comment")
USER = Table("tool", "user", "id", (Column("id", "bigint"), Column("role", required=False)),
             versioned=True, description="", schema="tool", identifier="user", optional=True)


@pytest.fixture(autouse=True)
def stand_in_tool(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(connectors.CONNECTORS, "tool", Connector("tool", "helpdesk", (TICKET, COMMENT, USER), ""))


def test_tables_land_under_the_tools_names_with_rejects_and_a_manifest(raw: Path, warehouse: Path) -> None:
    # ticket.csv at the top; ticket_comment as a folder of JSON Lines; an extra column; no optional user table
    (raw / "ticket.csv").write_text("id,created_at,status,extra_column\n"
                                    "1,2026-01-05T09:00:00Z,solved,x\n"
                                    ",2026-01-05T10:00:00Z,open,y\n"
                                    "3,yesterday,open,z\n")
    (raw / "ticket_comment").mkdir()
    (raw / "ticket_comment" / "part-1.jsonl").write_text(
        json.dumps({"id": 10, "ticket_id": 1, "created": "2026-01-05T09:01:00+01:00", "body": "Hi"}) + "\n")
    report = run_load(raw, warehouse, source="tool")
    assert report.committed and (report.rows_loaded, report.rows_rejected) == (2, 2)
    assert query(warehouse, "select id, created_at, status, _fivetran_deleted, _source_file, _source_row "
                            "from tool.ticket") == [
        (1, datetime(2026, 1, 5, 9, 0), "solved", None, "ticket.csv", 1)]
    # the +01:00 offset is honoured: 09:01 local is 08:01 UTC
    assert query(warehouse, "select id, ticket_id, cast(created as varchar), body from tool.ticket_comment") == [
        (10, 1, "2026-01-05 08:01:00", "Hi")]
    assert query(warehouse, "select table_name, source_file, source_row, column_name, reason_code "
                            "from raw._rejects order by source_row") == [
        ("tool.ticket", "ticket.csv", 2, "id", "missing_key"),
        ("tool.ticket", "ticket.csv", 3, "created_at", "unparsable")]
    assert query(warehouse, "select table_name, rows_read, rows_loaded, rows_rejected from raw._load_manifest "
                            "order by table_name") == [("tool.ticket", 3, 1, 2), ("tool.ticket_comment", 1, 1, 0)]
    # the optional table exists, empty; the contract's raw tables exist too, for the domains the tool does not feed
    assert query(warehouse, "select count(*) from tool.user") == [(0,)]
    assert query(warehouse, "select count(*) from raw.finance__support_costs") == [(0,)]
    # loading the same files again adds nothing
    again = run_load(raw, warehouse, source="tool")
    assert again.rows_loaded == 0 and query(warehouse, "select count(*) from tool.ticket") == [(1,)]


def test_a_missing_required_table_is_named_and_nothing_is_loaded(raw: Path, warehouse: Path) -> None:
    (raw / "ticket.csv").write_text("id,created_at\n1,2026-01-05T09:00:00Z\n")
    with pytest.raises(FileNotFoundError, match=r"tool: required table\(s\) missing under .*: ticket_comment"):
        run_load(raw, warehouse, source="tool")
    assert not warehouse.exists()


def test_an_unknown_source_is_refused(raw: Path, warehouse: Path) -> None:
    with pytest.raises(ValueError, match="unknown source 'nosuchtool'; choose one of contract"):
        run_load(raw, warehouse, source="nosuchtool")
