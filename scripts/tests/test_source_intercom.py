"""The Intercom adapter end to end: an operation generated as contract files and, with the same seed, as Intercom's
Fivetran tables builds the same marts for everything Intercom can hold (docs/sources/intercom.md)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from support_metrics.compare import row_differences, sorted_rows
from support_metrics.generate import generate
from support_metrics.warehouse import literal, quote, schema_columns

from .conftest import LOAD_IDS, MODELS_ONLY, adapter_build_args, query, run_load

pytestmark = pytest.mark.slow

SIZE = {"customers": 300, "days": 60, "seed": 7}
INTERCOM = '{helpdesk_source: intercom}'

# What Intercom cannot hold, applied to the contract files: the contract build of the projection must then equal the
# Intercom build in every mart column. One SQL per contract folder (reading `src`), the rest copied as generated.
PROJECTION = {
    # no intent confidence; a teammate's close is a resolution (Intercom has no "closed unresolved" state)
    "helpdesk/conversations": """
        select * replace (
            null as bot_intent_confidence,
            case when unresolved_by_people then 'resolved' else status end as status,
            case when unresolved_by_people then closed_at else resolved_at end as resolved_at)
        from (
            select *, status = 'unresolved' and (
                conversation_id not in (select conversation_id from messages where author_type = 'bot')
                or conversation_id in (select conversation_id from events where event_type = 'escalated')
            ) as unresolved_by_people
            from src)
    """,
    # no fallback flag on Fin's answers
    "helpdesk/messages": "select * replace (replace(message_kind, 'fallback', 'text') as message_kind) from src",
    # no requests for a person, no article suggestions, no escalation reason or context flag; a contact is captured
    # once (its lead version with an email or phone), so only a person's first lead counts
    "helpdesk/events": """
        select * replace (null as reason, null as context_transferred,
                          replace(lead_type, 'booking', 'email') as lead_type)
        from src
        where event_type not in ('human_requested', 'kb_article_suggested') and event_id not in (
            select event_id from (
                select event_id, row_number() over (partition by customer_id order by src.created_at) as n
                from src join conversations using (conversation_id) where event_type = 'lead_captured')
            where n > 1)
    """,
    "helpdesk/kb_articles": "select * from src where false",
    "helpdesk/kb_article_views": "select * from src where false",
    # the conversation rating only: CSAT on 1-5, one per conversation (a new rating replaces the last)
    "survey/responses": """
        select * from src where survey_type = 'csat' and scale_min = 1
        qualify row_number() over (partition by conversation_id order by responded_at desc) = 1
    """,
}


def run_dbt(args: list[str], warehouse: Path) -> bool:
    """dbt on the warehouse in its own process (an in-process run keeps the DuckDB file open)."""
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("SUPPORT_")}, "SUPPORT_WAREHOUSE": str(warehouse)}
    done = subprocess.run([sys.executable, "-m", "support_metrics", "dbt", "--", *args], env=env, check=False,
                          capture_output=True, text=True)
    print(done.stdout[-3000:], done.stderr[-3000:])
    return done.returncode == 0


def _project(contract: Path, out: Path) -> None:
    """Copy the contract files to out, rewriting the tables PROJECTION names."""
    shutil.copytree(contract, out)
    con = duckdb.connect()
    for folder in ("helpdesk/conversations", "helpdesk/messages", "helpdesk/events"):
        con.execute(f"create view {folder.split('/')[1]} as select * from read_csv({literal(str(contract / folder))} "
                    "|| '/*.csv')")
    for folder, sql in PROJECTION.items():
        shutil.rmtree(out / folder)
        (out / folder).mkdir()
        con.execute(f"create or replace view src as select * from read_csv({literal(str(contract / folder))} "
                    "|| '/*.csv')")
        con.execute(f"copy ({sql}) to {literal(str(out / folder / 'projected.csv'))} (header)")
    con.close()


# Keys that differ by construction: a rating has no id of its own in Intercom; the adapter names it after its
# conversation ('rating-' + conversation id), so the comparison leaves the response key out.
OWN_KEYS = {"fct_survey_responses": "response_id"}


def _marts(warehouse: Path) -> dict[str, tuple[list[str], list[tuple[object, ...]]]]:
    """Every mart's rows (load ids aside), customer ids of people without a billing match ('intercom:' + contact id)
    normalised."""
    con = duckdb.connect(str(warehouse), read_only=True)
    con.execute("set TimeZone = 'UTC'")
    found = {}
    for table, typed in schema_columns(con, "marts").items():
        typed = [(column, kind) for column, kind in typed if OWN_KEYS.get(table) != column and column not in LOAD_IDS]
        names = [column for column, _ in typed]
        select = ", ".join(f"replace({quote(c)}, 'intercom:', '')" if kind.lower() == "varchar" else quote(c)
                           for c, kind in typed)
        found[table] = (names, sorted_rows(con.execute(f"select {select} from marts.{quote(table)}").fetchall()))
    con.close()
    return found


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    work = tmp_path_factory.mktemp("intercom")
    generate(work / "generated", **SIZE)
    _project(work / "generated", work / "projected")
    generate(work / "shaped" / "contract", **SIZE)
    from support_metrics.connectors import write_shape

    write_shape("intercom", work / "shaped" / "contract", work / "shaped" / "intercom")
    # (a warehouse file named intercom.duckdb would clash with the schema intercom in DuckDB)
    contract, intercom = work / "from_contract.duckdb", work / "from_intercom.duckdb"
    assert run_load(work / "projected", contract).committed
    assert run_load(work / "shaped" / "contract", intercom).committed
    assert run_load(work / "shaped" / "intercom", intercom, source="intercom").committed
    assert run_dbt(["build", *MODELS_ONLY], contract)  # its tests run in the contract builds (conftest)
    assert run_dbt(["build", *adapter_build_args(helpdesk_source="intercom")], intercom)
    return contract, intercom


def test_marts_from_intercom_equal_marts_from_the_contract_files(builds: tuple[Path, Path]) -> None:
    contract, intercom = builds
    expected, found = _marts(contract), _marts(intercom)
    assert set(found) == set(expected)
    differences = [d for table, (columns, rows) in expected.items()
                   for d in row_differences(table, columns, rows, found[table][1])]
    assert differences == []
    # the comparison is not vacuous: conversations, escalations, leads and ratings made it through
    assert query(intercom, "select count(*), count(case when is_escalated then 1 end), "
                           "count(lead_captured_at) from marts.fct_conversations")[0] > (1000, 100, 10)
    assert query(intercom, "select count(*) from marts.fct_survey_responses")[0][0] > 50


def test_what_intercom_cannot_fill_stays_empty(builds: tuple[Path, Path]) -> None:
    _, intercom = builds
    assert query(intercom, "select count(bot_intent_confidence), count(distinct escalation_reason), "
                           "sum(fallback_message_count), sum(human_request_count) from marts.fct_conversations") == [
        (0, 1, 0, 0)]
    assert query(intercom, "select distinct survey_type from marts.fct_survey_responses") == [("csat",)]
    assert query(intercom, "select count(*) from marts.mart_kb_articles_monthly") == [(0,)]
    assert query(intercom, "select * from staging.intercom__deleted_rows_counted where deleted_row_count > 0") == []


def test_landed_tables_may_lack_optional_columns_and_carry_extra_ones(tmp_path: Path) -> None:
    # Fivetran lands what the workspace has: no history, ai_agent or custom columns, extra columns, no team tables
    warehouse = tmp_path / "landed.duckdb"
    assert run_load(tmp_path, warehouse).committed  # the contract's (empty) raw tables
    con = duckdb.connect(str(warehouse))
    con.execute("""
        create schema intercom;
        create table intercom.conversation_history as select * from (values
            (101, timestamp '2026-01-01 09:00', timestamp '2026-01-01 09:30', 'open', 'email', 'u1', 'x'),
            (101, timestamp '2026-01-01 09:00', timestamp '2026-01-01 10:00', 'closed', 'email', 'u1', 'y'))
            as t(id, created_at, updated_at, state, source_type, source_author_id, priority);
        create table intercom.conversation_part_history as select * from (values
            (1, 101, timestamp '2026-01-01 09:40', 'comment', 'admin', '7', 'Hello', true, 'extra'))
            as t(id, conversation_id, created_at, part_type, author_type, author_id, body, _fivetran_deleted, notified);
        create table intercom.contact_history as select * from (values ('u1', timestamp '2026-01-01 08:00', 'user'))
            as t(id, updated_at, role);
        create table intercom.admin as select * from (values (7, 'Ada', false, 'x'))
            as t(id, name, _fivetran_deleted, x);
    """)
    con.close()
    assert run_dbt(["run", "--vars", INTERCOM, "--select", "path:models/sources/intercom", "stg_billing__customers"],
                   warehouse)
    # the later version is current without _fivetran_active; the soft-deleted part is dropped and counted, so no
    # message and no teammate reply: abandoned
    assert query(warehouse, "select conversation_id, customer_id, channel, status, cast(closed_at as varchar) "
                            "from staging.intercom__conversations") == [
        ("101", "intercom:u1", "email", "abandoned", "2026-01-01 10:00:00")]
    assert query(warehouse, "select count(*) from staging.intercom__messages") == [(0,)]
    assert query(warehouse, "select table_name, deleted_row_count from staging.intercom__deleted_rows_counted "
                            "where deleted_row_count > 0") == [("conversation_part_history", 1)]
    assert query(warehouse, "select agent_id, agent_type, name from staging.intercom__agents") == [
        ("7", "human", "Ada")]
