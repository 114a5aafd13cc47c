"""The semantic layer and the marts give the same numbers: `support-metrics mf -- query` (MetricFlow on the
DuckDB warehouse) against the published marts, for every metric of _semantic__metrics.yml.

Each comparison asks MetricFlow for the metrics that share a grain in one query and joins the answer to the
mart at that grain (nulls equal). It fails on a value that differs by more than 1e-9 (relative), on a mart
row the semantic layer lacks, and on a semantic value the mart lacks. It also asserts that every metric had
enough non-null pairs, so an empty result cannot pass; a guard fails when a defined metric has no comparison."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
import yaml

from support_metrics.warehouse import PROJECT_DIR

from .conftest import Built

MIN_PAIRS = 5


@pytest.fixture(scope="module")
def warehouse(built_projects: Callable[[str], Built]) -> Path:
    built = built_projects("clean")
    assert not built.failure, built.failure[-2000:]
    return built.warehouse


def semantic(warehouse: Path, out: Path, metrics: list[str], group_by: list[str], where: str = "") -> Path:
    """Run `support-metrics mf -- query` into a CSV file and return its path."""
    args = ["query", "--metrics", ",".join(metrics), "--group-by", ",".join(group_by), "--csv", str(out)]
    if where:
        args += ["--where", where]
    cmd = [sys.executable, "-m", "support_metrics", "mf", "--warehouse", str(warehouse), "--", *args]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert done.returncode == 0 and out.exists(), done.stdout[-3000:] + done.stderr[-3000:]
    return out


def mismatches(
    warehouse: Path, csv: Path, keys: dict[str, str], metrics: list[str], mart_sql: str, min_pairs: int = MIN_PAIRS
) -> list[str]:
    """Rows where the semantic CSV (columns renamed by `keys`: mf column -> key) and mart_sql disagree."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        renamed = [
            f'cast("{column}" as date) as {key}' if column.startswith("metric_time") else f'"{column}" as {key}'
            for column, key in keys.items()
        ]
        con.execute(
            f"create temp table sl as select {', '.join(renamed)}, "
            + ", ".join(f"cast({m} as double) as {m}" for m in metrics)
            + f" from read_csv('{csv}', header = true, all_varchar = true)"
        )
        con.execute(f"create temp table mart as {mart_sql}")
        on = " and ".join(f"sl.{k} is not distinct from mart.{k}" for k in keys.values())
        differs = " or ".join(
            f"(sl.{m} is null) != (mart.{m} is null) "
            f"or abs(sl.{m} - mart.{m}) > 1e-9 * greatest(1, abs(mart.{m}))"
            for m in metrics
        )
        key_list = ", ".join(f"coalesce(cast(sl.{k} as varchar), cast(mart.{k} as varchar))" for k in keys.values())
        pairs = ", ".join(f"count(case when sl.{m} is not null and mart.{m} is not null then 1 end)" for m in metrics)
        compared = con.execute(f"select {pairs} from sl inner join mart on {on}").fetchone()
        rows = con.execute(
            f"select {key_list}, {', '.join(f'sl.{m}, mart.{m}' for m in metrics)} "
            f"from sl full outer join mart on {on} where {differs} limit 10"
        ).fetchall()
    finally:
        con.close()
    assert compared is not None
    too_few = {m: n for m, n in zip(metrics, compared, strict=True) if n < min_pairs}
    assert not too_few, f"too few non-null pairs compared (fewer than {min_pairs}): {too_few}"
    return [str(r) for r in rows]


@dataclass(frozen=True)
class Parity:
    """One MetricFlow query (metrics sharing the grain `keys`: mf column -> key) and the mart that publishes it."""

    name: str
    keys: dict[str, str]
    columns: dict[str, str]  # semantic metric -> the mart column (or expression) holding it
    source: str  # the mart relation (or subquery) with one column per key
    where: str = ""
    min_pairs: int = MIN_PAIRS

    def mart_sql(self) -> str:
        selected = [*self.keys.values(), *(f"{column} as {metric}" for metric, column in self.columns.items())]
        return f"select {', '.join(selected)} from {self.source}"


def same(*names: str) -> dict[str, str]:
    """Metrics the mart publishes under their own names."""
    return {name: name for name in names}


def trends(*metrics: str) -> str:
    """mart_metric_trends_weekly (week x metric, long) as one row per week and one column per metric."""
    pivoted = ", ".join(f"max(case when metric = '{m}' then value end) as {m}" for m in metrics)
    return f"(select week, {pivoted} from marts.mart_metric_trends_weekly group by week)"


def dims(entity: str, *names: str) -> dict[str, str]:
    """MetricFlow group-by names of the entity's dimensions -> the mart's key columns of the same names."""
    return {f"{entity}__{name}": name for name in names}


