"""Decided conversations turned into timed messages and events; status and timestamps follow from them.

Rows are built per phase (opener, bot turns, the human queue, agent turns, notes) with np.repeat
and grouped cumulative sums of gaps: no Python loop per conversation or message.
"""

from __future__ import annotations

import numpy as np

from ..contract import ACTOR_TYPES, CONVERSATION_STATUSES, EVENT_TYPES, MESSAGE_KINDS
from .catalog import (
    AGENT_GAP,
    ASYNC_P,
    BOT_GAP,
    CHAT_LIKE,
    CUSTOMER_GAP,
    EMAIL,
    IDLE_CLOSE,
    PATIENCE,
    QUEUE_WAIT,
    REASON,
    VOICE,
)
from .clock import DAY, Window
from .frames import Frame, concat, expand, group_max, grouped_cumsum, lognormal, take
from .handling import BOT_ABANDONED, BOT_ESCALATED, BOT_RESOLVED
from .knowledge import Articles
from .phrases import K, pick
from .staff import Staff

AUTHOR = {name: k for k, name in enumerate(ACTOR_TYPES)}
MKIND = {name: k for k, name in enumerate(MESSAGE_KINDS)}
ETYPE = {name: k for k, name in enumerate(EVENT_TYPES)}
STATUS = {name: k for k, name in enumerate(CONVERSATION_STATUSES)}
NONE = -1


def _messages(
    rng: np.random.Generator,
    conv: np.ndarray,
    t: np.ndarray,
    author: str | np.ndarray,
    kind: np.ndarray,
    intent: np.ndarray,
    agent: np.ndarray | int = NONE,
) -> Frame:
    n = len(conv)
    author_code = np.full(n, AUTHOR[author], np.int8) if isinstance(author, str) else author.astype(np.int8)
    mkind = np.select(
        [kind == K["fallback"], kind == K["auto_ack"], kind == K["note"]],
        [MKIND["fallback"], MKIND["auto_ack"], MKIND["internal_note"]],
        MKIND["text"],
    )
    return {
        "conv": conv.astype(np.int32),
        "t": t.astype(np.int64),
        "author": author_code,
        "mkind": mkind.astype(np.int8),
        "tpl": pick(rng, kind, intent),
        "agent": np.broadcast_to(np.asarray(agent, np.int16), (n,)).copy(),
    }


def _events(
    conv: np.ndarray,
    t: np.ndarray,
    etype: str,
    actor: str,
    actor_agent: np.ndarray | int = NONE,
    **extra: np.ndarray,
) -> Frame:
    n = len(conv)
    out: Frame = {
        "conv": conv.astype(np.int32),
        "t": t.astype(np.int64),
        "etype": np.full(n, ETYPE[etype], np.int8),
        "actor": np.full(n, AUTHOR[actor], np.int8),
        "actor_agent": np.broadcast_to(np.asarray(actor_agent, np.int16), (n,)).copy(),
    }
    for name, dtype in (("reason", np.int8), ("ctx", np.int8), ("article", np.int16), ("lead_type", np.int8)):
        out[name] = extra[name].astype(dtype) if name in extra else np.full(n, NONE, dtype)
    return out


