"""The same project on local Spark (`make test-spark`, which installs the optional Spark set).

The loader's raw schema (rows, lineage columns, rejects, load manifest) is written as Parquet and
registered as Spark tables in a metastore under a temp dir; `dbt build` runs every model, unit test and
data test there; every mart Spark wrote equals DuckDB's from the same data. The same for the source adapters:
an operation in Zendesk's shape as Airbyte lands it with Stripe's, and one in Intercom's, landed by
`load --source`, registered from the connector schemas and built with the vars, stage the rows DuckDB stages.
`make test` deselects this module (marker `spark`); it is not skipped anywhere: without pyspark it fails."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pytest

from support_metrics.bench_build import split_last_day
from support_metrics.compare import row_differences, sorted_rows
from support_metrics.connectors import dbt_source_args
from support_metrics.generate import generate
from support_metrics.spark import LIVE_MARKER, spark_environment
from support_metrics.warehouse import schema_columns

from .conftest import BUILD_SIZE, MODELS_ONLY, Built, source_vars
from .engines import STAGED_BY_THE_ADAPTERS, assert_marts_equal, assert_schema_equal, quoted
from .test_incremental import INCREMENTAL, LINEAGE, dbt, load, reexport_open_conversations, resend_old_rows

pytestmark = pytest.mark.spark


def support_metrics(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "support_metrics", *args], env=env, capture_output=True,
                          text=True, check=False)


def build_on_spark(folder: Path, warehouse: Path, *dbt_args: str, command: str = "build") -> None:
    """Register what the DuckDB warehouse landed in a Spark metastore under folder, then `dbt build` there
    (or `command`)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUPPORT_")} | spark_environment(folder)
    env |= {"DBT_TARGET_PATH": str(folder / "target"), "DBT_LOG_PATH": str(folder / "logs")}
    registered = support_metrics(env, "spark-register", "--warehouse", str(warehouse))
    assert registered.returncode == 0, registered.stdout[-3000:] + registered.stderr[-3000:]
    built = support_metrics(env, "dbt", "--", command, *dbt_args)
    summary = built.stdout[built.stdout.find("Completed with"):]  # dbt's list of what failed, else the end
    assert built.returncode == 0, summary[:6000] if "Completed with" in built.stdout else built.stdout[-6000:]
    assert "ERROR=0" in built.stdout and "SKIP=0" in built.stdout, built.stdout[-3000:]


def spark_marts(folder: Path, schema: str = "marts") -> Callable[[str, list[str]], list[tuple[Any, ...]]]:
    """Read a table Spark wrote in schema under folder (its Parquet files, partitions included) with DuckDB."""
    con = duckdb.connect()
    con.execute("set TimeZone = 'UTC'")

    def fetch(table: str, columns: list[str]) -> list[tuple[Any, ...]]:
        files = [str(f) for f in sorted((folder / "warehouse" / f"{schema}.db" / table).rglob("*.parquet"))]
        if not files:  # an empty table: Spark writes no data file
            return []
        return con.execute(f"select {quoted(columns)} from read_parquet({files!r}, hive_partitioning = true)"
                           ).fetchall()

    return fetch


