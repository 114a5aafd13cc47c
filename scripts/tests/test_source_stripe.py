"""The Stripe adapter end to end: billing built from the generator's Stripe shape gives the same marts as billing
built from the contract's files, and the adapter reads landed tables with extra or missing optional columns."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from support_metrics.compare import LOAD_CLOCK_COLUMNS, compare_warehouses
from support_metrics.connectors import write_shape
from support_metrics.generate import generate

from .conftest import LOAD_IDS, MODELS_ONLY, adapter_build_args, query, run_load

pytestmark = pytest.mark.slow

SIZE = {"customers": 300, "days": 60, "seed": 5}
STRIPE = json.dumps({"billing_source": "stripe"})


def dbt(warehouse: Path, *args: str) -> None:
    """Run one dbt command on the warehouse in a child process (dbt keeps state between in-process runs)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUPPORT_")}
    cmd = [sys.executable, "-m", "support_metrics", "dbt", "--warehouse", str(warehouse), "--", *args]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]


def test_marts_from_the_stripe_shape_equal_marts_from_the_contract(tmp_path: Path) -> None:
    generate(tmp_path / "contract", **SIZE)
    assert run_load(tmp_path / "contract", tmp_path / "contract.duckdb").committed
    shaped = tmp_path / "shaped"
    generate(shaped / "contract", **SIZE)
    write_shape("stripe", shaped / "contract", shaped / "stripe")
    assert not (shaped / "contract" / "billing").exists()
    assert run_load(shaped / "contract", tmp_path / "from_stripe.duckdb").committed
    assert run_load(shaped / "stripe", tmp_path / "from_stripe.duckdb", source="stripe").committed
    dbt(tmp_path / "contract.duckdb", "build", *MODELS_ONLY)
    # build: every data test and the adapter's unit tests run too
    dbt(tmp_path / "from_stripe.duckdb", "build", *adapter_build_args(billing_source="stripe"))
    # Ids are the same by construction (the shape keeps the contract's acc_/cus_/sub_/inv_ ids), and the shape
    # writes tier, segment, industry and region into customer metadata: every mart column round-trips.
    result = compare_warehouses(tmp_path / "contract.duckdb", tmp_path / "from_stripe.duckdb", ("marts",),
                                ignore=(*LOAD_CLOCK_COLUMNS, *LOAD_IDS))
    assert result.tables >= 20 and result.rows > 5000
    assert result.differences == []
    # the shape exercised the rules: yearly and multi-seat items, open-with-failed-charge and uncollectible
    assert query(tmp_path / "from_stripe.duckdb", "select count(distinct recurring_interval), max(quantity) "
                 "from stripe.price join stripe.subscription_item on price.id = plan_id") == [(2, 3)]
    assert query(tmp_path / "from_stripe.duckdb", "select count(distinct status) from stripe.invoice "
                 "where id in (select invoice_id from stripe.charge where status = 'failed')") == [(2,)]


LANDED = {
    # extra columns (extra_column, balance), no metadata, email or name columns on customer
    "customer": ("id varchar, created timestamp, extra_column varchar, balance bigint, _fivetran_deleted boolean",
                 ["('cus_a', '2026-01-01 00:00:00', 'x', 5, false)", "('cus_gone', '2026-01-01', 'y', 0, true)"]),
    "subscription_history": (
        "id varchar, customer_id varchar, status varchar, created timestamp, _fivetran_active boolean, "
        "_fivetran_start timestamp",
        ["('sub_a', 'cus_a', 'trialing', '2026-01-01', false, '2026-01-01')",
         "('sub_a', 'cus_a', 'active', '2026-01-01', true, '2026-01-15')"]),
    "subscription_item": ("id varchar, subscription_id varchar, plan_id varchar, quantity bigint",
                          ["('si_a', 'sub_a', 'plan_a', 2)"]),
    # the legacy plan table and no price table: amount and interval under their old names
    "plan": ("id varchar, amount bigint, currency varchar, \"interval\" varchar, interval_count bigint, "
             "nickname varchar", ["('plan_a', 2500, 'gbp', 'month', 1, 'Team')"]),
    "invoice": ("id varchar, customer_id varchar, created timestamp, status varchar, total bigint, "
                "currency varchar, livemode boolean",
                ["('in_a', 'cus_a', '2026-01-16', 'paid', 5000, 'gbp', true)",
                 "('in_test', 'cus_a', '2026-01-16', 'paid', 5000, 'gbp', false)"]),
}


def test_the_adapter_reads_extra_columns_and_fills_missing_optional_ones(tmp_path: Path) -> None:
    warehouse = tmp_path / "landed.duckdb"
    con = duckdb.connect(str(warehouse))
    try:
        con.execute("create schema stripe")
        for table, (columns, rows) in LANDED.items():
            con.execute(f"create table stripe.{table} ({columns})")
            con.execute(f"insert into stripe.{table} values {', '.join(rows)}")
    finally:
        con.close()
    dbt(warehouse, "run", "--vars", STRIPE, "--select", "path:models/sources/stripe")
    # no metadata: the customer is its own account with null attributes, and not a person (no email)
    assert query(warehouse, "select account_id, account_name, plan_tier, region from staging.stripe__accounts") == [
        ("cus_a", None, None, None)]
    assert query(warehouse, "select count(*) from staging.stripe__customers") == [(0,)]
    # the current history version only; 2 x 25.00 a month from the legacy plan; no product or charge table
    assert query(warehouse, "select subscription_id, account_id, plan, mrr, currency, cast(updated_at as varchar) "
                            "from staging.stripe__subscriptions") == [
        ("sub_a", "cus_a", "Team", Decimal("50.000000000000"), "GBP", "2026-01-15 00:00:00")]
    # the test-mode invoice is left out; paid with no charge table stays paid
    assert query(warehouse, "select invoice_id, status, amount from staging.stripe__invoices") == [
        ("in_a", "paid", Decimal("50.000000000000"))]
    assert query(warehouse, "select table_name, deleted_row_count from staging.stripe__deleted_rows_counted "
                            "where deleted_row_count > 0 or table_name in ('charge', 'invoice') "
                            "order by table_name") == [("charge", 0), ("customer", 1), ("invoice", 0)]
