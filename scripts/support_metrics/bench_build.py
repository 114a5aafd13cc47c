"""Build benchmark: generate, load, full build, then one more day loaded and built incrementally.

For each size the generated history is split at the start of its last day: everything before is
loaded and built from scratch (`dbt run --full-refresh`, after `dbt seed`), then the last day's
conversations, messages, events and survey responses arrive as new files and `dbt run` builds
incrementally. The floor is `bench_floor.sql`: fct_conversations and fct_issues computed straight from
the raw tables by one hand-written DuckDB script, no dbt. `bench noop` times a `dbt run` with nothing new at the
demo's size.
"""

from __future__ import annotations

import itertools
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

import duckdb

from .bench_generate import DAYS, customers_for
from .console import Echo, table
from .generate import generate
from .load import load_raw
from .measure import Measured, measured
from .warehouse import connect

FLOOR_SQL = Path(__file__).with_name("bench_floor.sql")
# Tables that grow by the day, and the column that says which day a row belongs to.
DAILY = {"helpdesk/conversations": "created_at", "helpdesk/messages": "created_at",
         "helpdesk/events": "created_at", "survey/responses": "responded_at"}


def split_last_days(raw: Path, first: Path, lasts: list[Path]) -> list[str]:
    """Write raw's tables as CSV into `first` (before the last len(lasts) days) and each of `lasts` (one day's
    rows of DAILY tables, in order; the last also gets anything later); return those days. Rows compare as
    ISO-8601 UTC text, which sorts as time."""
    con = duckdb.connect()
    try:
        end = con.execute(f"select cast(left(max(created_at), 10) as date) from read_csv("
                          f"'{raw}/helpdesk/conversations/*', all_varchar = true)").fetchone()[0]  # type: ignore[index]
        days = [str(end - timedelta(days=back)) for back in range(len(lasts) - 1, -1, -1)]
        bounds = list(zip([None, *days], [*days, None], strict=True))  # [from, until) of first, then of each last
        for folder in sorted({p.parent.relative_to(raw).as_posix() for p in raw.rglob("*.csv")}):
            source = f"read_csv('{raw}/{folder}/*.csv', all_varchar = true, header = true)"
            column = DAILY.get(folder)
            for target, (since, until) in zip([first, *lasts], bounds, strict=True):
                if column is None and target is not first:
                    continue
                conditions = [f"{column} >= '{since}'"] if column and since else []
                conditions += [f"{column} < '{until}'"] if column and until else []
                where = f"where {' and '.join(conditions)}" if conditions else ""
                out = target / folder / f"{target.name}.csv"
                out.parent.mkdir(parents=True, exist_ok=True)
                con.execute(f"copy (select * from {source} {where}) to '{out}' (header, delimiter ',')")
    finally:
        con.close()
    return days


def split_last_day(raw: Path, first: Path, last: Path) -> str:
    """split_last_days with one last day: `first` holds the days before it, `last` its rows; return it."""
    return split_last_days(raw, first, [last])[0]


def run_floor(warehouse: Path) -> int:
    """The hand-written floor on a raw-only warehouse; the issues it found."""
    con = connect(warehouse)
    try:
        con.execute(FLOOR_SQL.read_text(encoding="utf-8"))
        return int(con.execute("select count(*) from floor_issues").fetchone()[0])  # type: ignore[index]
    finally:
        con.close()


def _dbt(args: list[str], warehouse: Path) -> None:
    from .build import run_dbt

    if not run_dbt([*args, "--quiet"], warehouse):
        raise RuntimeError(f"dbt {' '.join(args)} failed on {warehouse}")


def _row(step: str, result: Measured, rows: int, unit: str) -> list[object]:
    return [step, round(result.seconds, 2), f"{rows / result.seconds:,.0f} {unit}/s", round(result.peak_mib)]


def keep_run_results(work: Path) -> Path:
    """Copy the last dbt run's run_results.json (seconds per model) next to the scratch folder, which goes."""
    from .build import dbt_target_dir

    kept = work.parent / f"{work.name}-incremental-run_results.json"
    shutil.copy(dbt_target_dir() / "run_results.json", kept)
    return kept


