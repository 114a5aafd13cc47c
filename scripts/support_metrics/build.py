"""Run dbt in-process (dbt's programmatic runner) against this project, from any folder."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from .warehouse import PROJECT_DIR, quote, warehouse_path

if TYPE_CHECKING:
    import duckdb


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


PARSES_KEPT = 8  # saved parses, one per configuration (warehouse, settings, vars); the oldest go first


def _flag_values(args: list[str], flag: str) -> list[str]:
    """Every value given to `flag` in args, as `--flag value` or `--flag=value`."""
    spaced = [value for name, value in pairwise(args) if name == flag]
    return spaced + [arg.split("=", 1)[1] for arg in args if arg.startswith(f"{flag}=")]


def configuration(args: list[str]) -> str:
    """A short digest of what dbt compiles differently: the project's settings (the warehouse path, its
    engine settings), --vars and --target."""
    settings = sorted((k, v) for k, v in os.environ.items() if k.startswith(("SUPPORT_", "DBT_ENV_")))
    key = json.dumps([settings, _flag_values(args, "--vars"), _flag_values(args, "--target")])
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def saved_parse(args: list[str]) -> Path:
    """Where the parse of this configuration is kept between runs. dbt reparses the whole project when
    --vars or the profile's connection (the warehouse path, its settings) differ from its last parse; one
    saved parse per configuration keeps each warm (docs/DECISIONLOG.md, "dbt's fixed cost")."""
    return dbt_target_dir() / "partial_parse" / f"{configuration(args)}.msgpack"


def _keep_parse(written: Path, saved: Path, since: float) -> None:
    """Copy the parse dbt wrote after `since` to `saved` (atomically), and drop the oldest saved parses."""
    if not written.exists() or written.stat().st_mtime < since:
        return  # dbt found nothing changed and wrote no parse: the saved one is still this configuration's
    saved.parent.mkdir(parents=True, exist_ok=True)
    staged = saved.with_name(f".{saved.name}.{os.getpid()}")
    shutil.copyfile(written, staged)
    os.replace(staged, saved)
    for old in sorted(saved.parent.glob("*.msgpack"), key=lambda p: p.stat().st_mtime)[:-PARSES_KEPT]:
        old.unlink(missing_ok=True)


@contextmanager
def _parse_keyed_by_database_name() -> Iterator[None]:
    """dbt reparses the whole project (5 s and more) when the profile's connection differs from its last parse's,
    and dbt-duckdb counts the file's folder and its engine settings in it, which nothing in the project reads.
    While dbt runs here, the DuckDB connection counts by its database name (the file's name), schema and the
    rest, not `path` or `settings` (docs/DECISIONLOG.md, "dbt's fixed cost")."""
    from dbt.adapters.duckdb.credentials import DuckDBCredentials

    keys = DuckDBCredentials._connection_keys
    DuckDBCredentials._connection_keys = lambda self: tuple(  # type: ignore[method-assign]
        key for key in keys(self) if key not in ("path", "settings"))
    try:
        yield
    finally:
        DuckDBCredentials._connection_keys = keys  # type: ignore[method-assign]


def run_dbt(args: list[str], warehouse: str | Path | None = None) -> bool:
    """Invoke one dbt command (e.g. ["build", "--select", "staging"]); True when it succeeded.

    dbt starts from this configuration's saved parse, so only files changed since it are parsed again.
    """
    from dbt.cli.main import dbtRunner  # imported late: dbt costs seconds to import

    dbt_environment(warehouse)
    paths = ["--project-dir", str(PROJECT_DIR), "--profiles-dir", str(PROJECT_DIR)]
    saved = saved_parse(args)
    reuse = ["--partial-parse-file-path", str(saved)] if saved.exists() and not _flag_values(
        args, "--partial-parse-file-path") else []
    target = Path(next(iter(_flag_values(args, "--target-path")), "") or dbt_target_dir())
    began = time.time()
    with _parse_keyed_by_database_name():
        result = dbtRunner().invoke([*args, *paths, *reuse])
    _keep_parse((PROJECT_DIR / target) / "partial_parse.msgpack", saved, began)
    return bool(result.success)


def build_marts_into(candidate: str, dbt_args: list[str], kept: str, echo: Callable[[str], None]) -> bool:
    """Step 1 of write-audit-publish on a server engine: empty the schema `candidate` (run-operation
    drop_schema_named), then dbt build with the marts in it ($SUPPORT_MARTS_SCHEMA); False, saying what was
    kept, when either failed."""
    began = time.perf_counter()
    os.environ["SUPPORT_MARTS_SCHEMA"] = candidate
    try:
        built = run_dbt(["run-operation", "drop_schema_named", "--args", json.dumps({"schema": candidate})]) \
            and run_dbt(["build", *dbt_args])
    finally:
        os.environ.pop("SUPPORT_MARTS_SCHEMA")
    if not built:
        echo(f"dbt build failed (see dbt's output above); {kept}")
        return False
    echo(f"  built in {time.perf_counter() - began:.1f}s")
    return True


SEMANTIC_MANIFEST = PROJECT_DIR / "target" / "semantic_manifest.json"  # where MetricFlow's `mf` looks, always
SEMANTIC_PARSES = PROJECT_DIR / "target" / "semantic"  # one parse per configuration: <configuration>/


def _stale(manifest: Path) -> bool:
    """True when a model, macro, seed or the project file changed after the semantic manifest was written."""
    if not manifest.exists():
        return True
    written = manifest.stat().st_mtime
    sources = [PROJECT_DIR / "dbt_project.yml"]
    for folder in ("models", "macros", "seeds"):
        sources.extend(path for path in (PROJECT_DIR / folder).rglob("*") if path.is_file())
    return any(path.stat().st_mtime > written for path in sources)


def run_metricflow(args: list[str], warehouse: str | Path | None = None) -> int:
    """Run MetricFlow's `mf` (e.g. ["query", "--metrics", "csat"]) on the warehouse; its exit code.

    The semantic manifest names each table's database (on DuckDB the warehouse file's name), so each
    warehouse has a parse of its own, in target/semantic/<configuration>/, made again when the project
    changed. `mf` reads target/semantic_manifest.json only: the warehouse's manifest is put there for the run,
    under a lock, so two runs on two warehouses never read each other's.
    """
    import fcntl

    dbt_environment(warehouse)
    parsed = SEMANTIC_PARSES / configuration([])
    if _stale(parsed / SEMANTIC_MANIFEST.name) and not run_dbt(["parse", "--quiet", "--target-path", str(parsed)]):
        return 1
    env = {**os.environ, "DBT_PROJECT_DIR": str(PROJECT_DIR), "DBT_PROFILES_DIR": str(PROJECT_DIR)}
    mf = Path(sys.executable).with_name("mf")
    with (SEMANTIC_PARSES / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        staged = SEMANTIC_MANIFEST.with_name(f".{SEMANTIC_MANIFEST.name}.{os.getpid()}")
        shutil.copyfile(parsed / SEMANTIC_MANIFEST.name, staged)
        os.replace(staged, SEMANTIC_MANIFEST)
        return subprocess.run([str(mf), *args], cwd=PROJECT_DIR, env=env, check=False).returncode


# What `support-metrics build` can leave out of a `dbt build` and still publish the same, checked marts
# (docs/DECISIONLOG.md, "dbt's fixed cost"): seeds whose tables already hold the seed files as they are,
# and unit tests that passed before on the same code, engine and arguments (their inputs are fixtures).
UNIT_TESTS_PASSED = "unit_tests_passed"  # in the target folder: the code digests unit tests passed on
KEPT_DIGESTS = 16


def _digest(paths: list[Path], *more: str) -> str:
    """sha256 over each file's project-relative path and bytes, then `more`."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(f"{path.relative_to(PROJECT_DIR)}\0".encode())
        digest.update(path.read_bytes())
    for text in more:
        digest.update(f"\0{text}".encode())
    return digest.hexdigest()


