"""Shared fixtures: one valid row per raw table, and writers for CSV, JSON Lines and Parquet files."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pytest

from support_metrics.contract import TABLES_BY_FOLDER
from support_metrics.load import LoadReport, load_raw

T0 = "2026-03-02T09:00:00Z"
T1 = "2026-03-02T10:00:00Z"

# One row per table that obeys every rule of the contract; tests change one field at a time.
VALID: dict[str, dict[str, Any]] = {
    "helpdesk/conversations": {
        "conversation_id": "c1", "customer_id": "u1", "channel": "web_chat", "created_at": T0,
        "updated_at": T1, "status": "resolved", "resolved_at": T1, "closed_at": T1,
        "bot_intent": "order_status", "bot_intent_confidence": "0.9", "agent_intent": "", "subject": "Where is it?",
    },
    "helpdesk/messages": {
        "message_id": "m1", "conversation_id": "c1", "created_at": T0, "author_type": "customer",
        "author_id": "", "message_kind": "text", "body": "Where is my order?",
    },
    "helpdesk/events": {
        "event_id": "e1", "conversation_id": "c1", "created_at": T0, "event_type": "escalated",
        "actor_type": "bot", "actor_id": "bot-1", "reason": "low_confidence", "context_transferred": "true",
        "article_id": "", "lead_type": "",
    },
    "helpdesk/agents": {"agent_id": "a1", "agent_type": "human", "name": "Ada", "team": "tier1", "updated_at": T0},
    "helpdesk/kb_articles": {"article_id": "k1", "title": "Track an order", "intent": "order_status", "updated_at": T0},
    "helpdesk/kb_article_views": {
        "view_id": "v1", "customer_id": "u1", "article_id": "k1", "viewed_at": T0, "source": "help_center",
    },
    "survey/responses": {
        "response_id": "r1", "survey_type": "csat", "conversation_id": "c1", "customer_id": "u1", "sent_at": T0,
        "responded_at": T1, "score": "4", "scale_min": "1", "scale_max": "5", "comment": "",
    },
    "billing/accounts": {
        "account_id": "acc1", "account_name": "Acme", "plan_tier": "growth", "region": "emea",
        "industry": "ecommerce", "segment": "smb", "created_at": T0, "updated_at": T1,
    },
    "billing/customers": {
        "customer_id": "u1", "account_id": "acc1", "email": "ada@example.com", "created_at": T0, "updated_at": T1,
    },
    "billing/subscriptions": {
        "subscription_id": "s1", "account_id": "acc1", "plan": "growth", "mrr": "99.5", "currency": "EUR",
        "started_at": T0, "canceled_at": "", "cancel_reason": "", "updated_at": T1,
    },
    "billing/invoices": {
        "invoice_id": "i1", "account_id": "acc1", "subscription_id": "s1", "issued_at": T0, "amount": "99.5",
        "currency": "EUR", "status": "paid", "paid_at": T1, "updated_at": T1,
    },
    "finance/support_costs": {
        "cost_id": "k1", "month": "2026-03-01", "category": "tooling", "amount": "1200.00", "currency": "EUR",
    },
}
assert set(VALID) == set(TABLES_BY_FOLDER), "VALID must hold one row per contract table"


def row(folder: str, **changes: Any) -> dict[str, Any]:
    """A valid row of the table, with some fields changed."""
    return {**VALID[folder], **changes}


def write_csv(raw: Path, folder: str, name: str, rows: list[dict[str, Any]], columns: list[str] | None = None) -> Path:
    path = raw / folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    columns = columns or list(VALID[folder])
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_jsonl(raw: Path, folder: str, name: str, lines: list[dict[str, Any] | str]) -> Path:
    """JSON Lines; a str item is written as it is (for blank and malformed lines)."""
    path = raw / folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines)
    path.write_text(text, encoding="utf-8")
    return path


def write_parquet(raw: Path, folder: str, name: str, rows: list[dict[str, Any]]) -> Path:
    path = raw / folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    staged = path.with_suffix(".tmp.jsonl")
    staged.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    columns = "{" + ", ".join(f"'{c}': 'VARCHAR'" for c in rows[0]) + "}"
    duckdb.sql(f"copy (select * from read_json('{staged}', columns = {columns})) to '{path}' (format parquet)")
    staged.unlink()
    return path


def scalar(con: duckdb.DuckDBPyConnection, sql: str) -> Any:
    """The single value a query returns."""
    row = con.execute(sql).fetchone()
    assert row is not None
    return row[0]


def query(warehouse: Path, sql: str) -> list[tuple[Any, ...]]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    folder = tmp_path / "raw"
    folder.mkdir()
    return folder


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    return tmp_path / "warehouse" / "test.duckdb"


def run_load(raw: Path, warehouse: Path, **options: Any) -> LoadReport:
    lines: list[str] = []
    return load_raw(raw, warehouse, echo=lines.append, **options)


# What an adapter test's build runs besides the models: every data test and the adapter's own unit tests. The
# unit tests of staging, intermediate and marts read fixtures, not the landed tables, so a tool changes nothing
# in them: they run in the contract builds below (and on each engine in its own build), once.
MODELS_ONLY = ("--exclude", "resource_type:test", "resource_type:unit_test")


# Load ids a mart carries as lineage (fct_conversations.last_load_id): two warehouses that landed the same data in
# different loads (a tool's tables and the contract's files apart) number them differently.
LOAD_IDS = ("last_load_id",)


def source_vars(helpdesk_source: str = "contract", billing_source: str = "contract") -> list[str]:
    """The `--vars` of a build from these sources: dbt_source_args without its staging unit-test exclusions."""
    from support_metrics.connectors import dbt_source_args

    args = dbt_source_args(helpdesk_source=helpdesk_source, billing_source=billing_source)
    return args[:args.index("--exclude")] if "--exclude" in args else args


def adapter_build_args(helpdesk_source: str = "contract", billing_source: str = "contract") -> list[str]:
    """dbt arguments of a build from these sources that leave out the layers' unit tests."""
    layers = ("staging", "intermediate", "marts")
    return [*source_vars(helpdesk_source, billing_source), "--exclude",
            *(f"test_type:unit,path:models/{layer}" for layer in layers)]


