"""The same project on PostgreSQL: a throwaway server on 127.0.0.1 (`make test` installs the Debian
package postgresql when its binaries are missing), the loader's raw schema copied there, `dbt build`
with every test, marts equal to DuckDB's from the same data, and a reader role that sees only the marts."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from support_metrics.postgres import Server, copy_raw_to_postgres, start_server, stop_server

from .conftest import MODELS_ONLY, Built, adapter_build_args, source_vars
from .engines import STAGED_BY_THE_ADAPTERS, assert_schema_equal, quoted


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    running = start_server()
    yield running
    stop_server(running)


@pytest.fixture(scope="module")
def built_on_postgres(server: Server, built_projects: Callable[[str], Built]) -> tuple[Server, Path]:
    duck = built_projects("clean")
    assert not duck.failure, duck.failure[-2000:]
    copied = copy_raw_to_postgres(duck.warehouse, server.dsn)
    assert copied["helpdesk__messages"] > 1000
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUPPORT_")} | server.env()
    env |= {"DBT_TARGET_PATH": str(duck.warehouse.parent / "pg_target"),
            "DBT_LOG_PATH": str(duck.warehouse.parent / "pg_logs")}
    done = subprocess.run([sys.executable, "-m", "support_metrics", "dbt", "--", "build"], env=env,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout[-4000:]
    return server, duck.warehouse


def assert_postgres_equal(server: Server, warehouse: Path, schema: str = "marts", at_least: int = 25) -> int:
    """Every relation of the schema on the server equals the DuckDB warehouse's; the rows compared."""
    import psycopg2

    pg = psycopg2.connect(server.dsn)

    def fetch(name: str, columns: list[str]) -> list[tuple[Any, ...]]:
        cursor = pg.cursor()
        cursor.execute(f"select {quoted(columns)} from {schema}.{name}")
        return cursor.fetchall()

    try:
        return assert_schema_equal(warehouse, fetch, schema, at_least)
    finally:
        pg.close()


def test_every_mart_equals_duckdb_on_the_same_data(built_on_postgres: tuple[Server, Path]) -> None:
    server, warehouse = built_on_postgres
    assert assert_postgres_equal(server, warehouse) > 1000


def test_bi_reader_reads_the_marts_and_nothing_else(built_on_postgres: tuple[Server, Path]) -> None:
    import psycopg2

    server, _ = built_on_postgres
    admin = psycopg2.connect(server.dsn.replace("user=support password=support", "user=postgres"))
    admin.autocommit = True
    admin.cursor().execute("alter role bi_reader login")
    admin.close()
    reader = psycopg2.connect(server.dsn.replace("user=support password=support", "user=bi_reader"))
    reader.autocommit = True
    try:
        cursor = reader.cursor()
        cursor.execute("select count(*) from marts.fct_conversations")
        assert cursor.fetchone()[0] > 0  # type: ignore[index]
        for relation in ("raw.helpdesk__messages", "staging.stg_helpdesk__messages",
                         "intermediate.int_messages_classified"):
            with pytest.raises(psycopg2.errors.InsufficientPrivilege):
                cursor.execute(f"select count(*) from {relation}")
    finally:
        reader.close()


@pytest.mark.parametrize(("helpdesk", "billing"),
                         [("zendesk", "stripe"), ("intercom", "contract"), ("zendesk_airbyte", "contract")])
def test_source_adapters_stage_on_postgres_as_on_duckdb(server: Server, tmp_path: Path, helpdesk: str,
                                                        billing: str) -> None:
    """The adapters on PostgreSQL: the connector schemas copied there, the adapter's models and staging built,
    everything staged equal to DuckDB's from the same tables (engines.STAGED_BY_THE_ADAPTERS says why that is
    enough). PostgreSQL runs those models' data tests and the adapter's unit tests (the staging unit tests ran
    there in the contract build above); DuckDB only builds the models (its tests run in test_source_*)."""
    import psycopg2

    from support_metrics.connectors import CONNECTORS, write_shape
    from support_metrics.generate import generate
    from support_metrics.load import load_raw

    size = {"customers": 120, "days": 30, "seed": 4}
    tools = [tool for tool in (helpdesk, billing) if tool != "contract"]
    for tool in tools:
        generate(tmp_path / tool / "contract", **size)
        write_shape(tool, tmp_path / tool / "contract", tmp_path / tool / tool)
    warehouse = tmp_path / "w.duckdb"
    for raw_dir, source in ((tmp_path / helpdesk / "contract", "contract"),
                            *((tmp_path / tool / tool, tool) for tool in tools)):
        assert load_raw(raw_dir, warehouse, echo=lambda _: None, source=source).committed
    args = adapter_build_args(helpdesk_source=helpdesk, billing_source=billing)
    vars_only = source_vars(helpdesk, billing)
    base = {k: v for k, v in os.environ.items() if not k.startswith("SUPPORT_")}
    for name, env in (("duckdb", base | {"SUPPORT_WAREHOUSE": str(warehouse)}), ("postgres", base | server.env())):
        if name == "postgres":
            schemas = sorted({table.schema for tool in tools for table in CONNECTORS[tool].tables})
            copied = copy_raw_to_postgres(warehouse, server.dsn, ("raw", *schemas))
            required = [t.qualified for tool in tools for t in CONNECTORS[tool].tables if not t.optional]
            assert all(copied[table] > 0 for table in required), copied
            with psycopg2.connect(server.dsn) as fresh:  # the tests before this one built there: start clean
                fresh.cursor().execute("drop schema if exists staging, intermediate, marts cascade")
        env |= {"DBT_TARGET_PATH": str(tmp_path / f"{name}_target"), "DBT_LOG_PATH": str(tmp_path / f"{name}_logs")}
        tested = args if name == "postgres" else [*vars_only, *MODELS_ONLY]
        command = [sys.executable, "-m", "support_metrics", "dbt", "--", "build", *tested, *STAGED_BY_THE_ADAPTERS]
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        summary = done.stdout[done.stdout.find("Completed with"):] if "Completed with" in done.stdout else done.stdout
        assert done.returncode == 0, f"{name}: " + summary[-4000:]
    assert assert_postgres_equal(server, warehouse, "staging", at_least=20) > 1000