def _files(*folders: str) -> list[Path]:
    return [p for folder in folders for p in (PROJECT_DIR / folder).rglob("*") if p.is_file()]


def _versions() -> str:
    from importlib.metadata import version

    return " ".join(f"{name}={version(name)}" for name in ("dbt-core", "dbt-duckdb", "duckdb"))


def seeds_digest() -> str:
    """What the seed tables are made of: the seed files, dbt_project.yml (their column types) and versions."""
    return _digest([*_files("seeds"), PROJECT_DIR / "dbt_project.yml"], _versions())


def code_digest(args: list[str]) -> str:
    """What a unit test's outcome depends on: the project's code and seeds, versions, the target and args."""
    files = [*_files("models", "macros", "tests", "seeds"), PROJECT_DIR / "dbt_project.yml",
             PROJECT_DIR / "profiles.yml"]
    return _digest(files, _versions(), os.environ.get("SUPPORT_TARGET", "duckdb"), json.dumps(args))


def seed_tables() -> list[str]:
    return sorted(path.stem for path in (PROJECT_DIR / "seeds").glob("*.csv"))


def rows_fingerprint(con: duckdb.DuckDBPyConnection, schema: str, name: str) -> str:
    """A table's row count and the sum of its rows' hashes: any row added, removed or changed moves it."""
    rows = con.execute(f'select count(*), coalesce(sum(hash(t)::hugeint), 0) from {quote(schema)}.{quote(name)} as t')
    count, hashed = rows.fetchone() or (0, 0)
    return f"{count} {hashed}"


