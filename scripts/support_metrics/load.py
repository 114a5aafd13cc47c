"""Land raw export files in the warehouse's `raw` schema, atomically, with lineage and rejects.

Two phases: every file is read and validated into an in-memory stage (a file that cannot be
read is rejected whole there), then one transaction publishes all of it to the warehouse, so
a failed or killed run leaves the warehouse exactly as it was.
"""

from __future__ import annotations

import hashlib
import os
import signal
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from .connectors import catalogue
from .console import Echo
from .contract import FILE_FORMATS, LINEAGE_COLUMNS, SQL_TYPES, TABLES, Table
from .readers import FileRejected, error_detail, incoming
from .validate import validated_sql
from .warehouse import connect, literal, quote, warehouse_path

MANIFEST_DDL = """
create table if not exists raw._load_manifest (
    load_id bigint, table_name varchar, source_file varchar, file_format varchar, sha256 varchar,
    bytes bigint, rows_read bigint, rows_loaded bigint, rows_rejected bigint, status varchar,
    reason varchar, started_at timestamp, finished_at timestamp
)"""
REJECTS_DDL = """
create table if not exists raw._rejects (
    load_id bigint, table_name varchar, source_file varchar, source_row bigint, column_name varchar,
    reason_code varchar, reason varchar, raw_record varchar, rejected_at timestamp
)"""


@dataclass
class LandedFile:
    """One file found under the landing folder, and what became of it."""

    table: Table
    path: Path
    source_file: str
    file_format: str
    bytes: int = 0
    sha256: str = ""
    rows_read: int = 0
    rows_loaded: int = 0
    rows_rejected: int = 0
    status: str = "pending"
    reason: str | None = None
    stage: str | None = None
    started_at: datetime | None = None
    finished_at: datetime | None = None
    seconds: float = 0.0


@dataclass
class LoadReport:
    """The outcome of one load run."""

    load_id: int
    warehouse: Path
    files: list[LandedFile] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    committed: bool = False
    error: str | None = None
    rejects_sample: list[tuple[str, int, str | None, str]] = field(default_factory=list)
    tables: tuple[Table, ...] = TABLES

    def count(self, status: str) -> int:
        return sum(1 for f in self.files if f.status == status)

    @property
    def rows_rejected(self) -> int:
        return sum(f.rows_rejected for f in self.files)

    @property
    def rows_loaded(self) -> int:
        return sum(f.rows_loaded for f in self.files)


def _utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 22), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _table_files(raw_dir: Path, table: Table) -> list[Path]:
    """A contract table's files are under <source>/<table>/; a connector table's are <table>.<format> or
    anything under a <table>/ folder, named as the connector names the table."""
    if table.schema == "raw":
        folders, single = [raw_dir / table.folder], []
    else:
        folders, single = [raw_dir / table.raw_table], [raw_dir / f"{table.raw_table}{ext}" for ext in FILE_FORMATS]
    found = [p for folder in folders if folder.is_dir() for p in folder.rglob("*") if p.is_file()]
    return found + [p for p in single if p.is_file()]


def discover(raw_dir: Path, tables: tuple[Table, ...] = TABLES) -> tuple[list[LandedFile], list[str]]:
    """Every landed file in load order (catalogue table order, then byte order of the path)."""
    files: list[LandedFile] = []
    for table in tables:
        for path in _table_files(raw_dir, table):
            fmt = FILE_FORMATS.get(path.suffix.lower())
            if fmt and not path.name.startswith((".", "_")):
                files.append(LandedFile(table, path, path.relative_to(raw_dir).as_posix(), fmt))
    files.sort(key=lambda f: (tables.index(f.table), f.source_file.encode()))
    known = {f.path for f in files}
    ignored = sorted(
        p.relative_to(raw_dir).as_posix() for p in raw_dir.rglob("*")
        if p.is_file() and p not in known and not p.name.startswith((".", "_"))
    )
    return files, ignored


def _already_loaded(con: duckdb.DuckDBPyConnection) -> tuple[int, dict[tuple[str, str], str]]:
    """The next load id, and (table, sha256) → file of every file loaded before."""
    exists = con.execute(
        "select count(*) from information_schema.tables where table_schema = 'raw' and table_name = '_load_manifest'"
    ).fetchone()
    if not exists or not exists[0]:
        return 1, {}
    next_id = con.execute("select coalesce(max(load_id), 0) + 1 from raw._load_manifest").fetchone()
    rows = con.execute(
        "select table_name, sha256, min(source_file) from raw._load_manifest where status = 'loaded' group by 1, 2"
    ).fetchall()
    return int(next_id[0]) if next_id else 1, {(t, s): f for t, s, f in rows}


