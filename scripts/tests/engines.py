"""Cross-engine comparison: every mart another engine built equals DuckDB's from the same data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pytest

Fetch = Callable[[str, list[str]], list[tuple[Any, ...]]]


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dt.datetime) and value.tzinfo is not None:  # an instant: compare it in UTC
        return value.astimezone(dt.UTC).replace(tzinfo=None).isoformat()
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def _rows(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    plain = [tuple(_plain(v) for v in row) for row in rows]
    return sorted(plain, key=lambda row: tuple("" if isinstance(v, float) else str(v) for v in row))


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
            expected = _rows(duck.execute(f"select {', '.join(columns)} from marts.{mart}").fetchall())
            actual = _rows(fetch(mart, columns))
            assert len(actual) == len(expected), mart
            for left, right in zip(actual, expected, strict=True):
                for column, a, b in zip(columns, left, right, strict=True):
                    if isinstance(a, float) or isinstance(b, float):
                        assert a == pytest.approx(b, rel=1e-9, abs=1e-9), (mart, column, left, right)
                    else:
                        assert a == b, (mart, column, left, right)
                compared += 1
        return compared
    finally:
        duck.close()
