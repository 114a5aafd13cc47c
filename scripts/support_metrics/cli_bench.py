"""`support-metrics bench …`: the benchmarks' command line, thin wrappers that parse arguments and call the
bench_* modules (each prints its figures; docs/benchmarks.md records them)."""

from __future__ import annotations

from pathlib import Path

import click

from .connectors import CONNECTORS
from .console import fail as _fail
from .generate.writer import FORMAT_CHOICES as FORMATS

WORKDIR = click.option("--workdir", type=click.Path(path_type=Path, file_okay=False, exists=True),
                       help="Scratch folder, an existing one [default: $TMPDIR].")


@click.group()
def bench() -> None:
    """Benchmarks that print wall seconds, rows per second and peak memory (docs/benchmarks.md)."""


@bench.command("load")
@click.option("--rows", type=click.IntRange(min=1), default=3_000_000, show_default=True,
              help="Message rows to generate and load.")
@click.option("--files", type=click.IntRange(min=1), default=6, show_default=True, help="CSV files to split them into.")
@WORKDIR
def bench_load(rows: int, files: int, workdir: Path | None) -> None:
    """Time the loader against DuckDB's bare read_csv of the same CSV files (goal: under 2x)."""
    from .bench_load import run

    run(rows, files, click.echo, workdir)


@bench.command("build")
@click.option("--conversations", "sizes", type=click.IntRange(min=1000), multiple=True,
              default=(10_000, 100_000, 1_000_000), show_default=True, help="Sizes to run (repeatable).")
@WORKDIR
@click.option("--days", type=click.IntRange(min=2), default=120, show_default=True,
              help="Days of history; the customers are sized so each size has that many conversations. Compare "
                   "--conversations 1000000 with --conversations 3000000 --days 360: the same day, 3x the history.")
def bench_build(sizes: tuple[int, ...], workdir: Path | None, days: int) -> None:
    """Generate, load, full build, then load one more day and build incrementally, for each size;
    seconds, throughput and peak memory of each step, and the full build against a hand-written floor."""
    from .bench_build import run

    run(list(sizes), click.echo, workdir, days)


@bench.command("noop")
@WORKDIR
def bench_noop(workdir: Path | None) -> None:
    """Build the demo's operation, then time `support-metrics dbt -- run` with nothing new loaded (goal: under 3 s),
    three times; wall and CPU seconds, and dbt's phases: start-up, parse, set-up, nodes, artifacts, exit."""
    from .bench_build import run_noop

    run_noop(click.echo, workdir)


@bench.command("overhead")
@click.option("--warehouse", type=click.Path(path_type=Path, dir_okay=False), show_default="warehouse/demo.duckdb",
              help="A built warehouse whose copy the no-op steps run on.")
@click.option("--repeat", type=click.IntRange(min=1), default=3, show_default=True,
              help="Times each step runs; the median is printed.")
@click.option("--incremental/--no-incremental", default=True, show_default=True,
              help="Also build the demo without its last day, then that day, and time the second build.")
@WORKDIR
def bench_overhead(warehouse: Path | None, repeat: int, incremental: bool, workdir: Path | None) -> None:
    """dbt's fixed cost per run at the demo size: start and imports, parse (full, warm, after another
    warehouse), a no-op run split into hook, dbt's per-model cost and the engine's, seeds, tests, the build."""
    from .bench_overhead import run
    from .demo import DEMO_WAREHOUSE

    try:
        run((warehouse or DEMO_WAREHOUSE).resolve(), repeat, incremental, click.echo, workdir)
    except (FileNotFoundError, RuntimeError) as error:
        _fail(str(error))


@bench.command("sources")
@click.option("--conversations", "sizes", type=click.IntRange(min=1000), multiple=True, default=(100_000,),
              show_default=True, help="Sizes to run (repeatable).")
@click.option("--tool", "tools", type=click.Choice(list(CONNECTORS)), multiple=True, default=("zendesk",),
              show_default=True, help="Tools to compare with the contract (repeatable).")
@WORKDIR
def bench_sources(sizes: tuple[int, ...], tools: tuple[str, ...], workdir: Path | None) -> None:
    """Load and build the same operation from the contract's files and from a tool's shape; the tool's
    load and full build against the contract's (goal: within 1.3x)."""
    from .bench_sources import run

    run(list(sizes), list(tools), click.echo, workdir)


@bench.command("generate")
@click.option("--conversations", "sizes", type=click.IntRange(min=100), multiple=True,
              default=[10_000, 100_000, 1_000_000], show_default=True, help="Target sizes (repeatable).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="csv", show_default=True, help="File format.")
@click.option("--dirty", is_flag=True, help="Benchmark dirty mode.")
@WORKDIR
def bench_generate(sizes: tuple[int, ...], fmt: str, dirty: bool, workdir: Path | None) -> None:
    """Time the generator and its peak memory at each size (goal at 1M conversations: < 2 min, < 4 GiB)."""
    from .bench_generate import run

    run(list(sizes), fmt, dirty, click.echo, workdir)
