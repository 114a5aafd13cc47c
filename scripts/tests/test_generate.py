"""The synthetic data generator: determinism, contract shape, clean rules, planted effects, dirty manifest."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import pytest

from support_metrics.contract import SURVEY_SCALES, TABLES, Table
from support_metrics.generate import CONVERSATIONS_PER_CUSTOMER_DAY, generate
from support_metrics.load import load_raw

from .conftest import scalar

CLEAN = {"customers": 1500, "days": 91, "seed": 7}
ISO = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$"
TS = "::timestamptz"

# Conversation facts after docs/metrics.md section 1 (enough of it for the planted effects).
FACTS = """
create table facts as
with m as (
    select conversation_id,
        count(*) filter (where author_type = 'bot' and message_kind in ('text', 'fallback')) as bot,
        count(*) filter (where author_type = 'agent' and message_kind in ('text', 'fallback')) as agent
    from messages group by 1),
e as (select conversation_id, count(*) filter (where event_type = 'escalated') as esc from events group by 1)
select c.*, coalesce(agent_intent, bot_intent, 'unknown') as intent,
    c.created_at::timestamptz as created, c.closed_at::timestamptz as closed,
    coalesce(m.bot, 0) > 0 as bot_inv, coalesce(m.agent, 0) > 0 as human_inv, coalesce(e.esc, 0) > 0 as esc
from conversations c left join m using (conversation_id) left join e using (conversation_id)
"""
PATHS = """
create table paths as select *,
    case when bot_inv and not human_inv and not esc then 'ai_only' when bot_inv then 'ai_to_human'
         when human_inv then 'human_only' else 'no_response' end as path,
    lead(created) over next_one as next_created, lead(channel) over next_one as next_channel