def _bot_phase(rng: np.random.Generator, b: Frame, articles: Articles) -> tuple[Frame, Frame]:
    """Bot and customer turns: answers, fallbacks, article suggestions, requests for a person, leads."""
    resolved = b["outcome"] == BOT_RESOLVED
    counts = np.where(b["bot"], 2 * b["nb"].astype(np.int64) - 1 + (resolved & b["thanks"]), 0)
    o, pos = expand(counts)
    ch, nb, j = b["channel"][o], b["nb"][o].astype(np.int64), pos // 2
    is_bot, last = pos % 2 == 0, j == nb - 1
    gaps = np.where(
        is_bot, lognormal(rng, BOT_GAP[ch], 0.4, len(o)), lognormal(rng, CUSTOMER_GAP[ch], 0.9, len(o))
    )
    t = b["created"][o] + grouped_cumsum(gaps, o)
    res_o, lead_o = resolved[o], b["lead"][o]
    lead_pair = lead_o & (j == nb - 2)
    suggest = b["kb"][o] & is_bot & (j == 0)
    fb = (rng.random(len(o)) < b["fallback_p"][o]) & ~lead_pair & ~suggest & ~(res_o & (j >= nb - 2))
    bot_kind = np.select(
        [
            lead_pair,
            last & res_o & (nb >= 2),
            last & (b["outcome"][o] == BOT_ESCALATED),
            fb,
            (b["noint"][o] & (j == 0)) | (b["bot_intent"][o] < 0),
        ],
        [K["lead_ask"], K["bot_resolved"], K["handoff"], K["fallback"], K["clarify"]],
        K["bot_answer"],
    )
    hr, lead_i = b["hr"][o].astype(np.int64), lead_o.astype(np.int64)
    request = (j >= nb - 1 - lead_i - hr) & (j < nb - 1 - lead_i)
    cust_kind = np.select(
        [last, lead_pair, request],
        [K["thanks"], K["lead_email"] + b["lead_type"][o], K["human_request"]],
        K["followup"],
    )
    kind = np.where(is_bot, bot_kind, cust_kind)
    intent = np.where(is_bot, b["bot_intent"][o], b["intent"][o])
    author = np.where(is_bot, AUTHOR["bot"], AUTHOR["customer"])
    msgs = _messages(rng, o, t, author, kind, intent, np.where(is_bot, b["bot_id"][o], NONE))
    bot_agent = b["bot_id"][o].astype(np.int16)
    req, lead_row = ~is_bot & request, ~is_bot & lead_pair
    events = concat(
        [
            _events(o[req], t[req], "human_requested", "customer"),
            _events(
                o[lead_row],
                t[lead_row] + 1,
                "lead_captured",
                "bot",
                bot_agent[lead_row],
                lead_type=b["lead_type"][o][lead_row],
            ),
            _events(
                o[suggest],
                t[suggest],
                "kb_article_suggested",
                "bot",
                bot_agent[suggest],
                article=articles.pick(rng, b["bot_intent"][o][suggest], t[suggest]),
            ),
        ]
    )
    return msgs, events


def _human_phase(
    rng: np.random.Generator, window: Window, b: Frame, agent: np.ndarray, base: np.ndarray
) -> tuple[Frame, Frame, np.ndarray, np.ndarray]:
    """The queue, then agent and customer turns, internal notes, reopenings; who gave up waiting."""
    n, ch = len(base), b["channel"].astype(np.int64)
    wait = window.human_wait(rng, base, QUEUE_WAIT[ch])
    patience = rng.exponential(PATIENCE[ch])
    left = b["human"] & (wait > patience) & ~(CHAT_LIKE[ch] & (rng.random(n) < ASYNC_P))
    served = b["human"] & ~left
    nh = np.where(b["ctx"] == 0, np.maximum(b["nh"], 2), b["nh"]).astype(np.int64)
    solve = b["h_solve"]
    reopen = b["reopen"] & served & solve & (nh >= 2)
    counts = np.where(served, 2 * nh - 1 + (solve & b["thanks"]), 0)
    o, pos = expand(counts)
    j, is_agent, co = pos // 2, pos % 2 == 0, ch[o]
    last = j == nh[o] - 1
    gaps = np.where(
        is_agent, lognormal(rng, AGENT_GAP[co], 0.9, len(o)), lognormal(rng, CUSTOMER_GAP[co], 0.9, len(o))
    )
    gaps = np.where(pos == 0, wait[o], gaps)
    gaps += np.where(reopen[o] & (pos == 1), rng.uniform(1, 3, len(o)) * DAY, 0).astype(np.int64)
    t = base[o] + grouped_cumsum(gaps, o)
    agent_kind = np.select(
        [(pos == 0) & (b["ctx"][o] == 0), last & solve[o] & (nh[o] >= 2), last & ~solve[o]],
        [K["agent_reask"], K["agent_close"], K["agent_unresolved"]],
        K["agent_answer"],
    )
    cust_kind = np.select([last, reopen[o] & (pos == 1)], [K["thanks"], K["reopen"]], K["followup"])
    kind = np.where(is_agent, agent_kind, cust_kind)
    author = np.where(is_agent, AUTHOR["agent"], AUTHOR["customer"])
    msgs = [_messages(rng, o, t, author, kind, b["intent"][o], np.where(is_agent, agent[o], NONE))]
    first_t = base + wait
    last_agent = group_max(np.where(is_agent, t, 0), o, n, 0)
    noted = np.flatnonzero(b["note"] & served)
    note_t = (
        first_t[noted] + 1 + (rng.random(len(noted)) * (last_agent[noted] - first_t[noted])).astype(np.int64)
    )
    msgs.append(
        _messages(
            rng, noted, note_t, "agent", np.full(len(noted), K["note"]), b["intent"][noted], agent[noted]
        )
    )
    chased = np.flatnonzero(left & CHAT_LIKE[ch] & (rng.random(n) < 0.4))
    chase_t = base[chased] + 1 + (patience[chased] * rng.uniform(0.3, 0.9, len(chased))).astype(np.int64)
    msgs.append(
        _messages(rng, chased, chase_t, "customer", np.full(len(chased), K["chase"]), b["intent"][chased])
    )
    served_i = np.flatnonzero(served)
    assigned = np.maximum(first_t[served_i] - rng.integers(3, 30, len(served_i)), base[served_i] + 1)
    reopened = (pos == 1) & reopen[o]
    events = concat(
        [
            _events(served_i, assigned, "agent_assigned", "agent", agent[served_i]),
            _events(o[reopened], t[reopened], "reopened", "customer"),
        ]
    )
    return (
        concat(msgs),
        events,
        np.where(b["human"], wait, -1),
        np.where(left, base + patience.astype(np.int64), -1),
    )