WEEK, MONTH, QUARTER = (dims("metric_time", grain) for grain in ("week", "month", "quarter"))
BOT_ONLY = "{{ Dimension('conversation__is_bot_involved') }}"  # mart_bot_quality_weekly's scope
CSAT_CES_ONLY = "{{ Dimension('survey_response__survey_type') }} in ('csat', 'ces')"
NPS_ONLY = "{{ Dimension('survey_response__survey_type') }} = 'nps'"  # other responses count 0 NPS, the mart no row
TRENDED = ("escalation_rate", "bot_resolution_rate", "automation_rate", "fallback_rate", "intent_accuracy",
           "lead_capture_rate", "first_response_median_seconds", "resolution_median_seconds", "fcr_rate",
           "deflection_rate", "csat", "ces", "nps")

SLA_METRICS = {"first_human_response": "first_human_response_sla", "resolution": "resolution_sla"}
# mart_sla_weekly (week x channel x SLA metric) pivoted to week x channel, on every week x channel with
# conversations: rates as published, counts 0 where no target applies; the reopen counts from the facts.
OPERATIONS = (
    "(select facts.week, facts.channel, facts.reopened_conversations, facts.closed_conversations, "
    "facts.reopened_conversations / nullif(facts.closed_conversations, 0) as reopen_rate, "
    + "".join(f"slas.{name}_breach_rate, coalesce(slas.{name}_breaches, 0) as {name}_breaches, "
              f"coalesce(slas.{name}_decided, 0) as {name}_decided, " for name in SLA_METRICS.values())
    + "slas.sla_breach_rate from (select cast(date_trunc('week', created_at) as date) as week, channel, "
    "count(case when reopen_count >= 1 then 1 end) as reopened_conversations, "
    "count(case when status <> 'open' then 1 end) as closed_conversations "
    "from marts.fct_conversations group by 1, 2) as facts left join (select week, channel, "
    + "".join(f"max(case when sla_metric = '{metric}' then sla_breach_rate end) as {name}_breach_rate, "
              f"sum(case when sla_metric = '{metric}' then breached_count end) as {name}_breaches, "
              f"sum(case when sla_metric = '{metric}' then achieved_count + breached_count end) as {name}_decided, "
              for metric, name in SLA_METRICS.items())
    + "sum(breached_count) / nullif(sum(achieved_count + breached_count), 0) as sla_breach_rate "
    "from marts.mart_sla_weekly group by week, channel) as slas "
    "on facts.week = slas.week and facts.channel = slas.channel)"
)
# The backlog of a week is the one at the end of its last day with a row (the measure is non-additive over
# days); the opened and closed counts add up.
BACKLOG_WEEKLY = (
    "(select cast(date_trunc('week', date) as date) as week, channel, sum(opened_count) as opened_count, "
    "sum(closed_count) as closed_count, sum(case when date = last_day then open_at_end_count end) as backlog "
    "from (select *, max(date) over (partition by date_trunc('week', date)) as last_day "
    "from marts.mart_backlog_daily) as days group by 1, 2)"
)

