"""The dbt project agrees with the contract, and `support-metrics build` works from any folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

from support_metrics.contract import LINEAGE_COLUMNS, TABLES
from support_metrics.warehouse import PROJECT_DIR

from .conftest import query, row, run_load, write_csv


def _sources() -> dict[tuple[str, str], dict]:
    found = {}
    for path in (PROJECT_DIR / "models" / "staging").glob("*/_*__sources.yml"):
        for source in yaml.safe_load(path.read_text())["sources"]:
            assert path.name == f"_{source['name']}__sources.yml", path
            for table in source["tables"]:
                found[(source["name"], table["name"])] = {**table, "schema": source["schema"]}
    return found


def test_every_raw_table_is_a_described_dbt_source_with_its_columns() -> None:
    sources = _sources()
    for table in TABLES:
        source = sources[(table.source, table.name)]
        assert (source["schema"], source["identifier"]) == ("raw", table.raw_table)
        names = [c["name"] for c in source["columns"]]
        assert names == [c.name for c in table.columns] + list(LINEAGE_COLUMNS)
        assert all(c.get("description") for c in source["columns"]), table.name
        assert source.get("description")


def test_build_runs_dbt_in_process_from_any_folder(tmp_path: Path) -> None:
    raw, warehouse = tmp_path / "raw", tmp_path / "w.duckdb"
    write_csv(raw, "helpdesk/messages", "m.csv", [row("helpdesk/messages")])
    run_load(raw, warehouse)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUPPORT_")}
    cmd = [sys.executable, "-m", "support_metrics", "build", "--warehouse", str(warehouse)]
    done = subprocess.run(cmd, cwd=elsewhere, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "PASS load_manifest_reconciles" in done.stdout
    assert not (elsewhere / "target").exists() and not (elsewhere / "logs").exists()
    assert query(warehouse, "select count(*) from raw.helpdesk__messages") == [(1,)]


def test_every_published_mart_has_an_enforced_contract_and_a_bi_exposure() -> None:
    marts = {path.stem for path in (PROJECT_DIR / "models" / "marts").rglob("*.sql")}
    configs: dict[str, dict] = {}
    for path in (PROJECT_DIR / "models" / "marts").rglob("_*__models.yml"):
        for model in yaml.safe_load(path.read_text())["models"]:
            configs[model["name"]] = model
    assert marts == set(configs), "every mart SQL file has YAML in its folder, and no YAML without SQL"
    for name, model in configs.items():
        assert model["config"]["contract"]["enforced"] is True, name
        assert all(c.get("data_type") and c.get("description") for c in model["columns"]), name
    exposures = yaml.safe_load((PROJECT_DIR / "models" / "marts" / "_marts__exposures.yml").read_text())["exposures"]
    bi_marts = next(e for e in exposures if e["name"] == "bi_marts")
    assert {ref.removeprefix("ref('").removesuffix("')") for ref in bi_marts["depends_on"]} == marts - {"dim_dates"}


def test_unit_test_names_fit_a_postgres_identifier() -> None:
    """dbt names a relation after each unit test; PostgreSQL cuts identifiers at 63 bytes."""
    too_long = []
    for path in (PROJECT_DIR / "models").rglob("*.yml"):
        for test in yaml.safe_load(path.read_text()).get("unit_tests") or []:
            if len(test["name"].encode()) > 63:
                too_long.append(f"{path.name}: {test['name']}")
    assert too_long == []


def test_seeds_hold_no_single_quote() -> None:
    """dbt-spark loads a seed with `insert … values ('…')` and does not escape a quote inside a value."""
    quoted = [f"{path.name}:{number}" for path in sorted((PROJECT_DIR / "seeds").glob("*.csv"))
              for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if "'" in line]
    assert quoted == []


def test_contract_types_are_ones_every_engine_reads() -> None:
    """Marts' contracts name types DuckDB and PostgreSQL read alike and Spark maps (macros/spark/contract_types.sql)."""
    portable = {"varchar", "double precision", "bigint", "integer", "decimal(38,12)", "decimal(38, 12)", "timestamp",
                "date", "boolean"}
    used = {column["data_type"] for path in (PROJECT_DIR / "models" / "marts").rglob("_*__models.yml")
            for model in yaml.safe_load(path.read_text()).get("models") or [] for column in model.get("columns", [])}
    assert used - portable == set()