def _stage(con: duckdb.DuckDBPyConnection, landed: LandedFile, number: int) -> None:
    """Read and validate one file into the in-memory stage (autocommit: a failure stays local)."""
    landed.stage = f"stage.file_{number}"
    try:
        source = incoming(con, landed.table, landed.path, landed.file_format)
        con.execute(f"create table {landed.stage} as {validated_sql(landed.table, source)}")
    except FileRejected as error:
        landed.stage, landed.status, landed.reason = None, "rejected", str(error)
        return
    except duckdb.Error as error:
        landed.stage, landed.status = None, "rejected"
        landed.reason = f"cannot be read as {landed.file_format}: {error_detail(error)}"
        return
    counts = con.execute(
        f"select count(*), count(*) filter (where _reject_code is not null) from {landed.stage}"
    ).fetchone()
    landed.rows_read, landed.rows_rejected = (int(counts[0]), int(counts[1])) if counts else (0, 0)
    landed.rows_loaded = landed.rows_read - landed.rows_rejected
    landed.status = "loaded"


def _ddl(table: Table) -> str:
    columns = [f"{quote(c.name)} {SQL_TYPES[c.type]}" for c in table.columns]
    columns += [f"{name} {kind}" for name, kind in LINEAGE_COLUMNS.items()]
    return f"create table if not exists {_relation(table)} ({', '.join(columns)})"


def _relation(table: Table) -> str:
    return f"{quote(table.schema)}.{quote(table.raw_table)}"


def missing_tables(files: list[LandedFile], tables: tuple[Table, ...]) -> list[Table]:
    """A connector's required tables that have no file: a load of that tool cannot go on without them."""
    present = {f.table for f in files}
    return [t for t in tables if t.schema != "raw" and not t.optional and t not in present]


def _inject_fault(files_published: int) -> None:
    """Test hook: fail the publish phase after N files ($SUPPORT_LOAD_FAULT_AFTER), by raise or kill."""
    after = os.environ.get("SUPPORT_LOAD_FAULT_AFTER")
    if after is None or files_published != int(after):
        return
    if os.environ.get("SUPPORT_LOAD_FAULT") == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    raise RuntimeError(f"injected fault after {files_published} file(s)")


def _publish(con: duckdb.DuckDBPyConnection, report: LoadReport, loaded_at: datetime) -> None:
    """One transaction: raw tables, rejects and manifest rows for every file of the run."""
    con.execute("begin transaction")
    try:
        con.execute("create schema if not exists raw")
        con.execute(MANIFEST_DDL)
        con.execute(REJECTS_DDL)
        # The contract's tables always exist (staging reads them for every domain a tool does not feed).
        for table in dict.fromkeys([*TABLES, *report.tables]):
            con.execute(f"create schema if not exists {quote(table.schema)}")
            con.execute(_ddl(table))
        for done, landed in enumerate(report.files, 1):
            if landed.stage:
                columns = ", ".join(quote(c.name) for c in landed.table.columns)
                lineage = f"{literal(landed.source_file)}, _source_row, {report.load_id}, ?"
                con.execute(
                    f"insert into {_relation(landed.table)} select {columns}, {lineage} "
                    f"from {landed.stage} where _reject_code is null",
                    [loaded_at],
                )
                con.execute(
                    f"insert into raw._rejects select {report.load_id}, {literal(landed.table.manifest_name)}, "
                    f"{literal(landed.source_file)}, _source_row, _reject_column, _reject_code, _reject_reason, "
                    f"_raw_record, ? from {landed.stage} where _reject_code is not null order by _source_row",
                    [loaded_at],
                )
            con.execute(
                "insert into raw._load_manifest values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [report.load_id, landed.table.manifest_name, landed.source_file, landed.file_format, landed.sha256,
                 landed.bytes, landed.rows_read, landed.rows_loaded, landed.rows_rejected, landed.status,
                 landed.reason, landed.started_at, landed.finished_at],
            )
            _inject_fault(done)
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise


def _sample_rejects(con: duckdb.DuckDBPyConnection, report: LoadReport, limit: int = 10) -> None:
    for landed in report.files:
        if landed.stage and landed.rows_rejected and len(report.rejects_sample) < limit:
            rows = con.execute(
                f"select _source_row, _reject_column, _reject_reason from {landed.stage} "
                f"where _reject_code is not null order by _source_row limit {limit - len(report.rejects_sample)}"
            ).fetchall()
            report.rejects_sample += [(landed.source_file, int(r[0]), r[1], r[2]) for r in rows]


