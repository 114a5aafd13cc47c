"""`support-metrics compare`: are two builds' published numbers the same?

Compares every table of the chosen schemas (the marts by default) of a baseline warehouse with another
warehouse: the same rows, every baseline column present with the same values, doubles and decimals within
1e-9 (relative). A column the other warehouse adds is listed, not an error: marts may gain columns, but a
refactor that moves one published number is a bug. The same row normalisation serves the cross-engine
tests (DuckDB against PostgreSQL and Spark)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

from .warehouse import quote, schema_columns

TOLERANCE = 1e-9
# Wall-clock times of the load itself (a column anywhere, or table.column): two loads of the same files
# differ here and nowhere else.
LOAD_CLOCK_COLUMNS = ("_loaded_at", "stg_loader__load_manifest.started_at", "stg_loader__load_manifest.finished_at",
                      "stg_loader__rejects.rejected_at")


def plain(value: Any) -> Any:
    """A value as the comparison sees it: decimals as floats, instants in UTC, dates as ISO text."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dt.datetime) and value.tzinfo is not None:  # an instant: compare it in UTC
        return value.astimezone(dt.UTC).replace(tzinfo=None).isoformat()
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def sorted_rows(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Rows made plain and sorted by their non-float values (so float noise cannot reorder them)."""
    made_plain = [tuple(plain(v) for v in row) for row in rows]
    return sorted(made_plain, key=lambda row: tuple("" if isinstance(v, float) else str(v) for v in row))


def values_equal(left: Any, right: Any) -> bool:
    """Equal, with floats within the tolerance (relative, or absolute near zero); nulls equal nulls."""
    if isinstance(left, float) or isinstance(right, float):
        if left is None or right is None:
            return left is None and right is None
        if math.isnan(left) or math.isnan(right):
            return math.isnan(left) and math.isnan(right)
        return math.isclose(left, right, rel_tol=TOLERANCE, abs_tol=TOLERANCE)
    return bool(left == right)


def row_differences(table: str, columns: list[str], expected: list[tuple[Any, ...]],
                    actual: list[tuple[Any, ...]], limit: int = 5) -> list[str]:
    """What differs between two row sets of one table (already sorted): counts, then the first values."""
    if len(expected) != len(actual):
        return [f"{table}: {len(expected)} rows in the baseline, {len(actual)} now"]
    found: list[str] = []
    for left, right in zip(expected, actual, strict=True):
        for column, a, b in zip(columns, left, right, strict=True):
            if not values_equal(a, b):
                found.append(f"{table}.{column}: {a!r} in the baseline, {b!r} now (row {left})")
                if len(found) >= limit:
                    return found
    return found


@dataclass
class Comparison:
    """What `compare_warehouses` found, table by table."""

    tables: int = 0
    rows: int = 0
    differences: list[str] = field(default_factory=list)
    added_columns: list[str] = field(default_factory=list)

    @property
    def equal(self) -> bool:
        return not self.differences


def compare_warehouses(baseline: Path, other: Path, schemas: tuple[str, ...] = ("marts",),
                       echo: Callable[[str], None] = lambda _line: None,
                       ignore: tuple[str, ...] = LOAD_CLOCK_COLUMNS) -> Comparison:
    """Compare every table of `schemas` in baseline with the same table in other, leaving out the columns
    named in `ignore` (by default the load's own wall-clock times)."""
    result = Comparison()
    base = duckdb.connect(str(baseline), read_only=True)
    new = duckdb.connect(str(other), read_only=True)
    try:
        for con in (base, new):
            con.execute("set TimeZone = 'UTC'")
        for schema in schemas:
            base_tables, new_tables = schema_columns(base, schema), schema_columns(new, schema)
            if not base_tables:
                result.differences.append(f"{schema}: no tables in the baseline")
            for table, typed in base_tables.items():
                name = f"{schema}.{table}"
                if table not in new_tables:
                    result.differences.append(f"{name}: missing")
                    continue
                skipped = {column for column, _ in typed if column in ignore or f"{table}.{column}" in ignore}
                columns = [column for column, _ in typed if column not in skipped]
                now = {column for column, _ in new_tables[table]}
                missing = [column for column in columns if column not in now]
                if missing:
                    result.differences.append(f"{name}: columns missing: {', '.join(missing)}")
                    continue
                result.added_columns += [f"{name}.{c}" for c, _ in new_tables[table]
                                         if c not in set(columns) | skipped]
                select = f"select {', '.join(quote(c) for c in columns)} from {quote(schema)}.{quote(table)}"
                expected = sorted_rows(base.execute(select).fetchall())
                found = row_differences(name, columns, expected, sorted_rows(new.execute(select).fetchall()))
                result.differences += found
                result.tables += 1
                result.rows += len(expected)
                echo(f"{'differs' if found else 'equal  '}  {name} ({len(expected):,} rows)")
    finally:
        base.close()
        new.close()
    return result
