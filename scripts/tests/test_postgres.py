"""The same project on PostgreSQL: a throwaway server on 127.0.0.1 (`make test` installs the Debian
package postgresql when its binaries are missing), the loader's raw schema copied there, `dbt build`
with every test, marts equal to DuckDB's from the same data, and a reader role that sees only the marts."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from support_metrics.postgres import Server, copy_raw_to_postgres, start_server, stop_server

from .conftest import BUILD_SIZE, MODELS_ONLY, Built, adapter_build_args, source_vars
from .engines import STAGED_BY_THE_ADAPTERS, assert_schema_equal, quoted


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    running = start_server()
    yield running
    stop_server(running)


@pytest.fixture(scope="module")
def built_on_postgres(server: Server, built_projects: Callable[[str], Built]) -> tuple[Server, Path]:
    duck = built_projects("clean")
    assert not duck.failure, duck.failure[-2000:]
    copied = copy_raw_to_postgres(duck.warehouse, server.dsn)
    assert copied["helpdesk__messages"] > 1000
    done = build_on(server, duck.warehouse.parent / "pg")
    assert done.returncode == 0, done.stdout[-4000:]
    assert "== 3/3 publish: marts__candidate becomes marts" in done.stdout
    return server, duck.warehouse


def build_on(server: Server, work: Path, *more: str, **extra: str) -> subprocess.CompletedProcess[str]:
    """`support-metrics build --target postgres` (write, audit, publish) on the server."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUPPORT_")} | server.env() | extra
    env |= {"DBT_TARGET_PATH": str(work / "target"), "DBT_LOG_PATH": str(work / "logs")}
    command = [sys.executable, "-m", "support_metrics", "build", "--target", "postgres",
               "--docs", str(work / "docs"), *more]
    return subprocess.run(command, env=env, capture_output=True, text=True, check=False)


def rows_of(server: Server, schema: str) -> dict[str, list[str]]:
    """Every table of the schema as its rows' text, sorted: what a reader of the schema sees."""
    import psycopg2

    with psycopg2.connect(server.dsn) as con, con.cursor() as cursor:
        cursor.execute("select table_name from information_schema.tables where table_schema = %s", (schema,))
        tables = sorted(r[0] for r in cursor.fetchall())
        seen = {}
        for table in tables:
            cursor.execute(f"select t::text from {schema}.{table} as t order by 1")
            seen[table] = [r[0] for r in cursor.fetchall()]
    con.close()
    return seen


@contextmanager
def planted(server: Server, tables: tuple[str, ...], *statements: str) -> Iterator[None]:
    """Run statements on the server's raw tables for the length of the block, then put the tables back."""
    import psycopg2

    with psycopg2.connect(server.dsn) as con, con.cursor() as cursor:
        cursor.execute("create schema planted_backup")
        for table in tables:
            cursor.execute(f"create table planted_backup.{table} as select * from raw.{table}")
        for statement in statements:
            cursor.execute(statement)
    try:
        yield
    finally:
        with psycopg2.connect(server.dsn) as con, con.cursor() as cursor:
            for table in tables:
                cursor.execute(f"truncate raw.{table}; insert into raw.{table} select * from planted_backup.{table}")
            cursor.execute("drop schema planted_backup cascade")
        con.close()


def assert_postgres_equal(server: Server, warehouse: Path, schema: str = "marts", at_least: int = 25) -> int:
    """Every relation of the schema on the server equals the DuckDB warehouse's; the rows compared."""
    import psycopg2

    pg = psycopg2.connect(server.dsn)

    def fetch(name: str, columns: list[str]) -> list[tuple[Any, ...]]:
        cursor = pg.cursor()
        cursor.execute(f"select {quoted(columns)} from {schema}.{name}")
        return cursor.fetchall()

    try:
        return assert_schema_equal(warehouse, fetch, schema, at_least)
    finally:
        pg.close()


def test_every_mart_equals_duckdb_on_the_same_data(built_on_postgres: tuple[Server, Path]) -> None:
    server, warehouse = built_on_postgres
    assert assert_postgres_equal(server, warehouse) > 1000


