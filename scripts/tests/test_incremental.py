"""Loading day after day and building incrementally gives the same tables as one full refresh.

A generated history (2025-11-01 to 2025-12-02) is split into everything before its last three days and
one batch per day (bench_build.split_last_days): 30 November, then 1 December (the run crosses a month
boundary), then 2 December. The day batches also bring what arrives late in real exports:
- day 1 resends two messages and two events of the first batch (their first copies must win), and brings a
  customer message at the very instant of an old bot fallback (its new question) and a new fallback after it;
- day 2 re-exports three conversations that were open in day 1's batch, now resolved, and an old resolved
  conversation (closed weeks before) as unresolved and closed later, with a newer updated_at: the next
  conversation of its customer about the same intent joins its issue;
- day 3 brings a CSAT response about a conversation of a week before, held back from the first batch, and a
  late November qa cost (a new ledger row: the ledger is append-only): every November cost share moves.
Warehouse A: the first batch, `dbt seed` and `dbt run`, then per day a load and `dbt run`
(incremental), then a run where nothing new arrived (a load that skips every file, then `dbt run`).
After each day's run A equals a warehouse B that loaded everything so far at once and ran
`dbt run --full-refresh`: every table of staging, intermediate and marts, lineage columns aside (A has
more loads than B) and doubles rounded to 1e-9 (summation order). The run with nothing new changes no
table at all. dbt invocations: 6 for A (seed, 5 runs), 4 for B (seed once, copied; 3 full refreshes).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from support_metrics.bench_build import split_last_days
from support_metrics.generate import generate
from support_metrics.load import load_raw

from .conftest import query

DAYS = ("day1", "day2", "day3")
RUNS = ("first", *DAYS, "nothing_new")
INCREMENTAL = ("stg_helpdesk__messages", "stg_helpdesk__events", "int_messages_classified",
               "int_conversations_enriched", "int_conversations_stitched_into_issues",
               "int_fallback_questions_extracted", "int_kb_views_self_served", "int_issues_summarized",
               "int_conversation_costs_allocated", "int_conversations_business_timed",
               "int_conversation_agents_handled", "fct_conversations")
LINEAGE = {"_load_id", "last_load_id", "_loaded_at", "_source_file", "_source_row", "computed_as_of_at"}
CSV = "read_csv('{}', all_varchar = true)"


def dbt(warehouse: Path, *args: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUPPORT_")}
    env |= {"DBT_TARGET_PATH": str(warehouse.parent / "target"), "DBT_LOG_PATH": str(warehouse.parent / "logs")}
    cmd = [sys.executable, "-m", "support_metrics", "dbt", "--warehouse", str(warehouse), "--", *args]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]


def load(landing: Path, warehouse: Path) -> None:
    assert load_raw(landing, warehouse, echo=lambda _: None).committed


def conversations_csv(batch: Path) -> str:
    return CSV.format(batch / "helpdesk" / "conversations" / f"{batch.name}.csv")


def reexport_open_conversations(earlier: Path, later: Path) -> list[str]:
    """Three conversations open in an earlier batch come again in a later one, resolved."""
    source, out = conversations_csv(earlier), later / "helpdesk" / "conversations" / "reexport.csv"
    con = duckdb.connect()
    try:
        ids = [r[0] for r in con.execute(
            f"select conversation_id from {source} where status = 'open' order by conversation_id limit 3").fetchall()]
        assert len(ids) == 3, "the generator leaves conversations open at the end of the history"
        # the latest updated_at of the batch: newer than any old version (a tie goes to the later load)
        latest = repr(con.execute(f"select max(updated_at) from {source}").fetchone()[0])  # type: ignore[index]
        con.execute(
            f"copy (select * replace ('resolved' as status, {latest} as resolved_at, {latest} as closed_at, "
            f"{latest} as updated_at) from {source} where conversation_id in ({', '.join(repr(i) for i in ids)})) "
            f"to '{out}' (header, delimiter ',')")
    finally:
        con.close()
    return ids


def resend_old_rows(first: Path, later: Path) -> None:
    """A later batch repeats two messages and two events of the first with other text: the first copies must
    win and the copy counts must move to 1. The file sorts after first.csv, so a single load agrees."""
    con = duckdb.connect()
    try:
        for folder, text_column in (("messages", "body"), ("events", "reason")):
            source = CSV.format(first / "helpdesk" / folder / "first.csv")
            out = later / "helpdesk" / folder / "resent.csv"
            con.execute(f"copy (select * replace ('resent copy' as {text_column}) from {source} order by all limit 2) "
                        f"to '{out}' (header, delimiter ',')")
    finally:
        con.close()


def reexport_old_conversation(first: Path, later: Path, day: str) -> tuple[str, str]:
    """A resolved conversation closed weeks before `day` comes again that day, unresolved and closed a day before
    the next conversation of its customer about the same intent (which opened a new issue: over 7 days later)."""
    source, out = conversations_csv(first), later / "helpdesk" / "conversations" / "old-reexport.csv"
    con = duckdb.connect()
    try:
        found = con.execute(
            f"with versions as (select *, coalesce(agent_intent, bot_intent) as intent from {source}), "
            "followed as (select *, lead(conversation_id) over same as next_id, lead(created_at) over same as next_at "
            "from versions window same as (partition by customer_id, intent order by created_at, conversation_id)) "
            "select conversation_id, next_id, strftime(cast(next_at as timestamp) - interval 1 day, "
            f"'%Y-%m-%dT%H:%M:%SZ') from followed where status = 'resolved' and intent is not null "
            f"and closed_at < cast(date '{day}' - interval 21 day as varchar) "
            "and cast(next_at as timestamp) > cast(closed_at as timestamp) + interval 8 day "
            "order by conversation_id limit 1").fetchone()
        assert found, "the history has a resolved conversation followed weeks later by one of the same intent"
        old, following, closed = found
        con.execute(
            f"copy (select * replace ('unresolved' as status, null as resolved_at, '{closed}' as closed_at, "
            f"'{day}T12:00:00Z' as updated_at) from {source} where conversation_id = '{old}') "
            f"to '{out}' (header, delimiter ',')")
    finally:
        con.close()
    return old, following


def late_question_and_fallback(first: Path, later: Path) -> tuple[str, str]:
    """An old fallback of the first batch gets, in a later batch, a customer message at its very instant (its new
    question) and a new fallback a second after it; return the old fallback's id and its conversation's."""
    source = CSV.format(first / "helpdesk" / "messages" / "first.csv")
    out = later / "helpdesk" / "messages" / "late.csv"
    con = duckdb.connect()
    try:
        found = con.execute(f"select message_id, conversation_id from {source} where message_kind = 'fallback' "
                            "order by message_id limit 1").fetchone()
        assert found, "the first batch has a bot fallback"
        con.execute(
            f"copy (select 'msg_late_question' as message_id, conversation_id, created_at, 'customer' as author_type, "
            "null as author_id, 'text' as message_kind, 'Where is my late refund?' as body "
            f"from {source} where message_id = '{found[0]}' union all "
            "select 'msg_late_fallback', conversation_id, strftime(cast(created_at as timestamp) + interval 1 second, "
            "'%Y-%m-%dT%H:%M:%SZ'), author_type, author_id, message_kind, body "
            f"from {source} where message_id = '{found[0]}') to '{out}' (header, delimiter ',')")
    finally:
        con.close()
    return found[0], found[1]


def hold_back_survey(first: Path, later: Path, day: str) -> str:
    """A CSAT response of the first batch about a conversation created a week before `day` arrives with `day`."""
    responses = first / "survey" / "responses" / "first.csv"
    con = duckdb.connect()
    try:
        con.execute(f"create table responses as select * from {CSV.format(responses)}")
        found = con.execute(
            f"select response_id from responses where survey_type = 'csat' and conversation_id in ("
            f"select conversation_id from {conversations_csv(first)} "
            f"where left(created_at, 10) = cast(date '{day}' - interval 7 day as varchar)[:10]) "
            "order by response_id limit 1").fetchone()
        assert found, "a conversation of a week before has a CSAT response"
        late = later / "survey" / "responses" / "late.csv"
        late.parent.mkdir(parents=True, exist_ok=True)
        con.execute(f"copy (from responses where response_id = '{found[0]}') to '{late}' (header, delimiter ',')")
        con.execute(f"copy (from responses where response_id != '{found[0]}') to '{responses}' (header, delimiter ',')")
    finally:
        con.close()
    return str(found[0])


def add_a_late_november_cost(later: Path) -> None:
    """A later batch brings a ledger row of 25.28 more November qa cost (124.72 in the generated ledger)."""
    out = later / "finance" / "support_costs" / "late.csv"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("cost_id,month,category,amount,currency\n"
                   "cost_202511_qa_late,2025-11-01,qa,25.28,USD\n", encoding="utf-8")


@dataclass(frozen=True)
class History:
    """The batches, warehouse A's copy after each run, and what the late arrivals were."""

    root: Path
    snapshots: dict[str, Path]
    incremental: dict[str, set[str]]  # per run, the incremental models it built incrementally
    reexported: list[str]
    old_conversation: tuple[str, str]
    late_response: str
    late_fallback: tuple[str, str]


