"""Stripe, as Fivetran lands it: customers, subscriptions and their items, prices (or legacy plans), products,
invoices and charges. models/sources/stripe/ maps them into the contract's billing tables (docs/sources/stripe.md)."""

from __future__ import annotations

from ..contract import Column, Table
from . import Connector
from .stripe_shape import shape

SYNCED = (Column("_fivetran_synced", "timestamp", False, None, "When Fivetran last wrote the row (UTC)."),
          Column("_fivetran_deleted", "boolean", False, None, "Soft delete: the row is gone at Stripe."))
LIVEMODE = Column("livemode", "boolean", False, None, "False for test-mode objects, which the adapter leaves out.")
METADATA = Column("metadata", "string", False, None, "Stripe metadata as a JSON object in text.")


def _id(d: str) -> Column:
    return Column("id", "string", True, None, d)


def _ts(name: str, d: str, required: bool = False) -> Column:
    return Column(name, "timestamp", required, None, d)


def _s(name: str, d: str) -> Column:
    return Column(name, "string", False, None, d)


def _n(name: str, d: str, kind: str = "bigint") -> Column:
    return Column(name, kind, False, None, d)


def _table(name: str, columns: tuple[Column, ...], description: str, optional: bool = False,
           versioned: bool = True) -> Table:
    return Table("stripe", name, "id", (*columns, LIVEMODE, *SYNCED), versioned=versioned, description=description,
                 schema="stripe", identifier=name, optional=optional)


SUBSCRIPTION_COLUMNS: tuple[Column, ...] = (
    _id("Subscription id (sub_...)."),
    _s("customer_id", "The Stripe customer subscribed."),
    _s("status", "incomplete, incomplete_expired, trialing, active, past_due, canceled, unpaid or paused."),
    _ts("created", "When the subscription was created (UTC).", required=True),
    _ts("start_date", "When the subscription started (UTC)."),
    _ts("canceled_at", "When the cancellation was requested (UTC)."),
    _ts("ended_at", "When the subscription ended (UTC)."),
    _ts("cancel_at", "A scheduled end (UTC)."),
    _n("cancel_at_period_end", "True when it ends at the end of the current period.", "boolean"),
    _s("cancellation_details_reason", "Why it was canceled: cancellation_requested, payment_disputed or "
                                      "payment_failed (flattened from cancellation_details; optional)."),
    _s("cancellation_details_comment", "The customer's free-text cancel comment (optional)."),
    _s("cancellation_details_feedback", "The customer's cancel feedback, e.g. too_expensive (optional)."),
    METADATA,
)

TABLES: tuple[Table, ...] = (
    _table("customer", (
        _id("Customer id (cus_...)."),
        _ts("created", "When the customer was created (UTC).", required=True),
        _s("email", "The customer's email: personal data, hashed in staging."),
        _s("name", "The customer's name (the account name)."),
        _s("description", "Free-text description (the account name when name is empty)."),
        METADATA,
        _s("currency", "The customer's default currency."),
        _n("is_deleted", "True for a customer deleted at Stripe.", "boolean"),
    ), "One row per Stripe customer; metadata may carry account_id, plan_tier, segment, industry, region."),
    _table("subscription", SUBSCRIPTION_COLUMNS, "One row per subscription (without Fivetran's history mode).",
           optional=True),
    _table("subscription_history", (
        *SUBSCRIPTION_COLUMNS,
        _n("_fivetran_active", "True on the current version.", "boolean"),
        _ts("_fivetran_start", "When this version became current (UTC)."),
        _ts("_fivetran_end", "When this version was superseded (UTC)."),
    ), "One row per subscription version (Fivetran's history mode).", optional=True, versioned=False),
    _table("subscription_item", (
        _id("Subscription item id (si_...)."),
        _s("subscription_id", "The subscription the item belongs to."),
        _s("plan_id", "The price (or legacy plan) billed."),
        _n("quantity", "Units billed (seats)."),
        _ts("created", "When the item was added (UTC)."),
    ), "One row per subscription item: a price times a quantity."),
    _table("price", (
        _id("Price id (price_...)."),
        _n("unit_amount", "Amount per unit per interval, in cents."),
        _s("unit_amount_decimal", "The same with sub-cent precision, as text."),
        _s("currency", "ISO 4217 code, lower case."),
        _s("recurring_interval", "day, week, month or year."),
        _n("recurring_interval_count", "Intervals between two bills."),
        _s("recurring_usage_type", "licensed or metered."),
        _s("nickname", "The price's name (our plan name)."),
        _s("product_id", "The product priced."),
        _ts("created", "When the price was created (UTC)."),
    ), "One row per price.", optional=True),
    _table("plan", (
        _id("Plan id (legacy prices)."),
        _n("amount", "Amount per unit per interval, in cents."),
        _s("currency", "ISO 4217 code, lower case."),
        _s("interval", "day, week, month or year."),
        _n("interval_count", "Intervals between two bills."),
        _s("usage_type", "licensed or metered."),
        _s("nickname", "The plan's name."),
        _s("product_id", "The product priced."),
        _ts("created", "When the plan was created (UTC)."),
    ), "One row per legacy plan (read when there is no price table, or for ids it lacks).", optional=True),
    _table("product", (
        _id("Product id (prod_...)."),
        _s("name", "The product's name."),
        _ts("created", "When the product was created (UTC)."),
    ), "One row per product.", optional=True),
    _table("invoice", (
        _id("Invoice id (in_...)."),
        _s("customer_id", "The customer invoiced."),
        _s("subscription_id", "The subscription invoiced, if any."),
        _ts("created", "When the invoice was created (UTC).", required=True),
        _s("status", "draft, open, paid, uncollectible or void."),
        _n("total", "Total in cents."),
        _s("currency", "ISO 4217 code, lower case."),
        _ts("status_transitions_finalized_at", "When it was finalized, i.e. issued (UTC)."),
        _ts("status_transitions_paid_at", "When it was paid (UTC)."),
        _n("is_deleted", "True for a deleted (draft) invoice.", "boolean"),
    ), "One row per invoice."),
    _table("charge", (
        _id("Charge id (ch_...)."),
        _s("invoice_id", "The invoice the charge pays, if any."),
        _s("status", "succeeded, pending or failed."),
        _n("amount", "Amount charged, in cents."),
        _n("amount_refunded", "Amount refunded, in cents."),
        _n("refunded", "True when fully refunded.", "boolean"),
        _ts("created", "When the charge was attempted (UTC)."),
    ), "One row per charge: marks refunded and failed invoices.", optional=True),
)

CONNECTOR = Connector(
    name="stripe",
    domain="billing",
    tables=TABLES,
    description="Stripe billing as Fivetran lands it (customer, subscription, subscription_item, price, product, "
                "invoice, charge); region, plan tier, segment and industry only from customer metadata.",
    shape=shape,
)
