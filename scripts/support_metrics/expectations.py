"""The Great Expectations suites, as code: what the raw landing and the published marts must satisfy.

Each suite is a list of batches: a SQL query the warehouse answers and the expectations its rows must meet.
The suites are written once; `Audited` says which engine's SQL to write (DuckDB, whose rows GX validates
in pandas, or PostgreSQL, where GX runs the expectations as SQL) and which schema holds the marts under
audit (`marts`, or a candidate schema before it is published). The raw suite is derived from the contract
(`contract.py`), the marts suite from the marts' column names (the house naming rules say what a column
holds: `_rate` in 0..1, `_seconds` and `_count` not negative, `nps` in -100..100).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Literal

from .contract import TABLES, Table
from .rules import (
    CARD,
    EMAIL,
    duckdb_phone_numbers_sql,
    normalize_enum_sql,
    postgres_phone_numbers_sql,
    spark_phone_numbers_sql,
    spelled,
)


@dataclass(frozen=True)
class Audited:
    """What the suites read: the engine (its SQL dialect) and the schema holding the marts."""

    engine: Literal["duckdb", "postgres", "spark"] = "duckdb"
    marts: str = "marts"

    def relation(self, name: str) -> str:
        """`schema.table` as the suites name it (`marts.x`), in the schema audited."""
        schema, table = name.split(".")
        return f"{self.marts}.{table}" if schema == "marts" else name


DUCKDB_MARTS = Audited()  # the default: DuckDB, the marts in schema `marts`


# Free-text columns of staging and marts that staging masks (model, column), docs/metrics.md §9.
MASKED_TEXT = (
    ("staging.stg_helpdesk__messages", "body"),
    ("staging.stg_helpdesk__conversations", "subject"),
    ("staging.stg_survey__responses", "comment"),
    ("staging.stg_billing__subscriptions", "cancel_reason"),
    ("marts.mart_unanswered_questions_weekly", "question_text"),
)


@dataclass(frozen=True)
class Expect:
    """One expectation: a GX expectation class name and its arguments."""

    type: str
    kwargs: dict[str, Any]

    def build(self) -> Any:
        import great_expectations as gx

        return getattr(gx.expectations, self.type)(**self.kwargs)


@dataclass
class Batch:
    """Rows to validate: `sql` over the warehouse, and the expectations they must meet."""

    suite: str
    name: str
    sql: str
    expectations: list[Expect] = field(default_factory=list)
    index_column: str | None = None  # a column that names a failing row in the report


def _raw_batch(table: Table) -> Batch:
    """The latest landing of a raw table, enum columns compared as the contract compares them."""
    enums = {c.name for c in table.columns if c.values}
    select = ", ".join(f"{normalize_enum_sql(c.name)} as {c.name}" if c.name in enums else c.name
                       for c in table.columns)
    relation = f"raw.{table.raw_table}"
    sql = f"select {select} from {relation} where _load_id = (select max(_load_id) from {relation})"
    batch = Batch("raw_landing", relation, sql, index_column=table.key)
    batch.expectations.append(Expect("ExpectColumnValuesToNotBeNull", {"column": table.key}))
    for column in table.columns:
        if column.required and column.name != table.key:
            batch.expectations.append(Expect("ExpectColumnValuesToNotBeNull", {"column": column.name}))
        if column.values:
            batch.expectations.append(
                Expect("ExpectColumnValuesToBeInSet", {"column": column.name, "value_set": list(column.values)})
            )
    for rule in table.rules:
        if rule.code == "timestamp_order":
            later, earlier = rule.bad_when.split(" < ")
            batch.expectations.append(_not_before(later, earlier))
    if table.name == "responses":
        batch.expectations.append(_not_before("score", "scale_min"))
        batch.expectations.append(_not_before("scale_max", "score"))
    return batch


def _not_before(a: str, b: str) -> Expect:
    """a >= b wherever both are present."""
    return Expect(
        "ExpectColumnPairValuesAToBeGreaterThanB",
        {"column_A": a, "column_B": b, "or_equal": True, "ignore_row_if": "either_value_is_missing"},
    )


def raw_suite() -> list[Batch]:
    return [_raw_batch(table) for table in TABLES]


def _column_expectations(column: str) -> list[Expect]:
    """What a mart column's name promises about its values (nulls are allowed: a rate may be null)."""
    bounds: tuple[float | None, float | None] | None = None
    if column.endswith("_rate") or column in {"csat", "score_normalized"}:
        bounds = (0, 1)
    elif column == "nps":
        bounds = (-100, 100)
    elif column in {"ces", "ces_score_mean"}:
        bounds = (1, 7)
    elif column == "health_score":
        bounds = (0, 100)
    elif column.endswith(("_seconds", "_count", "_sum")) or column in {"allocated_cost", "mrr", "depth"}:
        bounds = (0, None)
    if bounds is None:
        return []
    return [Expect("ExpectColumnValuesToBeBetween", {"column": column, "min_value": bounds[0], "max_value": bounds[1]})]


# The grain of the marts whose grain GX checks too (dbt's unique_combination_of_columns tests it in the build).
MART_GRAINS: dict[str, tuple[str, ...]] = {
    "mart_backlog_daily": ("date", "channel"),
    "mart_agent_weekly": ("week", "agent_id"),
}


