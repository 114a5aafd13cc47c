"""The review dashboards in Apache Superset, a BI tool of its own, reading the session's published marts.

`make test` installs Superset in .venv-bi (`make bi-install`). Here a fresh Superset (its metadata in a
temporary folder) is set up by bi/superset/dashboards.py over the clean build's published file and served on a
free local port; headless Chromium, with every host but localhost made unresolvable, logs in and opens the
three dashboards. Every chart must draw, no request may leave the machine, and the big numbers, the tables'
cells and the series each line chart received must equal the marts' numbers, read here from the published
file with SQL of the test's own. A screenshot per dashboard lands in test-artifacts/superset/."""

from __future__ import annotations

import json
import subprocess
import time
import urllib.request
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import duckdb
import pytest

from support_metrics.postgres import free_port
from support_metrics.warehouse import PROJECT_DIR

from .browser import chrome, network_events
from .conftest import Built

BI_PYTHON = PROJECT_DIR / ".venv-bi" / "bin" / "python"
BI_DIR = PROJECT_DIR / "bi" / "superset"
ARTIFACTS = PROJECT_DIR / "test-artifacts" / "superset"
PASSWORD = "review-test"
CHARTS = {"daily-glance": 5, "weekly-review": 3, "monthly-deep-dive": 3}  # charts drawn per dashboard
LINES = {"daily-glance": 1, "weekly-review": 1, "monthly-deep-dive": 1}


