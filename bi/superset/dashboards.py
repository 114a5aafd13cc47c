"""The three review dashboards (daily glance, weekly review, monthly deep dive) in Apache Superset.

Run with the BI environment's Python (`make bi` creates .venv-bi):

    .venv-bi/bin/python bi/superset/dashboards.py --warehouse warehouse/published/demo.duckdb

It sets up Superset's metadata under --home (default warehouse/superset), writes the dashboards as an import
bundle (datasets, charts, dashboards: YAML, as Superset itself exports them) and imports it. Every dataset is
a `select` over the published `marts` schema; the DuckDB file is opened read-only.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import uuid
import zipfile
from pathlib import Path
from typing import Any

import duckdb
import yaml

HERE = Path(__file__).resolve().parent
NAMESPACE = uuid.UUID("5b0e0f5e-2f7a-4c59-9a43-0c1d6f0a7e21")  # stable uuids: a re-import replaces, never duplicates


def latest(mart: str, column: str) -> str:
    return f"(select max({column}) from marts.{mart})"


# One dataset per question, each a select over published marts only (names are Superset's dataset names).
DATASETS: dict[str, str] = {
    "glance_latest_day": "select * from marts.mart_daily_glance "
                         f"where date = {latest('mart_daily_glance', 'date')}",
    "daily_glance": "select date, channel, conversation_count from marts.mart_daily_glance",
    "trends_flagged_latest_week": "select metric, value, target, status, is_drifting "
                                  "from marts.mart_metric_trends_weekly "
                                  f"where week = {latest('mart_metric_trends_weekly', 'week')} "
                                  "and (status = 'off_track' or is_drifting)",
    "unanswered_latest_week": "select rank, question_text, occurrence_count, top_intent "
                              "from marts.mart_unanswered_questions_weekly "
                              f"where week = {latest('mart_unanswered_questions_weekly', 'week')}",
    "rate_trends": "select week, metric, value from marts.mart_metric_trends_weekly "
                   "where metric in ('lead_capture_rate', 'automation_rate')",
    "cost_latest_month": "select * from marts.mart_cost_monthly "
                         f"where month = {latest('mart_cost_monthly', 'month')}",
    "bot_vs_human_latest_month": "select intent, handler, conversation_count, resolution_rate, "
                                 "resolution_median_seconds, cost_per_resolution "
                                 "from marts.mart_bot_vs_human_monthly "
                                 f"where month = {latest('mart_bot_vs_human_monthly', 'month')}",
    "revenue_influenced": "select month, channel, revenue_influenced_mrr from marts.mart_leads_monthly",
}


def metric(sql: str, label: str) -> dict[str, Any]:
    return {"expressionType": "SQL", "sqlExpression": sql, "label": label}


def big_number(name: str, dataset: str, sql: str, fmt: str) -> dict[str, Any]:
    return {"name": name, "dataset": dataset, "viz_type": "big_number_total",
            "params": {"metric": metric(sql, name), "y_axis_format": fmt, "header_font_size": 0.4,
                       "subheader_font_size": 0.15}}


def table(name: str, dataset: str, columns: list[str], order: list[str], formats: dict[str, str],
          height: int = 50) -> dict[str, Any]:
    return {"name": name, "dataset": dataset, "viz_type": "table", "height": height,
            "params": {"query_mode": "raw", "all_columns": columns,
                       "order_by_cols": [f'["{c}", true]' for c in order], "row_limit": 1000,
                       "server_pagination": False, "include_search": False, "show_cell_bars": False,
                       "column_config": {c: {"d3NumberFormat": f} for c, f in formats.items()}}}


def line(name: str, dataset: str, x: str, sql: str, series: str, fmt: str) -> dict[str, Any]:
    return {"name": name, "dataset": dataset, "viz_type": "echarts_timeseries_line", "height": 60,
            "params": {"x_axis": x, "time_grain_sqla": "P1D", "metrics": [metric(sql, name)],
                       "groupby": [series], "row_limit": 10000, "y_axis_format": fmt, "show_legend": True,
                       "rich_tooltip": True, "truncate_metric": True}}


RATE, COUNT, MEAN, SECONDS, MONEY = ",.3f", ",d", ",.2f", ",.0f", ",.2f"
# Dashboards in the order of the review rhythm: title, slug, rows of charts.
DASHBOARDS: list[tuple[str, str, list[list[dict[str, Any]]]]] = [
    ("Daily glance", "daily-glance", [
        [big_number("Conversations on the latest day", "glance_latest_day", "SUM(conversation_count)", COUNT),
         big_number("Escalations on the latest day", "glance_latest_day", "SUM(escalated_count)", COUNT),
         big_number("Zero-response conversations on the latest day", "glance_latest_day",
                    "SUM(zero_response_count)", COUNT)],
        [table("Each channel against its four weeks before", "glance_latest_day",
               ["channel", "conversation_count", "prior_4w_mean_conversation_count", "escalated_count",
                "prior_4w_mean_escalated_count", "zero_response_count", "prior_4w_mean_zero_response_count"],
               ["channel"], {"conversation_count": COUNT, "escalated_count": COUNT, "zero_response_count": COUNT,
                             "prior_4w_mean_conversation_count": MEAN, "prior_4w_mean_escalated_count": MEAN,
                             "prior_4w_mean_zero_response_count": MEAN}, height=40)],
        [line("Conversations per day", "daily_glance", "date", "SUM(conversation_count)", "channel", COUNT)],
    ]),
    ("Weekly review", "weekly-review", [
        [table("Metrics off target or drifting (latest week)", "trends_flagged_latest_week",
               ["metric", "value", "target", "status", "is_drifting"], ["metric"], {"value": RATE, "target": RATE})],
        [table("Top unanswered questions (latest week)", "unanswered_latest_week",
               ["rank", "question_text", "occurrence_count", "top_intent"], ["rank"],
               {"rank": COUNT, "occurrence_count": COUNT})],
        [line("Lead capture and automation rate per week", "rate_trends", "week", "MAX(value)", "metric", RATE)],
    ]),
    ("Monthly deep dive", "monthly-deep-dive", [
        [big_number("Cost per resolution (latest month)", "cost_latest_month",
                    "SUM(allocated_cost) / NULLIF(SUM(resolved_count), 0)", MONEY)],
        [table("Bot against human per intent (latest month)", "bot_vs_human_latest_month",
               ["intent", "handler", "conversation_count", "resolution_rate", "resolution_median_seconds",
                "cost_per_resolution"], ["intent", "handler"],
               {"conversation_count": COUNT, "resolution_rate": RATE, "resolution_median_seconds": SECONDS,
                "cost_per_resolution": MONEY}, height=90)],
        [line("Revenue influenced by chat per month (MRR of converted leads)", "revenue_influenced", "month",
              "SUM(revenue_influenced_mrr)", "channel", MONEY)],
    ]),
]


def stable_uuid(kind: str, name: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{name}"))


def described_columns(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict[str, Any]]:
    """The dataset's columns as Superset lists them, read off the warehouse (dates and times are temporal)."""
    return [{"column_name": name, "type": kind, "is_dttm": kind.startswith(("DATE", "TIMESTAMP")),
             "groupby": True, "filterable": True, "is_active": True}
            for name, kind, *_ in con.execute(f"describe {sql}").fetchall()]


