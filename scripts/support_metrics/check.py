"""`support-metrics check`: run the Great Expectations suites on a warehouse and write the Data Docs.

On DuckDB the rows are read into pandas and validated by GX's pandas data source (GX's SQL data source
does not work on DuckDB); on PostgreSQL GX's own PostgreSQL data source runs every expectation as SQL on
the server, no copy of the tables. The suites are code (`expectations.py`); the results land in
`<docs>/index.html` (self-contained, readable offline) and `<docs>/validation_results.json` (GX's own
JSON of every validation result).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from .console import Echo, table
from .expectations import DUCKDB_MARTS, Audited, Batch, marts_suite, privacy_suite, raw_suite, reconciliation_suite
from .warehouse import PROJECT_DIR

DEFAULT_DOCS_DIR = PROJECT_DIR / "reports" / "data-docs"
DEFAULT_MAX_ROW_DROP = 0.5  # a mart that lost more than half its rows since the last publish is flagged
SAMPLE_SIZE = 5


@dataclass
class Outcome:
    """The result of one expectation on one batch, in the words the summary and the Data Docs use."""

    suite: str
    batch: str
    expectation: str
    arguments: dict[str, Any]
    success: bool
    element_count: int | None = None
    unexpected_count: int | None = None
    unexpected_percent: float | None = None
    observed: Any = None
    sample: list[Any] = field(default_factory=list)
    error: str | None = None


@dataclass
class CheckReport:
    warehouse: Path  # the DuckDB file, or for PostgreSQL a stand-in path naming the server and schema
    docs: Path
    outcomes: list[Outcome]
    seconds: float

    @property
    def failures(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.success]

    @property
    def passed(self) -> bool:
        return not self.failures


def max_row_drop() -> float:
    return float(os.environ.get("SUPPORT_MAX_ROW_DROP", DEFAULT_MAX_ROW_DROP))


def mart_columns(con: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    rows = con.execute(
        "select table_name, column_name from information_schema.columns "
        "where table_schema = 'marts' order by table_name, ordinal_position"
    ).fetchall()
    columns: dict[str, list[str]] = {}
    for name, column in rows:
        columns.setdefault(name, []).append(column)
    return columns


def mart_row_counts(warehouse: Path | None) -> dict[str, int]:
    """Rows per mart in a (published) warehouse; empty when there is none yet."""
    if warehouse is None or not warehouse.exists():
        return {}
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return {name: int(con.execute(f'select count(*) from marts."{name}"').fetchone()[0])  # type: ignore[index]
                for name in mart_columns(con)}
    finally:
        con.close()


def _gx_context(echo: Echo) -> Any:
    echo("  loading Great Expectations…")
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    return context


def _outcomes(batch: Batch, validation: Any) -> list[Outcome]:
    outcomes = []
    for result in validation.results:
        config = result.expectation_config
        info = result.exception_info or {}
        if "raised_exception" not in info:  # keyed by metric when a metric failed
            info = next(iter(info.values()), {}) if info else {}
        details = result.result or {}
        sample = details.get("partial_unexpected_index_list") or details.get("partial_unexpected_list") or []
        outcomes.append(Outcome(
            suite=batch.suite,
            batch=batch.name,
            expectation=config.type,
            arguments={k: v for k, v in config.kwargs.items() if k not in {"batch_id"}},
            success=bool(result.success),
            element_count=details.get("element_count"),
            unexpected_count=details.get("unexpected_count"),
            unexpected_percent=details.get("unexpected_percent"),
            observed=details.get("observed_value"),
            sample=[_plain(s) for s in sample[:SAMPLE_SIZE]],
            error=info.get("exception_message") if info.get("raised_exception") else None,
        ))
    return outcomes


def _plain(value: Any) -> Any:
    """numpy scalars and dicts of them as plain Python, for JSON and HTML."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value.item() if hasattr(value, "item") else value


def suites(columns: dict[str, list[str]], previous_rows: dict[str, int],
           audited: Audited = DUCKDB_MARTS) -> list[Batch]:
    return [*raw_suite(), *marts_suite(columns, previous_rows, max_row_drop(), audited),
            *reconciliation_suite(audited), *privacy_suite(audited)]


class QueryFailed(Exception):
    """A batch's query failed (a missing table or column): a failed check, not a crash."""


def run_checks(warehouse: Path, published: Path | None = None, docs: Path | None = None,
               echo: Echo = print) -> CheckReport:
    """Validate every suite on the DuckDB `warehouse`; row counts against `published` (the last publish)."""
    context = _gx_context(echo)
    source = context.data_sources.add_pandas("warehouse")
    con = duckdb.connect(str(warehouse))

    def batch_of(batch: Batch) -> Any:
        try:
            frame = con.execute(batch.sql).df()
        except duckdb.Error as error:
            raise QueryFailed(str(error).splitlines()[0]) from error
        asset = source.add_dataframe_asset(name=f"{batch.suite}.{batch.name}")
        return asset.add_batch_definition_whole_dataframe("all").get_batch(batch_parameters={"dataframe": frame})

    try:
        batches = suites(mart_columns(con), mart_row_counts(published))
        return _validate(warehouse, batches, batch_of, docs, echo)
    finally:
        con.close()