def _workers() -> int:
    """Files staged at once: $SUPPORT_LOAD_WORKERS, else one per core (DuckDB reads one file per thread)."""
    return max(1, int(os.environ.get("SUPPORT_LOAD_WORKERS") or os.cpu_count() or 1))


def _plan(files: list[LandedFile], seen: dict[tuple[str, str], str], workers: int) -> list[LandedFile]:
    """Checksum every file; skip those already loaded (same table and content); return those to stage."""
    def checksum(landed: LandedFile) -> None:
        landed.started_at = _utcnow()
        landed.bytes, landed.sha256 = landed.path.stat().st_size, _sha256(landed.path)

    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(checksum, files))
    to_stage = []
    for landed in files:  # in load order, so the first of two identical files is the one loaded
        key = (landed.table.manifest_name, landed.sha256)
        if key in seen:
            landed.status, landed.reason = "skipped", f"same content as {seen[key]}, already loaded"
            landed.finished_at = _utcnow()
            continue
        seen[key] = landed.source_file
        if landed.bytes == 0:
            landed.status, landed.finished_at = "loaded", _utcnow()
        else:
            to_stage.append(landed)
    return to_stage


def load_raw(
    raw_dir: Path, warehouse: str | Path | None = None, strict: bool = False, echo: Echo = print,
    source: str = "contract",
) -> LoadReport:
    """Load every file under raw_dir into the warehouse in one atomic run; see the module docstring.
    `source` names what the files are: the contract's tables, or one connector's (connectors/)."""
    if not raw_dir.is_dir():
        raise FileNotFoundError(f"landing folder not found: {raw_dir}")
    tables = catalogue(source)
    clash = {t.schema for t in tables} & {warehouse_path(warehouse).stem}
    if clash:
        # DuckDB names the file's catalog after it: a catalog and a schema both called so are ambiguous
        raise ValueError(f"the warehouse file {warehouse_path(warehouse).name} is named like the {source} schema "
                         f"its tables land in; name the warehouse otherwise (e.g. support.duckdb)")
    files, ignored = discover(raw_dir, tables)
    missing = missing_tables(files, tables)
    if missing:
        names = ", ".join(t.raw_table for t in missing)
        raise FileNotFoundError(f"{source}: required table(s) missing under {raw_dir}: {names} "
                                f"(each as <table>.csv, .jsonl or .parquet, or a <table>/ folder of them)")
    con = connect(warehouse)
    try:
        con.execute("attach ':memory:' as stage")
        load_id, seen = _already_loaded(con)
        report = LoadReport(load_id, warehouse_path(warehouse), files, ignored, tables=tables)
        loaded_at, workers = _utcnow(), _workers()
        echo(f"load {load_id}: {len(files)} file(s) under {raw_dir}, {workers} at a time")
        to_stage = _plan(files, seen, workers)
        numbers = {id(landed): number for number, landed in enumerate(files, 1)}
        width = len(str(len(files)))

        def stage(landed: LandedFile) -> LandedFile:
            cursor, clock = con.cursor(), time.perf_counter()
            try:
                _stage(cursor, landed, numbers[id(landed)])
            finally:
                cursor.close()
            landed.finished_at, landed.seconds = _utcnow(), time.perf_counter() - clock
            return landed

        for landed in files:
            if landed.status != "pending":
                echo(_progress_line(numbers[id(landed)], width, len(files), landed))
        with ThreadPoolExecutor(workers) as pool:
            for landed in pool.map(stage, to_stage):
                echo(_progress_line(numbers[id(landed)], width, len(files), landed))
        _sample_rejects(con, report)
        if strict and report.rows_rejected:
            report.error = f"--strict: {report.rows_rejected:,} row(s) rejected; nothing was loaded"
            return report
        echo(f"publishing load {load_id} to {report.warehouse} in one transaction ...")
        _publish(con, report, loaded_at)
        report.committed = True
        return report
    finally:
        con.close()


def _progress_line(number: int, width: int, total: int, landed: LandedFile) -> str:
    head = f"[{number:>{width}}/{total}] {landed.source_file}"
    if landed.status == "loaded":
        rejected = f", {landed.rows_rejected:,} rejected" if landed.rows_rejected else ""
        return f"{head}: {landed.rows_loaded:,} of {landed.rows_read:,} rows{rejected} ({landed.seconds:.2f}s)"
    return f"{head}: {landed.status.upper()}, {landed.reason}"
