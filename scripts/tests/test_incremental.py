"""Loading in two batches and building incrementally gives the same tables as one full refresh.

The generated history is split at the start of its last day (bench_build.split_last_day); the second
batch also re-exports three conversations of the first batch that were open and are now resolved (a
new version), so the incremental models must recompute old conversations and re-stitch their
customers. Warehouse A: batch 1, `dbt run`, batch 2, `dbt run` (incremental). Warehouse B: both
batches, `dbt run --full-refresh`. Every mart and incremental model must hold the same rows, lineage
columns aside (A has two loads, B one) and doubles rounded to 1e-9 (summation order)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb

from support_metrics.bench_build import split_last_day
from support_metrics.generate import generate
from support_metrics.load import load_raw

INCREMENTAL = {
    "staging": ("stg_helpdesk__messages", "stg_helpdesk__events"),
    "intermediate": ("int_messages_classified", "int_conversations_enriched", "int_conversations_stitched_into_issues"),
}
LINEAGE = {"_load_id", "last_load_id", "_loaded_at", "_source_file", "_source_row"}


def dbt(warehouse: Path, *args: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUPPORT_")}
    env |= {"DBT_TARGET_PATH": str(warehouse.parent / "target"), "DBT_LOG_PATH": str(warehouse.parent / "logs")}
    cmd = [sys.executable, "-m", "support_metrics", "dbt", "--warehouse", str(warehouse), "--", *args]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]


def load(landing: Path, warehouse: Path) -> None:
    assert load_raw(landing, warehouse, echo=lambda _: None).committed


def reexport_open_conversations(first: Path, last: Path) -> list[str]:
    """Three conversations open in batch 1 come again in batch 2, resolved."""
    source = first / "helpdesk" / "conversations" / "first.csv"
    out = last / "helpdesk" / "conversations" / "reexport.csv"
    con = duckdb.connect()
    try:
        ids = [r[0] for r in con.execute(
            f"select conversation_id from read_csv('{source}', all_varchar = true) where status = 'open' "
            "order by conversation_id limit 3").fetchall()]
        assert len(ids) == 3, "the generator leaves conversations open at the end of the history"
        # the latest updated_at of the batch: newer than any old version (a tie goes to the later load)
        later = repr(con.execute(f"select max(updated_at) from read_csv('{source}', all_varchar = true)").fetchone()[0])
        con.execute(
            f"copy (select * replace ('resolved' as status, {later} as resolved_at, {later} as closed_at, "
            f"{later} as updated_at) from read_csv('{source}', all_varchar = true) "
            f"where conversation_id in ({', '.join(repr(i) for i in ids)})) to '{out}' (header, delimiter ',')")
    finally:
        con.close()
    return ids


def resend_old_rows(first: Path, last: Path) -> None:
    """Batch 2 repeats two messages and two events of batch 1 with other text: the first copies must win
    and the copy counts must move to 1. The file sorts after first.csv, so a single load agrees."""
    con = duckdb.connect()
    try:
        for folder, text_column in (("messages", "body"), ("events", "reason")):
            source = first / "helpdesk" / folder / "first.csv"
            out = last / "helpdesk" / folder / "resent.csv"
            con.execute(
                f"copy (select * replace ('resent copy' as {text_column}) from read_csv('{source}', "
                f"all_varchar = true) order by all limit 2) to '{out}' (header, delimiter ',')")
    finally:
        con.close()


def comparable(con: duckdb.DuckDBPyConnection, catalog: str, schema: str, name: str) -> str:
    columns = con.execute(
        "select column_name, data_type from information_schema.columns "
        f"where table_catalog = '{catalog}' and table_schema = '{schema}' and table_name = '{name}' "
        "order by ordinal_position").fetchall()
    select = [f"round({c}, 9) as {c}" if t == "DOUBLE" else c for c, t in columns if c not in LINEAGE]
    return f"select {', '.join(select)} from {catalog}.{schema}.{name}"


def test_incremental_build_equals_full_refresh(tmp_path: Path) -> None:
    generate(tmp_path / "generated", customers=250, days=40, seed=21)
    split_last_day(tmp_path / "generated", tmp_path / "first", tmp_path / "last")
    reexported = reexport_open_conversations(tmp_path / "first", tmp_path / "last")
    resend_old_rows(tmp_path / "first", tmp_path / "last")

    a = tmp_path / "a" / "w.duckdb"
    shutil.copytree(tmp_path / "first", tmp_path / "a" / "landing")
    load(tmp_path / "a" / "landing", a)
    dbt(a, "seed")
    dbt(a, "run")
    shutil.copytree(tmp_path / "last", tmp_path / "a" / "landing", dirs_exist_ok=True)
    load(tmp_path / "a" / "landing", a)
    dbt(a, "run")
    for model in (m for models in INCREMENTAL.values() for m in models):  # the second run was incremental
        compiled = next((tmp_path / "a" / "target" / "run").rglob(f"{model}.sql")).read_text()
        assert "delete from" in compiled.lower(), model

    b = tmp_path / "b" / "w.duckdb"
    shutil.copytree(tmp_path / "first", tmp_path / "b" / "landing")
    shutil.copytree(tmp_path / "last", tmp_path / "b" / "landing", dirs_exist_ok=True)
    load(tmp_path / "b" / "landing", b)
    dbt(b, "seed")
    dbt(b, "run", "--full-refresh")

    con = duckdb.connect(str(a))
    try:
        con.execute(f"attach '{b}' as b (read_only)")
        tables = [("marts", r[0]) for r in con.execute(
            "select table_name from information_schema.tables where table_catalog = 'w' "
            "and table_schema = 'marts'").fetchall()] + [(s, m) for s, models in INCREMENTAL.items() for m in models]
        assert len(tables) >= 25
        differences = {}
        for schema, name in tables:
            left, right = comparable(con, "w", schema, name), comparable(con, "b", schema, name)
            missing = con.execute(f"select count(*) from ({left} except all {right})").fetchone()[0]  # type: ignore[index]
            extra = con.execute(f"select count(*) from ({right} except all {left})").fetchone()[0]  # type: ignore[index]
            if missing or extra:
                differences[f"{schema}.{name}"] = (missing, extra)
        assert differences == {}
        statuses = con.execute(
            "select status from marts.fct_conversations where conversation_id in "
            f"({', '.join(repr(i) for i in reexported)})").fetchall()
        assert statuses == [("resolved",)] * 3, "the new versions of old conversations were picked up"
        resent = con.execute(
            "select count(*) filter (where body = 'resent copy'), count(*) filter (where dropped_duplicate_count = 1) "
            "from staging.stg_helpdesk__messages").fetchone()
        assert resent == (0, 2), "two messages were resent: each first copy kept, counted once as dropped"
    finally:
        con.close()
