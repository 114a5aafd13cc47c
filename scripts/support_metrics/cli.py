"""The `support-metrics` command line: thin wrappers that parse arguments and call the modules."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click
import yaml

from . import __version__
from .connectors import SOURCES, dbt_source_args, sources_for
from .console import fail as _fail
from .generate.writer import FORMAT_CHOICES as FORMATS
from .warehouse import DEFAULT_RAW_DIR

WAREHOUSE_HELP = "DuckDB warehouse file [env SUPPORT_WAREHOUSE; default: warehouse/support.duckdb]."
READ_HELP = ("DuckDB warehouse file [env SUPPORT_WAREHOUSE; default: whichever of warehouse/support.duckdb "
             "and the demo's warehouse/demo.duckdb was built last].")


def _reading(command: str, warehouse: Path | None, published: bool = False) -> Path | None:
    """The warehouse a reading command uses: the one named (flag or $SUPPORT_WAREHOUSE), else the one built
    (or published) last of your build's and the demo's, said in one line on stderr; fails naming the flag."""
    from .publish import latest_built, published_path

    if warehouse or os.environ.get("SUPPORT_WAREHOUSE"):
        return warehouse
    found = latest_built(published)
    what = "published" if published else "built"
    if found is None:
        _fail(f"no {what} warehouse in warehouse/: run `make demo` or `support-metrics build`, "
              "or name one with --warehouse FILE")
    shown = published_path(found) if published else found
    click.echo(f"{command}: reading {shown}, the last {what} (--warehouse FILE reads another)", err=True)
    return found


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="support-metrics")
def main() -> None:
    """Support metrics for AI-first support teams: load raw exports, build the dbt project, check it.

    Typical flow: `support-metrics load --raw-dir data/raw`, then `support-metrics build`.
    `support-metrics demo` does all of it on generated data.
    """


@main.command()
@click.option("--raw-dir", type=click.Path(path_type=Path, file_okay=False), default=DEFAULT_RAW_DIR,
              show_default="data/raw", help="Landing folder: one sub-folder per table (<source>/<table>/).")
@click.option("--warehouse", type=click.Path(path_type=Path, dir_okay=False), help=WAREHOUSE_HELP)
@click.option("--strict", is_flag=True, help="Treat any rejected row as fatal: load nothing and exit 1.")
@click.option("--source", type=click.Choice(SOURCES), default="contract", show_default=True,
              help="What the files are: the raw contract (<source>/<table>/ folders), or a tool's connector "
                   "tables, one <table>.csv|.jsonl|.parquet file or <table>/ folder each, named as the connector "
                   "names them (ticket.csv, ticket_comment/…); these land in a schema named after the tool.")
def load(raw_dir: Path, warehouse: Path | None, strict: bool, source: str) -> None:
    """Load raw CSV, JSON Lines and Parquet files into the warehouse's `raw` schema.

    Bad rows go to raw._rejects with file, row, column and reason; every file gets a row in
    raw._load_manifest; files already loaded (same checksum) are skipped. One run is atomic.
    Exit code 0 when every file loaded, 1 when a file was rejected whole or the run failed.
    """
    from .load import load_raw
    from .load_summary import print_summary

    try:
        report = load_raw(raw_dir, warehouse, strict=strict, echo=click.echo, source=source)
    except (FileNotFoundError, ValueError) as error:
        _fail(str(error))
        return
    except Exception as error:  # the run failed: the warehouse was left as it was
        _fail(f"load failed, nothing was loaded (the warehouse is unchanged): {error}")
        return
    print_summary(report, click.echo)
    if report.error:
        _fail(report.error)
    if report.count("rejected"):
        _fail(f"{report.count('rejected')} file(s) rejected whole; see the summary above")


PUBLISHED_HELP = ("Where BI reads the published marts "
                  "[default: published/<name> beside the warehouse, or $SUPPORT_PUBLISHED].")
DOCS_HELP = "Folder for the Data Docs [default: reports/data-docs]."


@main.command()
@click.option("--warehouse", type=click.Path(path_type=Path, dir_okay=False), help=WAREHOUSE_HELP)
@click.option("--published", type=click.Path(path_type=Path, dir_okay=False), help=PUBLISHED_HELP)
@click.option("--docs", type=click.Path(path_type=Path, file_okay=False), help=DOCS_HELP)
@click.option("--select", "-s", "select", multiple=True, help="dbt node selection (repeatable).")
@click.option("--full-refresh", is_flag=True, help="Rebuild incremental models from scratch.")
@click.option("--helpdesk-source", type=click.Choice(sources_for("helpdesk")), default="contract", show_default=True,
              help="Where the helpdesk and its surveys come from: the raw contract, or a tool's connector tables.")
@click.option("--billing-source", type=click.Choice(sources_for("billing")), default="contract", show_default=True,
              help="Where the billing comes from: the raw contract, or Stripe's connector tables.")
@click.option("--vars", "dbt_vars", metavar="YAML",
              help="More dbt vars as a YAML mapping, e.g. \"{zendesk_schema: zendesk_fivetran, as_of: '2026-03-01'}\".")
@click.option("--target", type=click.Choice(["duckdb", "postgres", "spark"]), envvar="SUPPORT_TARGET",
              default="duckdb", show_default=True, help="The engine [env SUPPORT_TARGET]: postgres builds on the "
              "server the SUPPORT_PG_* variables name, from its schema raw; spark on a local Spark session, from "
              "the tables `spark-register` made.")
def build(warehouse: Path | None, published: Path | None, docs: Path | None, select: tuple[str, ...],
          full_refresh: bool, helpdesk_source: str, billing_source: str, dbt_vars: str | None, target: str) -> None:
    """Write, audit, publish: dbt build the warehouse (the candidate), run the Great Expectations
    checks on it, and only when both pass copy its marts atomically to the published file BI reads.

    On PostgreSQL (--target postgres) the candidate is the schema marts__candidate, audited on the server,
    then renamed to marts in one transaction with the readers' grants carried over. On Spark (--target spark)
    the marts are views over one of two schemas (blue, green): the other is built, audited, then the views
    are pointed at it.
    On any failure the published marts stay exactly as they were and the exit code is 1.
    """
    from .postgres import build_and_publish_postgres
    from .publish import build_and_publish

    args = [a for s in select for a in ("--select", s)] + (["--full-refresh"] if full_refresh else [])
    extra = yaml.safe_load(dbt_vars) if dbt_vars else None
    if extra is not None and not isinstance(extra, dict):
        _fail(f"--vars takes a YAML mapping, such as '{{zendesk_schema: zendesk}}', not {dbt_vars!r}")
    args += dbt_source_args(helpdesk_source, billing_source, extra)
    os.environ["SUPPORT_TARGET"] = target
    if target != "duckdb" and (warehouse or published):
        _fail(f"--warehouse and --published name DuckDB files; not used with --target {target}")
    if target == "spark":
        from importlib.util import find_spec

        if find_spec("pyspark") is None or find_spec("dbt.adapters.spark") is None:
            _fail("the Spark target needs the optional Spark set: `make install-spark`, and Java 17")
        from .spark import build_and_publish_spark

        done = build_and_publish_spark(args, docs, echo=click.echo)
    elif target == "postgres":
        done = build_and_publish_postgres(args, docs, echo=click.echo)
    else:
        done = build_and_publish(warehouse, published, args, docs, echo=click.echo)
    if not done:
        sys.exit(1)


@main.command()
@click.option("--warehouse", type=click.Path(path_type=Path, dir_okay=False), help=READ_HELP)
@click.option("--published", type=click.Path(path_type=Path, dir_okay=False),
              help="The last published warehouse, for the row-count drop check [default: as for build].")
@click.option("--docs", type=click.Path(path_type=Path, file_okay=False), help=DOCS_HELP)
def check(warehouse: Path | None, published: Path | None, docs: Path | None) -> None:
    """Run the Great Expectations suites (raw landing, marts, privacy) on a built warehouse.

    Prints a summary, writes the Data Docs (one HTML page that reads offline, plus GX's JSON results)
    and exits 1 when an expectation failed. A mart that lost more than $SUPPORT_MAX_ROW_DROP (0.5) of
    its rows since the last publish fails.
    """
    from .check import print_check_summary, run_checks
    from .publish import published_path
    from .warehouse import warehouse_path

    target = warehouse_path(_reading("check", warehouse))
    if not target.exists():
        _fail(f"no warehouse at {target}; run `support-metrics load` and `support-metrics build` first")
    report = run_checks(target, published_path(target, published), docs, echo=click.echo)
    print_check_summary(report, click.echo)
    if not report.passed:
        _fail(f"{len(report.failures)} expectation(s) failed; see {report.docs / 'index.html'}")


@main.command()
@click.option("--warehouse", type=click.Path(path_type=Path, dir_okay=False), help=READ_HELP)
@click.option("--published", type=click.Path(path_type=Path, dir_okay=False), help=PUBLISHED_HELP)
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), help="Folder for the page [default: reports].")
def report(warehouse: Path | None, published: Path | None, out: Path | None) -> None:
    """Write the review report (daily glance, weekly review, monthly deep dive) from the published marts:
    one HTML file with every chart and script inlined, to open anywhere, offline."""
    from .publish import published_path
    from .report import write_report

    named = published or os.environ.get("SUPPORT_PUBLISHED")
    source = published_path(warehouse if named else _reading("report", warehouse, published=True), published)
    if not source.exists():
        _fail(f"no published warehouse at {source}; run `support-metrics build` first")
    click.echo(f"report: {write_report(source, out)}")


@main.command()
@click.argument("baseline", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("--warehouse", type=click.Path(path_type=Path, dir_okay=False, exists=True), required=True,
              help="The warehouse to compare with the baseline (a candidate or a published file).")
@click.option("--schema", "schemas", multiple=True, default=("marts",), show_default=True,
              help="Schema whose tables are compared (repeatable).")
@click.option("--ignore-column", "ignore", multiple=True,
              help="Column (name, or table.name) left out of the comparison (repeatable) [default: the load's "
                   "wall-clock times: _loaded_at and the loader's manifest and rejects times].")
def compare(baseline: Path, warehouse: Path, schemas: tuple[str, ...], ignore: tuple[str, ...]) -> None:
    """Check that WAREHOUSE publishes the same numbers as BASELINE: every baseline table and column,
    the same rows, doubles within 1e-9. Columns WAREHOUSE adds are listed. Exit 1 on any difference.

    For a refactor: keep a copy of the warehouse built before it, rebuild, then compare the two."""
    from .compare import LOAD_CLOCK_COLUMNS, compare_warehouses

    result = compare_warehouses(baseline, warehouse, schemas, echo=click.echo, ignore=ignore or LOAD_CLOCK_COLUMNS)
    for column in result.added_columns:
        click.echo(f"added    {column}")
    for difference in result.differences:
        click.secho(f"differs  {difference}", fg="red")
    click.echo(f"{result.tables} tables, {result.rows:,} rows compared: "
               f"{'the same numbers' if result.equal else f'{len(result.differences)} difference(s)'}")
    if not result.equal:
        sys.exit(1)


@main.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.option("--warehouse", type=click.Path(path_type=Path, dir_okay=False), help=WAREHOUSE_HELP)
@click.argument("dbt_args", nargs=-1, type=click.UNPROCESSED)
def dbt(warehouse: Path | None, dbt_args: tuple[str, ...]) -> None:
    """Run any dbt command on this project, e.g. `support-metrics dbt -- docs generate`."""
    from .build import run_dbt

    if not dbt_args:
        _fail("name a dbt command, e.g. `support-metrics dbt -- test --select staging`")
    if not run_dbt(list(dbt_args), warehouse):
        _fail(f"dbt {' '.join(dbt_args)} failed")


@main.command("spark-register")
@click.option("--warehouse", type=click.Path(path_type=Path, dir_okay=False, exists=True), help=WAREHOUSE_HELP)
@click.option("--parquet", type=click.Path(path_type=Path, file_okay=False),
              help="Folder for the landed tables' Parquet files [default: $SUPPORT_SPARK_DIR/landed_parquet].")
def spark_register(warehouse: Path | None, parquet: Path | None) -> None:
    """Hand what the loader landed to local Spark: each table as Parquet, registered as `schema.table`.

    The contract's raw schema and each connector schema `load --source` filled (zendesk, intercom, stripe).
    Needs the optional Spark set (`pip install -e '.[spark]'`). Then build there with
    `SUPPORT_TARGET=spark support-metrics dbt -- build` (same SUPPORT_SPARK_DIR; add
    `--vars '{helpdesk_source: zendesk}'` to build from a tool's tables).
    """
    from importlib.util import find_spec

    from .spark import export_landed_to_parquet, register_landed_parquet, spark_dir
    from .warehouse import warehouse_path

    if find_spec("pyspark") is None or find_spec("dbt.adapters.spark") is None:
        _fail("the Spark target needs the optional Spark set: `make install-spark` "
              "(or `pip install -c constraints.txt -e '.[spark]'`), and Java 17")

    source = warehouse_path(warehouse)
    if not source.exists():
        _fail(f"no warehouse at {source}: run `support-metrics load` first")
    os.environ["SUPPORT_TARGET"] = "spark"
    root = parquet or spark_dir() / "landed_parquet"
    written = export_landed_to_parquet(source, root)
    schemas = sorted({table.split(".")[0] for table in written})
    click.echo(f"wrote {len(written)} landed tables ({sum(written.values()):,} rows; schemas "
               f"{', '.join(schemas)}) as Parquet under {root}")
    if not register_landed_parquet(root, list(written)):
        _fail("registering the Parquet tables in Spark failed (see dbt's output above)")


@main.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.option("--warehouse", type=click.Path(path_type=Path, dir_okay=False), help=READ_HELP)
@click.argument("mf_args", nargs=-1, type=click.UNPROCESSED)
def mf(warehouse: Path | None, mf_args: tuple[str, ...]) -> None:
    """Ask the semantic layer (MetricFlow), e.g.
    `support-metrics mf -- query --metrics csat,fcr_rate --group-by metric_time__month`.

    Lists: `support-metrics mf -- list metrics`; dimensions of a metric:
    `support-metrics mf -- list dimensions --metrics csat`. The project is parsed first when it changed.
    """
    from .build import run_metricflow

    if not mf_args:
        _fail("name an mf command, e.g. `support-metrics mf -- list metrics`")
    code = run_metricflow(list(mf_args), _reading("mf", warehouse))
    if code:
        sys.exit(code)


@main.command()
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), required=True,
              help="Folder to write <source>/<table>/ files into (created if missing).")
@click.option("--customers", type=click.IntRange(min=10), default=2000, show_default=True,
              help="Customers to simulate (about 0.06 conversations per customer per day).")
@click.option("--days", type=click.IntRange(min=7), default=120, show_default=True, help="Days to simulate.")
@click.option("--seed", type=int, default=42, show_default=True, help="Random seed: same arguments, same bytes.")
@click.option("--dirty", is_flag=True,
              help="Add the mess the contract allows plus counted bad rows (listed in OUT/_injected_rejects.csv).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="csv", show_default=True,
              help="File format; mixed spreads tables and files over all three.")
@click.option("--overwrite", is_flag=True, help="Replace data files a previous run left in OUT.")
@click.option("--shape", type=click.Choice(SOURCES), default="contract", show_default=True,
              help="Write the operation as a tool's connector would land it: its tables in OUT/<tool>/, the "
                   "domains it does not feed as contract files in OUT/contract/.")
def generate(out: Path, customers: int, days: int, seed: int, dirty: bool, fmt: str, overwrite: bool,
             shape: str) -> None:
    """Write a realistic synthetic support operation as raw files for every table of the contract.

    See docs/synthetic-data.md for what is simulated and which effects show in the marts.
    """
    from .connectors import write_shape
    from .generate import generate as run_generate

    contract_dir = out if shape == "contract" else out / "contract"
    if shape != "contract" and dirty:
        _fail("--dirty writes the contract's bad rows; it does not combine with --shape")
    try:
        summary = run_generate(contract_dir, customers=customers, days=days, seed=seed, dirty=dirty, fmt=fmt,
                               progress=lambda line: click.echo(f"  {line}"), overwrite=overwrite)
        if shape != "contract":
            write_shape(shape, contract_dir, out / shape)
    except (FileExistsError, ValueError) as error:
        _fail(str(error))
        return
    click.echo(f"wrote {len(summary.files)} files to {out}: {summary.conversations:,} conversations, "
               f"{summary.messages:,} messages, {summary.start} to {summary.end}")
    if dirty:
        click.echo(f"{summary.rejects_injected:,} bad rows injected, listed in {out / '_injected_rejects.csv'}")
    if shape != "contract":
        click.echo(f"as {shape} lands it: load with `support-metrics load --raw-dir {contract_dir}` and "
                   f"`support-metrics load --source {shape} --raw-dir {out / shape}`")


@main.command()
@click.option("--raw-dir", type=click.Path(path_type=Path, file_okay=False),
              show_default="data/demo/raw", help="Where the demo's raw files are written and loaded from.")
@click.option("--warehouse", type=click.Path(path_type=Path, dir_okay=False), show_default="warehouse/demo.duckdb",
              help="Demo warehouse file; it is deleted and rebuilt on every run.")
@click.option("--customers", type=click.IntRange(min=10), default=2000, show_default=True,
              help="Customers to simulate.")
@click.option("--days", type=click.IntRange(min=7), default=120, show_default=True, help="Days to simulate.")
@click.option("--seed", type=int, default=42, show_default=True, help="Random seed.")
def demo(raw_dir: Path | None, warehouse: Path | None, customers: int, days: int, seed: int) -> None:
    """Run the whole pipeline on generated data: generate → load → dbt build, then print what was built.

    The demo warehouse (default warehouse/demo.duckdb) is rebuilt from scratch each run.
    """
    from .demo import run_demo

    if not run_demo(raw_dir, warehouse, click.echo, customers=customers, days=days, seed=seed):
        _fail("the demo failed; see the output above")


# The benchmarks live in cli_bench.py (one module per job); registered here as `support-metrics bench`.
from .cli_bench import bench  # noqa: E402

main.add_command(bench)
