"""Subscriptions, churn driven by bad support journeys, and monthly invoices (some failed)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .accounts import People
from .catalog import INTENT_INDEX, SEGMENT_CHURN, TIER_MRR, TIER_SEAT
from .clock import DAY, Window, add_months, month_starts
from .frames import Frame, choice, expand
from .phrases import CANCEL_REASONS

REASONS: list[str] = [r for group in CANCEL_REASONS.values() for r in group]
REASON_FIRST = {k: REASONS.index(v[0]) for k, v in CANCEL_REASONS.items()}
PAYMENT_FAILED = REASONS.index("payment failed")
UPGRADED = len(REASONS)
REASONS.append("upgraded to a bigger plan")
BAD, CANCEL = 0, 1


@dataclass
class Billing:
    """Subscription rows (several per account after an upgrade) and which accounts churned when."""

    subscriptions: Frame  # acct, tier, cents, annual, started, canceled, reason
    churned_at: np.ndarray  # per account, -1 when it did not churn in the window
    account_updated: np.ndarray  # per account: the last change (creation or upgrade)
    account_created: np.ndarray


def bad_journeys(convs: Frame, acct_of_cust: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Conversations that felt bad (not resolved, or a repeat contact), with their account and time."""
    bad = (convs["status"] >= 2) | (convs["wave"] >= 1)
    acct = acct_of_cust[convs["cust"]]
    keep = bad & (acct >= 0)
    return acct[keep], convs["created"][keep], convs["intent"][keep]


def churn(rng: np.random.Generator, window: Window, people: People, convs: Frame) -> np.ndarray:
    """Per account the cancel instant (-1 if none): base hazard by segment, far higher after bad journeys."""
    acc = people.accounts
    n = len(acc["seg"])
    acct, t, _ = bad_journeys(convs, people.customers["acct"])
    cancel_acct = people.customers["acct"][convs["cust"]]
    cancel_t = np.where(convs["intent"] == INTENT_INDEX["cancel_subscription"], convs["created"], -1)
    churned = np.full(n, -1, np.int64)
    starts = month_starts(window.start, window.end)
    for k, ms in enumerate(starts):
        me = starts[k + 1] if k + 1 < len(starts) else window.end
        lo = max(ms, window.start)
        recent = np.bincount(acct[(t >= ms - 90 * DAY) & (t < ms)], minlength=n)
        asked = np.bincount(
            cancel_acct[(cancel_t >= ms - 30 * DAY) & (cancel_t < me) & (cancel_acct >= 0)], minlength=n
        )
        hazard = (
            SEGMENT_CHURN[acc["seg"]]
            * (1 + 2.0 * (recent >= 1) + 2.0 * (recent >= 3))
            * (1 + 3 * (asked >= 1))
        )
        hazard *= (me - lo) / (30 * DAY)
        go = (churned < 0) & (acc["created"] < lo - 30 * DAY) & (rng.random(n) < hazard)
        churned[go] = lo + (rng.random(int(go.sum())) * (me - lo - 3600)).astype(np.int64)
    return churned