def bench_size(size: int, work: Path, echo: Echo, days: int = DAYS) -> dict[str, object]:
    """One size end to end in `work`, over `days` days of history; the figures of each step."""
    customers = customers_for(size, days)
    echo(f"~{size:,} conversations ({customers:,} customers x {days} days)")
    summary = generate(work / "generated", customers=customers, days=days)
    cutoff = split_last_day(work / "generated", work / "first", work / "last")
    shutil.rmtree(work / "generated")
    landing, warehouse, floor_copy = work / "landing", work / "w.duckdb", work / "floor.duckdb"
    shutil.copytree(work / "first", landing)
    echo(f"  {summary.conversations:,} conversations, {summary.messages:,} messages; last day {cutoff} held back")

    loaded = measured(lambda: load_raw(landing, warehouse, echo=lambda _: None).rows_loaded)
    shutil.copy(warehouse, floor_copy)
    floor = measured(lambda: run_floor(floor_copy))
    floor_copy.unlink()
    measured(lambda: _dbt(["seed"], warehouse))  # in a child, like every step: this process never opens the file
    full = measured(lambda: _dbt(["run", "--full-refresh"], warehouse))
    shutil.copytree(work / "last", landing, dirs_exist_ok=True)
    loaded_day = measured(lambda: load_raw(landing, warehouse, echo=lambda _: None).rows_loaded)
    incremental = measured(lambda: _dbt(["run"], warehouse))
    echo(f"  seconds per model of the incremental run: {keep_run_results(work)}")
    noop = measured(lambda: _dbt(["run"], warehouse))  # nothing new landed since

    conversations = summary.conversations
    rows = [
        _row("load (all but the last day)", loaded, loaded.value, "rows"),
        _row("floor: hand-written SQL, 2 facts", floor, conversations, "conv"),
        _row("full build: dbt run --full-refresh", full, conversations, "conv"),
        _row("load the last day", loaded_day, max(loaded_day.value, 1), "rows"),
        _row("incremental build: dbt run", incremental, conversations, "conv"),
        _row("nothing new: dbt run", noop, conversations, "conv"),
    ]
    echo(table(["step", "seconds", "throughput", "peak MiB"], rows))
    echo(f"  full / floor {full.seconds / floor.seconds:.2f}x (goal <= 3x); incremental / full "
         f"{incremental.seconds / full.seconds:.0%} (goal < 15%); nothing new / full {noop.seconds / full.seconds:.0%} "
         f"(goal <= 5%); full build {1e6 * full.seconds / conversations:.1f} "
         "us per conversation")
    return {"conversations": conversations, "messages": summary.messages, "load": loaded.seconds,
            "floor": floor.seconds, "full": full.seconds, "full_peak_mib": full.peak_mib,
            "incremental": incremental.seconds, "incremental_peak_mib": incremental.peak_mib, "noop": noop.seconds}


def run(sizes: list[int], echo: Echo, workdir: Path | None = None, days: int = DAYS) -> list[dict[str, object]]:
    results = []
    for size in sizes:
        work = Path(tempfile.mkdtemp(prefix="bench-build-", dir=workdir))
        try:
            results.append(bench_size(size, work, echo, days))
        finally:
            shutil.rmtree(work, ignore_errors=True)
        echo("")
    rows = [[r["conversations"], r["messages"], round(r["floor"], 1), round(r["full"], 1),  # type: ignore[call-overload]
             f"{r['full'] / r['floor']:.2f}x", round(r["incremental"], 1),  # type: ignore[operator]
             f"{r['incremental'] / r['full']:.0%}", round(r["noop"], 1),  # type: ignore[call-overload]
             f"{r['noop'] / r['full']:.0%}", f"{1e6 * r['full'] / r['conversations']:.1f}",  # type: ignore[operator]
             round(r["full_peak_mib"])] for r in results]  # type: ignore[call-overload]
    echo(table(["conversations", "messages", "floor s", "full s", "full/floor", "incr s", "incr/full",
                "no-op s", "no-op/full", "us/conv", "full peak MiB"], rows))
    echo(f"{platform.machine()}, duckdb {duckdb.__version__}; goals at 1M: full <= 3x floor and < 300 s, "
         "< 6,144 MiB; incremental < 15% of full; no-op <= 5% of full; us/conv at 1M within 1.5x of 100k")
    return results


