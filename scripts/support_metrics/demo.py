"""`support-metrics demo`: generate demo data, load it, build the dbt project, print what was built."""

from __future__ import annotations

import time
from pathlib import Path

import duckdb

from .check import DEFAULT_DOCS_DIR as DATA_DOCS
from .console import Echo, table
from .load import load_raw
from .load_summary import print_summary
from .warehouse import DEMO_WAREHOUSE, PROJECT_DIR

DEMO_RAW_DIR = PROJECT_DIR / "data" / "demo" / "raw"
DEMO_SIZE = {"customers": 2000, "days": 120, "seed": 42}

def _step(echo: Echo, title: str) -> float:
    echo("")
    echo(f"== {title}")
    return time.perf_counter()


def built_objects(warehouse: Path) -> list[tuple[str, str, int]]:
    """Schema, name and row count of every table and view the pipeline built."""
    con = duckdb.connect(str(warehouse))  # plain: dbt-duckdb may still hold the file open in this process
    try:
        names = con.execute(
            "select table_schema, table_name from information_schema.tables "
            "where table_schema in ('raw', 'staging', 'intermediate', 'marts') order by 1, 2"
        ).fetchall()
        counted = []
        for schema, name in names:
            row = con.execute(f'select count(*) from "{schema}"."{name}"').fetchone()
            counted.append((schema, name, int(row[0]) if row else 0))
        return counted
    finally:
        con.close()


def print_built(warehouse: Path, echo: Echo) -> None:
    """Rows per schema and the published tables, so a newcomer sees what to query next."""
    objects = built_objects(warehouse)
    per_schema: dict[str, list[int]] = {}
    for schema, _, rows in objects:
        per_schema.setdefault(schema, [0, 0])
        per_schema[schema][0] += 1
        per_schema[schema][1] += rows
    echo(table(["schema", "tables/views", "rows"], [[s, *c] for s, c in per_schema.items()]))
    marts = [[name, rows] for schema, name, rows in objects if schema == "marts"]
    if marts:
        echo("")
        echo(table(["published table (schema marts)", "rows"], marts))


def run_demo(raw_dir: Path | None = None, warehouse: Path | None = None, echo: Echo = print,
             customers: int = DEMO_SIZE["customers"], days: int = DEMO_SIZE["days"],
             seed: int = DEMO_SIZE["seed"]) -> bool:
    """generate → load → dbt build into a warehouse rebuilt from scratch; True when every step passed."""
    from .build import dbt_target_dir, run_dbt
    from .generate import generate
    from .publish import build_and_publish, published_path
    from .report import write_report

    raw_dir = Path(raw_dir or DEMO_RAW_DIR)
    warehouse = Path(warehouse or DEMO_WAREHOUSE).resolve()
    started = time.perf_counter()

    began = _step(echo, f"1/5 generate {customers:,} customers x {days} days (seed {seed}) into {raw_dir}")
    summary = generate(raw_dir, customers=customers, days=days, seed=seed, overwrite=True,
                       progress=lambda line: echo(f"  {line}"))
    echo(f"  {summary.conversations:,} conversations, {summary.messages:,} messages, "
         f"{summary.start} to {summary.end} in {time.perf_counter() - began:.1f}s")

    began = _step(echo, f"2/5 load into a fresh warehouse {warehouse}")
    published = published_path(warehouse)  # the demo starts over: no previous publish to compare row counts with
    for stale in (warehouse, warehouse.with_name(warehouse.name + ".wal"), published):
        stale.unlink(missing_ok=True)
    report = load_raw(raw_dir, warehouse, echo=lambda line: echo(f"  {line}"))
    print_summary(report, echo)
    if not report.committed or report.count("rejected"):
        echo(f"load failed: {report.error or 'a file was rejected whole'}")
        return False
    echo(f"  loaded in {time.perf_counter() - began:.1f}s")

    began = _step(echo, "3/5 build, check and publish (dbt build, Great Expectations, atomic publish)")
    if not build_and_publish(warehouse, published, echo=lambda line: echo(f"  {line}")):
        echo("the build or a check failed; see above")
        return False
    echo(f"  built, checked and published in {time.perf_counter() - began:.1f}s")

    began = _step(echo, "4/5 dbt docs generate (one self-contained HTML file)")
    if not run_dbt(["docs", "generate", "--static"], warehouse):
        echo("dbt docs generate failed; see dbt's output above")
        return False
    docs = dbt_target_dir() / "static_index.html"
    echo(f"  documentation in {time.perf_counter() - began:.1f}s: {docs}")

    began = _step(echo, "5/5 the review report, from the published marts")
    page = write_report(published)
    echo(f"  report in {time.perf_counter() - began:.1f}s: {page}")

    echo("")
    echo(f"== demo finished in {time.perf_counter() - started:.0f}s; warehouse: {warehouse}")
    print_built(warehouse, echo)
    echo("")
    echo(f"next: BI tools read {published_path(warehouse)} (schema marts); Data Docs: {DATA_DOCS / 'index.html'};")
    echo(f"  dbt documentation and lineage: {docs}; the candidate with every layer: {warehouse};")
    echo(f"  the review report: {page}")
    echo(f"  or ask the semantic layer: support-metrics mf --warehouse {warehouse} -- "
         "query --metrics csat,fcr_rate --group-by metric_time__month")
    return True
