"""The semantic layer and the marts give the same numbers: `support-metrics mf -- query` (MetricFlow on the
DuckDB warehouse) against the published marts, for metric and dimension pairs of every semantic model.

Each comparison joins the two on their keys (nulls equal) and fails on a value that differs by more than
1e-9 (relative), on a mart row the semantic layer lacks, and on a semantic value the mart lacks. It also
asserts that enough non-null pairs were compared, so an empty result cannot pass."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

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
        pairs = " + ".join(f"count(case when sl.{m} is not null and mart.{m} is not null then 1 end)" for m in metrics)
        compared = con.execute(f"select {pairs} from sl inner join mart on {on}").fetchone()[0]  # type: ignore[index]
        rows = con.execute(
            f"select {key_list}, {', '.join(f'sl.{m}, mart.{m}' for m in metrics)} "
            f"from sl full outer join mart on {on} where {differs} limit 10"
        ).fetchall()
    finally:
        con.close()
    assert compared >= min_pairs, f"only {compared} non-null pairs compared"
    return [str(r) for r in rows]


def test_csat_and_ces_by_week_channel_intent_path(warehouse: Path, tmp_path: Path) -> None:
    keys = {"metric_time__week": "week", "survey_response__channel": "channel", "survey_response__intent": "intent",
            "survey_response__resolution_path": "resolution_path"}
    csv = semantic(warehouse, tmp_path / "q.csv", ["csat", "ces"], list(keys),
                   where="{{ Dimension('survey_response__survey_type') }} in ('csat', 'ces')")
    mart = "select week, channel, intent, resolution_path, csat, ces from marts.mart_csat_ces_weekly"
    assert mismatches(warehouse, csv, keys, ["csat", "ces"], mart) == []


def test_fcr_and_deflection_by_week_first_channel_intent_path(warehouse: Path, tmp_path: Path) -> None:
    keys = {"metric_time__week": "week", "issue__first_channel": "first_channel", "issue__intent": "intent",
            "issue__issue_path": "issue_path"}
    csv = semantic(warehouse, tmp_path / "q.csv", ["fcr_rate", "deflection_rate"], list(keys))
    mart = ("select week, first_channel, intent, issue_path, fcr_rate, deflection_rate "
            "from marts.mart_issue_outcomes_weekly")
    assert mismatches(warehouse, csv, keys, ["fcr_rate", "deflection_rate"], mart) == []


def test_median_first_response_and_resolution_by_week_channel_path(warehouse: Path, tmp_path: Path) -> None:
    keys = {"metric_time__week": "week", "conversation__channel": "channel",
            "conversation__resolution_path": "resolution_path"}
    metrics = ["first_response_median_seconds", "resolution_median_seconds"]
    csv = semantic(warehouse, tmp_path / "q.csv", metrics, list(keys))
    mart = ("select week, channel, resolution_path, first_response_median_seconds, resolution_median_seconds "
            "from marts.mart_response_times_weekly")
    assert mismatches(warehouse, csv, keys, metrics, mart) == []


def test_cost_per_resolution_by_month_intent_path(warehouse: Path, tmp_path: Path) -> None:
    keys = {"metric_time__month": "month", "conversation__intent": "intent",
            "conversation__resolution_path": "resolution_path"}
    csv = semantic(warehouse, tmp_path / "q.csv", ["cost_per_resolution"], list(keys))
    mart = "select month, intent, resolution_path, cost_per_resolution from marts.mart_cost_monthly"
    assert mismatches(warehouse, csv, keys, ["cost_per_resolution"], mart) == []


def test_lead_capture_rate_by_month_channel(warehouse: Path, tmp_path: Path) -> None:
    keys = {"metric_time__month": "month", "conversation__channel": "channel"}
    csv = semantic(warehouse, tmp_path / "q.csv", ["lead_capture_rate"], list(keys))
    mart = "select month, channel, lead_capture_rate from marts.mart_leads_monthly"
    assert mismatches(warehouse, csv, keys, ["lead_capture_rate"], mart) == []


def test_bot_resolution_and_fallback_rate_by_week_intent(warehouse: Path, tmp_path: Path) -> None:
    keys = {"metric_time__week": "week", "conversation__intent": "intent"}
    metrics = ["bot_resolution_rate", "fallback_rate"]
    csv = semantic(warehouse, tmp_path / "q.csv", metrics, list(keys),
                   where="{{ Dimension('conversation__is_bot_involved') }}")
    mart = "select week, intent, bot_resolution_rate, fallback_rate from marts.mart_bot_quality_weekly"
    assert mismatches(warehouse, csv, keys, metrics, mart) == []


def test_escalation_rate_and_intent_accuracy_by_week(warehouse: Path, tmp_path: Path) -> None:
    keys = {"metric_time__week": "week"}
    metrics = ["escalation_rate", "intent_accuracy"]
    csv = semantic(warehouse, tmp_path / "q.csv", metrics, list(keys))
    mart = ("select week, "
            "max(case when metric = 'escalation_rate' then value end) as escalation_rate, "
            "max(case when metric = 'intent_accuracy' then value end) as intent_accuracy "
            "from marts.mart_metric_trends_weekly group by week")
    assert mismatches(warehouse, csv, keys, metrics, mart) == []


def test_nps_by_quarter_and_plan_tier(warehouse: Path, tmp_path: Path) -> None:
    keys = {"metric_time__quarter": "quarter", "account__plan_tier": "plan_tier"}
    csv = semantic(warehouse, tmp_path / "q.csv", ["nps"], list(keys),
                   where="{{ Dimension('account__plan_tier') }} is not null")
    mart = ("select quarter, segment_value as plan_tier, nps from marts.mart_nps_quarterly "
            "where segment_type = 'plan_tier'")
    assert mismatches(warehouse, csv, keys, ["nps"], mart, min_pairs=4) == []  # one quarter x 4 plan tiers
