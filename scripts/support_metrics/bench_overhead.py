"""dbt's fixed cost per run at the demo size: start and imports, parse, hook, seeds, nodes and tests.

Every step runs as a user runs it, a fresh `support-metrics ...` process, repeated; the figure is the
median wall time. dbt's target/run_results.json splits a run into its hook, each node's execution and
the rest; the engine's own share is each table model's compiled SQL run again straight in DuckDB. The
incremental case holds the demo's last day back, builds the rest, then lands that day and builds again.
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .console import Echo, table
from .demo import DEMO_SIZE
from .warehouse import connect


def _cli(*args: str) -> list[str]:
    return [str(Path(sys.executable).with_name("support-metrics")), *args]


def _wall(command: list[str]) -> float:
    """Seconds the command took in its own process; an error carrying its output's end when it failed."""
    began = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode:
        raise RuntimeError(f"{' '.join(command[1:])} failed:\n{(done.stdout + done.stderr)[-2000:]}")
    return time.perf_counter() - began


def median_wall(command: list[str], repeat: int, before: Callable[[], object] | None = None) -> float:
    """The median of `repeat` wall times of the command, each after before() (untimed)."""
    walls = []
    for _ in range(repeat):
        if before:
            before()
        walls.append(_wall(command))
    return statistics.median(walls)


@dataclass(frozen=True)
class RunSplit:
    """One dbt run from its run_results.json: inside dbt, the hook, the nodes, and the engine's share."""

    elapsed: float
    hook: float
    nodes: float
    node_count: int
    engine: float


def engine_seconds(warehouse: Path, results: list[dict[str, object]], manifest: dict[str, object]) -> float:
    """Each table or incremental model's compiled select run again straight in DuckDB, on a copy; seconds."""
    nodes = manifest["nodes"]
    work = Path(tempfile.mkdtemp(prefix="bench-overhead-"))
    copy = work / warehouse.name  # same name, same catalog: the compiled SQL names it
    shutil.copy(warehouse, copy)
    con = connect(copy)
    try:
        seconds = 0.0
        for result in results:
            node = nodes.get(str(result["unique_id"]), {})  # type: ignore[union-attr]
            if node.get("config", {}).get("materialized") not in ("table", "incremental"):
                continue
            began = time.perf_counter()
            con.execute(f"create or replace temp table bench_engine as {result['compiled_code']}")
            seconds += time.perf_counter() - began
        return seconds
    finally:
        con.close()
        shutil.rmtree(work, ignore_errors=True)


def run_split(target: Path, warehouse: Path) -> RunSplit:
    """Split the last run recorded in `target` (dbt's target folder)."""
    run = json.loads((target / "run_results.json").read_text(encoding="utf-8"))
    results = run["results"]
    hook = sum(r["execution_time"] for r in results if r["unique_id"].startswith("operation."))
    models = [r for r in results if r["unique_id"].startswith("model.")]
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    return RunSplit(run["elapsed_time"], hook, sum(r["execution_time"] for r in models), len(models),
                    engine_seconds(warehouse, models, manifest))


def split_rows(label: str, wall: float, split: RunSplit) -> list[list[object]]:
    """Rows that say where one run's wall time went."""
    return [
        [f"{label}: wall", round(wall, 2), ""],
        ["  outside the run: start, imports, parse, artifacts", round(wall - split.elapsed, 2), "wall - dbt's elapsed"],
        ["  inside the run (dbt's elapsed)", round(split.elapsed, 2), "2 threads"],
        ["    on-run-start hook", round(split.hook, 2), ""],
        [f"    {split.node_count} models, summed over threads", round(split.nodes, 2), "thread-seconds"],
        ["    of which the engine (compiled SQL alone)", round(split.engine, 2), "tables and incrementals"],
        ["    of which dbt, per model", round((split.nodes - split.engine) / max(split.node_count, 1), 3),
         "(models - engine) / models"],
    ]


class Scratch:
    """A warehouse in a scratch folder, with the published file and Data Docs `support-metrics build` writes."""

    def __init__(self, work: Path, name: str) -> None:
        self.work, self.warehouse = work, work / name
        self.published, self.docs = work / "published" / name, work / "data-docs"

    def dbt(self, *args: str) -> list[str]:
        return _cli("dbt", "--warehouse", str(self.warehouse), "--", *args)

    def build(self) -> list[str]:
        return _cli("build", "--warehouse", str(self.warehouse), "--published", str(self.published),
                    "--docs", str(self.docs))

    def saved(self) -> Callable[[], None]:
        """Keep the warehouse and its published file as they are now; the callable puts them back."""
        kept = self.work / "kept"
        kept.mkdir(exist_ok=True)
        for path in (self.warehouse, self.published):
            if path.exists():
                shutil.copy(path, kept / f"{path.parent.name}.{path.name}")

        def restore() -> None:
            for path in (self.warehouse, self.published):
                if (kept / f"{path.parent.name}.{path.name}").exists():
                    shutil.copy(kept / f"{path.parent.name}.{path.name}", path)
        return restore


