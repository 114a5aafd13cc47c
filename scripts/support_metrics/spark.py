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
import time
from pathlib import Path
from typing import Any

import duckdb

from .build import run_dbt
from .console import Echo
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


# Write-audit-publish on Spark (local session): the marts readers query are views `marts.<table>` over one
# of two schemas, blue and green. A build empties the one the views do not read, builds the marts into it,
# audits them there with Great Expectations' Spark data source on dbt's own session, and only then points
# every view at it. The schema the views read is recorded in SUPPORT_SPARK_DIR (docs/DECISIONLOG.md, "Spark").
COLOURS = ("marts__blue", "marts__green")
LIVE_MARKER = "published_marts"


def live_schema() -> str | None:
    """The schema the published views read, if a publish happened in this Spark folder."""
    marker = spark_dir() / LIVE_MARKER
    return marker.read_text(encoding="utf-8").strip() if marker.exists() else None


def publish_views(spark: Any, candidate: str) -> list[tuple[str, int]]:
    """Point each view `marts.<table>` at `candidate.<table>` (each switch is one catalog change), drop the
    views of marts no longer built, record the live schema; the tables and rows published."""
    spark.sql("create database if not exists marts")
    tables = sorted(table.name for table in spark.catalog.listTables(candidate))
    existing = {table.name: table.tableType for table in spark.catalog.listTables("marts")}
    for table in tables:
        if existing.get(table, "VIEW") != "VIEW":  # a table a plain `dbt build` wrote: the view replaces it
            spark.sql(f"drop table marts.{table}")
        spark.sql(f"create or replace view marts.{table} as select * from {candidate}.{table}")
    for table in sorted(set(existing) - set(tables)):
        spark.sql(f"drop {'view' if existing[table] == 'VIEW' else 'table'} if exists marts.{table}")
    marker = spark_dir() / LIVE_MARKER
    staged = marker.with_name(f".{LIVE_MARKER}.{os.getpid()}")
    staged.write_text(candidate, encoding="utf-8")
    os.replace(staged, marker)
    return [(table, int(spark.sql(f"select count(*) from marts.{table}").first()[0])) for table in tables]


def build_and_publish_spark(dbt_args: list[str], docs: Path | None = None, echo: Echo = print) -> bool:
    """Write-audit-publish on the `spark` target (a local session in this process); True when published.
    A failed build or audit leaves the published views as they were (the candidate stays, to inspect)."""
    from pyspark.sql import SparkSession

    from .build import build_marts_into
    from .check import audit_passed, run_checks_spark
    from .publish import published_line

    live = live_schema()
    candidate = COLOURS[1] if live == COLOURS[0] else COLOURS[0]
    kept = f"the published marts (views over {live or 'nothing yet'}) are left exactly as they were"

    echo(f"== 1/3 dbt build into the candidate schema {candidate} on Spark ({spark_dir()})")
    if not build_marts_into(candidate, dbt_args, kept, echo):
        return False

    spark = SparkSession.builder.getOrCreate()  # dbt's session, in this process
    echo("== 2/3 audit: Great Expectations checks on the candidate (in Spark)")
    if not audit_passed(run_checks_spark(spark, candidate, docs, echo=echo), kept, echo):
        return False

    began = time.perf_counter()
    echo(f"== 3/3 publish: the views of schema marts now read {candidate}")
    echo(published_line(publish_views(spark, candidate), began))
    return True
