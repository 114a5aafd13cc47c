"""Data Docs as one self-contained HTML page: every suite, batch and expectation of a check run.

GX's own Data Docs site loads Bootstrap, jQuery and bootstrap-table from CDNs and builds its index
table in JavaScript, so offline it shows an empty page. This page renders the same validation
results with inline styles and no script at all: it reads the same with or without a network.
"""

from __future__ import annotations

import html
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .check import CheckReport, Outcome

STYLE = """
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d232a; margin: 0;
       background: #f6f7f9; }
header { background: #1d232a; color: #fff; padding: 18px 32px; }
header h1 { margin: 0; font-size: 20px; }
header p { margin: 4px 0 0; color: #c8ced6; }
main { padding: 16px 32px 48px; max-width: 1280px; }
.cards { display: flex; gap: 12px; flex-wrap: wrap; margin: 8px 0 20px; }
.card { background: #fff; border: 1px solid #dde1e6; border-radius: 6px; padding: 10px 16px; min-width: 150px; }
.card b { display: block; font-size: 22px; }
.ok { color: #1a7f37; } .bad { color: #c62828; }
h2 { font-size: 17px; margin: 28px 0 8px; }
h3 { font-size: 14px; margin: 18px 0 6px; font-family: ui-monospace, Menlo, monospace; }
table { border-collapse: collapse; width: 100%; background: #fff; border: 1px solid #dde1e6; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid #eceef1; vertical-align: top; }
th { background: #eef0f3; font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
code { font: 12px ui-monospace, Menlo, monospace; }
tr.failed td { background: #fff2f2; }
.badge { display: inline-block; padding: 0 6px; border-radius: 8px; font-size: 12px; font-weight: 600; }
.badge.ok { background: #dcf3e3; } .badge.bad { background: #fde0e0; }
nav a { margin-right: 14px; }
"""


def _e(value: Any) -> str:
    return html.escape(str(value))


def _arguments(outcome: Outcome) -> str:
    shown = {k: v for k, v in outcome.arguments.items() if k not in {"column", "column_A", "column_B"}}
    return ", ".join(f"{k}={v!r}" for k, v in shown.items())


def _failing(outcome: Outcome) -> str:
    if outcome.error:
        return f'<span class="bad">{_e(outcome.error)}</span>'
    if outcome.unexpected_percent is not None:
        return (f"{outcome.unexpected_count:,} of {outcome.element_count:,} rows "
                f"({outcome.unexpected_percent:.2f}%)")
    if outcome.observed is not None:
        return f"observed {_e(outcome.observed)}"
    return ""


def _row(outcome: Outcome, with_batch: bool = False) -> str:
    from .check import describe

    badge = '<span class="badge ok">passed</span>' if outcome.success else '<span class="badge bad">failed</span>'
    sample = ", ".join(_e(s) for s in outcome.sample)
    batch = f"<td>{_e(outcome.batch)}</td>" if with_batch else ""
    return (f'<tr class="{"" if outcome.success else "failed"}"><td>{badge}</td>{batch}'
            f"<td><code>{_e(outcome.expectation)}</code></td><td><code>{_e(describe(outcome))}</code></td>"
            f"<td><code>{_e(_arguments(outcome))}</code></td><td>{_failing(outcome)}</td><td>{sample}</td></tr>")


def render(report: CheckReport) -> str:
    outcomes = report.outcomes
    failed = report.failures
    suites = list(dict.fromkeys(o.suite for o in outcomes))
    verdict = ('<b class="ok">all checks passed</b>' if not failed
               else f'<b class="bad">{len(failed)} failed</b>')
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        f"<title>Data Docs: {_e(report.warehouse.name)}</title><style>{STYLE}</style></head><body>",
        f"<header><h1>Data Docs: support-metrics checks</h1><p>{_e(report.warehouse)} · "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC · Great Expectations suites in "
        "scripts/support_metrics/expectations.py</p></header><main>",
        f"<div class='cards'><div class='card'>verdict{verdict}</div>",
        f"<div class='card'>expectations<b>{len(outcomes):,}</b></div>",
        f"<div class='card'>passed<b class='ok'>{len(outcomes) - len(failed):,}</b></div>",
        f"<div class='card'>failed<b class='{'bad' if failed else 'ok'}'>{len(failed):,}</b></div></div>",
        "<nav>" + "".join(f"<a href='#{_e(s)}'>{_e(s)}</a>" for s in suites) + "</nav>",
    ]
    columns = "<th>expectation</th><th>on</th><th>arguments</th><th>failing</th><th>sample of failing values</th></tr>"
    header = "<tr><th>result</th>" + columns
    if failed:
        parts.append("<h2 class='bad'>Failed expectations</h2><table><tr><th>result</th><th>batch</th>" + columns
                     + "".join(_row(o, with_batch=True) for o in failed) + "</table>")
    for suite in suites:
        parts.append(f"<h2 id='{_e(suite)}'>Suite {_e(suite)}</h2>")
        batches = list(dict.fromkeys(o.batch for o in outcomes if o.suite == suite))
        for batch in batches:
            rows = [o for o in outcomes if o.suite == suite and o.batch == batch]
            bad = sum(not o.success for o in rows)
            parts.append(f"<h3>{_e(batch)} <span class='badge {'bad' if bad else 'ok'}'>"
                         f"{len(rows) - bad}/{len(rows)} passed</span></h3>")
            parts.append("<table>" + header + "".join(_row(o) for o in rows) + "</table>")
    parts.append("</main></body></html>")
    return "\n".join(parts)


def write_data_docs(report: CheckReport, path: Path) -> Path:
    path.write_text(render(report), encoding="utf-8")
    return path
