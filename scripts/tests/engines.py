"""Cross-engine comparison: every mart another engine built equals DuckDB's from the same data."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb

from support_metrics.compare import row_differences, sorted_rows

Fetch = Callable[[str, list[str]], list[tuple[Any, ...]]]


def assert_marts_equal(warehouse: Path, fetch: Fetch) -> int:
    """Compare each DuckDB mart with `fetch(mart, columns)` from the other engine: the same row count,
    the same values, doubles and decimals within 1e-9. Returns the rows compared."""
    duck = duckdb.connect(str(warehouse), read_only=True)
    try:
        marts = [r[0] for r in duck.execute("select table_name from information_schema.tables "
                                            "where table_schema = 'marts' order by 1").fetchall()]
        assert len(marts) >= 25
        compared = 0
        for mart in marts:
            columns = [r[0] for r in duck.execute(
                "select column_name from information_schema.columns where table_schema = 'marts' "
                f"and table_name = '{mart}' order by ordinal_position").fetchall()]
            expected = sorted_rows(duck.execute(f"select {', '.join(columns)} from marts.{mart}").fetchall())
            actual = sorted_rows(fetch(mart, columns))
            assert row_differences(mart, columns, expected, actual) == []
            compared += len(expected)
        return compared
    finally:
        duck.close()
