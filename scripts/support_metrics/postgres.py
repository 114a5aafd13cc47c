"""PostgreSQL: the loader's raw schema copied to a server, and a throwaway server for tests.

The loader validates into DuckDB (rejects, manifest and lineage included); `copy_raw_to_postgres` then
copies every table of its `raw` schema to the server in one transaction (CSV through COPY), so dbt can
build the same project there with `SUPPORT_TARGET=postgres`.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from .console import Echo
from .warehouse import schema_columns

PG_BIN = Path(os.environ.get("SUPPORT_PG_BIN", "/usr/lib/postgresql/15/bin"))
TYPES = {"VARCHAR": "text", "TIMESTAMP": "timestamp", "DOUBLE": "double precision", "INTEGER": "integer",
         "BIGINT": "bigint", "BOOLEAN": "boolean", "DATE": "date", "HUGEINT": "numeric(38, 0)"}


def pg_type(duckdb_type: str) -> str:
    decimal = re.fullmatch(r"DECIMAL\((\d+),\s*(\d+)\)", duckdb_type)
    return f"numeric({decimal[1]}, {decimal[2]})" if decimal else TYPES[duckdb_type]


def copy_raw_to_postgres(warehouse: Path, dsn: str, schemas: tuple[str, ...] = ("raw",)) -> dict[str, int]:
    """Replace each schema (raw, and any tool's connector schema such as zendesk) on the server with the DuckDB
    warehouse's; rows per table (schema-qualified for a schema other than raw)."""
    import psycopg2

    source = duckdb.connect(str(warehouse), read_only=True)
    copied: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as scratch, psycopg2.connect(dsn) as target:
        cursor = target.cursor()
        for schema in schemas:
            cursor.execute(f'drop schema if exists "{schema}" cascade; create schema "{schema}"')
            for table, columns in schema_columns(source, schema).items():
                relation = f'"{schema}"."{table}"'
                cursor.execute(f"create table {relation} ("
                               + ", ".join(f'"{c}" {pg_type(t)}' for c, t in columns) + ")")
                csv = Path(scratch) / f"{schema}.{table}.csv"
                source.execute(f"copy (select * from {relation}) to '{csv}' (format csv, header false)")
                with csv.open(encoding="utf-8") as handle:
                    cursor.copy_expert(f"copy {relation} from stdin with (format csv)", handle)
                copied[table if schema == "raw" else f"{schema}.{table}"] = cursor.rowcount
        target.commit()
    source.close()
    return copied


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Server:
    """A throwaway PostgreSQL server on 127.0.0.1 (initdb refuses root: it runs as `postgres` then)."""

    data: Path
    port: int
    password: str = "support"

    @property
    def dsn(self) -> str:
        return f"host=127.0.0.1 port={self.port} user=support password={self.password} dbname=support"

    def env(self) -> dict[str, str]:
        return {"SUPPORT_TARGET": "postgres", "SUPPORT_PG_HOST": "127.0.0.1", "SUPPORT_PG_PORT": str(self.port),
                "SUPPORT_PG_USER": "support", "SUPPORT_PG_PASSWORD": self.password,
                "SUPPORT_PG_DATABASE": "support"}


def _as_owner(args: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


def start_server() -> Server:
    """initdb and start a server in a new folder under the system temp dir (which `postgres` can reach)."""
    if not (PG_BIN / "initdb").exists():
        raise RuntimeError(f"PostgreSQL binaries not found in {PG_BIN}: install the Debian package postgresql "
                           "or set SUPPORT_PG_BIN")
    folder = Path(tempfile.mkdtemp(prefix="support-metrics-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    server = Server(folder / "data", free_port())
    run = {"check": True, "capture_output": True, "text": True}
    subprocess.run(_as_owner([str(PG_BIN / "initdb"), "-D", str(server.data), "-A", "trust", "-U", "postgres",
                              "-E", "UTF8", "--locale=C.UTF-8"]), **run)  # type: ignore[call-overload]
    options = f"-p {server.port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run(_as_owner([str(PG_BIN / "pg_ctl"), "-D", str(server.data), "-o", options, "-l",
                              str(folder / "server.log"), "-w", "start"]), **run)  # type: ignore[call-overload]
    psql = [str(PG_BIN / "psql"), "-h", "127.0.0.1", "-p", str(server.port), "-U", "postgres", "-v",
            "ON_ERROR_STOP=1", "-c"]
    for statement in (f"create role support login password '{server.password}' createrole",
                      "create database support owner support"):
        subprocess.run([*psql, statement], **run)  # type: ignore[call-overload]
    time.sleep(0.2)
    return server


def stop_server(server: Server) -> None:
    subprocess.run(_as_owner([str(PG_BIN / "pg_ctl"), "-D", str(server.data), "-m", "fast", "stop"]),
                   check=False, capture_output=True)
    shutil.rmtree(server.data.parent, ignore_errors=True)


# Write-audit-publish on PostgreSQL: dbt builds the marts into CANDIDATE, the audit reads them there, and
# the publish renames the candidate schema to `marts` in one transaction (docs/DECISIONLOG.md, "PostgreSQL").
CANDIDATE = "marts__candidate"
PUBLISHED = "marts"


def dsn_from_env() -> str:
    """The server profiles.yml's `postgres` target connects to, from the same env vars and defaults."""
    env = os.environ.get
    return (f"host={env('SUPPORT_PG_HOST', '127.0.0.1')} port={env('SUPPORT_PG_PORT', '5432')} "
            f"user={env('SUPPORT_PG_USER', 'support')} password={env('SUPPORT_PG_PASSWORD', '')} "
            f"dbname={env('SUPPORT_PG_DATABASE', 'support')}")


def dsn_parts(dsn: str) -> dict[str, str]:
    """A libpq key=value DSN (as dsn_from_env writes it) as a dict."""
    return dict(pair.split("=", 1) for pair in dsn.split())


def sqlalchemy_url(dsn: str) -> str:
    """A libpq key=value DSN as a SQLAlchemy URL (psycopg2), for Great Expectations' data source."""
    from sqlalchemy.engine import URL

    parts = dsn_parts(dsn)
    return URL.create("postgresql+psycopg2", username=parts.get("user"), password=parts.get("password") or None,
                      host=parts.get("host"), port=int(parts.get("port", 5432)),
                      database=parts.get("dbname")).render_as_string(hide_password=False)


def _rows(dsn: str, sql: str, parameters: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    import psycopg2

    with psycopg2.connect(dsn) as con, con.cursor() as cursor:
        cursor.execute(sql, parameters)
        rows = cursor.fetchall()
    con.close()
    return rows


def mart_columns_postgres(dsn: str, schema: str) -> dict[str, list[str]]:
    """Each table of `schema` with its columns in order."""
    columns: dict[str, list[str]] = {}
    for table, column in _rows(dsn, "select table_name, column_name from information_schema.columns "
                                    "where table_schema = %s order by table_name, ordinal_position", (schema,)):
        columns.setdefault(table, []).append(column)
    return columns


def mart_row_counts_postgres(dsn: str, schema: str) -> dict[str, int]:
    """Rows per table of `schema` (empty when the schema does not exist yet)."""
    tables = mart_columns_postgres(dsn, schema)
    if not tables:
        return {}
    counts = " union all ".join(f"select '{t}', count(*) from \"{schema}\".\"{t}\"" for t in tables)
    return {table: int(rows) for table, rows in _rows(dsn, counts)}


# Privileges granted on a schema and on each table of it, to any role but the owner's (PUBLIC aside).
SCHEMA_GRANTS = ("select r.rolname, a.privilege_type from pg_namespace as n cross join aclexplode(n.nspacl) as a "
                 "inner join pg_roles as r on r.oid = a.grantee where n.nspname = %s and a.grantee <> n.nspowner")
TABLE_GRANTS = ("select c.relname, r.rolname, a.privilege_type from pg_class as c "
                "inner join pg_namespace as n on n.oid = c.relnamespace cross join aclexplode(c.relacl) as a "
                "inner join pg_roles as r on r.oid = a.grantee where n.nspname = %s and a.grantee <> c.relowner")


def publish_candidate(dsn: str, candidate: str = CANDIDATE, published: str = PUBLISHED) -> list[tuple[str, int]]:
    """Swap the candidate schema in for the published one, in one transaction: the published schema's grants
    (schema and tables, e.g. bi_reader's) are given to the candidate first, then the published schema is
    renamed away, the candidate renamed to it, and the old one dropped. A reader sees the old marts or the
    new ones, never a mix. The tables and rows published."""
    import psycopg2

    copied = mart_row_counts_postgres(dsn, candidate)
    if not copied:
        raise RuntimeError(f"no candidate schema {candidate} to publish")
    retired = f"{published}__retired"
    with psycopg2.connect(dsn) as con, con.cursor() as cursor:
        cursor.execute(SCHEMA_GRANTS, (published,))
        for role, privilege in cursor.fetchall():
            cursor.execute(f'grant {privilege} on schema "{candidate}" to "{role}"')
        cursor.execute(TABLE_GRANTS, (published,))
        for table, role, privilege in cursor.fetchall():
            if table in copied:
                cursor.execute(f'grant {privilege} on "{candidate}"."{table}" to "{role}"')
        cursor.execute(f'drop schema if exists "{retired}" cascade')
        cursor.execute("select 1 from pg_namespace where nspname = %s", (published,))
        if cursor.fetchone():
            cursor.execute(f'alter schema "{published}" rename to "{retired}"')
        cursor.execute(f'alter schema "{candidate}" rename to "{published}"')
        cursor.execute(f'drop schema if exists "{retired}" cascade')
    con.close()  # the with block committed the transaction
    return sorted(copied.items())


def build_and_publish_postgres(dbt_args: list[str], docs: Path | None = None, echo: Echo = print) -> bool:
    """Write-audit-publish on the `postgres` target: dbt build with the marts in a fresh candidate schema, the
    Great Expectations suites on it through GX's PostgreSQL data source, then the swap; True when published.
    A failed build or audit leaves the published schema untouched (the candidate stays, to inspect)."""
    from .build import build_marts_into
    from .check import audit_passed, run_checks_postgres
    from .publish import published_line

    dsn = dsn_from_env()
    parts = dsn_parts(dsn)
    server = f"{parts['host']}:{parts['port']}/{parts['dbname']}"
    kept = f"the published schema {PUBLISHED} on {server} is left exactly as it was"

    echo(f"== 1/3 dbt build into the candidate schema {CANDIDATE} on PostgreSQL {server}")
    if not build_marts_into(CANDIDATE, dbt_args, kept, echo):  # each candidate is built afresh
        return False

    echo("== 2/3 audit: Great Expectations checks on the candidate (as SQL on the server)")
    if not audit_passed(run_checks_postgres(dsn, CANDIDATE, docs, echo=echo), kept, echo):
        return False

    began = time.perf_counter()
    echo(f"== 3/3 publish: {CANDIDATE} becomes {PUBLISHED} on {server}, in one transaction")
    echo(published_line(publish_candidate(dsn), began))
    return True