def run_a(root: Path) -> tuple[dict[str, Path], dict[str, set[str]]]:
    """Warehouse A: one load and `dbt run` per run (seed before the first); a copy after each."""
    a, landing = root / "a" / "w.duckdb", root / "a" / "landing"
    snapshots, incremental = {}, {}
    for run in RUNS:
        if run != "nothing_new":
            shutil.copytree(root / run, landing, dirs_exist_ok=True)
        load(landing, a)
        if run == "first":
            dbt(a, "seed")
        dbt(a, "run")
        compiled = {m: next((root / "a" / "target" / "run").rglob(f"{m}.sql")).read_text().lower() for m in INCREMENTAL}
        incremental[run] = {m for m, sql in compiled.items() if "delete from" in sql}
        snapshots[run] = shutil.copy(a, root / f"a-after-{run}.duckdb")
    return snapshots, incremental


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> History:
    root = tmp_path_factory.mktemp("incremental")
    generate(root / "generated", customers=250, days=32, seed=21)
    days = split_last_days(root / "generated", root / "first", [root / d for d in DAYS])
    assert days == ["2025-11-30", "2025-12-01", "2025-12-02"], "the second day's run crosses into December"
    reexported = reexport_open_conversations(root / "day1", root / "day2")
    resend_old_rows(root / "first", root / "day1")
    old_conversation = reexport_old_conversation(root / "first", root / "day2", days[1])
    late_response = hold_back_survey(root / "first", root / "day3", days[2])
    late_fallback = late_question_and_fallback(root / "first", root / "day1")
    add_a_late_november_cost(root / "day3")
    snapshots, incremental = run_a(root)
    return History(root, snapshots, incremental, reexported, old_conversation, late_response, late_fallback)


