"""Cross-engine comparison: every table another engine built equals DuckDB's from the same data."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb

from support_metrics.compare import row_differences, sorted_rows
from support_metrics.warehouse import quote

Fetch = Callable[[str, list[str]], list[tuple[Any, ...]]]

# What a source adapter's cross-engine test builds: the adapter's models and the staging models, and the data
# tests of those alone (cautious: a test that also reads a model above staging is left out, not run on nothing).
# The layers above read staged relations of the same shape with the same SQL on every engine, and the contract
# builds compare every mart across engines; so the adapter is proven by what it staged.
STAGED_BY_THE_ADAPTERS = ("--select", "+path:models/staging", "+path:models/sources",
                          "--indirect-selection", "cautious")


def quoted(columns: list[str]) -> str:
    """A select list of the columns, each quoted (staging has columns named date, source and comment)."""
    return ", ".join(quote(c) for c in columns)


def assert_marts_equal(warehouse: Path, fetch: Fetch, ignore: frozenset[str] = frozenset()) -> int:
    """Compare each DuckDB mart with `fetch(mart, columns)` from the other engine: the same row count,
    the same values, doubles and decimals within 1e-9; columns named in `ignore` aside. Returns the rows compared."""
    return assert_schema_equal(warehouse, fetch, "marts", at_least=25, ignore=ignore)


def assert_schema_equal(warehouse: Path, fetch: Fetch, schema: str, at_least: int,
                        ignore: frozenset[str] = frozenset()) -> int:
    """Compare each relation of the DuckDB schema (table or view) with `fetch(name, columns)` from the other
    engine, as assert_marts_equal does; at least `at_least` relations. Returns the rows compared."""
    duck = duckdb.connect(str(warehouse), read_only=True)
    try:
        names = [r[0] for r in duck.execute("select table_name from information_schema.tables "
                                            f"where table_schema = '{schema}' order by 1").fetchall()]
        assert len(names) >= at_least, names
        compared = 0
        for name in names:
            columns = [r[0] for r in duck.execute(
                f"select column_name from information_schema.columns where table_schema = '{schema}' "
                f"and table_name = '{name}' order by ordinal_position").fetchall() if r[0] not in ignore]
            expected = sorted_rows(duck.execute(f"select {quoted(columns)} from {schema}.{name}").fetchall())
            actual = sorted_rows(fetch(name, columns))
            differences = row_differences(f"{schema}.{name}", columns, expected, actual)
            assert differences == [], differences[:5]
            compared += len(expected)
        return compared
    finally:
        duck.close()
