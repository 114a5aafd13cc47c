"""The report in a real browser: headless Chromium (Debian's chromium and chromium-driver, which
`make test` installs when missing) opens the page from disk and must find every chart drawn, no console
error and no network request; a screenshot per section lands in test-artifacts/report/, and the
headline numbers, the daily glance and the target chart equal the marts' published columns."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from support_metrics.report import write_report
from support_metrics.warehouse import PROJECT_DIR

from .browser import chrome, network_events
from .conftest import Built

ARTIFACTS = PROJECT_DIR / "test-artifacts" / "report"


@pytest.fixture(scope="module")
def page(built_projects: Callable[[str], Built], tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    built = built_projects("clean")
    assert not built.failure, built.failure[-2000:]
    return built.published, write_report(built.published, tmp_path_factory.mktemp("report"))


@pytest.fixture(scope="module")
def browser(page: tuple[Path, Path]) -> Iterator[object]:
    driver = chrome()
    driver.get(page[1].as_uri())
    driver.implicitly_wait(5)
    yield driver
    driver.quit()


def test_every_chart_is_drawn(browser: object) -> None:
    from selenium.webdriver.common.by import By

    charts = browser.find_elements(By.CSS_SELECTOR, "div.chart > div > div[id^='chart-']")  # type: ignore[attr-defined]
    assert len(charts) >= 16
    for chart in charts:
        drawn = browser.execute_script(  # type: ignore[attr-defined]
            "const svg = arguments[0].querySelector('svg.main-svg');"
            "return svg ? svg.querySelectorAll('path, rect, text').length : 0;", chart)
        title = chart.find_elements(By.CSS_SELECTOR, "text.gtitle")
        assert drawn > 10, f"{chart.get_attribute('id')} has no drawing"
        assert title and title[0].text, f"{chart.get_attribute('id')} has no title"


def test_no_console_error_and_no_network_request(browser: object, page: tuple[Path, Path]) -> None:
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]  # type: ignore[attr-defined]
    assert errors == []
    requests = [event["request"]["url"] for event in network_events(browser, "Network.requestWillBeSent")]
    assert requests, "the performance log records requests (at least the page itself)"
    assert [url for url in requests if not url.startswith(("file:", "data:", "blob:"))] == []


def test_screenshot_per_section(browser: object) -> None:
    from selenium.webdriver.common.by import By

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for section in ("daily", "weekly", "monthly"):
        element = browser.find_element(By.ID, section)  # type: ignore[attr-defined]
        browser.execute_script("arguments[0].scrollIntoView()", element)  # type: ignore[attr-defined]
        path = ARTIFACTS / f"{section}.png"
        assert element.screenshot(str(path))
        assert path.stat().st_size > 20_000


# Every text of every chart (titles, tick labels, legend, panel names) as its box on the page, per chart.
LABEL_BOXES = """
return [...document.querySelectorAll('.js-plotly-plot')].map((plot) => [plot.layout.title.text,
  [...plot.querySelectorAll('svg text')].filter((t) => t.textContent.trim()).map((t) => {
    const box = t.getBoundingClientRect();
    const tick = t.closest('g[class$="tick"]');
    return [(tick ? tick.getAttribute('class') + ' ' : '') + t.textContent, box.left, box.right, box.top, box.bottom];
  }).filter((label) => label[2] > label[1] && label[4] > label[3])]);
"""
# Each category axis: how many categories its data has and the tick labels drawn for them.
CATEGORY_LABELS = """
const out = [];
for (const plot of document.querySelectorAll('.js-plotly-plot')) {
  for (const [key, axis] of Object.entries(plot._fullLayout)) {
    if (!/^[xy]axis[0-9]*$/.test(key) || axis.type !== 'category' || !axis.visible) continue;
    out.push([plot.layout.title.text, axis._id, axis._categories.length,
              plot.querySelectorAll('g.' + axis._id + 'tick text').length]);
  }
}
return out;
"""


def test_no_label_overlaps_another_at_the_default_width(browser: object) -> None:
    """At the page's default width (1400 px window) no two texts of a chart overlap by more than a pixel:
    tick labels, axis and chart titles, legend entries and small-multiple panel names."""
    charts = browser.execute_script(LABEL_BOXES)  # type: ignore[attr-defined]
    assert len(charts) >= 16 and all(len(labels) > 5 for _, labels in charts)
    overlaps = [(title, a[0], b[0]) for title, labels in charts for i, a in enumerate(labels)
                for b in labels[i + 1:]
                if a[1] < b[2] - 1 and b[1] < a[2] - 1 and a[3] < b[4] - 1 and b[3] < a[4] - 1]
    assert overlaps == []


def test_every_category_label_is_drawn(browser: object) -> None:
    """No category loses its label: Plotly drops tick labels that would not fit, so a chart too small for its
    categories shows fewer labels than it has categories."""
    axes = browser.execute_script(CATEGORY_LABELS)  # type: ignore[attr-defined]
    assert len(axes) >= 12
    assert [axis for axis in axes if axis[2] != axis[3]] == []


def test_dates_read_as_dates(browser: object) -> None:
    """No tick label shows a time of day (a week is `2026-01-19` or a month on a date axis), and the week and
    month lines are drawn on date axes."""
    import re

    texts = [label[0] for _, labels in browser.execute_script(LABEL_BOXES) for label in labels]  # type: ignore[attr-defined]
    assert [text for text in texts if re.search(r"\d:\d\d", text)] == []
    assert any(re.search(r"xtick 20\d\d-\d\d-\d\d$", text) for text in texts)  # the CSAT weeks
    dated = browser.execute_script(  # type: ignore[attr-defined]
        "return [...document.querySelectorAll('.js-plotly-plot')].filter((p) => p._fullLayout.xaxis.type === 'date')"
        ".map((p) => p.layout.title.text);")
    assert {"Lead capture rate per week", "Median first response by path, per channel"} <= set(dated)


def _published(page: tuple[Path, Path], sql: str) -> list[tuple[Any, ...]]:
    con = duckdb.connect(str(page[0]), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _traces(browser: object, title: str, horizontal: bool = False) -> dict[str, dict[Any, float]]:
    """The drawn chart with that title, as {trace name: {category: value}}: Plotly's decoded data in the page."""
    found = browser.execute_script(  # type: ignore[attr-defined]
        "const plot = [...document.querySelectorAll('.js-plotly-plot')]"
        ".find((p) => p.layout.title.text === arguments[0]);"
        "return plot ? plot._fullData.map((t) => [t.name, Array.from(t.x), Array.from(t.y)]) : null;", title)
    assert found, f"no chart titled {title!r}"
    return {name: dict(zip(ys, xs, strict=True) if horizontal else zip(xs, ys, strict=True))
            for name, xs, ys in found}


