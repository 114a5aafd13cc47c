"""The Zendesk adapter (models/sources/zendesk/): the same operation as contract files and as Zendesk's tables
builds the same marts for every column Zendesk can fill; the adapter reads landed tables with extra columns and
without optional columns or tables. docs/sources/zendesk.md has the mapping."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest

from support_metrics.connectors.zendesk_schedules import SCHEDULE_BASE

from .conftest import MODELS_ONLY
from .zendesk_builds import build_operation, land_files, load_alter_and_run, mart_differences

pytestmark = pytest.mark.slow

# What Zendesk cannot fill (docs/sources/zendesk.md "What stays empty"): the bot's confidence and CES (and NPS,
# the knowledge base, which this window has none of or which never reach these marts). Those columns are left out,
# and the rows that only CES fills; the test below checks they are empty in the Zendesk build.
UNFILLED_COLUMNS = {
    "fct_conversations": ("bot_intent_confidence",),
    "mart_support_daily": ("ces_response_count", "ces_score_sum"),
    "mart_csat_ces_weekly": ("ces_response_count", "ces_score_sum", "ces", "ces_easy_count", "ces_easy_rate"),
}
ROWS_COMPARED = {
    "fct_survey_responses": "survey_type = 'csat'",
    "mart_csat_ces_weekly": "csat_response_count > 0",
    "mart_metric_trends_weekly": "metric <> 'ces'",
    "mart_kb_articles_monthly": "false",
}


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory, zendesk_built: Path) -> tuple[Path, Path, dict[str, str]]:
    """The contract build, the Zendesk build (conftest.zendesk_built, shared with the Airbyte test), and contract
    id -> adapter id (the shape's _ids.csv)."""
    base = tmp_path_factory.mktemp("contract")
    contract = build_operation(base, args=MODELS_ONLY)  # its tests run in the contract builds (conftest)
    with (zendesk_built.parent / "zendesk" / "_ids.csv").open() as ids:
        return contract, zendesk_built, {row["contract_id"]: row["zendesk_id"] for row in csv.DictReader(ids)}


def test_marts_from_zendesk_equal_marts_from_contract_files(builds: tuple[Path, Path, dict[str, str]]) -> None:
    # ids differ by construction (Zendesk's are integers): contract ids are translated through the shape's map
    contract_path, zendesk_path, ids = builds
    contract, zendesk = (duckdb.connect(str(p)) for p in (contract_path, zendesk_path))
    differences, rows = mart_differences(contract, zendesk, UNFILLED_COLUMNS, ROWS_COMPARED, ids)
    assert rows > 5000
    assert differences == []


def test_what_zendesk_cannot_fill_stays_empty(builds: tuple[Path, Path, dict[str, str]]) -> None:
    contract, zendesk = (duckdb.connect(str(p)) for p in builds[:2])
    sql = {
        "confidence": "select count(bot_intent_confidence) from marts.fct_conversations",
        "ces": "select count(*) from marts.fct_survey_responses where survey_type <> 'csat'",
        "ces_daily": "select sum(ces_response_count) + sum(ces_score_sum) from marts.mart_support_daily",
        "ces_weekly": "select count(ces) + count(ces_easy_rate) from marts.mart_csat_ces_weekly",
        "ces_trend": "select count(*) from marts.mart_metric_trends_weekly where metric = 'ces'",
        "kb": "select count(*) from marts.mart_kb_articles_monthly",
    }
    assert {name: zendesk.execute(q).fetchone()[0] for name, q in sql.items()} == dict.fromkeys(sql, 0)
    # the contract build has all of them, so the comparison above really leaves something out
    assert all(contract.execute(q).fetchone()[0] > 0 for q in sql.values())


def test_the_adapter_reads_extra_columns_missing_columns_and_missing_tables(tmp_path: Path) -> None:
    warehouse = tmp_path / "w.duckdb"
    land_files(tmp_path / "contract", {})
    land_files(tmp_path / "zendesk", {
        "ticket": "id,created_at,status,via_channel,requester_id,subject\n"
                  "1,2026-01-05T09:00:00Z,solved,web,10,Refund\n2,2026-01-05T10:00:00Z,open,new_channel,11,Hi\n",
        "user": "id,name,email,role\n10,Ann,ann@example.com,end-user\n20,Sam,,agent\n30,Answer Bot,,agent\n",
        "ticket_comment": "id,ticket_id,created,user_id,public,body\n"
                          "100,1,2026-01-05T09:00:00Z,10,true,Hi\n"
                          "101,1,2026-01-05T09:01:00Z,30,true,\"Sorry, I didn't understand that.\"\n"
                          "102,1,2026-01-05T09:20:00Z,20,false,note\n103,2,2026-01-05T10:00:01Z,-1,true,We got it\n",
        "ticket_field_history": "ticket_id,field_name,updated,value,user_id\n"
                                "1,status,2026-01-05T09:00:00Z,new,10\n1,assignee_id,2026-01-05T09:10:00Z,20,20\n"
                                "1,status,2026-01-05T09:30:00Z,solved,20\n1,status,2026-01-05T10:00:00Z,open,10\n"
                                "1,status,2026-01-05T11:00:00Z,solved,20\n",
    })
    load_alter_and_run(tmp_path / "zendesk", warehouse, "zendesk", (  # more columns, fewer, no table
        "alter table zendesk.ticket add column custom_order_number varchar",
        "alter table zendesk.ticket drop column subject", "alter table zendesk.ticket drop column updated_at",
        "drop table zendesk.ticket_chat_event",
    ), "{helpdesk_source: zendesk}")
    with duckdb.connect(str(warehouse)) as con:
        conversations = con.execute(
            "select conversation_id, customer_id, channel, status, cast(resolved_at as varchar), "
            "cast(closed_at as varchar), cast(updated_at as varchar), subject "
            "from staging.zendesk__conversations order by 1").fetchall()
        messages = con.execute("select message_id, author_type, author_id, message_kind "
                               "from staging.zendesk__messages order by 1").fetchall()
        events = con.execute("select event_type, actor_type, actor_id, cast(created_at as varchar) "
                             "from staging.zendesk__events order by 4").fetchall()
        hours = con.execute(  # rows unlike the seed's, rows, channels
            "select (select count(*) from (select * from staging.zendesk__business_hours except "
            "select * from raw.business_hours)), (select count(*) from staging.zendesk__business_hours), "
            "(select count(*) from staging.zendesk__channel_schedules)").fetchone()
    # web and an unknown via channel are email; the close is the solve after the reopen; no updated_at: created_at
    assert conversations == [
        ("1", "zendesk:10", "email", "resolved", "2026-01-05 11:00:00", "2026-01-05 11:00:00",
         "2026-01-05 09:00:00", None),
        ("2", "zendesk:11", "email", "open", None, None, "2026-01-05 10:00:00", None),
    ]
    assert messages == [("100", "customer", None, "text"), ("101", "bot", "30", "fallback"),
                        ("102", "agent", "20", "internal_note"), ("103", "system", None, "auto_ack")]
    assert events == [("agent_assigned", "agent", "20", "2026-01-05 09:10:00"),
                      ("reopened", "customer", "zendesk:10", "2026-01-05 10:00:00")]
    assert hours == (0, 5, 7)  # no Zendesk schedule: the seeds' five intervals, and their seven channels


def test_the_zendesk_build_times_business_hours_by_zendesk_schedules(
        builds: tuple[Path, Path, dict[str, str]]) -> None:
    # so the equal marts above (business seconds, SLAs) really came through the mapped schedules, not the seeds
    office = str(SCHEDULE_BASE + 1)
    with duckdb.connect(str(builds[1])) as zendesk:
        opened = zendesk.execute("select distinct schedule_id from intermediate.int_business_hours_opened").fetchall()
        channels = zendesk.execute("select distinct schedule_id from staging.zendesk__channel_schedules").fetchall()
        holidays = zendesk.execute("select count(*) from staging.zendesk__holidays").fetchone()
    assert (opened, channels, holidays) == ([(office,)], [(office,)], (44,))
