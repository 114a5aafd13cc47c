"""`support-metrics report`: the daily glance, weekly review and monthly deep dive as one static HTML page.

Every figure is one query of published mart columns, named in report_figures.FIGURES; Python only formats.
Plotly's script is inlined, so the page opens offline; the headline cards carry a `data-metric` attribute."""

from __future__ import annotations

import html
from datetime import UTC, datetime
from itertools import count
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from . import report_charts as charts
from .report_figures import FIGURES
from .warehouse import PROJECT_DIR

if TYPE_CHECKING:
    import pandas as pd

DEFAULT_OUT = PROJECT_DIR.joinpath("reports")
PAGE = "support-review.html"
# Heights of the horizontal bar charts, for their fixed sets of categories (the browser test checks that
# every label is drawn): 13 intents with two bars each; 22 NPS segments (plan tiers, regions, segments,
# support journeys, tenure bands, overall).
INTENT_BARS_HEIGHT, NPS_SEGMENTS_HEIGHT = 440, 590
# Charts are drawn before the page's final layout (a scroll bar appears); fit each to its box once loaded.
RESIZE = ("<script>window.addEventListener('load', () => document.querySelectorAll('.js-plotly-plot')"
          ".forEach((plot) => Plotly.Plots.resize(plot)));</script>")

STYLE = """
body { font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; color: #1d232a;
       background: #f6f7f9; }
header { background: #1d232a; color: #fff; padding: 18px 32px; } header h1 { margin: 0; font-size: 21px; }
header p { margin: 4px 0 0; color: #c8ced6; } main { padding: 8px 32px 48px; max-width: 1320px; }
section { margin-top: 26px; } h2 { font-size: 19px; border-bottom: 2px solid #1d232a; padding-bottom: 4px; }
.lead { color: #4a5561; margin-top: -6px; }
.cards { display: flex; gap: 12px; flex-wrap: wrap; margin: 12px 0; }
.card { background: #fff; border: 1px solid #dde1e6; border-radius: 6px; padding: 10px 16px; min-width: 170px; }
.card span { color: #4a5561; font-size: 12px; } .card b { display: block; font-size: 24px; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(560px, 1fr)); gap: 14px; }
.wide { grid-column: 1 / -1; }
.chart { background: #fff; border: 1px solid #dde1e6; border-radius: 6px; padding: 4px; min-width: 0;
         overflow: hidden; }
table { border-collapse: collapse; background: #fff; width: 100%; border: 1px solid #dde1e6; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid #eceef1; } th { background: #eef0f3; }
td.num { text-align: right; font-variant-numeric: tabular-nums; } .off { color: #c62828; font-weight: 600; }
ul.sentences li { margin: 4px 0; }
"""


def _frame(con: duckdb.DuckDBPyConnection, figure: str) -> pd.DataFrame:
    """The rows of one figure's query, for a chart."""
    return con.execute(FIGURES[figure]).df()


def _rows(con: duckdb.DuckDBPyConnection, figure: str) -> list[tuple[Any, ...]]:
    """The rows of one figure's query, for a table or sentences."""
    return con.execute(FIGURES[figure]).fetchall()


def _value(con: duckdb.DuckDBPyConnection, figure: str) -> Any:
    """The single value of one figure's query, for a card or a title."""
    return _rows(con, figure)[0][0]


def _number(value: float | None, spec: str) -> str:
    return "n/a" if value is None else format(value, spec)


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "n/a"
    return f"{seconds:.0f} s" if seconds < 120 else f"{seconds / 60:.0f} min" if seconds < 7200 \
        else f"{seconds / 3600:.1f} h"