from facts
window next_one as (partition by customer_id, intent order by created, conversation_id)
"""


def _reader(path: Path, table: Table | None = None) -> str:
    """A DuckDB table function reading one file; JSON Lines as text columns when the table is given."""
    if path.suffix == ".csv":
        return f"read_csv('{path}', header = true, all_varchar = true, quote = '\"', escape = '\"')"
    if path.suffix == ".parquet":
        return f"read_parquet('{path}')"
    if table is None:
        return f"read_json('{path}', format = 'newline_delimited')"
    columns = ", ".join(f"'{c.name}': 'VARCHAR'" for c in table.columns)
    return f"read_json('{path}', format = 'newline_delimited', columns = {{{columns}}}, ignore_errors = true)"


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("clean")
    generate(out, fmt="mixed", **CLEAN)
    return out


@pytest.fixture(scope="module")
def db(clean: Path) -> duckdb.DuckDBPyConnection:
    """Every clean table as a view of text columns, whatever the format of each file."""
    con = duckdb.connect()
    con.execute("set TimeZone = 'UTC'")
    for table in TABLES:
        columns = ", ".join(f'cast("{c.name}" as varchar) as "{c.name}"' for c in table.columns)
        files = sorted((clean / table.folder).iterdir())
        parts = [f"select {columns} from {_reader(p, table)}" for p in files]
        con.execute(f"create view {table.name} as {' union all '.join(parts)}")
    con.execute(FACTS)
    con.execute(PATHS)
    return con


def _digests(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(("fmt", "dirty_mode"), [("csv", False), ("mixed", True)])
def test_same_arguments_give_identical_bytes(tmp_path: Path, fmt: str, dirty_mode: bool) -> None:
    runs = [tmp_path / "a", tmp_path / "b", tmp_path / "c"]
    for run, seed in zip(runs, (5, 5, 6), strict=True):
        generate(run, customers=250, days=40, seed=seed, dirty=dirty_mode, fmt=fmt)
    first, second, other = (_digests(r) for r in runs)
    assert first == second and len(first) >= len(TABLES)
    assert first != other  # the seed matters


def test_a_second_run_needs_overwrite(tmp_path: Path) -> None:
    generate(tmp_path, customers=50, days=10)
    with pytest.raises(FileExistsError):
        generate(tmp_path, customers=50, days=10)
    generate(tmp_path, customers=50, days=10, seed=2, overwrite=True)


def test_every_table_has_readable_files_with_the_required_columns(clean: Path) -> None:
    con = duckdb.connect()
    suffixes = set()
    for table in TABLES:
        files = sorted((clean / table.folder).iterdir())
        assert files, f"no files for {table.folder}"
        for path in files:
            suffixes.add(path.suffix)
            columns = {row[0] for row in con.execute(f"describe select * from {_reader(path)}").fetchall()}
            assert set(table.required_columns) <= columns, f"{path.name} lacks required columns"
            assert scalar(con, f"select count(*) from {_reader(path)}") > 0
    assert suffixes == {".csv", ".jsonl", ".parquet"}


def _bad(con: duckdb.DuckDBPyConnection, table: str, condition: str) -> int:
    return scalar(con, f"select count(*) from {table} where {condition}")


def test_clean_mode_obeys_every_contract_rule(db: duckdb.DuckDBPyConnection) -> None:
    for table in TABLES:
        for column in table.columns:
            name, where = f'"{column.name}"', f"{table.name}.{column.name}"
            if column.required:
                assert _bad(db, table.name, f"trim(coalesce({name}, '')) = ''") == 0, where
            if column.values:
                allowed = ", ".join(f"'{v}'" for v in column.values)
                assert _bad(db, table.name, f"{name} not in ({allowed})") == 0, where
            if column.type == "timestamp":
                assert _bad(db, table.name, f"not regexp_full_match({name}, '{ISO}')") == 0, where
            if column.type == "date":
                assert _bad(db, table.name, f"{name}::date <> date_trunc('month', {name}::date)") == 0, where
            if column.type in ("double", "integer", "decimal", "boolean"):
                kind = {"decimal": "double"}.get(column.type, column.type)
                assert _bad(db, table.name, f"{name} is not null and try_cast({name} as {kind}) is null") == 0
    for rule in (
        f"updated_at{TS} < created_at{TS}", f"resolved_at{TS} < created_at{TS}",
        f"closed_at{TS} < created_at{TS}",
        "(status = 'resolved') <> (resolved_at is not null)", "(status <> 'open') <> (closed_at is not null)",
    ):
        assert _bad(db, "conversations", rule) == 0, rule
    scales = " or ".join(f"(survey_type = '{kind}' and scale_min = '{lo}' and scale_max = '{hi}')"
                         for kind, pairs in SURVEY_SCALES.items() for lo, hi in pairs)
    for rule in (f"not ({scales})", "score::double not between scale_min::int and scale_max::int",
                 f"responded_at{TS} < sent_at{TS}",
                 "survey_type in ('csat', 'ces') and conversation_id is null"):
        assert _bad(db, "responses", rule) == 0, rule
    for name in ("accounts", "customers"):
        assert _bad(db, name, f"updated_at{TS} < created_at{TS}") == 0
    for child in ("messages", "events"):
        assert scalar(db, f"""select count(*) from {child} x left join conversations c using (conversation_id)
                            where c.conversation_id is null or x.created_at{TS} < c.created_at{TS}""") == 0
    assert scalar(db, """select count(*) from messages m left join agents a on a.agent_id = m.author_id
                       where (m.author_type in ('bot', 'agent')) <> (a.agent_id is not null)
                          or (m.author_type = 'bot' and a.agent_type <> 'bot')
                          or (m.author_type = 'agent' and a.agent_type <> 'human')""") == 0


def test_clean_files_load_without_a_single_reject(clean: Path, tmp_path: Path) -> None:
    report = load_raw(clean, tmp_path / "w.duckdb", echo=lambda _: None)
    assert report.committed and report.rows_rejected == 0 and report.count("rejected") == 0


def test_volume_follows_customers_and_days(db: duckdb.DuckDBPyConnection) -> None:
    per_customer_day = scalar(db, "select count(*) from conversations") / (CLEAN["customers"] * CLEAN["days"])
    assert 0.7 * CONVERSATIONS_PER_CUSTOMER_DAY < per_customer_day < 1.3 * CONVERSATIONS_PER_CUSTOMER_DAY


def test_channel_mix_and_voice_is_human_only(db: duckdb.DuckDBPyConnection) -> None:
    counts = dict(db.execute("select channel, count(*) from conversations group by 1").fetchall())
    assert max(counts, key=counts.get) == "web_chat" and min(counts, key=counts.get) == "voice"
    assert counts["email"] > counts["messenger"] > counts["whatsapp"] > counts["social"]
    assert scalar(db, "select count(*) from paths where channel = 'voice' and bot_inv") == 0


def _bot_resolution(con: duckdb.DuckDBPyConnection, intent: str) -> float:
    return scalar(con, f"""select count(*) filter (where path = 'ai_only' and status = 'resolved')
                               / count(*) filter (where bot_inv) from paths where intent = '{intent}'""")


def test_bot_resolves_simple_intents_and_escalates_hard_ones(db: duckdb.DuckDBPyConnection) -> None:
    easy = min(_bot_resolution(db, i) for i in ("order_status", "password_reset"))
    hard_intents = ("refund_exception", "billing_dispute", "technical_troubleshooting")
    hard = max(_bot_resolution(db, i) for i in hard_intents)
    assert easy > 0.7 and hard < 0.35 and easy > 2.5 * hard


def test_low_confidence_predicts_wrong_bot_intents(db: duckdb.DuckDBPyConnection) -> None:
    low, high = db.execute("""
        select avg((bot_intent = agent_intent)::int) filter (where bot_intent_confidence::double < 0.6),
               avg((bot_intent = agent_intent)::int) filter (where bot_intent_confidence::double >= 0.85)
        from conversations where bot_intent is not null and agent_intent is not null""").fetchone()
    assert high > low + 0.1
    assert _bad(db, "conversations", "bot_intent is null and agent_intent is null") > 0


def test_failed_bot_conversations_come_back_more_than_resolved_ones(db: duckdb.DuckDBPyConnection) -> None:
    rates = dict(db.execute("""
        select case when path = 'ai_only' and status <> 'resolved' then 'bot_failed'
                    when human_inv and status = 'resolved' then 'human_resolved' end,
               avg((next_created is not null and next_created <= closed + interval 7 day)::int)
        from paths where status <> 'open' and intent <> 'unknown' group by 1""").fetchall())
    assert rates["bot_failed"] > 1.5 * rates["human_resolved"]
    cross = scalar(db, """select avg((channel <> next_channel)::int) from paths
                        where intent <> 'unknown' and next_created <= closed + interval 7 day""")
    assert cross > 0.3


def test_fcr_deflection_and_leakage_differ(db: duckdb.DuckDBPyConnection) -> None:
    fcr, deflected, leaked = db.execute("""
        with linked as (
            select *, lag(closed) over (partition by customer_id, intent order by created, conversation_id)
                as prev
            from paths),
        numbered as (
            select *, sum(case when intent = 'unknown' or prev is null or created - prev > interval 7 day
                               then 1 else 0 end)
                over (partition by customer_id, intent order by created, conversation_id) as issue_no
            from linked),
        issues as (
            select customer_id, intent, issue_no, count(*) as n, bool_and(status <> 'open') as all_closed,
                max(closed) as last_closed, arg_max(status, created) as last_status,
                bool_and(path = 'ai_only') as ai,
                count(*) filter (where path = 'ai_only' and status = 'resolved') as bot_said_resolved
            from numbered group by 1, 2, 3),
        settled as (
            select * from issues
            where all_closed and last_closed < (select max(created) from paths) - interval 7 day)
        select avg((n = 1 and last_status = 'resolved')::int),
               avg((n = 1 and last_status = 'resolved' and ai)::int),
               avg((n > 1 and bot_said_resolved > 0)::int)
        from settled""").fetchone()
    assert 0 < deflected < fcr < 1 and leaked > 0.01


def test_handoff_waits_grow_outside_staffed_hours(db: duckdb.DuckDBPyConnection) -> None:
    waits = dict(db.execute(f"""
        with handoffs as (
            select e.event_id, e.created_at{TS} as t, min(m.created_at{TS}) as answered
            from events e join messages m on m.conversation_id = e.conversation_id and m.author_type = 'agent'
                and m.message_kind = 'text' and m.created_at{TS} >= e.created_at{TS}
            where e.event_type = 'escalated' group by 1, 2)
        select isodow(t) < 6 and hour(t) between 8 and 19, median(epoch(answered - t))
        from handoffs group by 1
        """).fetchall())
    assert waits[False] > 5 * waits[True]


def test_surveys_follow_outcome_and_effort(db: duckdb.DuckDBPyConnection) -> None:
    csat = dict(db.execute("""
        select c.status = 'resolved',
               avg(((score::double - scale_min::int) / (scale_max::int - scale_min::int) >= 0.75)::int)
        from responses r join conversations c using (conversation_id) where survey_type = 'csat' group by 1
        """).fetchall())
    assert csat[True] > csat[False] + 0.3
    ces = dict(db.execute("""select p.esc, avg(score::double)
                             from responses r join paths p using (conversation_id)
                             where survey_type = 'ces' group by 1""").fetchall())
    assert ces[False] > ces[True]
    scales = db.execute("select distinct survey_type, scale_min, scale_max from responses").fetchall()
    kinds = {tuple(r) for r in scales}
    assert {("csat", "1", "5"), ("csat", "0", "1"), ("ces", "1", "7"), ("nps", "0", "10")} <= kinds
    assert _bad(db, "responses", "survey_type = 'nps' and conversation_id is not null") == 0


def test_bad_support_journeys_precede_churn(db: duckdb.DuckDBPyConnection) -> None:
    churn = dict(db.execute("""
        with bad as (
            select distinct cu.account_id from paths p join customers cu using (customer_id)
            where p.status in ('unresolved', 'abandoned'))
        select b.account_id is not null, avg((s.canceled_at is not null)::int)
        from subscriptions s left join bad b using (account_id)
        where s.cancel_reason is distinct from 'upgraded to a bigger plan' group by 1""").fetchall())
    assert churn[True] > churn[False]
    assert _bad(db, "subscriptions", "cancel_reason like 'support never fixed%'") > 0


def test_leads_knowledge_base_and_costs(db: duckdb.DuckDBPyConnection) -> None:
    leads, converted = db.execute(f"""
        select count(*), count(*) filter (where cu.created_at{TS} > e.created_at{TS}
                                            and cu.created_at{TS} <= e.created_at{TS} + interval 30 day)
        from events e join conversations c using (conversation_id) left join customers cu using (customer_id)
        where e.event_type = 'lead_captured'""").fetchone()
    assert 0 < converted < leads
    self_served = scalar(db, f"""
        select avg((not exists (select 1 from conversations c where c.customer_id = v.customer_id
                                and c.created_at{TS} > v.viewed_at{TS}
                                and c.created_at{TS} <= v.viewed_at{TS} + interval 24 hour))::int)
        from kb_article_views v where source = 'help_center'""")
    assert 0.2 < self_served < 0.95
    assert scalar(db, "select count(distinct source) from kb_article_views") == 2
    months = db.execute("select month, count(distinct category) from support_costs group by 1").fetchall()
    assert len(months) >= 3 and all(n == 5 for _, n in months)
    kinds = {r[0] for r in db.execute("select distinct message_kind from messages").fetchall()}
    assert kinds == {"text", "fallback", "auto_ack", "internal_note"}


def test_cli_generate_writes_files_and_refuses_to_mix_runs(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from support_metrics.cli import main

    args = ["generate", "--out", str(tmp_path), "--customers", "40", "--days", "14", "--format", "jsonl"]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 0, first.output
    assert sorted(p.suffix for p in (tmp_path / "billing" / "accounts").iterdir()) == [".jsonl"]
    second = CliRunner().invoke(main, args)
    assert second.exit_code == 1 and "already holds data files" in second.output
    assert CliRunner().invoke(main, [*args, "--overwrite"]).exit_code == 0
    assert CliRunner().invoke(main, ["generate", "--out", str(tmp_path), "--days", "3"]).exit_code == 2