@pytest.fixture(scope="module")
def seeded(history: History) -> Path:
    """A copy of warehouse B with the seeds only, copied back before each full refresh."""
    b = history.root / "b" / "w.duckdb"
    b.parent.mkdir()
    dbt(b, "seed")
    return shutil.copy(b, b.with_name("seeded.duckdb"))


def tables(con: duckdb.DuckDBPyConnection, catalog: str, schemas: tuple[str, ...]) -> list[tuple[str, str]]:
    listed = ", ".join(repr(s) for s in schemas)
    return con.execute(
        "select table_schema, table_name from information_schema.tables where table_type = 'BASE TABLE' "
        f"and table_catalog = '{catalog}' and table_schema in ({listed}) order by all").fetchall()


def comparable(con: duckdb.DuckDBPyConnection, catalog: str, schema: str, name: str, exact: bool) -> str:
    """Every column as it is when exact, else lineage columns aside and doubles rounded to 1e-9."""
    columns = con.execute(
        "select column_name, data_type from information_schema.columns "
        f"where table_catalog = '{catalog}' and table_schema = '{schema}' and table_name = '{name}' "
        "order by ordinal_position").fetchall()
    if not exact:
        columns = [(f"round({c}, 9)" if t == "DOUBLE" else c, t) for c, t in columns if c not in LINEAGE]
    return f"select {', '.join(c for c, _ in columns)} from {catalog}.{schema}.{name}"


def differences(left: Path, right: Path, schemas: tuple[str, ...], exact: bool) -> dict[str, tuple[int, int]]:
    """Per table of `schemas`, the rows of `left` that `right` lacks and the extra rows of `right`."""
    con = duckdb.connect()
    try:
        con.execute(f"attach '{left}' as a (read_only)")
        con.execute(f"attach '{right}' as b (read_only)")
        listed = tables(con, "a", schemas)
        assert listed == tables(con, "b", schemas)
        assert len(listed) >= 50
        found = {}
        for schema, name in listed:
            a, b = comparable(con, "a", schema, name, exact), comparable(con, "b", schema, name, exact)
            missing = con.execute(f"select count(*) from ({a} except all {b})").fetchone()[0]  # type: ignore[index]
            extra = con.execute(f"select count(*) from ({b} except all {a})").fetchone()[0]  # type: ignore[index]
            if missing or extra:
                found[f"{schema}.{name}"] = (missing, extra)
        return found
    finally:
        con.close()