def no_op_rows(scratch: Scratch, repeat: int, target: Path) -> list[list[object]]:
    """Start, imports, parse (full, warm, after another warehouse), a no-op run, seeds, tests, the build."""
    other = scratch.work / "other" / scratch.warehouse.name
    imports = [sys.executable, "-c", "import dbt.cli.main, dbt.adapters.duckdb"]
    rows: list[list[object]] = [
        ["interpreter and CLI: support-metrics --version", round(median_wall(_cli("--version"), repeat), 2), ""],
        ["import dbt-core and dbt-duckdb", round(median_wall(imports, repeat), 2), "python -c import"],
        ["parse, full: dbt parse --no-partial-parse", round(median_wall(scratch.dbt("parse", "--no-partial-parse"),
                                                                        repeat), 2), "wall"],
        ["parse, warm: dbt parse again", round(median_wall(scratch.dbt("parse"), repeat), 2), "wall"],
        ["parse, after a parse for another warehouse", round(median_wall(
            scratch.dbt("parse"), repeat, lambda: _wall(_cli("dbt", "--warehouse", str(other), "--", "parse"))), 2),
         "wall"],
    ]
    wall = median_wall(scratch.dbt("run"), repeat)
    rows += split_rows("no-op dbt run", wall, run_split(target, scratch.warehouse))
    rows += [
        ["dbt seed", round(median_wall(scratch.dbt("seed"), repeat), 2), "wall"],
        ["dbt test, data tests", round(median_wall(scratch.dbt("test", "--select", "test_type:data"), repeat), 2),
         "wall"],
        ["dbt test, unit tests", round(median_wall(scratch.dbt("test", "--select", "test_type:unit"), repeat), 2),
         "wall"],
    ]
    _wall(scratch.build())  # the build before: the timed ones find nothing new since it
    rows.append(["no-op support-metrics build (build, check, publish)", round(median_wall(scratch.build(), repeat), 2),
                 "wall, after a build"])
    return rows


def incremental_rows(work: Path, repeat: int, target: Path, echo: Echo) -> list[list[object]]:
    """The demo's history but its last day built, then that day landed and built: `dbt run` and the build."""
    from .bench_build import split_last_day
    from .generate import generate

    generate(work / "generated", **DEMO_SIZE)
    cutoff = split_last_day(work / "generated", work / "first", work / "last")
    shutil.rmtree(work / "generated")
    scratch = Scratch(work, "demo.duckdb")
    landing = work / "landing"
    shutil.copytree(work / "first", landing)
    load = _cli("load", "--raw-dir", str(landing), "--warehouse", str(scratch.warehouse))
    _wall(load)
    echo(f"  incremental: the demo without its last day ({cutoff}) built in {_wall(scratch.build()):.1f}s")
    shutil.copytree(work / "last", landing, dirs_exist_ok=True)
    _wall(load)
    restore = scratch.saved()
    wall = median_wall(scratch.dbt("run"), repeat, restore)
    rows = split_rows("one more day: dbt run", wall, run_split(target, scratch.warehouse))
    rows.append(["one more day: support-metrics build", round(median_wall(scratch.build(), repeat, restore), 2),
                 "wall"])
    return rows


def run(warehouse: Path, repeat: int, incremental: bool, echo: Echo, workdir: Path | None = None) -> list[list[object]]:
    """Print and return the figures: no-op steps on a copy of `warehouse`, then one more day at the demo size."""
    from .build import dbt_target_dir

    if not warehouse.exists():
        raise FileNotFoundError(f"no warehouse at {warehouse}: run `support-metrics demo` first")
    rows: list[list[object]] = []
    for case in ("no-op", "incremental") if incremental else ("no-op",):
        work = Path(tempfile.mkdtemp(prefix="bench-overhead-", dir=workdir))
        try:
            if case == "no-op":
                scratch = Scratch(work, warehouse.name)
                shutil.copy(warehouse, scratch.warehouse)
                rows += no_op_rows(scratch, repeat, dbt_target_dir())
            else:
                rows += incremental_rows(work, repeat, dbt_target_dir(), echo)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    echo(table(["step", f"median s of {repeat}", "note"], rows))
    return rows
