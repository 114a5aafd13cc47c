"""How the bot and the humans handle a batch of conversations, decided column by column.

Every draw is one column over the batch (uniform, beta, Poisson or categorical) in a fixed order: moving
a draw changes every later number. The probabilities are named in catalog.py; transcripts.py times it all.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import numpy as np

from ..contract import SEGMENTS
from .catalog import (
    ABANDONED_BELOW,
    AGENT_INTENT_BOT_ONLY_P,
    AGENT_INTENT_P,
    ASK_ESCALATED_P,
    ASK_FRUSTRATED_P,
    ASK_TWICE_P,
    BOT_FIRST,
    BOT_LEARNING,
    BOT_SOLVE_MAX,
    BOTS,
    CONFUSION_OTHER,
    CONTAINED_ASK_TWICE_P,
    CONTEXT_NULL,
    CONTEXT_TRANSFER,
    DIRECT_CLASSIFIED_P,
    EMAIL,
    EMAIL_CLASSIFIED_P,
    EMAIL_REOPEN_P,
    ENTERPRISE_BOT_FIRST,
    ESCALATED_BELOW,
    EXTRA_AGENT_TURNS,
    EXTRA_AGENT_TURNS_VOICE,
    EXTRA_BOT_TURNS_ESCALATED,
    EXTRA_BOT_TURNS_OTHER,
    EXTRA_BOT_TURNS_RESOLVED,
    FALLBACK_MAX,
    FALLBACK_NO_INTENT,
    FALLBACK_PER_DOUBT,
    FALLBACK_RELEASE,
    FALLBACK_WRONG_INTENT,
    FORCED_CONTAINMENT_P,
    HUMAN_SOLVE_NO_CONTEXT,
    HUMAN_STICK,
    INTENT_INDEX,
    INTENTS,
    KB_SUGGEST_INTENTS,
    KB_SUGGEST_OTHER_P,
    KB_SUGGEST_P,
    LOW_CONFIDENCE,
    LOW_CONFIDENCE_BOOST,
    LOW_CONFIDENCE_DAMP,
    MAX_EXTRA_TURNS,
    MISREAD_FLOOR,
    MISREAD_POWER,
    MISREAD_SCALE,
    N_INTENTS,
    NO_INTENT_CONFIDENCE,
    NO_INTENT_P,
    NOTE_NO_CONTEXT_P,
    NOTE_P,
    REASON,
    RELEASE_MISSING_KNOWLEDGE,
    SOLVE_NO_INTENT,
    SOLVE_RELEASE,
    SOLVE_WRONG_INTENT,
    STICK_RELEASE,
    STICK_WRONG_INTENT,
    TEAM_BOT,
    TEAMS,
    THANKS_P,
    VOICE,
    intent_array,
)
from .clock import Window
from .conversations import TECH, release_span
from .frames import Frame, choice_rows

Draw = Callable[[], np.ndarray]  # a fresh uniform column, one value per conversation of the batch

# Bot-phase outcomes (status is derived later, once timing is known).
BOT_RESOLVED, BOT_ESCALATED, BOT_ABANDONED, BOT_UNRESOLVED, NO_BOT = range(5)
ENTERPRISE = SEGMENTS.index("enterprise")
CONFIDENCE_A, CONFIDENCE_B = np.array([i.confidence for i in INTENTS]).T
CONFUSION = np.array([[1.0 if o.name in i.confused_with else 0.0 for o in INTENTS] for i in INTENTS])
CONFUSION += CONFUSION_OTHER
np.fill_diagonal(CONFUSION, 0.0)
REASON_W = np.array([i.reasons for i in INTENTS])
TEAM_OF_INTENT = np.array([TEAMS.index(i.team) for i in INTENTS])
BOT_NAMES = [name for name, _, _ in BOTS]
BOT_OF_TEAM = np.array([BOT_NAMES.index(TEAM_BOT[team]) for team in TEAMS])
SALES_BOT = BOT_NAMES.index(TEAM_BOT["sales"])  # prospects always chat with the sales bot
KB_CODES = [INTENT_INDEX[name] for name in KB_SUGGEST_INTENTS]
KB_SUGGEST = np.where(np.isin(np.arange(N_INTENTS), KB_CODES), KB_SUGGEST_P, KB_SUGGEST_OTHER_P)


def decide(
    rng: np.random.Generator, window: Window, batch: Frame, seg: np.ndarray, prospect: np.ndarray
) -> Frame:
    """Add the handling decisions to a batch: bot or human first, intents, outcome, requests, reason."""
    draw: Draw = partial(rng.random, len(batch["cust"]))  # a fresh uniform column per decision
    it, ch = batch["intent"].astype(np.int64), batch["channel"].astype(np.int64)
    out = dict(batch)
    out.update(_bot_plan(rng, draw, window, batch, it, ch, seg, prospect))
    out.update(_human_plan(rng, draw, out, it, ch, prospect))
    return out


def _bot_plan(
    rng: np.random.Generator,
    draw: Draw,
    window: Window,
    batch: Frame,
    it: np.ndarray,
    ch: np.ndarray,
    seg: np.ndarray,
    prospect: np.ndarray,
) -> Frame:
    """Who meets the bot, what it reads, how that ends, why it escalates and how many turns it takes."""
    bot = (draw() < BOT_FIRST[ch] * np.where(seg == ENTERPRISE, ENTERPRISE_BOT_FIRST, 1.0)) | prospect
    bot &= ch != VOICE
    noint, conf, classified, wrong = _read_intent(rng, draw, batch["lead"], it, ch, bot)
    bot_intent = np.where(classified, np.where(wrong, choice_rows(rng, CONFUSION[it]), it), -1)
    t = batch["created"]
    rel_start, rel_fix, _ = release_span(window)
    release = (it == TECH) & (t >= rel_start) & (t < rel_fix)
    outcome = _outcome(draw, window, it, t, bot, noint, wrong, release)
    reason, hr, ctx = _escalation(rng, draw, it, ch, outcome, conf, release)
    lead = batch["lead"] & bot
    return {
        "bot": bot,
        "noint": noint,
        "bot_intent": bot_intent.astype(np.int16),
        "conf": np.where(classified, np.round(conf, 3), np.nan).astype(np.float32),
        "wrong": wrong,
        "release": release,
        "outcome": outcome,
        "reason": reason,
        "hr": hr,
        "ctx": ctx,
        "nb": _bot_turns(rng, outcome, hr, lead, bot),
        "fallback_p": _fallback_p(it, noint, conf, wrong, release),
        "lead": lead,
        "lead_type": np.where(lead, batch["lead_type"], -1).astype(np.int8),
        "kb": bot & ~noint & (draw() < KB_SUGGEST[it]),
    }


def _read_intent(
    rng: np.random.Generator, draw: Draw, lead: np.ndarray, it: np.ndarray, ch: np.ndarray, bot: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """No intent, the confidence, whether an intent is read at all (bot or classifier), and whether wrongly."""
    noint = bot & (draw() < NO_INTENT_P) & ~lead
    conf = rng.beta(CONFIDENCE_A[it], CONFIDENCE_B[it])
    conf = np.where(noint, rng.beta(*NO_INTENT_CONFIDENCE, len(it)), conf)
    email = (ch == EMAIL) & (draw() < EMAIL_CLASSIFIED_P)
    classified = (bot & ~noint) | email | (~bot & (ch != VOICE) & (draw() < DIRECT_CLASSIFIED_P))
    wrong = classified & (draw() < MISREAD_FLOOR + MISREAD_SCALE * (1 - conf) ** MISREAD_POWER)
    return noint, conf, classified, wrong


def _outcome(
    draw: Draw,
    window: Window,
    it: np.ndarray,
    t: np.ndarray,
    bot: np.ndarray,
    noint: np.ndarray,
    wrong: np.ndarray,
    release: np.ndarray,
) -> np.ndarray:
    """The bot phase's end: resolved, else escalated, abandoned or unresolved; NO_BOT without a bot."""
    solve = intent_array("bot_solve")[it] * (1 + BOT_LEARNING * window.position(t))
    solve *= (
        np.where(wrong, SOLVE_WRONG_INTENT, 1)
        * np.where(noint, SOLVE_NO_INTENT, 1)
        * np.where(release, SOLVE_RELEASE, 1)
    )
    r1, r2 = draw(), draw()
    return np.select(
        [~bot, r1 < np.minimum(solve, BOT_SOLVE_MAX), r2 < ESCALATED_BELOW, r2 < ABANDONED_BELOW],
        [NO_BOT, BOT_RESOLVED, BOT_ESCALATED, BOT_ABANDONED],
        BOT_UNRESOLVED,
    ).astype(np.int8)