@pytest.mark.parametrize("day", DAYS)
def test_each_run_equals_a_full_refresh_of_everything_loaded(history: History, seeded: Path, day: str) -> None:
    b, landing = seeded.with_name("w.duckdb"), history.root / "b" / day
    shutil.copy(seeded, b)  # the same path every day: dbt parses the whole project again when it changes
    for batch in RUNS[: RUNS.index(day) + 1]:
        shutil.copytree(history.root / batch, landing, dirs_exist_ok=True)
    load(landing, b)
    dbt(b, "run", "--full-refresh")
    assert differences(history.snapshots[day], b, ("staging", "intermediate", "marts"), exact=False) == {}


def test_every_run_after_the_first_was_incremental(history: History) -> None:
    assert history.incremental == {"first": set()} | {run: set(INCREMENTAL) for run in RUNS[1:]}


def test_a_run_with_nothing_new_changes_no_table(history: History) -> None:
    before, after = history.snapshots["day3"], history.snapshots["nothing_new"]
    files = sum(1 for path in (history.root / "a" / "landing").rglob("*.csv"))
    assert differences(before, after, ("raw", "staging", "intermediate", "marts"), exact=True) == {
        "raw._load_manifest": (0, files)}, "only the load manifest changes: a row per landed file"
    statuses = query(after, "select load_id, status, count(*) from raw._load_manifest where load_id > 4 group by all")
    assert statuses == [(5, "skipped", files)], "the fifth load skipped every file: all were loaded before"


def test_reexported_open_conversations_are_resolved(history: History) -> None:
    ids = ", ".join(repr(i) for i in history.reexported)
    sql = f"select status from marts.fct_conversations where conversation_id in ({ids})"
    assert query(history.snapshots["day1"], sql) == [("open",)] * 3
    assert query(history.snapshots["day2"], sql) == [("resolved",)] * 3


def test_resent_rows_keep_their_first_copy(history: History) -> None:
    resent = query(history.snapshots["day1"], "select count(*) filter (where body = 'resent copy'), "
                   "count(*) filter (where dropped_duplicate_count = 1) from staging.stg_helpdesk__messages")
    assert resent == [(0, 2)], "two messages were resent: each first copy kept, counted once as dropped"


def test_a_late_reexport_of_an_old_conversation_restitches_its_customer(history: History) -> None:
    old, following = history.old_conversation
    sql = ("select conversation_id, status, issue_id from intermediate.int_conversations_stitched_into_issues "
           f"where conversation_id in ('{old}', '{following}') order by conversation_id = '{following}'")
    before, after = query(history.snapshots["day1"], sql), query(history.snapshots["day2"], sql)
    (_, _, issue), (_, status, _) = before
    assert before == [(old, "resolved", issue), (following, status, following)], "closed 8+ days before: a new issue"
    assert after == [(old, "unresolved", issue), (following, status, issue)], "closed a day before: the same issue"


def test_a_survey_response_a_week_late_is_counted(history: History) -> None:
    sql = f"select count(*) from marts.fct_survey_responses where response_id = '{history.late_response}'"
    assert query(history.snapshots["day2"], sql) == [(0,)]
    assert query(history.snapshots["day3"], sql) == [(1,)]


def test_a_late_question_becomes_its_fallbacks_question(history: History) -> None:
    fallback, conversation = history.late_fallback
    sql = ("select fallback_message_id, question_message_id, question_text from "
           f"intermediate.int_fallback_questions_extracted where conversation_id = '{conversation}' "
           f"and fallback_message_id in ('{fallback}', 'msg_late_fallback') order by fallback_message_id")
    before, after = query(history.snapshots["first"], sql), query(history.snapshots["day1"], sql)
    assert len(before) == 1 and before[0][1] != "msg_late_question", "the old fallback had another question"
    question = ("msg_late_question", "where is my late refund")
    assert after == sorted([(fallback, *question), ("msg_late_fallback", *question)]), "both now ask the late one"


def test_a_late_ledger_row_moves_its_months_cost_shares(history: History) -> None:
    sql = ("select ledger.ledger_amount, round(sum(costs.qa_cost), 6) from intermediate.int_cost_ledger_allocated "
           "as ledger inner join intermediate.int_conversation_costs_allocated as costs on ledger.month = costs.month "
           "where ledger.month = date '2025-11-01' and ledger.category = 'qa' group by ledger.ledger_amount")
    (before, before_shares), = query(history.snapshots["day2"], sql)
    (after, after_shares), = query(history.snapshots["day3"], sql)
    assert (float(before), before_shares) == (124.72, 124.72), "November's qa, all allocated to its conversations"
    assert (float(after), after_shares) == (150.0, 150.0), "25.28 more, shared out again"
