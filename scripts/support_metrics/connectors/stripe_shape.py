"""The generator's Stripe shape: the contract's billing files of one operation written as Fivetran lands Stripe.

Every contract billing column the adapter maps is carried: an account is a Stripe customer with its tier, segment,
industry and region in metadata; a person is a Stripe customer (same cus_ id, same email) whose metadata names its
account; a subscription bills one item of its own price; invoice statuses come back through status and charges."""

from __future__ import annotations

from pathlib import Path

import duckdb

from ..contract import FILE_FORMATS

READERS = {
    "csv": "read_csv('{path}', all_varchar = true, header = true)",
    "jsonl": "read_json('{path}', format = 'newline_delimited')",
    "parquet": "read_parquet('{path}')",
}


def _iso(column: str) -> str:
    return f"strftime(cast(cast({column} as timestamptz) as timestamp), '%Y-%m-%dT%H:%M:%SZ')"


def _latest(con: duckdb.DuckDBPyConnection, contract_dir: Path, table: str, key: str) -> None:
    """A view `table` of the contract's billing/<table> files, the latest version of each key."""
    files = sorted(p for p in (contract_dir / "billing" / table).glob("*") if p.suffix.lower() in FILE_FORMATS)
    if not files:
        raise FileNotFoundError(f"no billing/{table} files under {contract_dir}")
    reads = " union all by name ".join(
        f"select * from {READERS[FILE_FORMATS[p.suffix.lower()]].format(path=p)}" for p in files)
    con.execute(f"create view {table} as select * from ({reads}) "
                f"qualify row_number() over (partition by {key} order by cast(updated_at as timestamp) desc) = 1")


CUSTOMER = f"""
select account_id as id, {_iso('created_at')} as created, null as email, account_name as name,
    json_object('plan_tier', plan_tier, 'segment', segment, 'industry', industry, 'region', region) as metadata,
    true as livemode, {_iso('updated_at')} as _fivetran_synced, false as _fivetran_deleted
from accounts
union all
select customer_id, {_iso('created_at')}, email, null, json_object('account_id', account_id), true,
    {_iso('updated_at')}, false
from customers
order by id
"""

# Cents per month, and how the one item bills them: yearly (3 seats when the cents divide), else monthly
# (2 seats when they divide).
PRICED = """
create view priced as
select *,
    cast(round(cast(mrr as decimal(38, 12)) * 100) as bigint) as cents,
    plan like '%annual%' as yearly
from subscriptions
"""

SUBSCRIPTION = f"""
select subscription_id as id, account_id as customer_id,
    case when canceled_at is null then 'active' else 'canceled' end as status,
    {_iso('started_at')} as created, {_iso('started_at')} as start_date,
    {_iso('canceled_at')} as canceled_at, {_iso('canceled_at')} as ended_at,
    case when cancel_reason = 'payment failed' then 'payment_failed'
        when cancel_reason is not null then 'cancellation_requested' end as cancellation_details_reason,
    case when cancel_reason <> 'payment failed' then cancel_reason end as cancellation_details_comment,
    true as livemode, {_iso('updated_at')} as _fivetran_synced, false as _fivetran_deleted
from subscriptions
order by id
"""

SUBSCRIPTION_ITEM = f"""
select 'si_' || subscription_id as id, subscription_id, 'price_' || subscription_id as plan_id,
    case when yearly and cents % 3 = 0 then 3 when not yearly and cents % 2 = 0 then 2 else 1 end as quantity,
    {_iso('started_at')} as created, true as livemode, {_iso('updated_at')} as _fivetran_synced,
    false as _fivetran_deleted
from priced
order by id
"""

PRICE = f"""
select 'price_' || subscription_id as id,
    case when yearly and cents % 3 = 0 then cents * 4 when yearly then cents * 12
        when cents % 2 = 0 then cents // 2 else cents end as unit_amount,
    lower(currency) as currency, case when yearly then 'year' else 'month' end as recurring_interval,
    1 as recurring_interval_count, 'licensed' as recurring_usage_type, 'prod_' || plan as product_id,
    {_iso('started_at')} as created, true as livemode, {_iso('updated_at')} as _fivetran_synced,
    false as _fivetran_deleted
from priced
order by id
"""

PRODUCT = """
select distinct 'prod_' || plan as id, plan as name, true as livemode, false as _fivetran_deleted
from subscriptions
order by id
"""

# failed: uncollectible, or still open after a failed charge (by the parity of the id's last digit).
INVOICE = f"""
select invoice_id as id, account_id as customer_id, subscription_id, {_iso('issued_at')} as created,
    case status when 'refunded' then 'paid'
        when 'failed' then case when right(invoice_id, 1) in ('0', '2', '4', '6', '8') then 'open'
            else 'uncollectible' end
        else status end as status,
    cast(round(cast(amount as decimal(38, 12)) * 100) as bigint) as total, lower(currency) as currency,
    {_iso('issued_at')} as status_transitions_finalized_at, {_iso('paid_at')} as status_transitions_paid_at,
    true as livemode, {_iso('updated_at')} as _fivetran_synced, false as _fivetran_deleted
from invoices
order by id
"""

CHARGE = f"""
select 'ch_' || invoice_id as id, invoice_id,
    case when status = 'failed' then 'failed' else 'succeeded' end as status,
    cast(round(cast(amount as decimal(38, 12)) * 100) as bigint) as amount,
    case when status = 'refunded' then cast(round(cast(amount as decimal(38, 12)) * 100) as bigint)
        else 0 end as amount_refunded,
    status = 'refunded' as refunded, {_iso('coalesce(paid_at, issued_at)')} as created, true as livemode,
    {_iso('updated_at')} as _fivetran_synced, false as _fivetran_deleted
from invoices
where status in ('paid', 'refunded', 'failed')
order by id
"""

OUTPUTS = {"customer": CUSTOMER, "subscription": SUBSCRIPTION, "subscription_item": SUBSCRIPTION_ITEM,
           "price": PRICE, "product": PRODUCT, "invoice": INVOICE, "charge": CHARGE}


def shape(contract_dir: Path, out_dir: Path) -> None:
    """Write Stripe's tables (customer.csv, subscription.csv, ...) into out_dir from contract_dir's billing files."""
    out_dir.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(config={"threads": 2, "preserve_insertion_order": True})
    try:
        con.execute("set TimeZone = 'UTC'")
        for table, key in (("accounts", "account_id"), ("customers", "customer_id"),
                           ("subscriptions", "subscription_id"), ("invoices", "invoice_id")):
            _latest(con, contract_dir, table, key)
        con.execute(PRICED)
        for name, query in OUTPUTS.items():
            target = str(out_dir / f"{name}.csv").replace("'", "''")
            con.execute(f"copy ({query}) to '{target}' (header, delimiter ',')")
    finally:
        con.close()
