"""Synthetic raw data for every table of the raw data contract (see docs/synthetic-data.md).

`generate()` simulates a hybrid support operation (an AI bot in front, humans behind) and writes
it as contract files under OUT/<source>/<table>/; same arguments, same bytes.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb
import numpy as np

from ..contract import FILE_FORMATS, TABLES
from .clock import DAY, DEFAULT_START, Window, epoch
from .dirty import inject, mess
from .simulate import CONVERSATIONS_PER_CUSTOMER_DAY, simulate
from .tables import build_outputs
from .writer import FORMATS, plan_files, write_table

__all__ = [
    "CONVERSATIONS_PER_CUSTOMER_DAY",
    "DEFAULT_START",
    "REJECTS_MANIFEST",
    "GenerateSummary",
    "generate",
]

REJECTS_MANIFEST = "_injected_rejects.csv"
MANIFEST_HEADER = ("source_file", "source_row", "table", "reason_code")


@dataclass
class GenerateSummary:
    """What was written: rows per table, files, the simulated window, and injected bad rows."""

    out: Path
    start: date
    end: date
    rows: dict[str, int] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    rejects_injected: int = 0

    @property
    def conversations(self) -> int:
        return self.rows.get("helpdesk/conversations", 0)

    @property
    def messages(self) -> int:
        return self.rows.get("helpdesk/messages", 0)


def _check(out: Path, customers: int, days: int, fmt: str, overwrite: bool) -> None:
    if customers < 10 or days < 7:
        raise ValueError("need at least 10 customers and 7 days")
    if fmt not in (*FORMATS, "mixed"):
        raise ValueError(f"format must be one of {', '.join((*FORMATS, 'mixed'))}, not {fmt!r}")
    existing = [p for t in TABLES for p in (out / t.folder).glob("*") if p.suffix.lower() in FILE_FORMATS]
    if existing and not overwrite:
        raise FileExistsError(
            f"{out} already holds data files (e.g. {existing[0]}); use an empty folder or overwrite (--overwrite)"
        )
    for path in existing:
        path.unlink()
    (out / REJECTS_MANIFEST).unlink(missing_ok=True)


def generate(
    out: Path,
    customers: int = 2000,
    days: int = 120,
    seed: int = 42,
    dirty: bool = False,
    fmt: str = "csv",
    start: date | None = None,
    progress: Callable[[str], None] | None = None,
    overwrite: bool = False,
) -> GenerateSummary:
    """Simulate `days` days of support for `customers` customers and write every contract table under `out`.

    About 0.06 conversations per customer per day (2,000 customers x 120 days gives roughly 14,000).
    `fmt` is csv, jsonl, parquet or mixed; `dirty` adds loadable mess and counted bad rows
    (listed in OUT/_injected_rejects.csv). `overwrite` replaces data files a previous run left.
    """
    out = Path(out)
    _check(out, customers, days, fmt, overwrite)
    first = start or DEFAULT_START
    window = Window(epoch(first), epoch(first) + days * DAY)
    rng = np.random.default_rng(seed)
    world = simulate(rng, window, customers)
    summary = GenerateSummary(out, first, date.fromordinal(first.toordinal() + days))
    manifest: list[tuple[str, int, str, str]] = []
    con = duckdb.connect(config={"threads": 2, "preserve_insertion_order": True})
    try:
        con.execute("set TimeZone = 'UTC'")
        for number, output in enumerate(build_outputs(world, rng, dirty)):
            if dirty:
                mess(rng, output)
            plans = plan_files(output, fmt, number)
            codes, lines = inject(rng, output, plans) if dirty else ({}, {})
            written = write_table(con, out, output, plans, lines, codes)
            summary.rows[output.table.folder] = sum(written.rows.values()) - len(written.rejects)
            summary.files += list(written.rows)
            manifest += [(path, row, output.table.raw_table, code) for path, row, code in written.rejects]
            if progress:
                progress(
                    f"{output.table.folder}: {sum(written.rows.values()):,} rows"
                    f" in {len(written.rows)} file(s)"
                )
    finally:
        con.close()
    if dirty:
        with (out / REJECTS_MANIFEST).open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(MANIFEST_HEADER)
            writer.writerows(sorted(manifest, key=lambda r: (r[0].encode(), r[1])))
        summary.rejects_injected = len(manifest)
    return summary
