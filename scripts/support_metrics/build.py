"""Run dbt in-process (dbt's programmatic runner) against this project, from any folder."""

from __future__ import annotations

import os
from pathlib import Path

from .warehouse import PROJECT_DIR, warehouse_path


def dbt_environment(warehouse: str | Path | None = None) -> Path:
    """Export the env vars profiles.yml reads: absolute warehouse path and machine-sized defaults."""
    target = warehouse_path(warehouse)
    target.parent.mkdir(parents=True, exist_ok=True)
    os.environ["SUPPORT_WAREHOUSE"] = str(target)
    os.environ.setdefault("SUPPORT_DUCKDB_THREADS", str(os.cpu_count() or 1))
    os.environ.setdefault("SUPPORT_DBT_THREADS", str(os.cpu_count() or 1))
    os.environ.setdefault("SUPPORT_DUCKDB_TEMP_DIR", str(target.parent / "duckdb_tmp"))
    os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
    return target


def run_dbt(args: list[str], warehouse: str | Path | None = None) -> bool:
    """Invoke one dbt command (e.g. ["build", "--select", "staging"]); True when it succeeded."""
    from dbt.cli.main import dbtRunner  # imported late: dbt costs seconds to import

    dbt_environment(warehouse)
    paths = ["--project-dir", str(PROJECT_DIR), "--profiles-dir", str(PROJECT_DIR)]
    result = dbtRunner().invoke([*args, *paths])
    return bool(result.success)
