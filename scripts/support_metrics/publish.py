"""Write-audit-publish: build into the candidate warehouse, audit it, publish its marts atomically.

The warehouse the loader and dbt write to is the candidate. BI tools read the published file
(default `<warehouse folder>/published/<warehouse name>`, or $SUPPORT_PUBLISHED), which holds the
schema `marts` only. A publish writes a new file beside it and renames it over the old one: the
rename is atomic, so a reader sees the old marts or the new ones, never a mix, and a reader holding
the old file open keeps reading it (the old file lives on until it closes it).
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

import duckdb

from .console import Echo
from .warehouse import warehouse_path

# The published file is written in the storage format of DuckDB 1.4 (and read by 1.4 and every later release):
# BI tools bundle a DuckDB of their own, often older than the one dbt builds with.
PUBLISHED_STORAGE_VERSION = "v1.4.0"


def published_path(warehouse: str | Path | None = None, published: str | Path | None = None) -> Path:
    """The published file: the argument, else $SUPPORT_PUBLISHED, else published/<name> beside the warehouse."""
    chosen = published or os.environ.get("SUPPORT_PUBLISHED")
    if chosen:
        return Path(chosen).expanduser().resolve()
    candidate = warehouse_path(warehouse)
    return candidate.parent / "published" / candidate.name


def latest_built(published: bool = False) -> Path | None:
    """Of the project's two warehouses, warehouse/support.duckdb (`support-metrics build`) and
    warehouse/demo.duckdb (`support-metrics demo`), the one written last (with `published`: the one whose
    published copy was written last); None when neither exists. For readers named no warehouse."""
    from . import warehouse

    candidates = [warehouse.DEFAULT_WAREHOUSE, warehouse.DEMO_WAREHOUSE]
    written = {candidate: published_path(candidate) if published else candidate for candidate in candidates}
    existing = [candidate for candidate in candidates if written[candidate].exists()]
    return max(existing, key=lambda candidate: written[candidate].stat().st_mtime, default=None)


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def landed_fingerprint(candidate: Path) -> str:
    """Each table a build reads and does not write (raw and connector schemas, seeds aside) with its rows and
    summed row hashes: a load, or a row fixed by hand, changes it."""
    from .build import rows_fingerprint, seed_tables

    seeds = set(seed_tables())
    con = duckdb.connect(str(candidate))  # as publish does: dbt-duckdb may hold the file in this process
    try:
        tables = con.execute("select schema_name, table_name from duckdb_tables() where database_name = "
                             "current_database() and schema_name not in ('staging', 'intermediate', 'marts') "
                             "order by 1, 2").fetchall()
        lines = []
        for schema, name in tables:
            if schema != "raw" or name not in seeds:
                lines.append(f"{schema}.{name} {rows_fingerprint(con, schema, name)}")
        return "\n".join(lines)
    finally:
        con.close()


def build_stamp(candidate: Path, dbt_args: list[str]) -> str | None:
    """A digest of what a whole DuckDB build and audit of the candidate depend on: the landed tables, the
    project's code and seeds, this package's code (the checks), versions, settings and arguments. None for
    any other build, or when there is no candidate yet."""
    from .build import code_digest, whole_duckdb_build

    if not whole_duckdb_build(dbt_args) or not candidate.exists():
        return None
    checks = sorted(Path(__file__).parent.rglob("*.py"))  # the audit's suites are this package's code
    settings = sorted(f"{k}={v}" for k, v in os.environ.items() if k.startswith("SUPPORT_"))
    parts = [code_digest(dbt_args), str(candidate), landed_fingerprint(candidate), *settings,
             *(hashlib.sha256(path.read_bytes()).hexdigest() for path in checks)]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def published_stamp(published: Path) -> str | None:
    """The build stamp every published table carries, if the file has one."""
    if not published.exists():
        return None
    con = duckdb.connect(str(published), read_only=True)
    try:
        comments = {r[0] for r in con.execute("select coalesce(comment, '') from duckdb_tables() "
                                              "where schema_name = 'marts'").fetchall()}
    finally:
        con.close()
    return comments.pop() or None if len(comments) == 1 else None


def publish(candidate: Path, published: Path, stamp: str | None = None) -> list[tuple[str, int]]:
    """Copy the candidate's marts into a new file and rename it over `published`; the tables and rows.
    Each published table's comment is `stamp`: what the build it came from depended on."""
    published.parent.mkdir(parents=True, exist_ok=True)
    staged = published.with_name(f".{published.name}.{os.getpid()}.publishing")
    staged.unlink(missing_ok=True)
    con = duckdb.connect(str(candidate))  # the process's own instance: dbt-duckdb may still hold the file
    copied = []
    try:
        con.execute(f"attach '{staged}' as publishing (storage_version '{PUBLISHED_STORAGE_VERSION}')")
        con.execute("create schema publishing.marts")
        names = [r[0] for r in con.execute(
            "select table_name from information_schema.tables where table_catalog = current_database() "
            "and table_schema = 'marts' and table_type = 'BASE TABLE' order by table_name").fetchall()]
        for name in names:
            con.execute(f'create table publishing.marts."{name}" as select * from marts."{name}"')
            rows = con.execute(f'select count(*) from publishing.marts."{name}"').fetchone()
            copied.append((name, int(rows[0]) if rows else 0))
            if stamp:
                con.execute(f"comment on table publishing.marts.\"{name}\" is '{stamp}'")
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
    """dbt build the candidate, run the checks there, publish only when both passed; True when published,
    or when the published marts came from a build of exactly this (build_stamp), which is then skipped."""
    from .build import build_skips, record_build, run_dbt
    from .check import audit_passed, run_checks

    candidate = warehouse_path(warehouse)
    target = published_path(candidate, published)
    kept = f"the published warehouse {target} is left exactly as it was"

    began = time.perf_counter()
    echo(f"== 1/3 dbt build into the candidate {candidate}")
    args = dbt_args or []
    stamp = build_stamp(candidate, args)
    if stamp is not None and published_stamp(target) == stamp:
        echo(f"  nothing new: the published marts were built from these same landed rows, code, seeds and "
             f"arguments; {kept}")
        return True
    skipped = build_skips(candidate, args)
    for kind, why in skipped.items():
        echo(f"  left out: {kind.replace('_', ' ')}s ({why})")
    if not run_dbt(["build", *args, *[a for kind in skipped for a in ("--exclude-resource-type", kind)]], candidate):
        echo(f"dbt build failed (see dbt's output above); {kept}")
        return False
    record_build(candidate, args, skipped)
    echo(f"  built in {time.perf_counter() - began:.1f}s")

    echo("== 2/3 audit: Great Expectations checks on the candidate")
    if not audit_passed(run_checks(candidate, target, docs, echo=echo), kept, echo):
        return False

    began = time.perf_counter()
    echo(f"== 3/3 publish the marts to {target}")
    echo(published_line(publish(candidate, target, stamp), began))
    return True


def published_line(copied: list[tuple[str, int]], began: float) -> str:
    """What a publish wrote, and how long it took since `began` (perf_counter)."""
    return f"  published {len(copied)} tables, {sum(r for _, r in copied):,} rows in {time.perf_counter() - began:.1f}s"
