"""Write tables as CSV, JSON Lines or Parquet with DuckDB `COPY`: files by month, rows in a fixed order.

Numeric frames are registered slice by slice (numpy views, no copies) and turned into text by
SQL, so the writer never loops over rows. Output is byte-identical for identical frames.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np

from ..contract import FILE_FORMATS
from .clock import month_starts
from .frames import length
from .sqlfmt import lit
from .tables import Output

FORMATS = ("csv", "jsonl", "parquet")
FORMAT_CHOICES = [*FORMATS, "mixed"]  # what --format takes: mixed spreads tables and files over all three
EXTENSION = {fmt: ext for ext, fmt in FILE_FORMATS.items()}
TYPED = {"double": "double", "integer": "integer", "boolean": "boolean", "decimal": "decimal(18, 2)"}


@dataclass(frozen=True)
class FilePlan:
    """One file of a table: its path relative to OUT, format, and which part of the table it holds."""

    path: str
    fmt: str


@dataclass
class Written:
    """What one table's files hold: rows per file, and (file, row, code) of every injected bad row."""

    rows: dict[str, int]
    rejects: list[tuple[str, int, str]]


def plan_files(out: Output, fmt: str, table_number: int) -> list[FilePlan]:
    """Assign each row a file (`_file`): one per month of `split_on` (or one file), plus a re-export file."""
    frame, table = out.frame, out.table
    n = length(frame)
    part = frame.get("_part", np.zeros(n, np.int8))
    labels: list[str] = [""]
    month = np.zeros(n, np.int64)
    if out.split_on and n:
        t = frame[out.split_on]
        starts = month_starts(int(t.min()), int(t.max()) + 1)
        month = np.searchsorted(starts, t, side="right") - 1
        labels = [str(np.datetime64(int(s), "s").astype("datetime64[M]")) for s in starts]
    key = np.where(part > 0, len(labels), month)
    used = np.unique(key) if n else np.zeros(1, np.int64)
    frame["_file"] = np.searchsorted(used, key).astype(np.int16)
    plans = []
    for k, code in enumerate(used):
        stem = (
            f"{table.name}_reexport"
            if code == len(labels)
            else (f"{table.name}_{labels[code]}" if labels[code] else table.name)
        )
        chosen = fmt if fmt != "mixed" else FORMATS[(table_number + k) % len(FORMATS)]
        plans.append(FilePlan(f"{table.folder}/{stem}{EXTENSION[chosen]}", chosen))
    return plans


def _typed(expr: str, kind: str) -> str:
    return f"try_cast({expr} as {TYPED[kind]})" if kind in TYPED else expr


def _json_value(expr: str, kind: str) -> str:
    if kind not in TYPED:
        return f"to_json({expr})"
    cast = _typed(expr, kind)
    return f"case when {cast} is not null then to_json({cast}) else to_json({expr}) end"


def _select(out: Output, fmt: str, line_overrides: dict[int, str]) -> str:
    kinds = {c.name: c.type for c in out.table.columns}
    columns = {**out.columns, **out.extras}
    if fmt == "jsonl":
        fields = ", ".join(
            f'"{name}" := {_json_value(sql, kinds.get(name, "string"))}' for name, sql in columns.items()
        )
        line = f"to_json(struct_pack({fields}))::varchar"
        if line_overrides:
            whens = " ".join(f"when rej = {code} then {sql}" for code, sql in line_overrides.items())
            line = f"case {whens} else {line} end"
        return f"select {line} as line from rows"
    if fmt == "parquet":
        return (
            "select "
            + ", ".join(
                f'{_typed(sql, kinds.get(name, "string"))} as "{name}"' for name, sql in columns.items()
            )
            + " from rows"
        )
    return "select " + ", ".join(f'{sql} as "{name}"' for name, sql in columns.items()) + " from rows"


OPTIONS = {
    "csv": "format csv, header true",
    "parquet": "format parquet, compression zstd",
    "jsonl": "format csv, header false, quote '', escape ''",
}


def write_table(
    con: duckdb.DuckDBPyConnection,
    root: Path,
    out: Output,
    plans: list[FilePlan],
    line_overrides: dict[int, str] | None = None,
    reject_codes: dict[int, str] | None = None,
) -> Written:
    """Sort rows by (file, time, sequence) and COPY each file; report rows and injected bad rows per file."""
    frame = out.frame
    n = length(frame)
    seq = frame.get("_seq", np.arange(n, dtype=np.int64) * 2)
    when = frame[out.split_on] if out.split_on else np.zeros(n, np.int64)
    order = np.lexsort((seq, when, frame["_file"]))
    frame = {k: v[order] for k, v in frame.items() if k != "_part"}
    bounds = np.searchsorted(frame["_file"], np.arange(len(plans) + 1))
    written = Written({}, [])
    for k, plan in enumerate(plans):
        lo, hi = int(bounds[k]), int(bounds[k + 1])
        path = root / plan.path
        path.parent.mkdir(parents=True, exist_ok=True)
        con.register("rows", {name: col[lo:hi] for name, col in frame.items()})
        sql = _select(out, plan.fmt, line_overrides or {})
        con.execute(f"copy ({sql}) to {lit(str(path))} ({OPTIONS[plan.fmt]})")
        con.unregister("rows")
        written.rows[plan.path] = hi - lo
        if "rej" in frame:
            bad = np.flatnonzero(frame["rej"][lo:hi] > 0)
            written.rejects += [
                (plan.path, int(r) + 1, (reject_codes or {})[int(frame["rej"][lo + r])]) for r in bad
            ]
    return written