def bundle_files(warehouse: Path) -> dict[str, dict[str, Any]]:
    """Every file of the import bundle, by its path in the ZIP."""
    database = stable_uuid("database", "marts")
    files: dict[str, dict[str, Any]] = {
        "metadata.yaml": {"version": "1.0.0", "type": "Dashboard", "timestamp": "2026-01-01T00:00:00+00:00"},
        "databases/marts.yaml": {
            "database_name": "support-metrics marts", "version": "1.0.0", "uuid": database,
            "sqlalchemy_uri": f"duckdb:///{warehouse.resolve()}", "expose_in_sqllab": True,
            "allow_ctas": False, "allow_cvas": False, "allow_dml": False, "allow_run_async": False,
            "extra": {"engine_params": {"connect_args": {"read_only": True}}, "allows_virtual_table_explore": True},
        },
    }
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        for name, sql in DATASETS.items():
            files[f"datasets/marts/{name}.yaml"] = {
                "table_name": name, "schema": "marts", "sql": sql, "uuid": stable_uuid("dataset", name),
                "database_uuid": database, "version": "1.0.0", "columns": described_columns(con, sql),
                "metrics": [], "main_dttm_col": None, "params": None, "extra": None,
                "filter_select_enabled": True, "description": f"published marts: {name}",
            }
    finally:
        con.close()
    chart_id = 0
    for title, slug, rows in DASHBOARDS:
        position: dict[str, Any] = {
            "DASHBOARD_VERSION_KEY": "v2",
            "ROOT_ID": {"id": "ROOT_ID", "type": "ROOT", "children": ["GRID_ID"]},
            "GRID_ID": {"id": "GRID_ID", "type": "GRID", "children": [], "parents": ["ROOT_ID"]},
            "HEADER_ID": {"id": "HEADER_ID", "type": "HEADER", "meta": {"text": title}},
        }
        for r, row in enumerate(rows):
            row_id = f"ROW-{r}"
            position["GRID_ID"]["children"].append(row_id)
            position[row_id] = {"id": row_id, "type": "ROW", "children": [], "parents": ["ROOT_ID", "GRID_ID"],
                                "meta": {"background": "BACKGROUND_TRANSPARENT"}}
            for chart in row:
                chart_id += 1
                chart_uuid = stable_uuid("chart", chart["name"])
                files[f"charts/{slug}/{chart_id:02d}.yaml"] = {
                    "slice_name": chart["name"], "viz_type": chart["viz_type"], "uuid": chart_uuid,
                    "dataset_uuid": stable_uuid("dataset", chart["dataset"]), "version": "1.0.0",
                    "params": {**chart["params"], "viz_type": chart["viz_type"], "adhoc_filters": [],
                               "time_range": "No filter"},
                    "cache_timeout": None, "query_context": None, "description": None,
                }
                node = f"CHART-{chart_id}"
                position[row_id]["children"].append(node)
                position[node] = {"id": node, "type": "CHART", "children": [],
                                  "parents": ["ROOT_ID", "GRID_ID", row_id],
                                  "meta": {"chartId": chart_id, "uuid": chart_uuid, "sliceName": chart["name"],
                                           "width": 12 // len(row), "height": chart.get("height", 30)}}
        files[f"dashboards/{slug}.yaml"] = {
            "dashboard_title": title, "slug": slug, "uuid": stable_uuid("dashboard", slug), "version": "1.0.0",
            "published": True, "css": "", "description": None, "position": position,
            "metadata": {"color_scheme": "supersetColors", "refresh_frequency": 0, "expanded_slices": {},
                         "timed_refresh_immune_slices": [], "cross_filters_enabled": False},
        }
    return files


def write_bundle(warehouse: Path, path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as bundle:
        for name, content in bundle_files(warehouse).items():
            bundle.writestr(f"support_review/{name}", yaml.safe_dump(content, sort_keys=False, allow_unicode=True))
    return path


def superset_command(home: Path, *args: str) -> tuple[list[str], dict[str, str]]:
    """Superset's CLI with these settings and its metadata under `home`: the command and its environment."""
    env = {**os.environ, "SUPPORT_SUPERSET_HOME": str(home), "SUPERSET_CONFIG_PATH": str(HERE / "superset_config.py"),
           "FLASK_APP": "superset"}
    return [str(Path(sys.executable).with_name("superset")), *args], env


def superset(home: Path, *args: str) -> None:
    command, env = superset_command(home, *args)
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        sys.exit(f"superset {args[0]} failed:\n{done.stdout[-3000:]}{done.stderr[-3000:]}")


def provision(warehouse: Path, home: Path, password: str) -> None:
    if not warehouse.is_file():
        sys.exit(f"{warehouse}: no published warehouse (run `make demo` first, or name one with --warehouse)")
    home.mkdir(parents=True, exist_ok=True)
    again = (home / "superset.db").exists()  # set up before: the admin exists, its password is set anew
    steps = [
        ("upgrading Superset's metadata database", ("db", "upgrade")),
        ("creating the local admin user", ("fab", "create-admin", "--username", "admin", "--firstname", "Support",
                                           "--lastname", "Review", "--email", "admin@localhost",
                                           "--password", password)),
        ("setting up roles and permissions", ("init",)),
    ]
    if again:
        steps.insert(2, ("setting the admin's password", ("fab", "reset-password", "--username", "admin",
                                                           "--password", password)))
    for message, args in steps:
        print(f"superset: {message}", flush=True)
        superset(home, *args)
    bundle = write_bundle(warehouse, home / "support_review.zip")
    print(f"superset: importing {len(DASHBOARDS)} dashboards over {warehouse}", flush=True)
    superset(home, "import-dashboards", "-p", str(bundle), "-u", "admin")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--warehouse", type=Path, default=Path("warehouse/published/demo.duckdb"),
                        help="the published DuckDB file the dashboards read (default: make demo's)")
    parser.add_argument("--home", type=Path, default=Path("warehouse/superset"),
                        help="where Superset keeps its metadata (default: warehouse/superset)")
    parser.add_argument("--password", default=os.environ.get("SUPERSET_ADMIN_PASSWORD", "admin"),
                        help="the local admin's password (default: $SUPERSET_ADMIN_PASSWORD or admin)")
    parser.add_argument("--serve", type=int, metavar="PORT",
                        help="serve the dashboards set up under --home on this port instead (http://localhost:PORT)")
    args = parser.parse_args()
    if args.serve:
        command, env = superset_command(args.home.resolve(), "run", "--port", str(args.serve), "--with-threads")
        os.execve(command[0], command, env)
    provision(args.warehouse.resolve(), args.home.resolve(), args.password)
    print("superset: ready; serve it with `make bi-serve` (http://localhost:8088, user admin)")


if __name__ == "__main__":
    main()