def test_bi_reader_reads_the_marts_and_nothing_else(built_on_postgres: tuple[Server, Path]) -> None:
    import psycopg2

    server, _ = built_on_postgres
    admin = psycopg2.connect(server.dsn.replace("user=support password=support", "user=postgres"))
    admin.autocommit = True
    admin.cursor().execute("alter role bi_reader login")
    admin.close()
    reader = psycopg2.connect(server.dsn.replace("user=support password=support", "user=bi_reader"))
    reader.autocommit = True
    try:
        cursor = reader.cursor()
        cursor.execute("select count(*) from marts.fct_conversations")
        assert cursor.fetchone()[0] > 0  # type: ignore[index]
        for relation in ("raw.helpdesk__messages", "staging.stg_helpdesk__messages",
                         "intermediate.int_messages_classified"):
            with pytest.raises(psycopg2.errors.InsufficientPrivilege):
                cursor.execute(f"select count(*) from {relation}")
    finally:
        reader.close()


def test_the_publish_swapped_the_candidate_in_with_the_readers_grants(built_on_postgres: tuple[Server, Path]) -> None:
    import psycopg2

    server, _ = built_on_postgres
    with psycopg2.connect(server.dsn) as con, con.cursor() as cursor:
        cursor.execute("select nspname from pg_namespace where nspname like 'marts%' order by 1")
        assert cursor.fetchall() == [("marts",)]
        cursor.execute("select has_schema_privilege('bi_reader', 'marts', 'usage'), "
                       "bool_and(has_table_privilege('bi_reader', 'marts.' || table_name, 'select')), count(*) "
                       "from information_schema.tables where table_schema = 'marts'")
        assert cursor.fetchone() == (True, True, len(rows_of(server, "marts")))
    con.close()


def copy_marts_to_candidate(server: Server) -> None:
    """A candidate schema holding a copy of every published mart (no dbt build: the swap or the audit is
    under test)."""
    import psycopg2

    with psycopg2.connect(server.dsn) as con, con.cursor() as cursor:
        cursor.execute("drop schema if exists marts__candidate cascade; create schema marts__candidate")
        for table in rows_of(server, "marts"):
            cursor.execute(f"create table marts__candidate.{table} as select * from marts.{table}")
    con.close()


def test_a_publish_carries_over_grants_given_by_hand(built_on_postgres: tuple[Server, Path]) -> None:
    """A team's own reader, granted on the published schema and one of its tables, keeps both when the next
    candidate is swapped in (as bi_reader keeps its own); readers then see the candidate's rows."""
    import psycopg2

    from support_metrics.postgres import publish_candidate

    server, _ = built_on_postgres
    fewer = "mart_unanswered_questions_weekly"
    before = rows_of(server, "marts")
    copy_marts_to_candidate(server)
    with psycopg2.connect(server.dsn) as con, con.cursor() as cursor:
        cursor.execute("create role analyst; grant usage on schema marts to analyst; "
                       "grant select on marts.fct_issues to analyst")
        # one row fewer in the candidate, to tell the two apart (a mart no reconciliation reads)
        cursor.execute(f"delete from marts__candidate.{fewer} where ctid = "
                       f"(select min(ctid) from marts__candidate.{fewer})")
    con.close()
    published = dict(publish_candidate(server.dsn))
    assert published[fewer] == len(before[fewer]) - 1
    with psycopg2.connect(server.dsn) as con, con.cursor() as cursor:
        cursor.execute("select has_schema_privilege(role, 'marts', 'usage'), "
                       "has_table_privilege(role, 'marts.fct_issues', 'select'), "
                       "has_table_privilege(role, 'marts.fct_conversations', 'select') "
                       "from unnest(array['analyst', 'bi_reader']) as role order by role")
        assert cursor.fetchall() == [(True, True, False), (True, True, True)]
        cursor.execute("select nspname from pg_namespace where nspname like 'marts%' order by 1")
        assert cursor.fetchall() == [("marts",)]
    con.close()
    after = rows_of(server, "marts")
    assert len(after[fewer]) == len(before[fewer]) - 1
    assert {t: r for t, r in after.items() if t != fewer} == {t: r for t, r in before.items() if t != fewer}


