"""The same project on local Spark (`make test-spark`, which installs the optional Spark set).

The loader's raw schema (rows, lineage columns, rejects, load manifest) is written as Parquet and
registered as Spark tables in a metastore under a temp dir; `dbt build` runs every model, unit test and
data test there; every mart Spark wrote equals DuckDB's from the same data. `make test` deselects this
module (marker `spark`); it is not skipped anywhere: without pyspark it fails."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pytest

from support_metrics.spark import spark_environment

from .conftest import Built
from .engines import assert_marts_equal

pytestmark = pytest.mark.spark


def support_metrics(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "support_metrics", *args], env=env, capture_output=True,
                          text=True, check=False)


@pytest.fixture(scope="module")
def built_on_spark(built_projects: Callable[[str], Built],
                   tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    duck = built_projects("clean")
    assert not duck.failure, duck.failure[-2000:]
    folder = tmp_path_factory.mktemp("spark")
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUPPORT_")} | spark_environment(folder)
    env |= {"DBT_TARGET_PATH": str(folder / "target"), "DBT_LOG_PATH": str(folder / "logs")}
    registered = support_metrics(env, "spark-register", "--warehouse", str(duck.warehouse))
    assert registered.returncode == 0, registered.stdout[-3000:] + registered.stderr[-3000:]
    built = support_metrics(env, "dbt", "--", "build")
    summary = built.stdout[built.stdout.find("Completed with"):]  # dbt's list of what failed, else the end
    assert built.returncode == 0, summary[:6000] if "Completed with" in built.stdout else built.stdout[-6000:]
    assert "ERROR=0" in built.stdout and "SKIP=0" in built.stdout, built.stdout[-3000:]
    return folder, duck.warehouse


def test_raw_parquet_holds_every_raw_row_with_lineage_and_rejects(built_on_spark: tuple[Path, Path]) -> None:
    folder, warehouse = built_on_spark
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        tables = [r[0] for r in con.execute("select table_name from information_schema.tables "
                                            "where table_schema = 'raw'").fetchall()]
        assert {"_rejects", "_load_manifest", "helpdesk__messages"} <= set(tables)
        for table in tables:
            parquet = folder / "raw_parquet" / table / "part-0.parquet"
            ours = con.execute(f'select * from raw."{table}" except all select * from read_parquet(\'{parquet}\')')
            assert ours.fetchall() == [], table
            count = con.execute(f"select count(*) from read_parquet('{parquet}')").fetchone()
            assert count == con.execute(f'select count(*) from raw."{table}"').fetchone(), table
    finally:
        con.close()


def test_every_mart_equals_duckdb_on_the_same_data(built_on_spark: tuple[Path, Path]) -> None:
    folder, warehouse = built_on_spark
    spark_tables = folder / "warehouse" / "marts.db"
    con = duckdb.connect()
    con.execute("set TimeZone = 'UTC'")

    def fetch(mart: str, columns: list[str]) -> list[tuple[Any, ...]]:
        files = sorted((spark_tables / mart).glob("*.parquet"))
        if not files:  # an empty table: Spark writes no data file
            return []
        return con.execute(f"select {', '.join(columns)} from read_parquet({[str(f) for f in files]!r})").fetchall()

    try:
        assert assert_marts_equal(warehouse, fetch) > 1000
    finally:
        con.close()


def test_spark_left_nothing_in_the_working_folder(built_on_spark: tuple[Path, Path]) -> None:
    folder, _ = built_on_spark
    assert (folder / "metastore_db").is_dir() and (folder / "derby.log").exists()
    for stray in ("metastore_db", "spark-warehouse", "derby.log"):
        assert not (Path.cwd() / stray).exists(), stray
