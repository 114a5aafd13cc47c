"""Where the project and the warehouse live, and DuckDB connections with the project's settings."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

PROJECT_DIR = Path(__file__).resolve().parents[2]
DEFAULT_WAREHOUSE = PROJECT_DIR / "warehouse" / "support.duckdb"
DEMO_WAREHOUSE = PROJECT_DIR / "warehouse" / "demo.duckdb"  # what `support-metrics demo` builds
DEFAULT_RAW_DIR = PROJECT_DIR / "data" / "raw"


def warehouse_path(path: str | Path | None = None) -> Path:
    """The warehouse file: the argument, else $SUPPORT_WAREHOUSE, else warehouse/support.duckdb."""
    chosen = path or os.environ.get("SUPPORT_WAREHOUSE") or DEFAULT_WAREHOUSE
    return Path(chosen).expanduser().resolve()


def duckdb_settings() -> dict[str, str]:
    """DuckDB settings every connection uses: UTC, plus threads, memory and spill dir from env vars."""
    settings = {"TimeZone": "UTC"}
    for env, name in (
        ("SUPPORT_DUCKDB_THREADS", "threads"),
        ("SUPPORT_DUCKDB_MEMORY_LIMIT", "memory_limit"),
        ("SUPPORT_DUCKDB_TEMP_DIR", "temp_directory"),
    ):
        if os.environ.get(env):
            settings[name] = os.environ[env]
    return settings


def connect(path: str | Path | None = None, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the warehouse (creating its folder) with the project's settings."""
    target = warehouse_path(path)
    if not read_only:
        target.parent.mkdir(parents=True, exist_ok=True)
    config = {"autoinstall_known_extensions": "false", "autoload_known_extensions": "true"}
    con = duckdb.connect(str(target), read_only=read_only, config=config)
    for name, value in duckdb_settings().items():
        con.execute(f"set {name} = '{value}'")
    return con


def quote(identifier: str) -> str:
    """A SQL identifier, double-quoted."""
    return '"' + identifier.replace('"', '""') + '"'


def literal(text: str) -> str:
    """A SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def schema_columns(con: duckdb.DuckDBPyConnection, schema: str) -> dict[str, list[tuple[str, str]]]:
    """Each table of a schema (by name) with its (column, DuckDB type) pairs in column order."""
    tables: dict[str, list[tuple[str, str]]] = {}
    for table, column, data_type in con.execute(
            "select table_name, column_name, data_type from information_schema.columns "
            "where table_schema = ? order by table_name, ordinal_position", [schema]).fetchall():
        tables.setdefault(table, []).append((column, data_type))
    return tables