def test_an_out_of_scale_csat_score_fails_the_build_and_marts_stay(built_on_postgres: tuple[Server, Path],
                                                                  tmp_path: Path) -> None:
    """A CSAT score of 9 on a 1..5 scale (the way a CSAT above 1 reaches a mart) slipped into raw: dbt's tests
    stop the build before the audit (staging only is built, to keep CI short: the failing test is there),
    and the published marts are the same rows as before, table by table."""
    server, _ = built_on_postgres
    before = rows_of(server, "marts")
    with planted(server, ("survey__responses",),
                 "update raw.survey__responses set score = 9 where response_id = (select min(response_id) "
                 "from raw.survey__responses where lower(trim(survey_type)) = 'csat' and scale_max = 5)"):
        done = build_on(server, tmp_path, "--select", "staging")
    assert done.returncode == 1
    assert "stg_survey__responses_score_between_scale_min_and_scale_max" in done.stdout, done.stdout[-3000:]
    assert "dbt build failed" in done.stdout and "left exactly as it was" in done.stdout
    assert rows_of(server, "marts") == before


def test_the_audit_on_postgres_names_each_planted_defect(built_on_postgres: tuple[Server, Path],
                                                        tmp_path: Path) -> None:
    """The suites as SQL on the server, on a candidate copied from the marts with defects planted: a CSAT
    above 1, a negative count, an email and a phone number left in published text. Each fails, named."""
    import psycopg2

    from support_metrics.check import run_checks_postgres

    server, _ = built_on_postgres
    copy_marts_to_candidate(server)
    with psycopg2.connect(server.dsn) as con, con.cursor() as cursor:
        cursor.execute("update marts__candidate.mart_csat_ces_weekly set csat = 1.5 where ctid = "
                       "(select min(ctid) from marts__candidate.mart_csat_ces_weekly where csat is not null)")
        cursor.execute("update marts__candidate.mart_support_daily set escalated_count = -1 where ctid = "
                       "(select min(ctid) from marts__candidate.mart_support_daily)")
        cursor.execute("update marts__candidate.mart_unanswered_questions_weekly set question_text = "
                       "'write to jane.doe@example.com or call +1 415 555 0100' where ctid = "
                       "(select min(ctid) from marts__candidate.mart_unanswered_questions_weekly)")
    con.close()
    try:
        report = run_checks_postgres(server.dsn, "marts__candidate", tmp_path / "docs", echo=lambda _: None)
    finally:
        with psycopg2.connect(server.dsn) as con, con.cursor() as cursor:
            cursor.execute("drop schema marts__candidate cascade")
        con.close()
    failed = sorted((o.batch, o.expectation, str(o.arguments.get("column"))) for o in report.failures)
    assert failed == [
        ("marts.mart_csat_ces_weekly", "expect_column_values_to_be_between", "csat"),
        ("marts.mart_support_daily", "expect_column_values_to_be_between", "escalated_count"),
        ("marts.mart_unanswered_questions_weekly.question_text", "expect_column_values_to_be_null", "phone_numbers"),
        ("marts.mart_unanswered_questions_weekly.question_text", "expect_column_values_to_not_match_regex",
         "question_text"),
    ], failed
    assert len(report.outcomes) > 300 and (tmp_path / "docs" / "index.html").exists()


