"""Write-audit-publish: build into the candidate warehouse, audit it, publish its marts atomically.

The warehouse the loader and dbt write to is the candidate. BI tools read the published file
(default `<warehouse folder>/published/<warehouse name>`, or $SUPPORT_PUBLISHED), which holds the
schema `marts` only. A publish writes a new file beside it and renames it over the old one: the
rename is atomic, so a reader sees the old marts or the new ones, never a mix, and a reader holding
the old file open keeps reading it (the old file lives on until it closes it).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import duckdb

from .console import Echo
from .warehouse import warehouse_path


def published_path(warehouse: str | Path | None = None, published: str | Path | None = None) -> Path:
    """The published file: the argument, else $SUPPORT_PUBLISHED, else published/<name> beside the warehouse."""
    chosen = published or os.environ.get("SUPPORT_PUBLISHED")
    if chosen:
        return Path(chosen).expanduser().resolve()
    candidate = warehouse_path(warehouse)
    return candidate.parent / "published" / candidate.name


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def publish(candidate: Path, published: Path) -> list[tuple[str, int]]:
    """Copy the candidate's marts into a new file and rename it over `published`; the tables and rows."""
    published.parent.mkdir(parents=True, exist_ok=True)
    staged = published.with_name(f".{published.name}.{os.getpid()}.publishing")
    staged.unlink(missing_ok=True)
    con = duckdb.connect(str(candidate))  # the process's own instance: dbt-duckdb may still hold the file
    copied = []
    try:
        con.execute(f"attach '{staged}' as publishing")
        con.execute("create schema publishing.marts")
        names = [r[0] for r in con.execute(
            "select table_name from information_schema.tables where table_catalog = current_database() "
            "and table_schema = 'marts' and table_type = 'BASE TABLE' order by table_name").fetchall()]
        for name in names:
            con.execute(f'create table publishing.marts."{name}" as select * from marts."{name}"')
            rows = con.execute(f'select count(*) from publishing.marts."{name}"').fetchone()
            copied.append((name, int(rows[0]) if rows else 0))
        con.execute("detach publishing")
    except BaseException:
        staged.unlink(missing_ok=True)
        raise
    finally:
        con.close()
    _fsync(staged)
    os.replace(staged, published)
    _fsync(published.parent)
    return copied


def build_and_publish(warehouse: str | Path | None = None, published: str | Path | None = None,
                      dbt_args: list[str] | None = None, docs: Path | None = None, echo: Echo = print) -> bool:
    """dbt build the candidate, run the checks there, publish only when both passed; True when published."""
    from .build import run_dbt
    from .check import print_check_summary, run_checks

    candidate = warehouse_path(warehouse)
    target = published_path(candidate, published)
    kept = f"the published warehouse {target} is left exactly as it was"

    began = time.perf_counter()
    echo(f"== 1/3 dbt build into the candidate {candidate}")
    if not run_dbt(["build", *(dbt_args or [])], candidate):
        echo(f"dbt build failed (see dbt's output above); {kept}")
        return False
    echo(f"  built in {time.perf_counter() - began:.1f}s")

    began = time.perf_counter()
    echo("== 2/3 audit: Great Expectations checks on the candidate")
    report = run_checks(candidate, target, docs, echo=lambda line: echo(line))
    print_check_summary(report, echo)
    if not report.passed:
        echo(f"check failed: {len(report.failures)} expectation(s) above; {kept}")
        echo(f"read why in the Data Docs: {report.docs / 'index.html'}")
        return False

    began = time.perf_counter()
    echo(f"== 3/3 publish the marts to {target}")
    copied = publish(candidate, target)
    echo(f"  published {len(copied)} tables, {sum(r for _, r in copied):,} rows in {time.perf_counter() - began:.1f}s")
    return True
