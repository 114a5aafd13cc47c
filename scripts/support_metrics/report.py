"""`support-metrics report`: the daily glance, weekly review and monthly deep dive as one static HTML page.

It reads the published marts only (what BI sees), draws every chart with Plotly and inlines Plotly's
own script, so the page opens anywhere with no network. The numbers in the headline cards carry a
`data-metric` attribute, so a test can compare them with the marts."""

from __future__ import annotations

import html
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd

from . import report_charts as charts
from .warehouse import PROJECT_DIR

DEFAULT_OUT = PROJECT_DIR / "reports"
PAGE = "support-review.html"
PATHS = ("ai_only", "ai_to_human", "human_only")
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
.chart { background: #fff; border: 1px solid #dde1e6; border-radius: 6px; padding: 4px; min-width: 0;
         overflow: hidden; }
table { border-collapse: collapse; background: #fff; width: 100%; border: 1px solid #dde1e6; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid #eceef1; } th { background: #eef0f3; }
td.num { text-align: right; font-variant-numeric: tabular-nums; } .off { color: #c62828; font-weight: 600; }
ul.sentences li { margin: 4px 0; }
"""


def _query(con: duckdb.DuckDBPyConnection, sql: str) -> pd.DataFrame:
    return con.execute(sql).df()


def _duration(seconds: float | None) -> str:
    if seconds is None or pd.isna(seconds):
        return "n/a"
    return f"{seconds:.0f} s" if seconds < 120 else f"{seconds / 60:.0f} min" if seconds < 7200 \
        else f"{seconds / 3600:.1f} h"


class Page:
    """Collects sections of charts, cards and tables, then renders one HTML document."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.charts = 0

    def section(self, anchor: str, title: str, lead: str) -> None:
        self.parts.append(f"</div></section><section id='{anchor}'><h2>{html.escape(title)}</h2>"
                          f"<p class='lead'>{html.escape(lead)}</p><div class='grid'>")

    def chart(self, fig: object) -> None:
        self.charts += 1
        div = fig.to_html(full_html=False, include_plotlyjs=False, div_id=f"chart-{self.charts}",  # type: ignore[attr-defined]
                          default_width="100%", config={"displaylogo": False, "responsive": True})
        self.parts.append(f"<div class='chart'>{div}</div>")

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
    frame = _query(con, """
        with bounds as (select max(date) as today from marts.mart_daily_glance)
        select channel,
            sum(case when date = today then conversation_count else 0 end) as conversations_today,
            sum(case when date = today then escalated_count else 0 end) as escalations_today,
            sum(case when date = today then zero_response_count else 0 end) as zero_today,
            sum(case when date >= today - 28 and date < today then conversation_count else 0 end) / 28.0
                as conversations_before,
            sum(case when date >= today - 28 and date < today then escalated_count else 0 end) / 28.0
                as escalations_before,
            sum(case when date >= today - 28 and date < today then zero_response_count else 0 end) / 28.0
                as zero_before,
            max(today) as today
        from marts.mart_daily_glance cross join bounds group by channel order by channel""")
    today = frame["today"].max()
    page.section("daily", f"Daily glance: {today:%A %d %B %Y}",
                 "Today against the mean day of the 4 weeks before, per channel (30 seconds).")
    page.raw(_cards([
        ("conversations_today", "conversations started today", f"{int(frame['conversations_today'].sum()):,}"),
        ("escalations_today", "escalations today", f"{int(frame['escalations_today'].sum()):,}"),
        ("zero_response_today", "zero-response conversations today", f"{int(frame['zero_today'].sum()):,}"),
    ]))
    for key, label in (("conversations", "Conversations started"), ("escalations", "Escalations"),
                       ("zero", "Zero-response conversations")):
        page.chart(charts.bars_now_before(frame, "channel", f"{key}_today", f"{key}_before",
                                          ("today", "mean day, 4 weeks before"), f"{label}: today vs 4 weeks",
                                          "channel", "conversations per day"))


def weekly_review(con: duckdb.DuckDBPyConnection, page: Page) -> None:
    week = con.execute("select max(week) from marts.mart_response_times_weekly").fetchone()[0]  # type: ignore[index]
    page.section("weekly", f"Weekly review: week of {week:%d %B %Y}",
                 "First response, resolution by intent, leads, CSAT by path, unanswered questions, targets (15 min).")
    times = _query(con, "select week, channel, resolution_path, first_response_median_seconds from "
                        "marts.mart_response_times_weekly where resolution_path != 'no_response' order by week")
    page.chart(charts.lines(times, "week", "first_response_median_seconds", "resolution_path",
                            "Median first response by path, per channel", "week", "seconds (log scale)",
                            colours=charts.PATH_COLOURS, facet="channel", log=True))
    resolution = _query(con, f"""
        select intent, 'all conversations' as measure, sum(resolved_count) / sum(conversation_count) as rate
        from marts.mart_support_daily where date >= date '{week}' and date < date '{week}' + 7 group by intent
        union all
        select intent, 'bot (ai_only resolved / bot-involved)', bot_resolution_rate from marts.mart_bot_quality_weekly
        where week = date '{week}' order by intent""")
    page.chart(charts.grouped_bars(resolution, "intent", "rate", "measure", "Resolution rate by intent, this week",
                                   "intent", "share resolved", percent=True))
    leads = _query(con, "select date_trunc('week', date) as week, sum(lead_count) / sum(conversation_count) as rate "
                        "from marts.mart_support_daily group by 1 order by 1")
    page.chart(charts.lines(leads, "week", "rate", None, "Lead capture rate per week", "week",
                            "share of conversations with a lead", percent=True))
    csat = _query(con, """
        select week, resolution_path, sum(csat_satisfied_count) / nullif(sum(csat_response_count), 0) as csat
        from marts.mart_csat_ces_weekly where resolution_path in ('ai_only', 'ai_to_human', 'human_only')
        and week >= (select max(week) from marts.mart_csat_ces_weekly) - 49 group by 1, 2 order by 1, 2""")
    page.chart(charts.grouped_bars(csat, "week", "csat", "resolution_path", "CSAT by path, last 8 weeks", "week",
                                   "satisfied share of CSAT responses", percent=True, colours=charts.PATH_COLOURS))
    questions = _query(con, "select rank, question_text, occurrence_count, top_intent from "
                            "marts.mart_unanswered_questions_weekly where week = (select max(week) from "
                            "marts.mart_unanswered_questions_weekly) order by rank")
    page.chart(charts.grouped_bars(questions, "question_text", "occurrence_count", "top_intent",
                                   "Top unanswered questions, latest week", "question", "fallbacks",
                                   horizontal=True))
    trends = _query(con, """
        select metric, value, target, direction, status, is_drifting, relative_gap_to_target
        from marts.mart_metric_trends_weekly where week = (select max(week) from marts.mart_metric_trends_weekly)
        order by status desc, abs(relative_gap_to_target) desc""")
    sign = trends["direction"].map({"higher_is_better": 1, "lower_is_better": -1}).fillna(1)
    trends["gap"] = sign * (trends["value"] - trends["target"]) / trends["target"].abs()
    trends["label"] = trends.apply(lambda r: f"{r['value']:.3g} vs {r['target']:.3g}", axis=1)
    page.chart(charts.target_gaps(trends.dropna(subset=["gap"]), "Metrics against their targets, latest week"))
    rows = "".join(
        f"<tr><td>{html.escape(r.metric)}</td><td class='num'>{r.value:.3g}</td><td class='num'>{r.target:.3g}</td>"
        f"<td class='{'off' if r.status == 'off_track' else ''}'>{r.status}</td>"
        f"<td class='{'off' if r.is_drifting else ''}'>{'drifting' if r.is_drifting else ''}</td></tr>"
        for r in trends.itertuples() if r.status == "off_track" or r.is_drifting)
    page.raw("<h3>Off target or drifting this week</h3><table><tr><th>metric</th><th>value</th><th>target</th>"
             f"<th>status</th><th>trend</th></tr>{rows or '<tr><td colspan=5>none</td></tr>'}</table>")


def monthly_deep_dive(con: duckdb.DuckDBPyConnection, page: Page) -> None:
    month = con.execute("select max(month) from marts.mart_cost_monthly").fetchone()[0]  # type: ignore[index]
    page.section("monthly", f"Monthly deep dive: {month:%B %Y}",
                 "Cost, revenue, automation, effort, bot against human, real resolution, churn and NPS (1 hour).")
    cost = _query(con, f"""
        select resolution_path, sum(allocated_cost) / nullif(sum(resolved_count), 0) as this_month,
            sum(previous_month_allocated_cost) / nullif(sum(previous_month_resolved_count), 0) as last_month
        from marts.mart_cost_monthly where month = date '{month}' and resolution_path != 'no_response'
        group by 1 order by 1""")
    overall = con.execute(f"select sum(allocated_cost) / nullif(sum(resolved_count), 0) from marts.mart_cost_monthly "
                          f"where month = date '{month}'").fetchone()[0]  # type: ignore[index]
    revenue = con.execute(f"select sum(revenue_influenced_mrr) from marts.mart_leads_monthly "
                          f"where month = date '{month}'").fetchone()[0]  # type: ignore[index]
    page.raw(_cards([("cost_per_resolution_month", "cost per resolution this month", f"{overall or 0:,.2f}"),
                     ("revenue_influenced_month", "MRR influenced by chat this month", f"{revenue or 0:,.2f}")]))
    page.chart(charts.bars_now_before(cost, "resolution_path", "this_month", "last_month", ("this month", "last month"),
                                      "Cost per resolution against last month", "resolution path",
                                      "per resolution (currency)"))
    leads = _query(con, "select strftime(month, '%Y-%m') as month, sum(revenue_influenced_mrr) as mrr "
                        "from marts.mart_leads_monthly group by 1 "
                        "order by 1")
    page.chart(charts.grouped_bars(leads.assign(kind="MRR of converted leads"), "month", "mrr", "kind",
                                   "Revenue influenced by chat", "month", "MRR (reporting currency)"))
    automation = _query(con, "select week, value from marts.mart_metric_trends_weekly where metric = 'automation_rate' "
                             "order by week")
    page.chart(charts.lines(automation, "week", "value", None, "Automation rate trend (resolved by the bot alone)",
                            "week", "share of conversations", percent=True))
    ces = _query(con, """
        select strftime(date_trunc('month', week), '%Y-%m') as month, resolution_path,
            sum(ces_score_sum) / nullif(sum(ces_response_count), 0) as ces
        from marts.mart_csat_ces_weekly where resolution_path != 'no_response' group by 1, 2 order by 1, 2""")
    page.chart(charts.grouped_bars(ces, "month", "ces", "resolution_path", "Customer effort score by path",
                                   "month", "mean CES, 1 (hard) to 7 (easy)", colours=charts.PATH_COLOURS))
    versus = _query(con, "select intent, handler, resolution_median_seconds, cost_per_resolution, resolution_rate, "
                         f"csat from marts.mart_bot_vs_human_monthly where month = date '{month}' "
                         "order by intent, handler")
    page.chart(charts.grouped_bars(versus, "intent", "resolution_median_seconds", "handler",
                                   "Bot against human: median time to resolve", "intent", "seconds (log scale)",
                                   colours=charts.HANDLER_COLOURS, log=True))
    page.chart(charts.grouped_bars(versus, "intent", "cost_per_resolution", "handler",
                                   "Bot against human: cost per resolution", "intent", "reporting currency",
                                   colours=charts.HANDLER_COLOURS))
    sentences = []
    for intent, rows in versus.groupby("intent"):
        by = {r.handler: r for r in rows.itertuples()}
        if "bot" in by and "human" in by:
            bot, human = by["bot"], by["human"]
            sentences.append(
                f"<li>The bot resolves <b>{html.escape(str(intent))}</b> in {_duration(bot.resolution_median_seconds)}"
                f" at {bot.cost_per_resolution or 0:.2f}; people in {_duration(human.resolution_median_seconds)} at "
                f"{human.cost_per_resolution or 0:.2f} per resolution.</li>")
    page.raw("<h3>Bot against human, per intent</h3><ul class='sentences'>" + "".join(sentences) + "</ul>")
    outcomes = _query(con, """
        select strftime(date_trunc('month', week), '%Y-%m') as month,
            unnest(['FCR', 'true deflection', 're-contact']) as measure,
            unnest([sum(fcr_count), sum(deflected_count), sum(recontacted_count)]) / nullif(sum(settled_count), 0)
                as rate
        from marts.mart_issue_outcomes_weekly group by 1 order by 1""")
    page.chart(charts.lines(outcomes, "month", "rate", "measure", "FCR and true deflection against re-contact",
                            "month the issue opened", "share of settled issues", percent=True))
    churn = _query(con, """
        select support_journey, sum(churned_account_count) / nullif(sum(active_account_count), 0) as churn_rate
        from marts.mart_retention_monthly group by 1 order by 2 desc""")
    page.chart(charts.grouped_bars(churn.assign(kind="all months"), "support_journey", "churn_rate", "kind",
                                   "Churn by support journey (90 days before the month)", "support journey",
                                   "churned / active accounts", percent=True))
    nps = _query(con, """
        select segment_type || ': ' || segment_value as segment, segment_type, nps from marts.mart_nps_quarterly
        where quarter = (select max(quarter) from marts.mart_nps_quarterly) order by segment_type, segment_value""")
    page.chart(charts.grouped_bars(nps, "segment", "nps", "segment_type", "NPS by segment, latest quarter",
                                   "segment", "NPS (-100 to 100)"))


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
    target = out / PAGE
    target.write_text(page.render("Support review: daily, weekly, monthly", subtitle), encoding="utf-8")
    return target
