"""Who contacts support about what, on which channel, and how the bot and the humans will handle it.

A batch (one wave: first contacts, then re-contacts of the ones not really solved) is decided
here column by column; transcripts.py turns the decisions into timed messages and events.
"""

from __future__ import annotations

import numpy as np

from ..contract import CHANNELS
from .accounts import People
from .catalog import (
    BACK_ABANDONED,
    BACK_NOT_STUCK,
    BACK_STUCK,
    BACK_UNRESOLVED,
    BOT_FIRST,
    BOT_LEARNING,
    CH,
    CHANNEL_MIX,
    CONTEXT_NULL,
    CONTEXT_TRANSFER,
    EMAIL,
    HUMAN_STICK,
    INTENT_INDEX,
    INTENTS,
    LATE_RECONTACT_P,
    NO_INTENT_P,
    PROSPECT_CHANNELS,
    PROSPECT_INTENTS,
    REASON,
    RELEASE_AT,
    RELEASE_DAYS,
    RELEASE_FIX_DAYS,
    SWITCH,
    SWITCH_P,
    VOICE,
    intent_array,
    probs,
)
from .clock import DAY, HOUR, Window
from .frames import Frame, choice, choice_rows, take

# Bot-phase outcomes (status is derived later, once timing is known).
BOT_RESOLVED, BOT_ESCALATED, BOT_ABANDONED, BOT_UNRESOLVED, NO_BOT = range(5)
TECH = INTENT_INDEX["technical_troubleshooting"]
CONFUSION = np.array([[1.0 if o.name in i.confused_with else 0.0 for o in INTENTS] for i in INTENTS]) + 0.02
np.fill_diagonal(CONFUSION, 0.0)
CHANNEL_BY_INTENT = np.array(
    [[CHANNEL_MIX[c] * i.channel_tilt.get(c, 1.0) for c in CHANNELS] for i in INTENTS]
)
REASON_W = np.array([i.reasons for i in INTENTS])
TEAM_OF_INTENT = np.array([("tier1", "billing", "technical", "sales").index(i.team) for i in INTENTS])


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
    upsell &= rng.random(len(upsell)) < 0.15
    frame["lead"] |= upsell
    frame["lead_type"] = np.where(upsell, 2, frame["lead_type"]).astype(np.int8)
    frame["wave"] = np.zeros(len(frame["cust"]), np.int8)
    return frame


def _confuse(rng: np.random.Generator, intent: np.ndarray) -> np.ndarray:
    return choice_rows(rng, CONFUSION[intent])