# Where a dbt command's wall time goes: each phase ends at the first event of that name in dbt's JSON log.
PHASES = {"start-up": "MainReportVersion", "parse": "FoundStats", "set-up": "NodeStart",
          "nodes": "FinishedRunningStats", "artifacts": "CommandCompleted"}


def _cli(args: list[str], work: Path) -> tuple[float, float, dict[str, float]]:
    """Wall and CPU seconds of one `support-metrics ...` command in a child process (dbt's target and logs in
    `work`), and the wall seconds of each dbt phase (PHASES, then the exit) when it ran dbt."""
    log = Path(tempfile.mkdtemp(prefix="logs-", dir=work)) / "dbt.log"  # its own: dbt rotates a log past 10 MB
    env = os.environ | {"DBT_TARGET_PATH": str(work / "target"), "DBT_LOG_PATH": str(log.parent),
                        "DBT_LOG_FORMAT_FILE": "json"}
    started, clock, cpu = time.time(), time.perf_counter(), _children_cpu()
    done = subprocess.run([sys.executable, "-m", "support_metrics", *args], env=env, capture_output=True, text=True,
                          check=False)
    seconds, ended, cpu = time.perf_counter() - clock, time.time(), _children_cpu() - cpu
    if done.returncode:
        raise RuntimeError(f"support-metrics {' '.join(args)} failed: {done.stdout[-2000:]}{done.stderr[-2000:]}")
    first: dict[str, float] = {}
    for line in (log.read_text(encoding="utf-8").splitlines() if log.exists() else []):
        info = json.loads(line)["info"]
        first.setdefault(info["name"], datetime.fromisoformat(info["ts"]).timestamp())
    marks = [started, *(first.get(name, started) for name in PHASES.values()), ended]
    phases = dict(zip([*PHASES, "exit"], (b - a for a, b in itertools.pairwise(marks)), strict=True))
    return seconds, cpu, phases if first else {}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def bench_noop(work: Path, echo: Echo, repeats: int = 3) -> list[float]:
    """The demo's operation loaded and built once; then `repeats` times a load and a `dbt run` with nothing new."""
    from .demo import DEMO_SIZE

    summary = generate(work / "raw", **DEMO_SIZE)
    warehouse = ["--warehouse", str(work / "w.duckdb")]
    load_all, seed, run = (["load", "--raw-dir", str(work / "raw"), *warehouse], ["dbt", *warehouse, "--", "seed"],
                           ["dbt", *warehouse, "--", "run"])
    echo(f"{summary.conversations:,} conversations, {summary.messages:,} messages (the demo's size)")
    for name, step in (("load", load_all), ("dbt -- seed", seed), ("dbt -- run", run)):
        echo(f"  set-up: support-metrics {name}: {_cli(step, work)[0]:.1f} s")
    rows, seconds = [], []
    for repeat in range(1, repeats + 1):
        load = _cli(load_all, work)[0]
        took, cpu, split = _cli(run, work)
        seconds.append(took)
        results = json.loads((work / "target" / "run_results.json").read_text(encoding="utf-8"))["results"]
        nodes = json.loads((work / "target" / "manifest.json").read_text(encoding="utf-8"))["nodes"]
        incremental = [r for r in results if nodes.get(r["unique_id"], {}).get("config", {}).get("materialized")
                       == "incremental"]
        rows.append([repeat, round(load, 2), round(took, 2), round(cpu, 2), *(round(s, 2) for s in split.values()),
                     len(results), round(sum(r["execution_time"] for r in results), 2),
                     f"{sum(r['execution_time'] for r in incremental):.2f} ({len(incremental)})"])
    phases = [f"{phase} s" for phase in [*PHASES, "exit"]]
    echo(table(["run", "load s (all skipped)", "dbt run s", "CPU s", *phases, "nodes", "node s (summed)",
                "incremental nodes s"], rows))
    echo(f"{platform.machine()}, duckdb {duckdb.__version__}; goal: `support-metrics dbt -- run` with nothing new "
         f"under 3 s (best {min(seconds):.2f} s)")
    return seconds


def run_noop(echo: Echo, workdir: Path | None = None) -> list[float]:
    """bench_noop in a scratch folder under `workdir`, removed after; the no-op runs' wall seconds."""
    work = Path(tempfile.mkdtemp(prefix="bench-noop-", dir=workdir))
    try:
        return bench_noop(work, echo)
    finally:
        shutil.rmtree(work, ignore_errors=True)