def _escalation(
    rng: np.random.Generator,
    draw: Draw,
    it: np.ndarray,
    ch: np.ndarray,
    outcome: np.ndarray,
    conf: np.ndarray,
    release: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Escalation reason, requests for a person (0-2), and context_transferred (1, 0, or -1 for null)."""
    esc = outcome == BOT_ESCALATED
    w = REASON_W[it].copy()
    w[:, REASON["low_confidence"]] *= np.where(conf < LOW_CONFIDENCE, LOW_CONFIDENCE_BOOST, LOW_CONFIDENCE_DAMP)
    w[:, REASON["missing_knowledge"]] *= np.where(release, RELEASE_MISSING_KNOWLEDGE, 1.0)
    reason = np.where(esc, choice_rows(rng, w), -1).astype(np.int8)
    contained = np.isin(outcome, (BOT_ABANDONED, BOT_UNRESOLVED))
    hr = np.select(
        [reason == REASON["customer_request"], reason == REASON["frustration"], esc],
        [1 + (draw() < ASK_TWICE_P), draw() < ASK_FRUSTRATED_P, draw() < ASK_ESCALATED_P],
        np.where(contained, (draw() < FORCED_CONTAINMENT_P) * (1 + (draw() < CONTAINED_ASK_TWICE_P)), 0),
    ).astype(np.int8)
    ctx = np.where(draw() < CONTEXT_TRANSFER[ch], 1, 0)
    ctx = np.where(esc, np.where(draw() < CONTEXT_NULL, -1, ctx), -1).astype(np.int8)
    return reason, hr, ctx


def _bot_turns(
    rng: np.random.Generator, outcome: np.ndarray, hr: np.ndarray, lead: np.ndarray, bot: np.ndarray
) -> np.ndarray:
    """Bot answers per conversation: a Poisson number by outcome, enough for the requests, one for a lead."""
    n = len(outcome)
    extra = np.select(
        [outcome == BOT_RESOLVED, outcome == BOT_ESCALATED],
        [rng.poisson(EXTRA_BOT_TURNS_RESOLVED, n), rng.poisson(EXTRA_BOT_TURNS_ESCALATED, n)],
        rng.poisson(EXTRA_BOT_TURNS_OTHER, n),
    )
    return np.where(bot, np.maximum(1 + np.minimum(extra, MAX_EXTRA_TURNS), hr + 1) + lead, 0).astype(np.int8)


def _fallback_p(
    it: np.ndarray, noint: np.ndarray, conf: np.ndarray, wrong: np.ndarray, release: np.ndarray
) -> np.ndarray:
    """P(a bot message is a fallback): the intent's base, more with doubt, a wrong intent or the release."""
    p = intent_array("fallback")[it] + FALLBACK_PER_DOUBT * (1 - conf) + FALLBACK_WRONG_INTENT * wrong
    p = p + FALLBACK_RELEASE * release
    return np.clip(np.where(noint, FALLBACK_NO_INTENT, p), 0, FALLBACK_MAX).astype(np.float32)


def _human_plan(
    rng: np.random.Generator, draw: Draw, plan: Frame, it: np.ndarray, ch: np.ndarray, prospect: np.ndarray
) -> Frame:
    """Whether a human takes over, their turns and success, notes, whether it sticks, thanks, reopening."""
    outcome, ctx, noint = plan["outcome"], plan["ctx"], plan["noint"]
    human = (outcome == NO_BOT) | (outcome == BOT_ESCALATED)
    human_solve = intent_array("human_solve")[it] * np.where(ctx == 0, HUMAN_SOLVE_NO_CONTEXT, 1.0)
    bot_stick = intent_array("bot_stick")[it] * np.where(plan["wrong"], STICK_WRONG_INTENT, 1.0)
    bot_stick *= np.where(plan["release"], STICK_RELEASE, 1.0)
    extra = rng.poisson(np.where(ch == VOICE, EXTRA_AGENT_TURNS_VOICE, EXTRA_AGENT_TURNS), len(it))
    team = TEAM_OF_INTENT[it]
    return {
        "human": human,
        "nh": np.where(human, 1 + np.minimum(extra, MAX_EXTRA_TURNS), 0).astype(np.int8),
        "h_solve": draw() < human_solve,
        "note": human & (draw() < np.where(ctx == 0, NOTE_NO_CONTEXT_P, NOTE_P)),
        "stick": np.where(outcome == BOT_RESOLVED, draw() < bot_stick, draw() < HUMAN_STICK),
        "agent_intent": np.where(
            (human & (draw() < AGENT_INTENT_P)) | (~human & ~noint & (draw() < AGENT_INTENT_BOT_ONLY_P)), it, -1
        ).astype(np.int16),
        "team": team.astype(np.int8),
        "bot_id": np.where(prospect, SALES_BOT, BOT_OF_TEAM[team]).astype(np.int8),
        "thanks": draw() < THANKS_P,
        "reopen": human & (ch == EMAIL) & (draw() < EMAIL_REOPEN_P),
    }