def test_headline_numbers_match_the_marts(browser: object, page: tuple[Path, Path]) -> None:
    from selenium.webdriver.common.by import By

    def shown(key: str) -> float:
        text = browser.find_element(By.CSS_SELECTOR, f"[data-metric='{key}']").text  # type: ignore[attr-defined]
        return float(text.replace(",", ""))

    [today] = _published(page, """
        select sum(conversation_count), sum(escalated_count), sum(zero_response_count) from marts.mart_daily_glance
        where date = (select max(date) from marts.mart_daily_glance)""")
    [(cost, revenue)] = _published(page, """
        select sum(cost.allocated_cost) / sum(cost.resolved_count),
            (select sum(revenue_influenced_mrr) from marts.mart_leads_monthly as leads where leads.month = cost.month)
        from marts.mart_cost_monthly as cost where cost.month = (select max(month) from marts.mart_cost_monthly)
        group by cost.month""")
    [backlog] = _published(page, """
        select sum(open_at_end_count), sum(aged_over_7d_count),
            (select sum(breached_count) from marts.mart_sla_weekly where week = date_trunc('week', max(date)))
        from marts.mart_backlog_daily where date = (select max(date) from marts.mart_daily_glance)""")
    assert today[0] > 0 and backlog[0] > 0 and backlog[2] > 0
    assert (shown("conversations_today"), shown("escalations_today"), shown("zero_response_today")) == today
    assert (shown("backlog_today"), shown("backlog_over_7d_today"), shown("sla_breaches_this_week")) == backlog
    assert shown("cost_per_resolution_month") == pytest.approx(cost, abs=0.005)
    assert shown("revenue_influenced_month") == pytest.approx(float(revenue), abs=0.005)


def test_daily_glance_shows_the_marts_mean_day_of_the_4_weeks_before(browser: object, page: tuple[Path, Path]) -> None:
    rows = _published(page, """
        select channel, conversation_count, prior_4w_mean_conversation_count, escalated_count,
            prior_4w_mean_escalated_count, zero_response_count, prior_4w_mean_zero_response_count
        from marts.mart_daily_glance where date = (select max(date) from marts.mart_daily_glance)""")
    assert len(rows) > 1 and any(row[2] > 0 for row in rows)
    for offset, title in enumerate(("Conversations started: today vs 4 weeks", "Escalations: today vs 4 weeks",
                                    "Zero-response conversations: today vs 4 weeks")):
        drawn = _traces(browser, title)
        assert drawn["today"] == {row[0]: row[1 + 2 * offset] for row in rows}
        assert drawn["mean day, 4 weeks before"] == pytest.approx({row[0]: row[2 + 2 * offset] for row in rows},
                                                                 abs=1e-9)


def test_target_chart_shows_the_marts_relative_margin(browser: object, page: tuple[Path, Path]) -> None:
    rows = _published(page, "select metric, relative_margin_to_target from marts.mart_metric_trends_weekly "
                            "where week = (select max(week) from marts.mart_metric_trends_weekly) "
                            "and relative_margin_to_target is not null")
    assert any(margin < 0 for _, margin in rows) and any(margin > 0 for _, margin in rows)
    [bars] = _traces(browser, "Metrics against their targets, latest week", horizontal=True).values()
    assert bars == pytest.approx(dict(rows), abs=1e-9)


def test_weekly_review_lists_the_weeks_agents_as_the_mart_has_them(browser: object, page: tuple[Path, Path]) -> None:
    from selenium.webdriver.common.by import By

    rows = _published(page, """
        select agent_id, team, handled_conversation_count, resolved_count, reply_count from marts.mart_agent_weekly
        where week = (select max(week) from marts.mart_response_times_weekly) order by 3 desc, 1""")
    table = browser.find_element(By.XPATH, "//h3[text()='Agents this week']/following-sibling::table[1]")  # type: ignore[attr-defined]
    shown = [[cell.text for cell in row.find_elements(By.TAG_NAME, "td")[:5]]
             for row in table.find_elements(By.TAG_NAME, "tr")[1:]]
    assert len(rows) > 3
    assert shown == [[str(value) for value in row] for row in rows]
