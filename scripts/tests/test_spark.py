"""The same project on local Spark (`make test-spark`, which installs the optional Spark set).

The loader's raw schema (rows, lineage columns, rejects, load manifest) is written as Parquet and
registered as Spark tables in a metastore under a temp dir; `dbt build` runs every model, unit test and
data test there; every mart Spark wrote equals DuckDB's from the same data. The same for the source adapters:
an operation in Zendesk's shape as Airbyte lands it with Stripe's, and one in Intercom's, landed by
`load --source`, registered from the connector schemas and built with the vars, give the marts DuckDB gives.
`make test` deselects this module (marker `spark`); it is not skipped anywhere: without pyspark it fails."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pytest

from support_metrics.connectors import dbt_source_args
from support_metrics.spark import spark_environment

from .conftest import Built
from .engines import assert_marts_equal

pytestmark = pytest.mark.spark


def support_metrics(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "support_metrics", *args], env=env, capture_output=True,
                          text=True, check=False)


def build_on_spark(folder: Path, warehouse: Path, *dbt_args: str) -> None:
    """Register what the DuckDB warehouse landed in a Spark metastore under folder, then `dbt build` there."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUPPORT_")} | spark_environment(folder)
    env |= {"DBT_TARGET_PATH": str(folder / "target"), "DBT_LOG_PATH": str(folder / "logs")}
    registered = support_metrics(env, "spark-register", "--warehouse", str(warehouse))
    assert registered.returncode == 0, registered.stdout[-3000:] + registered.stderr[-3000:]
    built = support_metrics(env, "dbt", "--", "build", *dbt_args)
    summary = built.stdout[built.stdout.find("Completed with"):]  # dbt's list of what failed, else the end
    assert built.returncode == 0, summary[:6000] if "Completed with" in built.stdout else built.stdout[-6000:]
    assert "ERROR=0" in built.stdout and "SKIP=0" in built.stdout, built.stdout[-3000:]


def spark_marts(folder: Path) -> Callable[[str, list[str]], list[tuple[Any, ...]]]:
    """Read a mart Spark wrote under folder (its Parquet files) with DuckDB."""
    con = duckdb.connect()
    con.execute("set TimeZone = 'UTC'")

    def fetch(mart: str, columns: list[str]) -> list[tuple[Any, ...]]:
        files = sorted((folder / "warehouse" / "marts.db" / mart).glob("*.parquet"))
        if not files:  # an empty table: Spark writes no data file
            return []
        return con.execute(f"select {', '.join(columns)} from read_parquet({[str(f) for f in files]!r})").fetchall()

    return fetch


@pytest.fixture(scope="module")
def built_on_spark(built_projects: Callable[[str], Built],
                   tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    duck = built_projects("clean")
    assert not duck.failure, duck.failure[-2000:]
    folder = tmp_path_factory.mktemp("spark")
    build_on_spark(folder, duck.warehouse)
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
    folder, warehouse = built_on_spark
    assert assert_marts_equal(warehouse, spark_marts(folder)) > 1000


# The adapters' models, unit tests and data tests run on Spark, and every model above them; the tests of the layers
# above the adapters already ran on Spark in the contract build (the same SQL on relations of the same shape).
ABOVE_THE_ADAPTERS = [*(f"test_type:{kind},path:models/{layer}" for kind in ("unit", "data")
                        for layer in ("staging", "intermediate", "marts")), "path:tests"]


# Zendesk as Airbyte lands it: its base models (JSON fields) reach Fivetran's tables, so every Zendesk rule runs
@pytest.mark.parametrize(("helpdesk", "billing"), [("zendesk_airbyte", "stripe"), ("intercom", "contract")])
def test_the_source_adapters_build_the_same_marts_on_spark(helpdesk: str, billing: str, tmp_path: Path) -> None:
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
    args = dbt_source_args(helpdesk, billing)
    duck = support_metrics(env | {"SUPPORT_WAREHOUSE": str(warehouse)}, "dbt", "--", "build", *args)
    assert duck.returncode == 0, duck.stdout[-4000:]
    assert "--exclude" in args  # a tool's args end with its exclusions: extend them
    build_on_spark(tmp_path / "spark", warehouse, *args, *ABOVE_THE_ADAPTERS)
    assert assert_marts_equal(warehouse, spark_marts(tmp_path / "spark")) > 300


def test_spark_left_nothing_in_the_working_folder(built_on_spark: tuple[Path, Path]) -> None:
    folder, _ = built_on_spark
    assert (folder / "metastore_db").is_dir() and (folder / "derby.log").exists()
    for stray in ("metastore_db", "spark-warehouse", "derby.log"):
        assert not (Path.cwd() / stray).exists(), stray