def build(
    rng: np.random.Generator, window: Window, staff: Staff, b: Frame, articles: Articles
) -> tuple[Frame, Frame, Frame]:
    """Messages and events of a decided batch, and the batch with status, timestamps and survey features."""
    n, ch, created = len(b["cust"]), b["channel"].astype(np.int64), b["created"]
    agent = staff.pick(rng, np.where(ch == VOICE, 0, b["team"]))
    opener = np.where(b["noint"], K["greeting"], K["opener"])
    emails = np.flatnonzero(ch == EMAIL)
    msgs = [
        _messages(rng, np.arange(n), created, "customer", opener, b["intent"]),
        _messages(
            rng,
            emails,
            created[emails] + rng.integers(3, 40, len(emails)),
            "system",
            np.full(len(emails), K["auto_ack"]),
            b["intent"][emails],
        ),
    ]
    bot_msgs, bot_events = _bot_phase(rng, b, articles)
    msgs.append(bot_msgs)
    bot_end = group_max(bot_msgs["t"], bot_msgs["conv"], n, 0)
    escalated = b["outcome"] == BOT_ESCALATED
    t_esc = bot_end + rng.integers(2, 10, n)
    esc_i = np.flatnonzero(escalated)
    by_rules = np.isin(b["reason"][esc_i], (REASON["policy"], REASON["sensitive"]))
    events = [
        bot_events,
        _events(
            esc_i,
            t_esc[esc_i],
            "escalated",
            "bot",
            np.where(by_rules, NONE, b["bot_id"][esc_i]),
            reason=b["reason"][esc_i],
            ctx=b["ctx"][esc_i],
        ),
    ]
    events[1]["actor"] = np.where(by_rules, AUTHOR["system"], AUTHOR["bot"]).astype(np.int8)
    base = np.where(escalated, t_esc, created)
    human_msgs, human_events, wait, gave_up = _human_phase(rng, window, b, agent, base)
    msgs.append(human_msgs)
    events.append(human_events)
    m, e = concat(msgs), concat(events)
    last_t = np.maximum(
        group_max(m["t"], m["conv"], n, 0), group_max(e["t"], e["conv"], n, 0) if len(e["t"]) else 0
    )
    served = b["human"] & (gave_up < 0)
    resolved = (b["outcome"] == BOT_RESOLVED) | (served & b["h_solve"])
    abandoned = (b["outcome"] == BOT_ABANDONED) | (gave_up >= 0)
    idle = (IDLE_CLOSE[ch] * rng.uniform(0.8, 1.2, n)).astype(np.int64)
    closed = np.select([resolved, gave_up >= 0, served], [last_t, gave_up, last_t + 60], last_t + idle)
    is_open = closed >= window.end
    status = np.select(
        [is_open, resolved, abandoned],
        [STATUS["open"], STATUS["resolved"], STATUS["abandoned"]],
        STATUS["unresolved"],
    ).astype(np.int8)
    m, e = take(m, m["t"] < window.end), take(e, e["t"] < window.end)
    seen = np.maximum(
        created, np.maximum(group_max(m["t"], m["conv"], n, 0), group_max(e["t"], e["conv"], n, 0))
    )
    conversational = np.isin(m["mkind"], (MKIND["text"], MKIND["fallback"]))
    out = dict(b)
    out.update(
        {
            "agent": agent,
            "status": status,
            "resolved_at": np.where(resolved & ~is_open, last_t, -1),
            "closed_at": np.where(is_open, -1, closed),
            "updated_at": np.where(is_open, seen, closed),
            "wait": wait,
            "escalated": escalated,
            "fallbacks": np.bincount(m["conv"], m["mkind"] == MKIND["fallback"], n).astype(np.int16),
            "depth": np.bincount(m["conv"], conversational, n).astype(np.int16),
        }
    )
    m["conv"], e["conv"] = b["gid"][m["conv"]], b["gid"][e["conv"]]
    return out, m, e
