"""Spark: the loader's raw schema as Parquet, registered as tables in a local Spark metastore.

The loader validates into DuckDB (rejects, manifest and lineage included). `export_raw_to_parquet` writes
every table of its `raw` schema to `<root>/<table>/` as Parquet (timestamps as UTC instants), and the
dbt macro `register_raw_parquet` makes each source table of the project a Spark table over its folder,
so `SUPPORT_TARGET=spark` builds the same models. Spark's warehouse and Derby metastore live in
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


def export_raw_to_parquet(warehouse: Path, root: Path) -> dict[str, int]:
    """Write each table of the warehouse's raw schema to `root/<table>/part-0.parquet`; rows per table."""
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    con = duckdb.connect(str(warehouse), read_only=True)
    written: dict[str, int] = {}
    try:
        con.execute("set TimeZone = 'UTC'")
        for table, columns in schema_columns(con, "raw").items():
            # a naive TIMESTAMP would reach Spark as TIMESTAMP_NTZ; the raw contract's instants are UTC
            select = ", ".join(f'cast("{c}" as timestamptz) as "{c}"' if t == "TIMESTAMP" else f'"{c}"'
                               for c, t in columns)
            (root / table).mkdir()
            copied = con.execute(f"copy (select {select} from raw.\"{table}\") to "
                                 f"'{root / table / 'part-0.parquet'}' (format parquet)").fetchone()
            written[table] = int(copied[0])  # type: ignore[index]  # COPY returns the rows it wrote
    finally:
        con.close()
    return written


def register_raw_parquet(root: Path) -> bool:
    """Register the Parquet folders as the raw tables of the Spark target (dbt run-operation)."""
    return run_dbt(["run-operation", "register_raw_parquet", "--args", json.dumps({"root": str(root.resolve())})])
