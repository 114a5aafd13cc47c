"""Run dbt in-process (dbt's programmatic runner) against this project, from any folder."""

from __future__ import annotations

import os
import subprocess
import sys
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
    if os.environ.get("SUPPORT_TARGET") == "spark":
        from .spark import spark_environment  # imported late: the Spark set is optional

        os.environ.update(spark_environment())
    return target


def dbt_target_dir() -> Path:
    """Where dbt writes its artifacts: $DBT_TARGET_PATH (relative to the project), else target/ in the project."""
    return (PROJECT_DIR / os.environ.get("DBT_TARGET_PATH", "target")).resolve()


def run_dbt(args: list[str], warehouse: str | Path | None = None) -> bool:
    """Invoke one dbt command (e.g. ["build", "--select", "staging"]); True when it succeeded."""
    from dbt.cli.main import dbtRunner  # imported late: dbt costs seconds to import

    dbt_environment(warehouse)
    paths = ["--project-dir", str(PROJECT_DIR), "--profiles-dir", str(PROJECT_DIR)]
    result = dbtRunner().invoke([*args, *paths])
    return bool(result.success)


SEMANTIC_MANIFEST = PROJECT_DIR / "target" / "semantic_manifest.json"  # where MetricFlow's `mf` looks, always


def _semantic_manifest_stale() -> bool:
    """True when a model, macro, seed or the project file changed after the semantic manifest was written."""
    if not SEMANTIC_MANIFEST.exists():
        return True
    written = SEMANTIC_MANIFEST.stat().st_mtime
    sources = [PROJECT_DIR / "dbt_project.yml"]
    for folder in ("models", "macros", "seeds"):
        sources.extend(path for path in (PROJECT_DIR / folder).rglob("*") if path.is_file())
    return any(path.stat().st_mtime > written for path in sources)


def run_metricflow(args: list[str], warehouse: str | Path | None = None) -> int:
    """Run MetricFlow's `mf` (e.g. ["query", "--metrics", "csat"]) on the warehouse; its exit code.

    `mf` reads target/semantic_manifest.json under the project root, so dbt parses into that folder first
    whenever the project changed since the last parse.
    """
    dbt_environment(warehouse)
    if _semantic_manifest_stale() and not run_dbt(["parse", "--quiet", "--target-path", str(SEMANTIC_MANIFEST.parent)]):
        return 1
    env = {**os.environ, "DBT_PROJECT_DIR": str(PROJECT_DIR), "DBT_PROFILES_DIR": str(PROJECT_DIR)}
    mf = Path(sys.executable).with_name("mf")
    return subprocess.run([str(mf), *args], cwd=PROJECT_DIR, env=env, check=False).returncode
