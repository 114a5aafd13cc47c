"""The end-of-run summary of `support-metrics load`: per-table counts, rejected files and rows."""

from __future__ import annotations

from .console import Echo, table
from .load import LoadReport


def print_summary(report: LoadReport, echo: Echo) -> None:
    """Per table: files loaded / skipped / rejected and rows read / loaded / rejected."""
    per_table: dict[str, list[int]] = {}
    for landed in report.files:
        counts = per_table.setdefault(landed.table.manifest_name, [0, 0, 0, 0, 0, 0])
        counts[("loaded", "skipped", "rejected").index(landed.status)] += 1
        counts[3] += landed.rows_read
        counts[4] += landed.rows_loaded
        counts[5] += landed.rows_rejected
    rows = [[name, *counts] for name, counts in per_table.items()]
    rows.append(["total", *[sum(r[i] for r in rows) for i in range(1, 7)]])
    headers = ["table", "files loaded", "skipped", "rejected", "rows read", "rows loaded", "rows rejected"]
    state = "committed" if report.committed else "NOT committed"
    echo("")
    echo(f"load {report.load_id} ({state}) into {report.warehouse}")
    echo(table(headers, rows) if report.files else "no files found")
    for name in report.ignored:
        echo(f"ignored (not a .csv, .jsonl or .parquet file under a known table folder): {name}")
    for landed in report.files:
        if landed.status == "rejected":
            echo(f"REJECTED FILE {landed.source_file}: {landed.reason}")
    if report.rejects_sample:
        echo(f"first rejected rows (all {report.rows_rejected:,} are in raw._rejects):")
        for source_file, row, column, reason in report.rejects_sample:
            echo(f"  {source_file}, row {row}, column {column or '-'}: {reason}")