def spark_env(folder: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUPPORT_")} | spark_environment(folder)
    return env | {"DBT_TARGET_PATH": str(folder / "target"), "DBT_LOG_PATH": str(folder / "logs")}


def publish_on_spark(folder: Path, warehouse: Path, *more: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Register what the DuckDB warehouse landed, then `support-metrics build --target spark` (write, audit,
    publish) there."""
    registered = support_metrics(spark_env(folder), "spark-register", "--warehouse", str(warehouse))
    assert registered.returncode == 0, registered.stdout[-3000:] + registered.stderr[-3000:]
    return support_metrics(spark_env(folder) | env, "build", "--target", "spark", "--docs", str(folder / "docs"),
                           *more)


def published_counts(folder: Path) -> dict[str, int]:
    """Rows of each published view `marts.<table>`, as a reader's query through Spark sees them (dbt show)."""
    tables = sorted(p.name for p in (folder / "warehouse" / f"{(folder / LIVE_MARKER).read_text()}.db").iterdir())
    query = " union all ".join(f"select '{table}' as mart, count(*) as row_count from marts.{table}"
                               for table in tables)
    shown = support_metrics(spark_env(folder), "dbt", "--", "show", "--inline", query, "--limit", "100",
                            "--output", "json", "--log-format", "json")
    assert shown.returncode == 0, shown.stdout[-3000:]
    for line in shown.stdout.splitlines():
        preview = json.loads(line).get("data", {}).get("preview")
        if preview:
            return {row["mart"]: int(row["row_count"]) for row in json.loads(preview)}
    raise AssertionError(shown.stdout[-3000:])


@pytest.fixture(scope="module")
def built_on_spark(built_projects: Callable[[str], Built],
                   tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    duck = built_projects("clean")
    assert not duck.failure, duck.failure[-2000:]
    folder = tmp_path_factory.mktemp("spark")
    done = publish_on_spark(folder, duck.warehouse)
    summary = done.stdout[done.stdout.find("Completed with"):] if "Completed with" in done.stdout else done.stdout
    assert done.returncode == 0, summary[-6000:] + done.stderr[-2000:]
    assert "ERROR=0" in done.stdout and "SKIP=0" in done.stdout, done.stdout[-3000:]
    assert "== 3/3 publish: the views of schema marts now read marts__blue" in done.stdout, done.stdout[-3000:]
    return folder, duck.warehouse


def test_raw_parquet_holds_every_raw_row_with_lineage_and_rejects(built_on_spark: tuple[Path, Path]) -> None:
    folder, warehouse = built_on_spark
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        tables = [r[0] for r in con.execute("select table_name from information_schema.tables "
                                            "where table_schema = 'raw'").fetchall()]
        assert {"_rejects", "_load_manifest", "helpdesk__messages"} <= set(tables)
        for table in tables:
            parquet = folder / "landed_parquet" / "raw" / table / "part-0.parquet"
            ours = con.execute(f'select * from raw."{table}" except all select * from read_parquet(\'{parquet}\')')
            assert ours.fetchall() == [], table
            count = con.execute(f"select count(*) from read_parquet('{parquet}')").fetchone()
            assert count == con.execute(f'select count(*) from raw."{table}"').fetchone(), table
    finally:
        con.close()


def test_every_mart_equals_duckdb_on_the_same_data(built_on_spark: tuple[Path, Path]) -> None:
    """The audited schema the views read holds DuckDB's marts; the views read it."""
    folder, warehouse = built_on_spark
    assert (folder / LIVE_MARKER).read_text() == "marts__blue"
    assert assert_marts_equal(warehouse, spark_marts(folder, "marts__blue")) > 1000
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        ours = {t: int(con.execute(f"select count(*) from marts.{t}").fetchone()[0])  # type: ignore[index]
                for (t,) in con.execute("select table_name from information_schema.tables "
                                        "where table_schema = 'marts'").fetchall()}
    finally:
        con.close()
    assert published_counts(folder) == ours


def test_a_90_percent_drop_and_a_csat_above_1_fail_the_audit_and_the_views_stay(
        built_on_spark: tuple[Path, Path], tmp_path: Path) -> None:
    """A re-export holding a tenth of the customers, one CSAT answer in it scored 9 on its 1..5 scale (the way a
    CSAT above 1 reaches a mart: fct_survey_responses.score_normalized 2.0), rebuilt in full into the other schema
    (green): to keep CI short, only fct_conversations, fct_survey_responses and the models they read, and no dbt
    test (dbt's own test on staging would stop the build first, as the DuckDB and PostgreSQL tests show; here the
    audit is under test). The audit names both defects (the marts not built fail it too), the publish step never
    starts, and blue, which the views read, is unchanged row for row."""
    from support_metrics.load import load_raw

    folder, warehouse = built_on_spark
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        columns = {t: [c for c, _ in cols] for t, cols in schema_columns(con, "marts").items()}
    finally:
        con.close()
    blue = spark_marts(folder, "marts__blue")
    before = {t: sorted_rows(blue(t, cols)) for t, cols in columns.items()}
    generate(tmp_path / "raw", fmt="mixed", **(BUILD_SIZE | {"customers": 30}))
    assert load_raw(tmp_path / "raw", tmp_path / "tenth.duckdb", echo=lambda _: None).committed
    con = duckdb.connect(str(tmp_path / "tenth.duckdb"))
    try:
        con.execute("update raw.survey__responses set score = 9 where response_id = (select min(response_id) "
                    "from raw.survey__responses where lower(trim(survey_type)) = 'csat' and scale_max = 5)")
    finally:
        con.close()
    done = publish_on_spark(folder, tmp_path / "tenth.duckdb", "--full-refresh", "--select", "+fct_conversations",
                            "--select", "+fct_survey_responses",
                            DBT_INDIRECT_SELECTION="empty")  # the models, not the tests attached to them
    finished = re.search(r"Finished running ([^\n]*)", done.stdout)
    assert finished and "data tests" not in finished[1], done.stdout[-3000:]
    assert done.returncode == 1
    assert "== 1/3 dbt build into the candidate schema marts__green" in done.stdout, done.stdout[-3000:]
    assert re.search(r"marts\.fct_conversations +expect_table_row_count_to_be_between", done.stdout), \
        done.stdout[-3000:]
    assert re.search(r"marts\.fct_survey_responses +expect_column_values_to_be_between +score_normalized",
                     done.stdout), done.stdout[-3000:]
    assert "== 3/3" not in done.stdout and "left exactly as they were" in done.stdout
    assert (folder / LIVE_MARKER).read_text() == "marts__blue"
    assert {t: sorted_rows(blue(t, cols)) for t, cols in columns.items()} == before


# The adapters' models, unit tests and data tests run on Spark, and the staging models above them; the staging tests
# already ran on Spark in the contract build (the same SQL on relations of the same shape).
STAGING_TESTS = [f"test_type:{kind},path:models/staging" for kind in ("unit", "data")]


# Zendesk as Airbyte lands it: its base models (JSON fields) reach Fivetran's tables, so every Zendesk rule runs
@pytest.mark.parametrize(("helpdesk", "billing"), [("zendesk_airbyte", "stripe"), ("intercom", "contract")])
def test_the_source_adapters_stage_the_same_rows_on_spark(helpdesk: str, billing: str, tmp_path: Path) -> None:
    """Everything the adapter and staging build on Spark (as tables there, var staging_materialized) equals DuckDB's
    from the same landed tables (engines.STAGED_BY_THE_ADAPTERS says why that is enough)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUPPORT_")}
    size = ["--customers", "120", "--days", "35", "--seed", "5"]
    warehouse = tmp_path / "support.duckdb"
    landings = [(tmp_path / helpdesk / "contract", "contract"), (tmp_path / helpdesk / helpdesk, helpdesk)]
    if billing != "contract":
        landings.append((tmp_path / billing / billing, billing))
    for tool in {helpdesk, billing} - {"contract"}:
        made = support_metrics(env, "generate", "--shape", tool, "--out", str(tmp_path / tool), *size)
        assert made.returncode == 0, made.stderr[-2000:]
    for raw_dir, source in landings:
        loaded = support_metrics(env, "load", "--source", source, "--raw-dir", str(raw_dir),
                                 "--warehouse", str(warehouse))
        assert loaded.returncode == 0, loaded.stdout[-2000:] + loaded.stderr[-2000:]
    args = dbt_source_args(helpdesk, billing, extra_vars={"staging_materialized": "table"})
    assert "--exclude" in args  # a tool's args end with its exclusions: extend them
    # DuckDB builds the models only: the adapters' tests on DuckDB run in test_source_*
    duck = support_metrics(env | {"SUPPORT_WAREHOUSE": str(warehouse)}, "dbt", "--", "build",
                           *source_vars(helpdesk, billing), *MODELS_ONLY, *STAGED_BY_THE_ADAPTERS)
    assert duck.returncode == 0, duck.stdout[-4000:]
    build_on_spark(tmp_path / "spark", warehouse, *args, *STAGING_TESTS, *STAGED_BY_THE_ADAPTERS)
    assert assert_schema_equal(warehouse, spark_marts(tmp_path / "spark", "staging"), "staging", at_least=20) > 1000


def test_spark_left_nothing_in_the_working_folder(built_on_spark: tuple[Path, Path]) -> None:
    folder, _ = built_on_spark
    assert (folder / "metastore_db").is_dir() and (folder / "derby.log").exists()
    for stray in ("metastore_db", "spark-warehouse", "derby.log"):
        assert not (Path.cwd() / stray).exists(), stray


def move_conversations(first: Path, out: Path, ids: list[str]) -> None:
    """Move the conversations ids (their versions, messages and events) out of batch 1 into a landing of their own."""
    con = duckdb.connect()
    try:
        for folder in ("conversations", "messages", "events"):
            source = first / "helpdesk" / folder / "first.csv"
            (out / "helpdesk" / folder).mkdir(parents=True)
            con.execute(f"create or replace table batch as from read_csv('{source}', all_varchar = true)")
            moved = f"coalesce(conversation_id, '') in ({', '.join(map(repr, ids))})"
            con.execute(f"copy (from batch where {moved}) to '{out / 'helpdesk' / folder / 'open.csv'}' (header)")
            con.execute(f"copy (from batch where not {moved}) to '{source}' (header)")
    finally:
        con.close()


def data_files(folder: Path, schema: str, table: str) -> dict[str, int]:
    """Each Parquet file of a table Spark wrote (path under the table) with its modification time."""
    root = folder / "warehouse" / f"{schema}.db" / table
    return {f.relative_to(root).as_posix(): f.stat().st_mtime_ns for f in root.rglob("*.parquet")}


def test_incremental_runs_on_spark_equal_a_full_build(tmp_path: Path) -> None:
    """Loads 1 and 2 (batch 1, the second holding only three open conversations), a build of the incremental
    models (and the models and seeds they read) on Spark; load 3 (the last day, those three resolved, two messages
    and events resent), `dbt run` of the same selection: incremental, by partition. Every incremental model, and
    every other intermediate table they read, equals DuckDB's full build of the same files and selection, lineage
    columns aside. To keep CI short the marts above them are not built: they are plain tables recomputed from these
    (test_every_mart_equals_duckdb_on_the_same_data compares every mart across the engines)."""
    generate(tmp_path / "generated", customers=250, days=40, seed=21)
    split_last_day(tmp_path / "generated", tmp_path / "first", tmp_path / "last")
    reexported = reexport_open_conversations(tmp_path / "first", tmp_path / "last")
    resend_old_rows(tmp_path / "first", tmp_path / "last")
    move_conversations(tmp_path / "first", tmp_path / "open", reexported)

    spark, a = tmp_path / "spark", tmp_path / "a" / "w.duckdb"
    for batch in ("first", "open"):
        shutil.copytree(tmp_path / batch, tmp_path / "a" / "landing", dirs_exist_ok=True)
        load(tmp_path / "a" / "landing", a)
    # both runs build the incremental models and what they read (models, seeds), no tests: the runs are under test
    selected = ("--select", *(f"+{model}" for model in INCREMENTAL))
    build_on_spark(spark, a, *selected, "--resource-type", "seed", "--resource-type", "model")
    flags_before = data_files(spark, "intermediate", "int_messages_classified")
    assert {f.split("/")[0] for f in flags_before} == {"_load_id=1", "_load_id=2"}
    enriched = data_files(spark, "intermediate", "int_conversations_enriched")
    assert {f.split("/")[0] for f in enriched} == {"last_load_id=1", "last_load_id=2"}
    shutil.copytree(tmp_path / "last", tmp_path / "a" / "landing", dirs_exist_ok=True)
    load(tmp_path / "a" / "landing", a)
    build_on_spark(spark, a, *selected, command="run")

    for model in INCREMENTAL:  # the second run overwrote partitions
        compiled = next((spark / "target" / "run").rglob(f"{model}.sql")).read_text()
        assert "insert overwrite table" in compiled.lower(), model
    flags_after = data_files(spark, "intermediate", "int_messages_classified")
    assert {f: t for f, t in flags_after.items() if not f.startswith("_load_id=3/")} == flags_before, \
        "the partitions of loads 1 and 2 were not written again"
    for model in ("int_conversations_enriched", "int_conversations_stitched_into_issues"):
        # load 3 moved all three conversations of last_load_id 2 to partition 3: partition 2 is dropped
        assert not (spark / "warehouse" / "intermediate.db" / model / "last_load_id=2").exists(), model

    b = tmp_path / "b" / "w.duckdb"
    for batch in ("first", "open", "last"):
        shutil.copytree(tmp_path / batch, tmp_path / "b" / "landing", dirs_exist_ok=True)
    load(tmp_path / "b" / "landing", b)
    dbt(b, "seed")
    dbt(b, "run", *selected)
    incremental_intermediate = [model for model in INCREMENTAL if model.startswith("int_")]
    assert assert_schema_equal(b, spark_marts(spark, "intermediate"), "intermediate",
                               at_least=len(incremental_intermediate), ignore=frozenset(LINEAGE)) > 1000
    duck = duckdb.connect(str(b), read_only=True)
    try:
        for model in INCREMENTAL:
            schema = {"stg": "staging", "int": "intermediate"}.get(model.split("_")[0], "marts")
            columns = [r[0] for r in duck.execute(
                "select column_name from information_schema.columns where table_schema = ? and table_name = ? "
                "order by ordinal_position", [schema, model]).fetchall() if r[0] not in LINEAGE]
            expected = sorted_rows(duck.execute(f"select {', '.join(columns)} from {schema}.{model}").fetchall())
            actual = sorted_rows(spark_marts(spark, schema)(model, columns))
            assert row_differences(model, columns, expected, actual) == []
    finally:
        duck.close()
    statuses = spark_marts(spark)("fct_conversations", ["conversation_id", "status"])
    assert sorted(s for c, s in statuses if c in reexported) == ["resolved"] * 3