class Page:
    """Collects sections of charts, cards and tables, then renders one HTML document."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.chart_ids = count(1)

    def section(self, anchor: str, title: str, lead: str) -> None:
        self.parts.append(f"</div></section><section id='{anchor}'><h2>{html.escape(title)}</h2>"
                          f"<p class='lead'>{html.escape(lead)}</p><div class='grid'>")

    def chart(self, fig: object, wide: bool = False) -> None:
        """A chart in the grid; `wide` spans the whole row (small multiples)."""
        div = fig.to_html(full_html=False, include_plotlyjs=False, div_id=f"chart-{next(self.chart_ids)}",  # type: ignore[attr-defined]
                          default_width="100%", config={"displaylogo": False, "responsive": True})
        self.parts.append(f"<div class='chart{' wide' if wide else ''}'>{div}</div>")

    def raw(self, markup: str) -> None:
        self.parts.append(f"</div>{markup}<div class='grid'>")

    def render(self, title: str, subtitle: str) -> str:
        from plotly.offline import get_plotlyjs

        body = "".join(self.parts).replace("</div></section>", "", 1) + "</div></section>"
        return (f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
                f"<meta name='viewport' content='width=device-width, initial-scale=1'><style>{STYLE}</style>"
                f"<script>{get_plotlyjs()}</script></head><body><header><h1>{html.escape(title)}</h1>"
                f"<p>{html.escape(subtitle)}</p></header><main>{body}</main>{RESIZE}</body></html>")


def _cards(items: list[tuple[str, str, str]]) -> str:
    return "<div class='cards'>" + "".join(
        f"<div class='card'><span>{html.escape(label)}</span><b data-metric='{key}'>{html.escape(value)}</b></div>"
        for key, label, value in items) + "</div>"


def daily_glance(con: duckdb.DuckDBPyConnection, page: Page) -> None:
    page.section("daily", f"Daily glance: {_value(con, 'daily_date'):%A %d %B %Y}",
                 "Today against the mean day of the 4 weeks before, per channel; the backlog and this week's SLAs "
                 "(30 seconds).")
    page.raw(_cards([(key, label, _number(_value(con, key), ",.0f")) for key, label in (
        ("conversations_today", "conversations started today"), ("escalations_today", "escalations today"),
        ("zero_response_today", "zero-response conversations today"))]))
    for figure, label in (("daily_conversations", "Conversations started"), ("daily_escalations", "Escalations"),
                          ("daily_zero_response", "Zero-response conversations")):
        page.chart(charts.bars_now_before(_frame(con, figure), "channel", "today", "before",
                                          ("today", "mean day, 4 weeks before"), f"{label}: today vs 4 weeks",
                                          "channel", "conversations per day"))
    page.raw(_cards([(key, label, _number(_value(con, key), ",.0f")) for key, label in (
        ("backlog_today", "open at the end of today"), ("backlog_over_7d_today", "of them open 7 days or more"),
        ("sla_breaches_this_week", "SLA breaches this week so far"))]))
    page.chart(charts.grouped_bars(_frame(con, "daily_backlog_by_age"), "channel", "open_count", "age",
                                   "Backlog at the end of today, by age", "channel", "open conversations"))
    rows = "".join(
        f"<tr><td>{html.escape(channel)}</td><td>{html.escape(metric)}</td>"
        f"<td>{_duration(target)} {html.escape(clock)}</td><td class='num'>{achieved}</td>"
        f"<td class='num {'off' if breached else ''}'>{breached}</td><td class='num'>{pending}</td>"
        f"<td class='num'>{_number(rate, '.1%')}</td></tr>"
        for channel, metric, clock, target, achieved, breached, pending, rate in _rows(con, "daily_sla_week"))
    page.raw("<h3>SLAs this week so far</h3><table><tr><th>channel</th><th>SLA</th><th>target</th>"
             "<th>achieved</th><th>breached</th><th>pending</th><th>breach rate</th></tr>"
             f"{rows or '<tr><td colspan=7>no conversation with a target this week</td></tr>'}</table>")


def weekly_review(con: duckdb.DuckDBPyConnection, page: Page) -> None:
    page.section("weekly", f"Weekly review: week of {_value(con, 'weekly_week'):%d %B %Y}",
                 "First response, resolution by intent, leads, CSAT by path, unanswered questions, targets, agents "
                 "(15 min).")
    page.chart(charts.lines(_frame(con, "first_response_by_path"), "week", "first_response_median_seconds",
                            "resolution_path", "Median first response by path, per channel", "week",
                            "seconds (log scale)", colours=charts.PATH_COLOURS, facet="channel", log=True), wide=True)
    page.chart(charts.grouped_bars(_frame(con, "resolution_by_intent"), "intent", "rate", "measure",
                                   "Resolution rate by intent, this week", "intent", "share resolved", percent=True,
                                   horizontal=True, height=INTENT_BARS_HEIGHT))
    page.chart(charts.lines(_frame(con, "lead_capture_weekly"), "week", "value", None, "Lead capture rate per week",
                            "week", "share of conversations with a lead", percent=True))
    page.chart(charts.grouped_bars(_frame(con, "csat_by_path"), "week", "csat", "resolution_path",
                                   "CSAT by path, last 8 weeks", "week", "satisfied share of CSAT responses",
                                   percent=True, colours=charts.PATH_COLOURS))
    page.chart(charts.grouped_bars(_frame(con, "unanswered_questions"), "question_text", "occurrence_count",
                                   "top_intent", "Top unanswered questions, latest week", "question", "fallbacks",
                                   horizontal=True, one_bar_each=True))
    page.chart(charts.target_gaps(_frame(con, "target_margins"), "Metrics against their targets, latest week"))
    rows = "".join(
        f"<tr><td>{html.escape(metric)}</td><td class='num'>{_number(value, '.3g')}</td>"
        f"<td class='num'>{_number(target, '.3g')}</td>"
        f"<td class='{'off' if status == 'off_track' else ''}'>{status or ''}</td>"
        f"<td class='{'off' if drifting else ''}'>{'drifting' if drifting else ''}</td></tr>"
        for metric, value, target, status, drifting in _rows(con, "off_target_or_drifting"))
    page.raw("<h3>Off target or drifting this week</h3><table><tr><th>metric</th><th>value</th><th>target</th>"
             f"<th>status</th><th>trend</th></tr>{rows or '<tr><td colspan=5>none</td></tr>'}</table>")
    agents = "".join(
        f"<tr><td>{html.escape(agent)}</td><td>{html.escape(team)}</td><td class='num'>{handled}</td>"
        f"<td class='num'>{resolved}</td><td class='num'>{replies}</td><td class='num'>{_duration(first)}</td>"
        f"<td class='num'>{_number(csat, '.0%')} ({responses})</td><td class='num'>{reopened}</td></tr>"
        for agent, team, handled, resolved, replies, first, csat, responses, reopened in _rows(con, "agents_week"))
    page.raw("<h3>Agents this week</h3><table><tr><th>agent</th><th>team</th><th>handled</th><th>resolved</th>"
             "<th>replies</th><th>median first response</th><th>CSAT (answers)</th><th>reopened</th></tr>"
             f"{agents or '<tr><td colspan=8>no agent replied this week</td></tr>'}</table>")


def monthly_deep_dive(con: duckdb.DuckDBPyConnection, page: Page) -> None:
    page.section("monthly", f"Monthly deep dive: {_value(con, 'monthly_month'):%B %Y}",
                 "Cost, revenue, automation, effort, bot against human, real resolution, churn and NPS (1 hour).")
    page.raw(_cards([(key, label, _number(_value(con, key), ",.2f")) for key, label in (
        ("cost_per_resolution_month", "cost per resolution this month"),
        ("revenue_influenced_month", "MRR influenced by chat this month"))]))
    page.chart(charts.bars_now_before(_frame(con, "cost_per_resolution_by_path"), "resolution_path", "this_month",
                                      "last_month", ("this month", "last month"),
                                      "Cost per resolution against last month", "resolution path",
                                      "per resolution (currency)"))
    page.chart(charts.grouped_bars(_frame(con, "revenue_influenced"), "month", "mrr", "kind",
                                   "Revenue influenced by chat", "month", "MRR (reporting currency)"))
    page.chart(charts.lines(_frame(con, "automation_trend"), "week", "value", None,
                            "Automation rate trend (resolved by the bot alone)", "week", "share of conversations",
                            percent=True))
    page.chart(charts.grouped_bars(_frame(con, "ces_by_path"), "month", "ces", "resolution_path",
                                   "Customer effort score by path", "month", "mean CES, 1 (hard) to 7 (easy)",
                                   colours=charts.PATH_COLOURS))
    page.chart(charts.grouped_bars(_frame(con, "bot_vs_human_time"), "intent", "resolution_median_seconds",
                                   "handler", "Bot against human: median time to resolve", "intent",
                                   "seconds (log scale)", colours=charts.HANDLER_COLOURS, log=True,
                                   horizontal=True, height=INTENT_BARS_HEIGHT))
    page.chart(charts.grouped_bars(_frame(con, "bot_vs_human_cost"), "intent", "cost_per_resolution", "handler",
                                   "Bot against human: cost per resolution", "intent", "reporting currency",
                                   colours=charts.HANDLER_COLOURS, horizontal=True, height=INTENT_BARS_HEIGHT))
    sentences = "".join(
        f"<li>The bot resolves <b>{html.escape(intent)}</b> in {_duration(bot_seconds)} at "
        f"{_number(bot_cost, '.2f')}; people in {_duration(human_seconds)} at {_number(human_cost, '.2f')} "
        "per resolution.</li>"
        for intent, bot_seconds, bot_cost, human_seconds, human_cost in _rows(con, "bot_vs_human_sentences"))
    page.raw(f"<h3>Bot against human, per intent</h3><ul class='sentences'>{sentences}</ul>")
    page.chart(charts.lines(_frame(con, "issue_outcomes"), "month", ["FCR", "true deflection", "re-contact"], None,
                            "FCR and true deflection against re-contact", "month the issue opened",
                            "share of settled issues", percent=True))
    page.chart(charts.grouped_bars(_frame(con, "churn_by_journey"), "support_journey", "churn_rate", "kind",
                                   "Churn by support journey (90 days before the month)", "support journey",
                                   "churned / active accounts", percent=True))
    page.chart(charts.grouped_bars(_frame(con, "nps_by_segment"), "segment", "nps", "segment_type",
                                   "NPS by segment, latest quarter", "segment", "NPS (-100 to 100)",
                                   horizontal=True, height=NPS_SEGMENTS_HEIGHT, one_bar_each=True))


def write_report(published: Path, out: Path | None = None) -> Path:
    """Write the report from the published marts; the path of the page."""
    out = Path(out or DEFAULT_OUT)
    out.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(published), read_only=True)
    page = Page()
    try:
        daily_glance(con, page)
        weekly_review(con, page)
        monthly_deep_dive(con, page)
    finally:
        con.close()
    subtitle = f"From the published marts in {published.name} · written {datetime.now(UTC):%Y-%m-%d %H:%M} UTC"
    target = out.joinpath(PAGE)
    target.write_text(page.render("Support review: daily, weekly, monthly", subtitle), encoding="utf-8")
    return target