def subscriptions(rng: np.random.Generator, window: Window, people: People, convs: Frame) -> Billing:
    """One subscription per account (two after an upgrade); churned accounts cancel the current one."""
    acc = people.accounts
    n = len(acc["seg"])
    seats = np.bincount(people.customers["acct"][people.customers["acct"] >= 0], minlength=n)
    churned = churn(rng, window, people, convs)
    tier = acc["tier"].astype(np.int64)
    started = acc["created"] + rng.integers(0, 3 * DAY, n)
    upgrade = (tier >= 2) & (rng.random(n) < 0.12)
    stop = np.where(churned >= 0, churned, window.end)
    t_up = started + (rng.uniform(0.1, 0.8, n) * (stop - started)).astype(np.int64)
    upgrade &= t_up > started + DAY
    cents = (100 * (TIER_MRR[tier] + TIER_SEAT[tier] * seats) * rng.uniform(0.8, 1.0, n)).astype(np.int64)
    acct_bad, t_bad, _ = bad_journeys(convs, people.customers["acct"])
    had_bad = np.bincount(acct_bad[t_bad < stop[acct_bad]], minlength=n) > 0
    theme = np.where(had_bad & (rng.random(n) < 0.7), 0, choice(rng, np.array([0.45, 0.3, 0.25]), n) + 1)
    group = np.array(
        [REASON_FIRST["support"], REASON_FIRST["price"], REASON_FIRST["product"], REASON_FIRST["other"]]
    )
    size = np.array([len(v) for v in CANCEL_REASONS.values()])
    reason = group[theme] + (rng.random(n) * size[theme]).astype(np.int64)
    reason = np.where(rng.random(n) < 0.12, PAYMENT_FAILED, reason)
    up = np.flatnonzero(upgrade)
    subs: Frame = {
        "acct": np.r_[np.arange(n), up].astype(np.int32),
        "tier": np.r_[tier, tier[up] - 1].astype(np.int8),
        "cents": np.r_[cents, (cents[up] * 0.5).astype(np.int64)],
        "annual": rng.random(n + len(up)) < 0.25,
        "started": np.r_[np.where(upgrade, t_up, started), started[up]],
        "canceled": np.r_[churned, t_up[up]],
        "reason": np.r_[np.where(churned >= 0, reason, -1), np.full(len(up), UPGRADED)].astype(np.int16),
    }
    return Billing(subs, churned, np.where(upgrade, t_up, acc["created"]), acc["created"])


def invoices(rng: np.random.Generator, window: Window, billing: Billing) -> Frame:
    """Monthly invoices of paying subscriptions from six months before the window; a few fail."""
    s = billing.subscriptions
    paying = np.flatnonzero(s["cents"] > 0)
    started, stop = (
        s["started"][paying],
        np.where(s["canceled"][paying] >= 0, s["canceled"][paying], window.end),
    )
    horizon = window.start - 180 * DAY
    k0 = np.maximum((horizon - started) // (31 * DAY), 0)
    count = np.maximum((stop - started) // (28 * DAY) + 2 - k0, 0)
    owner, pos = expand(count)
    sub = paying[owner]
    issued = add_months(started[owner], k0[owner] + pos)
    keep = (issued < stop[owner]) & (issued >= horizon)
    sub, issued = sub[keep], issued[keep]
    n = len(sub)
    last_before_churn = np.r_[sub[1:] != sub[:-1], True] & (s["reason"][sub] == PAYMENT_FAILED)
    u = rng.random(n)
    status = np.select([last_before_churn, u < 0.025, u < 0.035, u < 0.05], [4, 4, 2, 3], 0).astype(np.int8)
    paid_at = issued + rng.integers(60, 3 * DAY, n)
    pending = (paid_at >= window.end) & np.isin(status, (0, 3))
    status[pending] = 1
    updated = np.select(
        [status == 0, status == 3, status == 4, status == 2],
        [
            paid_at,
            np.minimum(paid_at + rng.integers(DAY, 10 * DAY, n), window.end - 1),
            np.minimum(issued + DAY, window.end - 1),
            np.minimum(issued + 2 * DAY, window.end - 1),
        ],
        issued,
    )
    old = billing.account_created < window.start
    one_off = np.flatnonzero((rng.random(len(old)) < 0.03) & old & (billing.churned_at < 0))
    off_t = window.start + (rng.random(len(one_off)) * (window.end - window.start - DAY)).astype(np.int64)
    return {
        "acct": np.r_[s["acct"][sub], one_off].astype(np.int32),
        "sub": np.r_[sub, np.full(len(one_off), -1)].astype(np.int32),
        "issued": np.r_[issued, off_t],
        "cents": np.r_[s["cents"][sub], np.full(len(one_off), 25000)],
        "status": np.r_[status, np.zeros(len(one_off), np.int8)],
        "paid_at": np.r_[np.where(np.isin(status, (0, 3)), paid_at, -1), off_t + 3600],
        "updated": np.r_[np.maximum(updated, issued), off_t + 3600],
    }
