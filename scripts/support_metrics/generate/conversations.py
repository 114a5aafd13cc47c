"""Who contacts support about what, on which channel and when: first contacts and re-contacts.

Each batch (one wave: first contacts, then re-contacts of the ones not really solved) is decided
by handling.py; transcripts.py turns the decisions into timed messages and events.
"""

from __future__ import annotations

import numpy as np

from ..contract import CHANNELS, CONVERSATION_STATUSES, LEAD_TYPES
from .accounts import People
from .catalog import (
    BACK_ABANDONED,
    BACK_NOT_STUCK,
    BACK_STUCK,
    BACK_UNRESOLVED,
    CH,
    CHANNEL_MIX,
    INTENT_INDEX,
    INTENTS,
    LATE_RECONTACT_DAYS,
    LATE_RECONTACT_P,
    PROSPECT_BACK,
    PROSPECT_CHANNELS,
    PROSPECT_INTENTS,
    RECONTACT_MAX_DAYS,
    RECONTACT_MEDIAN_DAYS,
    RECONTACT_MIN_SECONDS,
    RECONTACT_SIGMA,
    RELEASE_AT,
    RELEASE_DAYS,
    RELEASE_FIX_DAYS,
    SWITCH,
    SWITCH_P,
    UPSELL_LEAD_P,
    VOICE,
    intent_array,
    probs,
)
from .clock import DAY, HOUR, Window
from .frames import Frame, choice, choice_rows, take

TECH = INTENT_INDEX["technical_troubleshooting"]
BOOKING = LEAD_TYPES.index("booking")
RESOLVED, UNRESOLVED, ABANDONED = (CONVERSATION_STATUSES.index(s) for s in ("resolved", "unresolved", "abandoned"))
CHANNEL_BY_INTENT = np.array(
    [[CHANNEL_MIX[c] * i.channel_tilt.get(c, 1.0) for c in CHANNELS] for i in INTENTS]
)


def release_span(window: Window) -> tuple[int, int, int]:
    """Start of the product release, the day its help article lands, and the end of its spike."""
    start = window.start + int(RELEASE_AT * window.days) * DAY
    return start, start + RELEASE_FIX_DAYS * DAY, start + RELEASE_DAYS * DAY


def _times(rng: np.random.Generator, window: Window, channel: np.ndarray) -> np.ndarray:
    created = np.zeros(len(channel), np.int64)
    for c, name in enumerate(CHANNELS):
        mask = channel == c
        kind = "voice" if name == "voice" else "email" if name == "email" else "chat"
        created[mask] = window.arrivals(rng, int(mask.sum()), kind)
    return created


def first_contacts(rng: np.random.Generator, window: Window, people: People) -> Frame:
    """First contacts: each customer's problems over the window, plus the prospects' sales chats."""
    cust_created, rate = people.customers["created"], people.customers["rate"].astype(float)
    counts = rng.poisson(rate * window.days)
    cust = np.repeat(np.arange(len(rate), dtype=np.int32), counts)
    intent = choice(rng, probs(intent_array("share")), len(cust))
    rel_start, _, rel_end = release_span(window)
    spike = int(rng.poisson(INTENTS[TECH].share / intent_array("share").sum() * rate.sum() * RELEASE_DAYS))
    spike_cust = np.searchsorted(np.cumsum(rate), rng.random(spike) * rate.sum(), side="right").astype(
        np.int32
    )
    cust = np.r_[cust, np.minimum(spike_cust, len(rate) - 1)]
    intent = np.r_[intent, np.full(spike, TECH, np.int16)]
    channel = choice_rows(rng, CHANNEL_BY_INTENT[intent])
    created = _times(rng, window, channel)
    shift = (created[-spike:] - window.start) % (rel_end - rel_start) if spike else created[:0]
    created[len(created) - spike :] = rel_start + shift
    keep = (cust_created[cust] >= 0) & (created >= cust_created[cust]) & (created < window.end)
    p = people.prospects
    n_p = len(p["cust"])
    frame: Frame = {
        "cust": np.r_[cust[keep], p["cust"]],
        "intent": np.r_[intent[keep], choice(rng, probs(list(PROSPECT_INTENTS.values())), n_p)].astype(
            np.int16
        ),
        "channel": np.r_[channel[keep], choice(rng, probs(list(PROSPECT_CHANNELS.values())), n_p)].astype(
            np.int8
        ),
        "created": np.r_[created[keep], p["created"]],
        "lead": np.r_[np.zeros(keep.sum(), bool), p["lead"]],
        "lead_type": np.r_[np.full(keep.sum(), -1, np.int8), p["lead_type"]],
    }
    if n_p:  # prospect intents were drawn as positions in PROSPECT_INTENTS; map them to intent codes
        codes = np.array([INTENT_INDEX[name] for name in PROSPECT_INTENTS], dtype=np.int16)
        frame["intent"][-n_p:] = codes[frame["intent"][-n_p:]]
        codes = np.array([CH[name] for name in PROSPECT_CHANNELS], dtype=np.int8)
        frame["channel"][-n_p:] = codes[frame["channel"][-n_p:]]
    upsell = (frame["intent"] == INTENT_INDEX["pricing_inquiry"]) & ~np.isin(frame["cust"], p["cust"])
    upsell &= rng.random(len(upsell)) < UPSELL_LEAD_P
    frame["lead"] |= upsell
    frame["lead_type"] = np.where(upsell, BOOKING, frame["lead_type"]).astype(np.int8)
    frame["wave"] = np.zeros(len(frame["cust"]), np.int8)
    return frame


def recontacts(rng: np.random.Generator, window: Window, done: Frame) -> Frame:
    """The next wave: customers whose problem was not really solved come back, often on another channel."""
    status = done["status"]
    n = len(status)
    p = np.select(
        [status == RESOLVED, status == UNRESOLVED, status == ABANDONED],
        [np.where(done["stick"], BACK_STUCK, BACK_NOT_STUCK), BACK_UNRESOLVED, BACK_ABANDONED],
        0.0,
    )
    back = rng.random(n) < p * np.where(done["prospect"], PROSPECT_BACK, 1.0)
    src = take(done, back)
    m = int(back.sum())
    late = rng.random(m) < LATE_RECONTACT_P
    late_delay = rng.uniform(*LATE_RECONTACT_DAYS, m) * DAY
    early_delay = RECONTACT_MEDIAN_DAYS * DAY * rng.lognormal(0, RECONTACT_SIGMA, m)
    delay = np.where(late, late_delay, np.minimum(early_delay, RECONTACT_MAX_DAYS * DAY))
    created = src["closed_at"] + np.maximum(delay, RECONTACT_MIN_SECONDS).astype(np.int64)
    switch = rng.random(m) < SWITCH_P
    channel = np.where(switch, choice(rng, probs(SWITCH), m), src["channel"]).astype(np.int8)
    voice = channel == VOICE
    created[voice] = window.next_open(created[voice]) + rng.integers(0, HOUR, int(voice.sum()))
    keep = created < window.end
    nxt: Frame = {
        "cust": src["cust"],
        "intent": src["intent"],
        "channel": channel,
        "created": created,
        "lead": np.zeros(m, bool),
        "lead_type": np.full(m, -1, np.int8),
        "wave": (src["wave"] + 1).astype(np.int8),
        "issue": src["issue"],
        "parent": src["gid"],
    }
    return take(nxt, keep)