def _seed_stamps(con: duckdb.DuckDBPyConnection, digest: str) -> dict[str, str]:
    """What each seed table's comment says when it holds the seed files of `digest` as they were loaded:
    the digest and the table's own rows, so a reload by hand shows."""
    return {name: f"seeds {digest} rows {rows_fingerprint(con, 'raw', name)}" for name in seed_tables()}


def seeds_loaded(warehouse: Path) -> bool:
    """True when every seed table holds the seed files as they are now, by its comment and its rows."""
    import duckdb

    con = duckdb.connect(str(warehouse))  # as publish does: dbt-duckdb may hold the file in this process
    try:
        comments = dict(con.execute("select table_name, coalesce(comment, '') from duckdb_tables() "
                                    "where schema_name = 'raw'").fetchall())
        if not all(name in comments for name in seed_tables()):
            return False
        return all(comments[name] == stamp for name, stamp in _seed_stamps(con, seeds_digest()).items())
    finally:
        con.close()


def whole_duckdb_build(args: list[str]) -> bool:
    """True when the build is on DuckDB, selects every node and rebuilds nothing from scratch."""
    if os.environ.get("SUPPORT_TARGET", "duckdb") != "duckdb":
        return False
    narrowing = ("--select", "-s", "--exclude", "--selector", "--resource-type", "--exclude-resource-type",
                 "--full-refresh", "-f")
    return not any(a.split("=", 1)[0] in narrowing for a in args)


def build_skips(warehouse: Path, args: list[str]) -> dict[str, str]:
    """The resource types this DuckDB build of `args` may leave out, each with why."""
    if not whole_duckdb_build(args):
        return {}
    skips = {}
    if warehouse.exists() and seeds_loaded(warehouse):
        skips["seed"] = "the seed tables hold the seed files as they are"
    passed = dbt_target_dir() / UNIT_TESTS_PASSED
    if passed.exists() and code_digest(args) in passed.read_text(encoding="utf-8").split():
        skips["unit_test"] = "they passed on this code, engine and arguments"
    return skips


def record_build(warehouse: Path, args: list[str], skipped: dict[str, str]) -> None:
    """After a whole build succeeded: stamp the seed tables it loaded, and note the code its unit tests passed on."""
    if not whole_duckdb_build(args):
        return
    if "seed" not in skipped:
        import duckdb

        con = duckdb.connect(str(warehouse))
        try:
            for name, stamp in _seed_stamps(con, seeds_digest()).items():
                con.execute(f"comment on table raw.\"{name}\" is '{stamp}'")
        finally:
            con.close()
    if "unit_test" not in skipped:
        passed = dbt_target_dir() / UNIT_TESTS_PASSED
        kept = passed.read_text(encoding="utf-8").split() if passed.exists() else []
        passed.parent.mkdir(parents=True, exist_ok=True)
        passed.write_text("\n".join([*kept, code_digest(args)][-KEPT_DIGESTS:]) + "\n", encoding="utf-8")
