"""Shared by the Zendesk adapter tests: build one simulated operation from contract files or a Zendesk shape, and
compare two warehouses' marts column by column."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from support_metrics.build import run_dbt
from support_metrics.compare import row_differences, sorted_rows
from support_metrics.connectors import write_shape
from support_metrics.generate import generate
from support_metrics.load import load_raw
from support_metrics.warehouse import quote, schema_columns

from .conftest import LOAD_IDS, MODELS_ONLY, adapter_build_args

SIZE = {"customers": 300, "days": 60, "seed": 5}
# The build from Zendesk: the vars, every data test and the adapter's unit tests (conftest.adapter_build_args).
ZENDESK = adapter_build_args(helpdesk_source="zendesk")
AIRBYTE = adapter_build_args(helpdesk_source="zendesk_airbyte")  # = zendesk, var zendesk_landed_by: airbyte


def build_operation(work: Path, shape: str = "contract", args: tuple[str, ...] = (), command: str = "build",
                    size: dict[str, int] | None = None) -> Path:
    """Generate the operation (contract files, then `shape`'s files for the helpdesk), load and build it."""
    contract = work / "contract"
    generate(contract, fmt="csv", **(size or SIZE))
    warehouse = work / "w.duckdb"
    if shape != "contract":
        write_shape(shape, contract, work / shape)
        assert load_raw(work / shape, warehouse, echo=lambda _: None, source=shape).committed
    assert load_raw(contract, warehouse, echo=lambda _: None).committed
    assert run_dbt([command, *args], warehouse)
    return warehouse


def mart_rows(con: duckdb.DuckDBPyConnection, table: str, columns: list[str], where: str = "true",
              ids: dict[str, str] | None = None) -> list[Any]:
    """A mart's rows (the listed columns, where `where` holds), text values mapped through `ids`, sorted."""
    sql = f"select {', '.join(quote(c) for c in columns)} from marts.{quote(table)} where {where}"
    rows = con.execute(sql).fetchall()
    ids = ids or {}
    return sorted_rows([tuple(ids.get(v, v) if isinstance(v, str) else v for v in row) for row in rows])


def mart_differences(expected: duckdb.DuckDBPyConnection, actual: duckdb.DuckDBPyConnection,
                     unfilled: dict[str, tuple[str, ...]] | None = None, where: dict[str, str] | None = None,
                     ids: dict[str, str] | None = None) -> tuple[list[str], int]:
    """Every mart of `expected` against `actual`, column by column (doubles at the compare tolerance), leaving out
    the `unfilled` columns, the load ids and the rows `where` excludes; `ids` translates expected's ids.
    (differences, rows)."""
    differences: list[str] = []
    rows = 0
    for table, typed in schema_columns(expected, "marts").items():
        columns = [c for c, _ in typed if c not in (unfilled or {}).get(table, ()) and c not in LOAD_IDS]
        condition = (where or {}).get(table, "true")
        left = mart_rows(expected, table, columns, condition, ids)
        differences += row_differences(table, columns, left, mart_rows(actual, table, columns, condition))
        rows += len(left)
    return differences, rows


def land_files(folder: Path, files: dict[str, str], suffix: str = "csv") -> None:
    """Write one file per table (name -> text) into folder, as a connector's landing folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / f"{name}.{suffix}").write_text(text)


def load_alter_and_run(raw_dir: Path, warehouse: Path, source: str, alterations: tuple[str, ...],
                       dbt_vars: str) -> None:
    """Load a connector's files, alter the landed tables as a connector may land them (more columns, fewer, no
    table), and run the adapter's models over them."""
    assert load_raw(raw_dir, warehouse, echo=lambda _: None, source=source).committed
    with duckdb.connect(str(warehouse)) as con:
        for statement in alterations:
            con.execute(statement)
    # one dbt invocation: the adapter's models and what they read, the seeds included (the schedule models fall back
    # to the seeds when no schedule table landed); no tests
    assert run_dbt(["build", "--vars", dbt_vars, "--select", "+path:models/sources/zendesk", *MODELS_ONLY], warehouse)