def decide(
    rng: np.random.Generator, window: Window, batch: Frame, seg: np.ndarray, prospect: np.ndarray
) -> Frame:
    """Add the handling decisions to a batch: bot or human first, intents, outcome, requests, reason."""
    n = len(batch["cust"])
    it, ch = batch["intent"].astype(np.int64), batch["channel"].astype(np.int64)
    u = lambda: rng.random(n)  # noqa: E731 - a fresh uniform column per decision
    bot = (u() < BOT_FIRST[ch] * np.where(seg == 3, 0.8, 1.0)) | prospect
    bot &= ch != VOICE
    noint = bot & (u() < NO_INTENT_P) & ~batch["lead"]
    a, b = np.array([i.confidence for i in INTENTS]).T
    conf = rng.beta(a[it], b[it])
    conf = np.where(noint, rng.beta(1.5, 6, n), conf)
    classified = (bot & ~noint) | ((ch == EMAIL) & (u() < 0.8)) | (~bot & (ch != VOICE) & (u() < 0.4))
    wrong = classified & (u() < 0.02 + 0.6 * (1 - conf) ** 1.5)
    bot_intent = np.where(classified, np.where(wrong, _confuse(rng, it), it), -1).astype(np.int16)
    rel_start, rel_fix, _ = release_span(window)
    t = batch["created"]
    release = (it == TECH) & (t >= rel_start) & (t < rel_fix)
    solve = intent_array("bot_solve")[it] * (1 + BOT_LEARNING * window.position(t))
    solve *= np.where(wrong, 0.25, 1) * np.where(noint, 0.3, 1) * np.where(release, 0.35, 1)
    r1, r2 = u(), u()
    outcome = np.select(
        [~bot, r1 < np.minimum(solve, 0.97), r2 < 0.65, r2 < 0.87],
        [NO_BOT, BOT_RESOLVED, BOT_ESCALATED, BOT_ABANDONED],
        BOT_UNRESOLVED,
    ).astype(np.int8)
    esc = outcome == BOT_ESCALATED
    w = REASON_W[it].copy()
    w[:, REASON["low_confidence"]] *= np.where(conf < 0.5, 4.0, 0.5)
    w[:, REASON["missing_knowledge"]] *= np.where(release, 6.0, 1.0)
    reason = np.where(esc, choice_rows(rng, w), -1).astype(np.int8)
    asked = reason == REASON["customer_request"]
    hr = np.select(
        [asked, reason == REASON["frustration"], esc],
        [1 + (u() < 0.3), u() < 0.5, u() < 0.08],
        np.where(np.isin(outcome, (BOT_ABANDONED, BOT_UNRESOLVED)), (u() < 0.35) * (1 + (u() < 0.4)), 0),
    ).astype(np.int8)
    ctx = np.where(u() < CONTEXT_TRANSFER[ch], 1, 0)
    ctx = np.where(esc, np.where(u() < CONTEXT_NULL, -1, ctx), -1).astype(np.int8)
    extra = np.select(
        [outcome == BOT_RESOLVED, esc], [rng.poisson(1.6, n), rng.poisson(1.8, n)], rng.poisson(2.0, n)
    )
    lead = batch["lead"] & bot
    nb = np.where(bot, np.maximum(1 + np.minimum(extra, 5), hr + 1) + lead, 0).astype(np.int8)
    fallback_p = intent_array("fallback")[it] + 0.35 * (1 - conf) + 0.25 * wrong + 0.2 * release
    human = (outcome == NO_BOT) | esc
    human_solve = intent_array("human_solve")[it] * np.where(ctx == 0, 0.9, 1.0)
    kb_p = np.where(
        np.isin(it, [INTENT_INDEX[x] for x in ("product_question", "returns", "shipping")]), 0.45, 0.25
    )
    team = TEAM_OF_INTENT[it]
    out = dict(batch)
    out.update(
        {
            "bot": bot,
            "noint": noint,
            "bot_intent": bot_intent,
            "conf": np.where(classified, np.round(conf, 3), np.nan).astype(np.float32),
            "wrong": wrong,
            "release": release,
            "outcome": outcome,
            "reason": reason,
            "hr": hr,
            "ctx": ctx,
            "nb": nb,
            "fallback_p": np.clip(np.where(noint, 0.5, fallback_p), 0, 0.9).astype(np.float32),
            "lead": lead,
            "lead_type": np.where(lead, batch["lead_type"], -1).astype(np.int8),
            "kb": bot & ~noint & (u() < kb_p),
            "human": human,
            "nh": np.where(
                human, 1 + np.minimum(rng.poisson(np.where(ch == VOICE, 2.2, 1.8), n), 5), 0
            ).astype(np.int8),
            "h_solve": u() < human_solve,
            "note": human & (u() < np.where(ctx == 0, 0.6, 0.3)),
            "stick": np.where(outcome == BOT_RESOLVED, u() < _stick(it, wrong, release), u() < HUMAN_STICK),
            "agent_intent": np.where(
                (human & (u() < 0.85)) | (~human & ~noint & (u() < 0.15)), it, -1
            ).astype(np.int16),
            "team": team.astype(np.int8),
            "bot_id": np.where(prospect | (team == 3), 2, np.where(team == 1, 1, 0)).astype(np.int8),
            "thanks": u() < 0.55,
            "reopen": human & (ch == EMAIL) & (u() < 0.12),
        }
    )
    return out


def _stick(it: np.ndarray, wrong: np.ndarray, release: np.ndarray) -> np.ndarray:
    return intent_array("bot_stick")[it] * np.where(wrong, 0.4, 1.0) * np.where(release, 0.5, 1.0)


def recontacts(rng: np.random.Generator, window: Window, done: Frame) -> Frame:
    """The next wave: customers whose problem was not really solved come back, often on another channel."""
    status = done["status"]
    n = len(status)
    p = np.select(
        [status == 1, status == 2, status == 3],
        [np.where(done["stick"], BACK_STUCK, BACK_NOT_STUCK), BACK_UNRESOLVED, BACK_ABANDONED],
        0.0,
    )
    back = rng.random(n) < p * np.where(done["prospect"], 0.2, 1.0)
    src = take(done, back)
    m = int(back.sum())
    late = rng.random(m) < LATE_RECONTACT_P
    delay = np.where(
        late, rng.uniform(7.5, 21, m) * DAY, np.minimum(1.2 * DAY * rng.lognormal(0, 0.8, m), 6.9 * DAY)
    )
    created = src["closed_at"] + np.maximum(delay, 600).astype(np.int64)
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
