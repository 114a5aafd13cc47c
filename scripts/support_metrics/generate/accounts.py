"""Accounts, the customers under them, and prospects who chat before they sign up."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .catalog import (
    CONTACT_RATE,
    INDUSTRY_MIX,
    LEAD_CONVERT_LATE_P,
    LEAD_CONVERT_P,
    LEAD_MIX,
    LEAD_P,
    PROSPECT_RATE,
    REGION_MIX,
    SEGMENT_MIX,
    SEGMENT_RATE,
    SEGMENT_SIZE,
    TIER_BY_SEGMENT,
)
from .clock import DAY, Window
from .frames import Frame, choice, choice_rows, concat


@dataclass
class People:
    """Accounts and customers (prospects included: customers with no row until they sign up)."""

    accounts: Frame  # seg, tier, region, industry, created, w0, w1, w2
    customers: Frame  # acct (-1: no account), created (-1: never signed up), rate, prospect
    prospects: Frame  # cust, created, lead, lead_type: the prospects' first conversations


def _accounts(rng: np.random.Generator, window: Window, n: int, inside_p: float) -> Frame:
    seg = choice(rng, SEGMENT_MIX, n)
    age = np.clip(rng.exponential(450, n), 10, 1800) * DAY
    created = (window.start - age).astype(np.int64)
    inside = rng.random(n) < inside_p
    created[inside] = window.start + rng.integers(
        0, max(window.end - window.start - 5 * DAY, DAY), inside.sum()
    )
    return _account_frame(rng, seg, created)


def _account_frame(rng: np.random.Generator, seg: np.ndarray, created: np.ndarray) -> Frame:
    n = len(seg)
    return {
        "seg": seg.astype(np.int8),
        "tier": choice_rows(rng, TIER_BY_SEGMENT[seg]).astype(np.int8),
        "region": choice(rng, REGION_MIX, n).astype(np.int8),
        "industry": choice(rng, INDUSTRY_MIX, n).astype(np.int8),
        "created": created.astype(np.int64),
        "w0": rng.integers(0, 10, n).astype(np.int8),
        "w1": rng.integers(0, 10, n).astype(np.int8),
        "w2": rng.integers(0, 10, n).astype(np.int8),
    }


def _sizes(rng: np.random.Generator, seg: np.ndarray) -> np.ndarray:
    extra = rng.poisson(SEGMENT_SIZE[seg] - 1.0)
    return 1 + np.minimum(extra, 200)


def build_people(rng: np.random.Generator, window: Window, customers: int) -> People:
    """Accounts with their customers, contact propensities, and prospects with their lead fate."""
    guess = int(customers / 3.0 * 1.3) + 10
    accounts = _accounts(rng, window, guess, inside_p=0.04)
    sizes = _sizes(rng, accounts["seg"].astype(np.int64))
    ends = np.cumsum(sizes)
    n_acc = int(np.searchsorted(ends, customers) + 1)
    accounts = {k: v[:n_acc] for k, v in accounts.items()}
    sizes = sizes[:n_acc]
    sizes[-1] -= ends[n_acc - 1] - customers
    acct = np.repeat(np.arange(n_acc, dtype=np.int32), sizes)
    first = np.r_[True, acct[1:] != acct[:-1]]
    base = accounts["created"][acct]
    span = np.minimum(np.maximum(window.end - DAY - base, DAY), 400 * DAY)
    created = np.where(first, base, base + (rng.random(customers) * span).astype(np.int64))
    seg = accounts["seg"][acct].astype(np.int64)
    free = accounts["tier"][acct] == 0
    rate = CONTACT_RATE * rng.gamma(0.7, 1 / 0.7, customers) * SEGMENT_RATE[seg] * np.where(free, 0.8, 1.0)
    existing: Frame = {
        "acct": acct,
        "created": created.astype(np.int64),
        "rate": rate.astype(np.float32),
        "prospect": np.zeros(customers, bool),
    }
    return _add_prospects(rng, window, People(accounts, existing, {}), customers)


def _add_prospects(rng: np.random.Generator, window: Window, people: People, customers: int) -> People:
    """Prospects chat once; a lead is captured for some; a few sign up (a new account) within 30 days."""
    n = int(rng.poisson(PROSPECT_RATE * customers * window.days))
    first_idx = customers
    chat_at = window.arrivals(rng, n, "chat")
    lead = rng.random(n) < LEAD_P
    u = rng.random(n)
    delay = np.where(u < LEAD_CONVERT_P, rng.uniform(1, 29, n), rng.uniform(31, 60, n)) * DAY
    converts = lead & (u < LEAD_CONVERT_P + LEAD_CONVERT_LATE_P)
    signup = (chat_at + delay).astype(np.int64)
    converts &= signup < window.end - DAY
    k = int(converts.sum())
    n_acc = len(people.accounts["seg"])
    new_seg = np.where(rng.random(k) < 0.7, 0, 1).astype(np.int16)
    new_accounts = _account_frame(rng, new_seg, signup[converts])
    acct = np.full(n, -1, np.int32)
    acct[converts] = n_acc + np.arange(k, dtype=np.int32)
    rate = CONTACT_RATE * rng.gamma(0.7, 1 / 0.7, n) * SEGMENT_RATE[0]
    prospects: Frame = {
        "acct": acct,
        "created": np.where(converts, signup, -1).astype(np.int64),
        "rate": np.where(converts, rate, 0).astype(np.float32),
        "prospect": np.ones(n, bool),
    }
    lead_type = choice(rng, LEAD_MIX, n).astype(np.int8)
    return People(
        accounts=concat([people.accounts, new_accounts]),
        customers=concat([people.customers, prospects]),
        prospects={
            "cust": (first_idx + np.arange(n)).astype(np.int32),
            "created": chat_at.astype(np.int64),
            "lead": lead,
            "lead_type": np.where(lead, lead_type, -1).astype(np.int8),
        },
    )