def run_checks_postgres(dsn: str, marts: str, docs: Path | None = None, echo: Echo = print) -> CheckReport:
    """Validate every suite on PostgreSQL (`dsn`: libpq key=value), with the marts read from schema `marts`
    (the candidate) and row counts against the published schema `marts`."""
    import sqlalchemy

    from .postgres import mart_columns_postgres, mart_row_counts_postgres, sqlalchemy_url

    url = sqlalchemy_url(dsn)
    context = _gx_context(echo)
    source = context.data_sources.add_postgres("warehouse", connection_string=url)
    engine = sqlalchemy.create_engine(url)

    def batch_of(batch: Batch) -> Any:
        try:
            with engine.connect() as probe:  # a missing table or column fails here, in one line
                probe.execute(sqlalchemy.text(f"select * from ({batch.sql}) as probed limit 0"))
        except sqlalchemy.exc.DBAPIError as error:
            raise QueryFailed(str(error.orig).splitlines()[0]) from error
        asset = source.add_query_asset(name=f"{batch.suite}.{batch.name}", query=batch.sql)
        return asset.add_batch_definition_whole_table("all").get_batch()

    batches = suites(mart_columns_postgres(dsn, marts), mart_row_counts_postgres(dsn, "marts"),
                     Audited("postgres", marts))
    try:
        return _validate(Path(f"postgresql/{marts}"), batches, batch_of, docs, echo)
    finally:
        engine.dispose()


def run_checks_spark(spark: Any, marts: str, docs: Path | None = None, echo: Echo = print) -> CheckReport:
    """Validate every suite on Spark's session `spark` (the one dbt built with), with the marts read from
    schema `marts` (the candidate) and row counts against the published `marts`; GX's Spark data source
    validates each query's DataFrame in Spark."""
    from pyspark.errors import AnalysisException

    context = _gx_context(echo)
    source = context.data_sources.add_spark("warehouse")

    def columns_of(schema: str) -> dict[str, list[str]]:
        if not spark.catalog.databaseExists(schema):
            return {}
        return {table.name: [column.name for column in spark.catalog.listColumns(table.name, schema)]
                for table in spark.catalog.listTables(schema)}

    def batch_of(batch: Batch) -> Any:
        try:
            frame = spark.sql(batch.sql)
        except AnalysisException as error:
            raise QueryFailed(str(error).splitlines()[0]) from error
        asset = source.add_dataframe_asset(name=f"{batch.suite}.{batch.name}")
        return asset.add_batch_definition_whole_dataframe("all").get_batch(batch_parameters={"dataframe": frame})

    published = {table: int(spark.sql(f"select count(*) from marts.{table}").first()[0])
                 for table in columns_of("marts")}
    batches = suites(columns_of(marts), published, Audited("spark", marts))
    return _validate(Path(f"spark/{marts}"), batches, batch_of, docs, echo)


def _validate(warehouse: Path, batches: list[Batch], batch_of: Callable[[Batch], Any], docs: Path | None,
              echo: Echo) -> CheckReport:
    """Validate each batch (batch_of: its GX batch), then write the Data Docs."""
    import great_expectations as gx

    from .data_docs import write_data_docs

    started = time.perf_counter()
    docs = Path(docs or DEFAULT_DOCS_DIR)
    outcomes: list[Outcome] = []
    results_json = []
    for number, batch in enumerate(batches, 1):
        try:
            gx_batch = batch_of(batch)
        except QueryFailed as error:
            outcomes.append(Outcome(batch.suite, batch.name, "query", {"sql": batch.sql}, False, error=str(error)))
            continue
        suite = gx.ExpectationSuite(name=f"{batch.suite}.{batch.name}",
                                    expectations=[e.build() for e in batch.expectations])
        result_format: dict[str, Any] = {"result_format": "SUMMARY", "partial_unexpected_count": SAMPLE_SIZE}
        if batch.index_column:
            result_format["unexpected_index_column_names"] = [batch.index_column]
        validation = gx_batch.validate(suite, result_format=result_format)
        outcomes.extend(_outcomes(batch, validation))
        results_json.append(validation.to_json_dict())
        if number % 10 == 0 or number == len(batches):
            echo(f"  validated {number}/{len(batches)} batches")
    report = CheckReport(warehouse, docs, outcomes, time.perf_counter() - started)
    docs.mkdir(parents=True, exist_ok=True)
    (docs / "validation_results.json").write_text(json.dumps(results_json, indent=1, default=str), encoding="utf-8")
    write_data_docs(report, docs / "index.html")
    return report


def describe(outcome: Outcome) -> str:
    """`column` or `column_A >= column_B` or the table: what an expectation was about."""
    args = outcome.arguments
    if "column_A" in args:
        return f"{args['column_A']} >= {args['column_B']}"
    return str(args.get("column", "(table)"))


def audit_passed(report: CheckReport, kept: str, echo: Echo = print) -> bool:
    """The audit step of a build: the summary, and when it failed what was kept and where to read why."""
    print_check_summary(report, echo)
    if not report.passed:
        echo(f"check failed: {len(report.failures)} expectation(s) above; {kept}")
        echo(f"read why in the Data Docs: {report.docs / 'index.html'}")
    return report.passed


def print_check_summary(report: CheckReport, echo: Echo = print) -> None:
    per_suite: dict[str, list[int]] = {}
    for outcome in report.outcomes:
        counts = per_suite.setdefault(outcome.suite, [0, 0])
        counts[0 if outcome.success else 1] += 1
    echo(table(["suite", "passed", "failed"], [[s, *c] for s, c in per_suite.items()]))
    if report.failures:
        echo("")
        rows = []
        for o in report.failures:
            share = f"{o.unexpected_percent:.2f}% of {o.element_count:,} rows" if o.unexpected_percent is not None \
                else (o.error or f"observed {o.observed}")
            rows.append([o.suite, o.batch, o.expectation, describe(o), share])
        echo(table(["suite", "batch", "failed expectation", "on", "failing"], rows))
    echo("")
    echo(f"Data Docs: {report.docs / 'index.html'} ({report.seconds:.1f}s)")