def test_a_90_percent_drop_in_customers_fails_the_audit_and_marts_stay(
        built_on_postgres: tuple[Server, Path], tmp_path: Path) -> None:
    """A re-export that holds a tenth of the customers (30 of 300), rebuilt in full (to keep CI short,
    fct_conversations and the models it reads, without dbt's tests, which ran on this code above): the
    audit's row-count check against the published marts stops the publish (the marts not built fail it
    too); the published marts are the same rows as before."""
    from support_metrics.generate import generate
    from support_metrics.load import load_raw

    server, warehouse = built_on_postgres
    before = rows_of(server, "marts")
    generate(tmp_path / "raw", fmt="mixed", **(BUILD_SIZE | {"customers": 30}))
    assert load_raw(tmp_path / "raw", tmp_path / "tenth.duckdb", echo=lambda _: None).committed
    copy_raw_to_postgres(tmp_path / "tenth.duckdb", server.dsn)
    try:
        done = build_on(server, tmp_path, "--full-refresh", "--select", "+fct_conversations",
                        DBT_INDIRECT_SELECTION="empty")  # fct_conversations and its inputs, no test: CI time
    finally:  # raw as it was; staging and intermediate keep the tenth's build, which no later test reads
        copy_raw_to_postgres(warehouse, server.dsn)  # (the adapter tests below start from empty schemas)
    assert done.returncode == 1
    assert "== 2/3 audit" in done.stdout and "== 3/3" not in done.stdout, done.stdout[-3000:]
    assert re.search(r"marts\.fct_conversations +expect_table_row_count_to_be_between", done.stdout), \
        done.stdout[-3000:]
    assert "left exactly as it was" in done.stdout
    assert rows_of(server, "marts") == before


@pytest.mark.parametrize(("helpdesk", "billing"),
                         [("zendesk", "stripe"), ("intercom", "contract"), ("zendesk_airbyte", "contract")])
def test_source_adapters_stage_on_postgres_as_on_duckdb(server: Server, tmp_path: Path, helpdesk: str,
                                                        billing: str) -> None:
    """The adapters on PostgreSQL: the connector schemas copied there, the adapter's models and staging built,
    everything staged equal to DuckDB's from the same tables (engines.STAGED_BY_THE_ADAPTERS says why that is
    enough). PostgreSQL runs those models' data tests and the adapter's unit tests (the staging unit tests ran
    there in the contract build above); DuckDB only builds the models (its tests run in test_source_*)."""
    import psycopg2

    from support_metrics.connectors import CONNECTORS, write_shape
    from support_metrics.generate import generate
    from support_metrics.load import load_raw

    size = {"customers": 120, "days": 30, "seed": 4}
    tools = [tool for tool in (helpdesk, billing) if tool != "contract"]
    for tool in tools:
        generate(tmp_path / tool / "contract", **size)
        write_shape(tool, tmp_path / tool / "contract", tmp_path / tool / tool)
    warehouse = tmp_path / "w.duckdb"
    for raw_dir, source in ((tmp_path / helpdesk / "contract", "contract"),
                            *((tmp_path / tool / tool, tool) for tool in tools)):
        assert load_raw(raw_dir, warehouse, echo=lambda _: None, source=source).committed
    args = adapter_build_args(helpdesk_source=helpdesk, billing_source=billing)
    vars_only = source_vars(helpdesk, billing)
    base = {k: v for k, v in os.environ.items() if not k.startswith("SUPPORT_")}
    for name, env in (("duckdb", base | {"SUPPORT_WAREHOUSE": str(warehouse)}), ("postgres", base | server.env())):
        if name == "postgres":
            schemas = sorted({table.schema for tool in tools for table in CONNECTORS[tool].tables})
            copied = copy_raw_to_postgres(warehouse, server.dsn, ("raw", *schemas))
            required = [t.qualified for tool in tools for t in CONNECTORS[tool].tables if not t.optional]
            assert all(copied[table] > 0 for table in required), copied
            with psycopg2.connect(server.dsn) as fresh:  # the tests before this one built there: start clean
                fresh.cursor().execute("drop schema if exists staging, intermediate, marts cascade")
        env |= {"DBT_TARGET_PATH": str(tmp_path / f"{name}_target"), "DBT_LOG_PATH": str(tmp_path / f"{name}_logs")}
        tested = args if name == "postgres" else [*vars_only, *MODELS_ONLY]
        command = [sys.executable, "-m", "support_metrics", "dbt", "--", "build", *tested, *STAGED_BY_THE_ADAPTERS]
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        summary = done.stdout[done.stdout.find("Completed with"):] if "Completed with" in done.stdout else done.stdout
        assert done.returncode == 0, f"{name}: " + summary[-4000:]
    assert assert_postgres_equal(server, warehouse, "staging", at_least=20) > 1000