@pytest.fixture(scope="module")
def superset(built_projects: Callable[[str], Built], tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    assert BI_PYTHON.exists(), ".venv-bi is missing: `make bi-install` (which `make test` runs) installs Superset"
    built = built_projects("clean")
    assert not built.failure, built.failure[-2000:]
    home = tmp_path_factory.mktemp("superset")
    dashboards = [str(BI_PYTHON), str(BI_DIR / "dashboards.py"), "--home", str(home)]
    done = subprocess.run([*dashboards, "--warehouse", str(built.published), "--password", PASSWORD],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    port = free_port()
    log = (home / "server.log").open("w")
    server = subprocess.Popen([*dashboards, "--serve", str(port)], stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 90
        while True:
            assert server.poll() is None, (home / "server.log").read_text()[-3000:]
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            assert time.monotonic() < deadline, "Superset did not answer /health in 90 s"
            time.sleep(0.5)
        yield f"http://localhost:{port}"
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()


def _rendered(driver: Any, expected: int, lines: int) -> bool:
    return bool(driver.execute_script(
        "const charts = document.querySelectorAll('.dashboard-component-chart-holder');"
        "const busy = document.querySelectorAll('.dashboard-component-chart-holder .loading').length;"
        "const canvases = [...document.querySelectorAll('.dashboard-component-chart-holder canvas')]"
        "  .filter(c => c.width > 100 && c.height > 100).length;"
        "return charts.length === arguments[0] && busy === 0 && canvases >= arguments[1] &&"
        "  [...charts].every(c => c.querySelector('.header-line, table, canvas'));", expected, lines))


@pytest.fixture(scope="module")
def dashboards(superset: str) -> Iterator[dict[str, dict[str, Any]]]:
    """Per dashboard: what it drew (big numbers, table cells, painted canvas pixels), the data each chart
    received, every URL the page requested and the console's errors."""
    from selenium.webdriver.common.by import By

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    driver = chrome("--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost", "--window-size=1400,1600")
    try:
        driver.get(f"{superset}/login/")
        driver.find_element(By.ID, "username").send_keys("admin")
        driver.find_element(By.ID, "password").send_keys(PASSWORD)
        driver.find_element(By.CSS_SELECTOR, "[type='submit']").click()
        deadline = time.monotonic() + 30
        while "/login" in driver.current_url:
            assert time.monotonic() < deadline, "the login did not go through"
            time.sleep(0.2)
        driver.get_log("performance")
        driver.get_log("browser")
        seen: dict[str, dict[str, Any]] = {}
        for slug, expected in CHARTS.items():
            driver.get(f"{superset}/superset/dashboard/{slug}/?standalone=1")
            deadline = time.monotonic() + 90
            while not _rendered(driver, expected, LINES[slug]):
                assert time.monotonic() < deadline, f"{slug}: the charts did not all draw in 90 s"
                time.sleep(0.5)
            time.sleep(1)  # the last chart's animation
            driver.save_screenshot(str(ARTIFACTS / f"{slug}.png"))
            seen[slug] = _read_dashboard(driver)
        yield seen
    finally:
        driver.quit()


def _read_dashboard(driver: Any) -> dict[str, Any]:
    drawn = driver.execute_script(
        "const out = {};"
        "for (const holder of document.querySelectorAll('.dashboard-component-chart-holder')) {"
        "  const title = holder.querySelector('[data-test=\"editable-title\"]').innerText.trim();"
        "  const big = holder.querySelector('.header-line');"
        "  const rows = [...holder.querySelectorAll('table tbody tr')].map("
        "    r => [...r.querySelectorAll('td')].map(td => td.innerText.trim()));"
        "  const canvas = holder.querySelector('canvas');"
        "  let painted = 0;"
        "  if (canvas) { const d = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;"
        "    for (let i = 3; i < d.length; i += 4) if (d[i] > 0) painted++; }"
        "  out[title] = {big: big ? big.innerText.trim() : null, rows: rows, painted: painted};"
        "}"
        "return out;")
    requests = network_events(driver, "Network.requestWillBeSent")
    received: dict[str, list[dict[str, Any]]] = {}
    for request in requests:
        if "/api/v1/chart/data" in request["request"]["url"] and request["request"].get("postData"):
            query = json.loads(request["request"]["postData"])["queries"][0]
            body = driver.execute_cdp_cmd("Network.getResponseBody", {"requestId": request["requestId"]})["body"]
            if query.get("metrics") and isinstance(query["metrics"][0], dict):
                received[query["metrics"][0]["label"]] = json.loads(body)["result"][0]["data"]
    return {"drawn": drawn, "received": received, "urls": [r["request"]["url"] for r in requests],
            "errors": [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]}


@pytest.fixture(scope="module")
def marts(built_projects: Callable[[str], Built]) -> Iterator[duckdb.DuckDBPyConnection]:
    con = duckdb.connect(str(built_projects("clean").published), read_only=True)
    yield con
    con.close()


def _number(value: Any, decimals: int) -> str:
    """As d3-format prints it: JavaScript's toFixed, which takes the larger of two equally near numbers
    (236.5 → 237, where Python's format gives 236); the values shown here are not negative."""
    if value is None:
        return "N/A"
    return f"{Decimal(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP):,}"


def _ms(day: date) -> float:
    return datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp() * 1000


def _series(received: list[dict[str, Any]], x: str) -> dict[tuple[float, str], float]:
    """A line chart's pivoted data (one row per x, one column per series) as {(x, series): value}."""
    return {(row[x], name): value for row in received for name, value in row.items()
            if name != x and value is not None}


def test_every_chart_draws_and_nothing_leaves_the_machine(dashboards: dict[str, dict[str, Any]]) -> None:
    for slug, seen in dashboards.items():
        assert len(seen["drawn"]) == CHARTS[slug], f"{slug}: {sorted(seen['drawn'])}"
        for title, chart in seen["drawn"].items():
            assert chart["big"] or chart["rows"] or chart["painted"] > 2000, f"{slug}: {title} drew nothing"
        assert seen["errors"] == [], f"{slug}: {seen['errors']}"
        local = [url for url in seen["urls"] if not url.startswith(("http://localhost:", "data:", "blob:"))]
        assert local == [], f"{slug} asked the network for {local}"
        assert (ARTIFACTS / f"{slug}.png").stat().st_size > 20_000


def test_daily_glance_shows_the_latest_day_of_the_marts(dashboards: dict[str, dict[str, Any]],
                                                        marts: duckdb.DuckDBPyConnection) -> None:
    drawn = dashboards["daily-glance"]["drawn"]
    day = "(select max(date) from marts.mart_daily_glance)"
    totals = marts.execute("select sum(conversation_count), sum(escalated_count), sum(zero_response_count) "
                           f"from marts.mart_daily_glance where date = {day}").fetchone()
    assert totals is not None and totals[0] > 0
    assert [drawn["Conversations on the latest day"]["big"], drawn["Escalations on the latest day"]["big"],
            drawn["Zero-response conversations on the latest day"]["big"]] == [f"{n:,}" for n in totals]
    rows = marts.execute(f"select * from marts.mart_daily_glance where date = {day} order by channel").fetchall()
    assert drawn["Each channel against its four weeks before"]["rows"] == [
        [channel, f"{n:,}", _number(n_mean, 2), f"{e:,}", _number(e_mean, 2), f"{z:,}", _number(z_mean, 2)]
        for _, channel, n, e, z, n_mean, e_mean, z_mean in rows]
    per_day = marts.execute("select date, channel, sum(conversation_count) from marts.mart_daily_glance "
                            "group by all").fetchall()
    received = dashboards["daily-glance"]["received"]["Conversations per day"]
    assert _series(received, "date") == {(_ms(d), channel): float(n) for d, channel, n in per_day}


def test_weekly_review_shows_the_latest_week_of_the_marts(dashboards: dict[str, dict[str, Any]],
                                                          marts: duckdb.DuckDBPyConnection) -> None:
    drawn = dashboards["weekly-review"]["drawn"]
    flagged = marts.execute(
        "select metric, value, target, status, is_drifting from marts.mart_metric_trends_weekly "
        "where week = (select max(week) from marts.mart_metric_trends_weekly) "
        "and (status = 'off_track' or is_drifting) order by metric").fetchall()
    assert flagged, "the demo's latest week has metrics off target"
    assert drawn["Metrics off target or drifting (latest week)"]["rows"] == [
        [metric, _number(value, 3), _number(target, 3), status, str(drifting).lower()]
        for metric, value, target, status, drifting in flagged]
    questions = marts.execute(
        "select rank, question_text, occurrence_count, top_intent from marts.mart_unanswered_questions_weekly "
        "where week = (select max(week) from marts.mart_unanswered_questions_weekly) order by rank").fetchall()
    assert drawn["Top unanswered questions (latest week)"]["rows"] == [
        [f"{rank:,}", text, f"{count:,}", intent] for rank, text, count, intent in questions]
    rates = marts.execute("select week, metric, value from marts.mart_metric_trends_weekly "
                          "where metric in ('lead_capture_rate', 'automation_rate') and value is not null").fetchall()
    received = dashboards["weekly-review"]["received"]["Lead capture and automation rate per week"]
    assert _series(received, "week") == pytest.approx({(_ms(w), m): v for w, m, v in rates}, rel=1e-12)


def test_monthly_deep_dive_shows_the_latest_month_of_the_marts(dashboards: dict[str, dict[str, Any]],
                                                               marts: duckdb.DuckDBPyConnection) -> None:
    drawn = dashboards["monthly-deep-dive"]["drawn"]
    cost = marts.execute("select sum(allocated_cost) / sum(resolved_count) from marts.mart_cost_monthly "
                         "where month = (select max(month) from marts.mart_cost_monthly)").fetchone()
    assert cost is not None
    assert drawn["Cost per resolution (latest month)"]["big"] == _number(cost[0], 2)
    handlers = marts.execute(
        "select intent, handler, conversation_count, resolution_rate, resolution_median_seconds, "
        "cost_per_resolution from marts.mart_bot_vs_human_monthly "
        "where month = (select max(month) from marts.mart_bot_vs_human_monthly) order by intent, handler").fetchall()
    assert drawn["Bot against human per intent (latest month)"]["rows"] == [
        [intent, handler, f"{n:,}", _number(rate, 3), _number(seconds, 0), _number(cost_, 2)]
        for intent, handler, n, rate, seconds, cost_ in handlers]
    revenue = marts.execute("select month, channel, sum(revenue_influenced_mrr) from marts.mart_leads_monthly "
                            "group by all having sum(revenue_influenced_mrr) is not null").fetchall()
    received = dashboards["monthly-deep-dive"]["received"][
        "Revenue influenced by chat per month (MRR of converted leads)"]
    assert _series(received, "month") == pytest.approx({(_ms(m), c): float(v) for m, c, v in revenue}, rel=1e-12)
