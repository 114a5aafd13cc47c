"""`support-metrics compare`: equal warehouses pass; a moved number, a lost row or column fails; added columns and
the load's own clock are not differences."""

from __future__ import annotations

from pathlib import Path

import duckdb

from support_metrics.compare import compare_warehouses


def _warehouse(path: Path, rows: str, extra_column: bool = False) -> Path:
    con = duckdb.connect(str(path))
    extra = ", 'x' as added_note" if extra_column else ""
    con.execute("create schema marts")
    con.execute(f"create table marts.m as select * {extra} from (values {rows}) as t(week, rate, _loaded_at)")
    con.close()
    return path


BASE = "(date '2026-01-05', 0.5, timestamp '2026-12-01 10:00'), (date '2026-01-12', 1.0 / 3, null)"


def test_same_numbers_pass_within_1e9_and_ignore_load_clock_and_list_added_columns(tmp_path: Path) -> None:
    base = _warehouse(tmp_path / "base.duckdb", BASE)
    # 1/3 written to 12 places differs by 3e-13 (inside 1e-9); the load ran at another time; a column was added
    same = _warehouse(tmp_path / "new.duckdb", "(date '2026-01-12', 0.333333333333, timestamp '2026-12-02 08:00'), "
                      "(date '2026-01-05', 0.5, timestamp '2026-12-02 08:00')", extra_column=True)
    result = compare_warehouses(base, same)
    assert result.equal, result.differences
    assert (result.tables, result.rows) == (1, 2)
    assert result.added_columns == ["marts.m.added_note"]


def test_a_moved_number_a_lost_row_and_a_lost_column_are_differences(tmp_path: Path) -> None:
    base = _warehouse(tmp_path / "base.duckdb", BASE)
    moved = _warehouse(tmp_path / "moved.duckdb", "(date '2026-01-05', 0.5, null), (date '2026-01-12', 0.3334, null)")
    assert compare_warehouses(base, moved).differences == [
        "marts.m.rate: 0.3333333333333333 in the baseline, 0.3334 now (row ('2026-01-12', 0.3333333333333333))"]
    lost = _warehouse(tmp_path / "lost.duckdb", "(date '2026-01-05', 0.5, null)")
    assert compare_warehouses(base, lost).differences == ["marts.m: 2 rows in the baseline, 1 now"]
    con = duckdb.connect(str(lost))
    con.execute("alter table marts.m drop column rate")
    con.close()
    assert compare_warehouses(base, lost).differences == ["marts.m: columns missing: rate"]
