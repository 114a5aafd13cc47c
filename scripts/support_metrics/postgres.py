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

import duckdb

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