def marts_suite(columns: dict[str, list[str]], previous_rows: dict[str, int], max_row_drop: float,
                audited: Audited = DUCKDB_MARTS) -> list[Batch]:
    """One batch per mart (only the columns with a promise), plus row counts against the last publish.

    `columns`: mart name -> its columns; `previous_rows`: mart name -> rows at the last successful publish.
    """
    batches = []
    for mart, names in sorted(columns.items()):
        checked = [name for name in names if _column_expectations(name)]
        grain = list(MART_GRAINS.get(mart, ()))
        selected = [*grain, *(name for name in checked if name not in grain)]
        select = ", ".join(selected) if selected else "1 as _row"
        batch = Batch("marts", f"marts.{mart}", f"select {select} from {audited.relation(f'marts.{mart}')}")
        if grain:
            batch.expectations.append(Expect("ExpectCompoundColumnsToBeUnique", {"column_list": grain}))
        for name in checked:
            batch.expectations.extend(_column_expectations(name))
            calendar = name.removesuffix("_business_seconds") + "_seconds"
            if name.endswith("_business_seconds") and calendar in checked:
                # business seconds are the part of the same interval inside open hours: never more
                batch.expectations.append(_not_before(calendar, name))
        floor = math.floor(previous_rows.get(mart, 0) * (1 - max_row_drop))
        batch.expectations.append(Expect("ExpectTableRowCountToBeBetween", {"min_value": floor, "max_value": None}))
        batches.append(batch)
    return batches


# Counts and sums that must agree across layers (the dbt integrity tests' core, seen by GX too).
RECONCILIATIONS = (
    ("conversations: staging = fct_conversations",
     "select count(*) from staging.stg_helpdesk__conversations", "select count(*) from marts.fct_conversations"),
    ("conversations: fct_conversations = mart_support_daily",
     "select count(*) from marts.fct_conversations", "select sum(conversation_count) from marts.mart_support_daily"),
    ("conversations: mart_support_daily = mart_daily_glance",
     "select sum(conversation_count) from marts.mart_support_daily",
     "select sum(conversation_count) from marts.mart_daily_glance"),
    ("issues: fct_conversations = fct_issues",
     "select count(distinct issue_id) from marts.fct_conversations", "select count(*) from marts.fct_issues"),
    ("issues: fct_issues = mart_issue_outcomes_weekly",
     "select count(*) from marts.fct_issues", "select sum(issue_count) from marts.mart_issue_outcomes_weekly"),
    ("cost: ledger = allocated + unallocated",
     "select sum(ledger_amount) from marts.mart_cost_ledger_monthly",
     "select sum(allocated_amount) + sum(unallocated_amount) from marts.mart_cost_ledger_monthly"),
    ("backlog: opened = conversations created by the as-of day",
     "select count(*) from marts.fct_conversations "
     "where cast(created_at as date) <= (select cast(as_of_at as date) from intermediate.int_as_of)",
     "select sum(opened_count) from marts.mart_backlog_daily"),
    ("agents: staged agent messages = mart_agent_weekly replies",
     "select count(*) from staging.stg_helpdesk__messages as m "
     "inner join marts.fct_conversations as c on m.conversation_id = c.conversation_id "
     "where m.author_type = 'agent' and m.message_kind in ('text', 'fallback') and m.author_id is not null",
     "select sum(reply_count) from marts.mart_agent_weekly"),
    ("cost: allocated = sum over conversations",
     "select sum(allocated_amount) from marts.mart_cost_ledger_monthly",
     "select sum(allocated_cost) from marts.fct_conversations"),
)
RECONCILIATION_TOLERANCE = 1e-6


def reconciliation_suite(audited: Audited = DUCKDB_MARTS) -> list[Batch]:
    double = "double precision" if audited.engine == "postgres" else "double"

    def at(sql: str) -> str:
        return sql.replace("marts.", f"{audited.marts}.")

    parts = [
        f"select '{name}' as reconciliation, cast(coalesce(({at(left)}), 0) as {double}) as left_value, "
        f"cast(coalesce(({at(right)}), 0) as {double}) as right_value"
        for name, left, right in RECONCILIATIONS
    ]
    sql = ("select *, right_value - left_value as difference from ("
           + " union all ".join(parts) + ") as reconciled")
    tolerance = RECONCILIATION_TOLERANCE
    expect = Expect("ExpectColumnValuesToBeBetween", {"column": "difference", "min_value": -tolerance,
                                                       "max_value": tolerance})
    return [Batch("marts", "reconciliation", sql, [expect], index_column="reconciliation")]


def privacy_suite(audited: Audited = DUCKDB_MARTS) -> list[Batch]:
    """Masked text: no email, card or phone number left, by the patterns staging masks with (rules.py).
    Only rows with an `@` or a digit can hold one, so the warehouse hands GX just those rows, with the
    phone numbers it finds (a phone is a pattern match with a number of digits, which no regex counts).
    GX matches the patterns in pandas on DuckDB (Python's spelling), in SQL on PostgreSQL (its own) and with
    Spark's rlike (Java's, which reads them as RE2 does)."""
    batches = []
    for relation, column in MASKED_TEXT:
        if audited.engine == "postgres":
            phones = f"{postgres_phone_numbers_sql(column)} as phone_numbers"
            rows = f"{column} ~ '[@0-9]'"
        elif audited.engine == "spark":
            phones = f"{spark_phone_numbers_sql(column)} as phone_numbers"
            rows = f"{column} rlike '[@0-9]'"
        else:
            phones = f"nullif(array_to_string({duckdb_phone_numbers_sql(column)}, ' | '), '') as phone_numbers"
            rows = f"regexp_matches({column}, '[@0-9]')"
        sql = f"select {column}, {phones} from {audited.relation(relation)} where {rows}"
        spelling = {"postgres": "postgres", "spark": "java"}.get(audited.engine, "python")
        expectations = [
            *(Expect("ExpectColumnValuesToNotMatchRegex", {"column": column, "regex": spelled(pattern, spelling)})
              for pattern in (EMAIL, CARD)),
            Expect("ExpectColumnValuesToBeNull", {"column": "phone_numbers"}),
        ]
        batches.append(Batch("privacy", f"{relation}.{column}", sql, expectations))
    return batches