PARITIES = [
    Parity(
        "csat_ces_weekly", {**WEEK, **dims("survey_response", "channel", "intent", "resolution_path")},
        {**same("csat", "ces", "ces_easy_rate", "ces_score_sum"), "csat_responses": "csat_response_count",
         "csat_satisfied_responses": "csat_satisfied_count", "ces_responses": "ces_response_count",
         "ces_easy_responses": "ces_easy_count"},
        "marts.mart_csat_ces_weekly", where=CSAT_CES_ONLY,
    ),
    Parity(
        "issue_outcomes_weekly",
        {**WEEK, **dims("issue", "first_channel", "intent", "issue_path")},
        {**same("fcr_rate", "deflection_rate", "recontact_rate"), "issues": "issue_count",
         "settled_issues": "settled_count", "fcr_issues": "fcr_count", "deflected_issues": "deflected_count",
         "recontacted_issues": "recontacted_count"},
        "marts.mart_issue_outcomes_weekly",
    ),
    Parity(
        "response_times_weekly", {**WEEK, **dims("conversation", "channel", "resolution_path")},
        {**same("first_response_median_seconds", "resolution_median_seconds"), "conversations": "conversation_count"},
        "marts.mart_response_times_weekly",
    ),
    Parity(
        "cost_monthly", {**MONTH, **dims("conversation", "intent", "resolution_path")},
        {**same("cost_per_resolution", "cost_per_conversation", "allocated_cost"),
         "conversations": "conversation_count", "resolved_conversations": "resolved_count"},
        "marts.mart_cost_monthly",
    ),
    Parity(
        "leads_monthly", {**MONTH, **dims("conversation", "channel")},
        {**same("lead_capture_rate"), "lead_conversations": "lead_count", "conversations": "conversation_count"},
        "marts.mart_leads_monthly",
    ),
    Parity(
        "bot_quality_weekly", {**WEEK, **dims("conversation", "intent")},
        {**same("bot_resolution_rate", "fallback_rate", "escalation_rate", "intent_accuracy"),
         "bot_involved_conversations": "bot_conversation_count", "bot_escalated_conversations": "escalated_count",
         "ai_only_resolved_conversations": "bot_resolved_count", "bot_messages": "bot_message_count",
         "fallback_messages": "fallback_message_count", "intent_labeled_conversations": "intent_labeled_count",
         "intent_matched_conversations": "intent_match_count"},
        "marts.mart_bot_quality_weekly", where=BOT_ONLY,
    ),
    Parity(
        "support_daily", {"metric_time__day": "date", **dims("conversation", "channel", "intent", "resolution_path")},
        {"conversations": "conversation_count", "resolved_conversations": "resolved_count",
         "bot_involved_conversations": "bot_involved_count", "bot_messages": "bot_message_count",
         "fallback_messages": "fallback_message_count", "lead_conversations": "lead_count"},
        "marts.mart_support_daily",
    ),
    Parity("metric_trends_weekly", WEEK, same(*TRENDED), trends(*TRENDED), min_pairs=3),  # NPS: 3 weeks
    Parity(
        "operations_weekly", {**WEEK, **dims("conversation", "channel")},
        same("reopen_rate", "reopened_conversations", "closed_conversations", "sla_breach_rate",
             *(f"{name}_{part}" for name in SLA_METRICS.values() for part in ("breach_rate", "breaches", "decided"))),
        OPERATIONS,
    ),
    Parity(
        "backlog_weekly", {**WEEK, **dims("backlog_day", "channel")},
        {"backlog": "backlog", "backlog_opened_conversations": "opened_count",
         "backlog_closed_conversations": "closed_count"},
        BACKLOG_WEEKLY,
    ),
    Parity(
        "agent_weekly", {**WEEK, **dims("agent_week", "agent_id", "team")},
        {"agent_csat": "csat", "agent_csat_responses": "csat_response_count",
         "agent_csat_satisfied_responses": "csat_satisfied_count",
         "agent_handled_conversations": "handled_conversation_count"},
        "marts.mart_agent_weekly",
    ),
    Parity(
        "nps_quarterly_by_plan_tier", {**QUARTER, **dims("account", "plan_tier")},
        {**same("nps"), "nps_responses": "response_count", "nps_promoters": "promoter_count",
         "nps_detractors": "detractor_count"},
        "(select *, segment_value as plan_tier from marts.mart_nps_quarterly where segment_type = 'plan_tier')",
        where=f"{NPS_ONLY} and {{{{ Dimension('account__plan_tier') }}}} is not null",
        min_pairs=4,  # one quarter x 4 plan tiers
    ),
]


@pytest.mark.parametrize("parity", PARITIES, ids=[p.name for p in PARITIES])
def test_semantic_metrics_equal_the_mart(parity: Parity, warehouse: Path, tmp_path: Path) -> None:
    metrics = list(parity.columns)
    csv = semantic(warehouse, tmp_path / "q.csv", metrics, list(parity.keys), where=parity.where)
    assert mismatches(warehouse, csv, parity.keys, metrics, parity.mart_sql(), parity.min_pairs) == []


def defined_metrics() -> set[str]:
    """Names of the metrics every YAML file under models/ defines (today all in _semantic__metrics.yml)."""
    documents = (yaml.safe_load(path.read_text(encoding="utf-8")) for path in (PROJECT_DIR / "models").rglob("*.yml"))
    return {metric["name"] for document in documents for metric in (document or {}).get("metrics", [])}


def test_every_defined_metric_is_compared_with_a_mart() -> None:
    defined = defined_metrics()
    assert {"csat", "fcr_rate", "nps"} <= defined, defined
    compared = {metric for parity in PARITIES for metric in parity.columns}
    assert defined - compared == set(), "metrics without a parity check against a mart"
    assert compared - defined == set(), "comparisons of metrics the semantic layer does not define"


def test_mf_answers_from_the_warehouse_it_is_named(built_projects: Callable[[str], Built], tmp_path: Path) -> None:
    """Two warehouses built from one checkout (clean.duckdb and dirty.duckdb: DuckDB names each file's database
    after it), asked in turn: each answer is that warehouse's own mart, whichever was asked before."""
    parity = next(p for p in PARITIES if p.name == "response_times_weekly")
    metrics = list(parity.columns)
    answers = {}
    for turn, mode in enumerate(("dirty", "clean", "dirty")):
        built = built_projects(mode)
        assert not built.failure, built.failure[-2000:]
        csv = semantic(built.warehouse, tmp_path / f"{turn}.csv", metrics, list(parity.keys))
        assert mismatches(built.warehouse, csv, parity.keys, metrics, parity.mart_sql()) == [], mode
        answers[mode] = csv.read_text(encoding="utf-8")
    assert answers["clean"] != answers["dirty"], "the two warehouses must differ for the test to tell them apart"
