"""Loader benchmark: `support-metrics load` against DuckDB's bare read_csv of the same CSV files.

The bare read lands the files in a table with read_csv's own type detection and no checks; the
loader adds checksums, validation of every contract rule, rejects and lineage. The goal is an
overhead under 2x (docs/benchmarks.md).
"""

from __future__ import annotations

import platform
import shutil
import tempfile
from pathlib import Path

import duckdb

from .console import Echo, table
from .load import load_raw
from .measure import measured
from .warehouse import connect, literal

MESSAGES = "helpdesk/messages"

# Realistic message rows: bodies with commas, quotes and line breaks, a few kinds and authors.
MESSAGES_SQL = """
select
    'm' || i as message_id,
    'c' || (i // 8) as conversation_id,
    strftime(timestamp '2026-01-01' + to_seconds(i * 3), '%Y-%m-%dT%H:%M:%SZ') as created_at,
    ['customer', 'bot', 'agent', 'system'][1 + i % 4] as author_type,
    case when i % 4 in (1, 2) then 'a' || (i % 50) end as author_id,
    ['text', 'text', 'text', 'fallback', 'auto_ack', 'internal_note'][1 + i % 6] as message_kind,
    'Hello, my order #' || i || ' has not arrived. "Tracking" says:' || chr(10) || 'in transit since '
        || (i % 28 + 1) || ' days' as body
from range({start}, {stop}) as t(i)
"""


def write_messages(raw_dir: Path, rows: int, files: int) -> list[Path]:
    """Write `rows` message rows as `files` CSV files under raw_dir's messages folder."""
    folder = raw_dir / MESSAGES
    folder.mkdir(parents=True, exist_ok=True)
    paths, per_file = [], -(-rows // files)
    con = duckdb.connect()
    for number in range(files):
        start, stop = number * per_file, min(rows, (number + 1) * per_file)
        path = folder / f"messages_{number:03d}.csv"
        con.execute(f"copy ({MESSAGES_SQL.format(start=start, stop=stop)}) to {literal(str(path))} (header)")
        paths.append(path)
    con.close()
    return paths


def bare_read(paths: list[Path], warehouse: Path) -> int:
    """DuckDB's bare read_csv of the files into a table: the floor the loader is compared with."""
    con = connect(warehouse)
    files = "[" + ", ".join(literal(str(p)) for p in paths) + "]"
    con.execute(f"create table messages as select * from read_csv({files}, header = true)")
    count = con.execute("select count(*) from messages").fetchone()
    con.close()
    return int(count[0]) if count else 0


def loader(raw_dir: Path, warehouse: Path) -> int:
    report = load_raw(raw_dir, warehouse, echo=lambda _: None)
    return sum(f.rows_loaded for f in report.files)


def run(rows: int, files: int, echo: Echo, workdir: Path | None = None) -> dict[str, float]:
    """Generate, then time the bare read and the loader; print and return the figures."""
    work = Path(tempfile.mkdtemp(prefix="bench-load-", dir=workdir))
    try:
        echo(f"writing {rows:,} message rows as {files} CSV files ...")
        paths = write_messages(work / "raw", rows, files)
        size_mib = sum(p.stat().st_size for p in paths) / 2**20
        bare = measured(lambda: bare_read(paths, work / "bare.duckdb"))
        echo(f"bare read_csv: {bare.seconds:.2f}s")
        ours = measured(lambda: loader(work / "raw", work / "loaded.duckdb"))
        echo(f"support-metrics load: {ours.seconds:.2f}s")
        assert bare.value == ours.value == rows, (bare.value, ours.value, rows)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    figures = {"rows": rows, "mib": size_mib, "bare_s": bare.seconds, "load_s": ours.seconds,
               "ratio": ours.seconds / bare.seconds, "bare_peak_mib": bare.peak_mib, "load_peak_mib": ours.peak_mib}
    echo(table(
        ["step", "seconds", "rows/s", "peak MiB"],
        [["bare read_csv", bare.seconds, int(rows / bare.seconds), bare.peak_mib],
         ["support-metrics load", ours.seconds, int(rows / ours.seconds), ours.peak_mib]],
    ))
    echo(f"{rows:,} rows, {size_mib:,.0f} MiB of CSV in {files} files; loader / bare read = "
         f"{figures['ratio']:.2f}x (goal < 2x) on {platform.machine()}, {duckdb.__version__=}")
    return figures
