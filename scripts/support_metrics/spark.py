"""Spark: what the loader landed, as Parquet, registered as tables in a local Spark metastore.

The loader validates into DuckDB (rejects, manifest and lineage included). `export_landed_to_parquet` writes
every table of its `raw` schema, and of each connector schema a `load --source` filled (zendesk, intercom,
stripe), to `<root>/<schema>/<table>/` as Parquet (timestamps as UTC instants); the dbt macro
`register_landed_parquet` makes each a Spark table `<schema>.<table>` over its folder, so `SUPPORT_TARGET=spark`
builds the same models from the contract's files or a tool's. Spark's warehouse and Derby metastore live in
SUPPORT_SPARK_DIR (a temp dir by default), never in the working folder.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import duckdb

from .build import run_dbt
from .warehouse import schema_columns


def spark_dir() -> Path:
    """Spark's scratch folder (warehouse, metastore, derby.log): $SUPPORT_SPARK_DIR, else a temp dir."""
    return Path(os.environ.get("SUPPORT_SPARK_DIR") or Path(tempfile.gettempdir()) / "support-metrics-spark")


LOG4J = """\
# Spark's own log: errors only (it warns on every query that the session already exists)
rootLogger.level = error
rootLogger.appenderRef.stderr.ref = stderr
appender.console.type = Console
appender.console.name = stderr
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n
"""


def spark_environment(folder: Path | None = None) -> dict[str, str]:
    """The env vars that point profiles.yml's `spark` target at one scratch folder (and quiet its log)."""
    root = (folder or spark_dir()).resolve()
    (root / "conf").mkdir(parents=True, exist_ok=True)
    (root / "conf" / "log4j2.properties").write_text(LOG4J, encoding="utf-8")
    return {"SUPPORT_TARGET": "spark", "SUPPORT_SPARK_DIR": str(root), "SPARK_CONF_DIR": str(root / "conf")}


def landed_schemas(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The schemas a load fills that are present: raw (always first), then each connector's."""
    from .connectors import CONNECTORS

    present = {r[0] for r in con.execute("select schema_name from information_schema.schemata").fetchall()}
    return [schema for schema in ("raw", *CONNECTORS) if schema in present]


def export_landed_to_parquet(warehouse: Path, root: Path) -> dict[str, int]:
    """Write each landed table to `root/<schema>/<table>/part-0.parquet`; rows per `schema.table`."""
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    con = duckdb.connect(str(warehouse), read_only=True)
    written: dict[str, int] = {}
    try:
        con.execute("set TimeZone = 'UTC'")
        for schema in landed_schemas(con):
            for table, columns in schema_columns(con, schema).items():
                # a naive TIMESTAMP would reach Spark as TIMESTAMP_NTZ; the landed instants are UTC
                select = ", ".join(f'cast("{c}" as timestamptz) as "{c}"' if t == "TIMESTAMP" else f'"{c}"'
                                   for c, t in columns)
                folder = root / schema / table
                folder.mkdir(parents=True)
                copied = con.execute(f'copy (select {select} from "{schema}"."{table}") to '
                                     f"'{folder / 'part-0.parquet'}' (format parquet)").fetchone()
                written[f"{schema}.{table}"] = int(copied[0])  # type: ignore[index]  # COPY returns its rows
    finally:
        con.close()
    return written


def register_landed_parquet(root: Path, tables: list[str]) -> bool:
    """Register the Parquet folders of `tables` (`schema.table`) as tables of the Spark target (dbt run-operation)."""
    args = {"root": str(root.resolve()), "tables": sorted(tables)}
    return run_dbt(["run-operation", "register_landed_parquet", "--args", json.dumps(args)])