# Generated data built with dbt once per session and shared by every test that reads built marts.
BUILD_SIZE = {"customers": 300, "days": 75, "seed": 11}  # from 2025-11-01: into Q1, so NPS is sent


@dataclass(frozen=True)
class Built:
    mode: str
    warehouse: Path  # the candidate: every layer
    failure: str  # the build's output when it failed, else ""

    @property
    def published(self) -> Path:
        return self.warehouse.parent / "published" / self.warehouse.name

    @property
    def docs(self) -> Path:
        return self.warehouse.parent / "docs"


def _build_generated(mode: str, work: Path) -> Built:
    from support_metrics.generate import generate

    warehouse = work / f"{mode}.duckdb"  # named apart: DuckDB names a file's database after it
    generate(work / "raw", dirty=mode == "dirty", fmt="mixed", **BUILD_SIZE)
    assert load_raw(work / "raw", warehouse, echo=lambda _: None).committed
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUPPORT_")}
    cmd = [sys.executable, "-m", "support_metrics", "build", "--warehouse", str(warehouse),
           "--docs", str(work / "docs")]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    return Built(mode, warehouse, done.stdout + done.stderr if done.returncode else "")


@pytest.fixture(scope="session")
def built_projects(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Built]:
    """built_projects("clean" | "dirty"): the project built on generated data of that kind, once per session."""
    cache: dict[str, Built] = {}

    def get(mode: str) -> Built:
        if mode not in cache:
            cache[mode] = _build_generated(mode, tmp_path_factory.mktemp(mode))
        return cache[mode]

    return get


@pytest.fixture(scope="session")
def zendesk_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The operation of zendesk_builds.SIZE in Zendesk's shape as Fivetran lands it, built with every data test and
    the adapter's unit tests, once per session: test_source_zendesk's build and test_source_zendesk_airbyte's
    reference. Its warehouse; the shape's files (and their _ids.csv) are in the folder `zendesk` beside it."""
    from .zendesk_builds import ZENDESK, build_operation

    return build_operation(tmp_path_factory.mktemp("zendesk"), "zendesk", tuple(ZENDESK))
