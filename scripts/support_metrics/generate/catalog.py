"""The simulated business as parameters: intents, channels, segments, teams and their behaviour.

Every probability that shapes the planted effects lives here, so docs/synthetic-data.md and the
code read from one place. Enumerated values are imported from the contract, never restated.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..contract import CHANNELS, ESCALATION_REASONS, LEAD_TYPES, PLAN_TIERS, SEGMENTS


@dataclass(frozen=True)
class Intent:
    """One customer intent and how the bot and the humans fare with it."""

    name: str
    team: str  # the human team that takes it over
    share: float  # share of first contacts of existing customers
    bot_solve: float  # P(bot resolves | bot read the intent right)
    bot_stick: float  # P(a bot resolution really solved the problem)
    human_solve: float  # P(an agent resolves it)
    confidence: tuple[float, float]  # Beta(a, b) of the bot's intent confidence
    fallback: float  # base P(a bot message is a fallback)
    kb_view: float  # P(the customer reads a help-center article first)
    kb_selfserve: float  # P(that article spares the contact)
    reasons: tuple[float, ...]  # escalation reason weights, in ESCALATION_REASONS order
    confused_with: tuple[str, ...]  # intents the bot mistakes it for
    channel_tilt: dict[str, float]  # multipliers on the channel mix


# One row per intent, fields in Intent's order: name, team, share, bot_solve, bot_stick, human_solve,
# confidence, fallback, kb_view, kb_selfserve; then the escalation reason weights (low_confidence,
# customer_request, frustration, policy, sensitive, missing_knowledge, other), confused_with, channel_tilt.
INTENTS: tuple[Intent, ...] = (
    Intent("order_status", "tier1", 0.14, 0.86, 0.92, 0.93, (12, 2), 0.04, 0.15, 0.45,
           (0.20, 0.45, 0.10, 0.02, 0.01, 0.12, 0.10), ("shipping", "returns"),
           {"messenger": 1.3, "whatsapp": 1.4, "sms": 1.3, "social": 1.5}),
    Intent("password_reset", "tier1", 0.10, 0.88, 0.93, 0.95, (14, 2), 0.03, 0.25, 0.55,
           (0.20, 0.40, 0.10, 0.05, 0.10, 0.05, 0.10), ("account_update",),
           {"web_chat": 1.3, "voice": 0.6}),
    Intent("shipping", "tier1", 0.09, 0.72, 0.85, 0.90, (9, 2.5), 0.07, 0.20, 0.40,
           (0.20, 0.40, 0.10, 0.05, 0.02, 0.13, 0.10), ("order_status", "returns"),
           {"social": 1.4, "whatsapp": 1.2}),
    Intent("returns", "tier1", 0.08, 0.60, 0.80, 0.90, (8, 2.5), 0.08, 0.20, 0.35,
           (0.15, 0.35, 0.10, 0.20, 0.02, 0.08, 0.10), ("refund_exception", "order_status"), {}),
    Intent("refund_exception", "billing", 0.05, 0.07, 0.50, 0.80, (4, 3), 0.18, 0.15, 0.05,
           (0.10, 0.20, 0.10, 0.45, 0.05, 0.05, 0.05), ("returns", "billing_dispute"),
           {"email": 1.6, "voice": 2.0}),
    Intent("billing_dispute", "billing", 0.06, 0.06, 0.45, 0.75, (4, 3), 0.15, 0.10, 0.03,
           (0.05, 0.25, 0.15, 0.20, 0.25, 0.05, 0.05), ("invoice_request", "refund_exception"),
           {"email": 1.6, "voice": 2.0, "social": 0.6}),
    Intent("technical_troubleshooting", "technical", 0.10, 0.22, 0.60, 0.72, (4, 2.5), 0.20, 0.30, 0.15,
           (0.20, 0.20, 0.10, 0.02, 0.03, 0.40, 0.05), ("product_question", "account_update"),
           {"email": 1.3, "voice": 1.5}),
    Intent("account_update", "tier1", 0.08, 0.62, 0.88, 0.93, (9, 2.5), 0.06, 0.20, 0.35,
           (0.20, 0.35, 0.05, 0.10, 0.15, 0.10, 0.05), ("password_reset", "cancel_subscription"), {}),
    Intent("product_question", "tier1", 0.10, 0.55, 0.85, 0.90, (6, 3), 0.14, 0.30, 0.30,
           (0.25, 0.30, 0.05, 0.02, 0.01, 0.30, 0.07), ("technical_troubleshooting", "pricing_inquiry"), {}),
    Intent("cancel_subscription", "billing", 0.04, 0.25, 0.80, 0.90, (10, 2), 0.05, 0.10, 0.05,
           (0.05, 0.50, 0.20, 0.15, 0.02, 0.03, 0.05), ("account_update", "billing_dispute"),
           {"email": 1.4, "voice": 1.5}),
    Intent("invoice_request", "billing", 0.06, 0.75, 0.90, 0.95, (10, 2), 0.05, 0.15, 0.30,
           (0.20, 0.40, 0.05, 0.10, 0.05, 0.10, 0.10), ("billing_dispute",), {"email": 1.5}),
    Intent("pricing_inquiry", "sales", 0.04, 0.50, 0.85, 0.90, (7, 3), 0.10, 0.20, 0.20,
           (0.25, 0.40, 0.05, 0.05, 0.01, 0.19, 0.05), ("product_question", "cancel_subscription"), {}),
)
INTENT_NAMES: tuple[str, ...] = tuple(i.name for i in INTENTS)
INTENT_INDEX: dict[str, int] = {name: k for k, name in enumerate(INTENT_NAMES)}
N_INTENTS = len(INTENTS)
PROSPECT_INTENTS = {"pricing_inquiry": 0.6, "product_question": 0.4}

# Channel mix of first contacts: web_chat most, then email, messenger, sms, whatsapp, social, voice.
CHANNEL_MIX = {"web_chat": 0.38, "email": 0.22, "messenger": 0.12, "sms": 0.09, "whatsapp": 0.08,
               "social": 0.06, "voice": 0.05}
assert set(CHANNEL_MIX) == set(CHANNELS)
CH = {name: k for k, name in enumerate(CHANNELS)}
EMAIL, VOICE = CH["email"], CH["voice"]
# A re-contact switches channel with this probability, to a channel drawn from these weights.
SWITCH_P = 0.5
SWITCH_MIX = {"web_chat": 0.34, "email": 0.34, "messenger": 0.09, "sms": 0.07, "whatsapp": 0.06,
              "social": 0.04, "voice": 0.06}
SWITCH = np.array([SWITCH_MIX[c] for c in CHANNELS])
PROSPECT_CHANNELS = {"web_chat": 0.6, "messenger": 0.15, "whatsapp": 0.1, "social": 0.1, "sms": 0.05}

# Per channel: P(the bot answers first), median seconds of customer, bot and agent turns, the
# queue's median wait in staffed hours, the customer's mean patience, and the idle auto-close.
_CHANNEL_PARAMS: dict[str, tuple[float, ...]] = {
    #           bot_first cust_gap  bot_gap agent_gap  queue     patience idle_close
    "web_chat": (0.93, 35, 2, 60, 90, 2700, 1800),
    "email": (0.30, 3 * 3600, 90, 4 * 3600, 2.5 * 3600, 1e12, 3 * 86400),
    "messenger": (0.93, 40, 2, 70, 150, 2700, 1800),
    "sms": (0.90, 90, 3, 180, 240, 4 * 3600, 4 * 3600),
    "whatsapp": (0.92, 80, 3, 150, 240, 4 * 3600, 4 * 3600),
    "social": (0.85, 300, 3, 1200, 600, 86400, 86400),
    "voice": (0.0, 20, 2, 30, 60, 900, 60),
}
_P = np.array([_CHANNEL_PARAMS[c] for c in CHANNELS], dtype=float)
BOT_FIRST, CUSTOMER_GAP, BOT_GAP, AGENT_GAP, QUEUE_WAIT, PATIENCE, IDLE_CLOSE = _P.T
CHAT_LIKE = np.array([c not in ("email", "voice") for c in CHANNELS])
ASYNC_P = 0.35  # chat customers who leave the thread open and take the answer whenever it comes
_TRANSFER = {"sms": 0.6, "social": 0.55, "whatsapp": 0.75, "email": 0.9, "voice": 0.9}
CONTEXT_TRANSFER = np.array([_TRANSFER.get(c, 0.85) for c in CHANNELS])  # P(context_transferred)

# Arrival rhythm: weekday weights (Mon..Sun) and hour-of-day weights (UTC, the business's zone).
WEEKDAY = np.array([1.15, 1.10, 1.05, 1.0, 0.95, 0.62, 0.55])
HOURLY_CHAT = np.array([0.15, 0.1, 0.08, 0.06, 0.06, 0.1, 0.25, 0.5, 0.8, 0.95, 1.0, 1.0,
                        1.0, 0.95, 0.95, 0.9, 0.85, 0.8, 0.75, 0.8, 0.85, 0.7, 0.45, 0.25])
HOURLY_EMAIL = np.array([0.1, 0.08, 0.06, 0.05, 0.05, 0.08, 0.2, 0.5, 0.9, 1.0, 1.0, 0.95,
                         0.8, 0.9, 0.95, 0.9, 0.8, 0.6, 0.4, 0.35, 0.35, 0.3, 0.2, 0.15])
# Humans work Mon-Fri 07:00-21:00 and Sat 09:00-17:00 UTC; nobody on Sunday.
STAFFED = ((7, 21), (7, 21), (7, 21), (7, 21), (7, 21), (9, 17), (0, 0))
BUSY_HOUR = np.array([1.0] * 7 + [2.0, 1.8, 1.4] + [1.0] * 10 + [1.3, 1.5, 1.0, 1.0])

# Accounts: segment mix, customers per account, plan tiers and contact propensity by segment.
SEGMENT_MIX = np.array([0.50, 0.32, 0.13, 0.05])
SEGMENT_SIZE = np.array([1.15, 2.5, 7.0, 20.0])  # mean customers per account
SEGMENT_RATE = np.array([1.1, 1.0, 0.9, 0.8])
SEGMENT_CHURN = np.array([0.009, 0.008, 0.006, 0.004])  # monthly base hazard
TIER_BY_SEGMENT = np.array([  # rows: segment, columns: PLAN_TIERS
    [0.45, 0.55, 0.0, 0.0], [0.0, 0.55, 0.45, 0.0], [0.0, 0.0, 0.70, 0.30], [0.0, 0.0, 0.0, 1.0],
])
TIER_MRR = np.array([0.0, 49.0, 99.0, 1500.0])  # base price; growth and enterprise add per seat
TIER_SEAT = np.array([0.0, 0.0, 15.0, 35.0])
assert len(SEGMENTS) == len(SEGMENT_MIX) and len(PLAN_TIERS) == TIER_BY_SEGMENT.shape[1]
REGIONS = ("north_america", "emea", "apac", "latam")
REGION_MIX = np.array([0.45, 0.33, 0.14, 0.08])
INDUSTRIES = ("ecommerce", "saas", "real_estate", "healthcare", "restaurants", "legal", "education",
              "fintech")
INDUSTRY_MIX = np.array([0.30, 0.22, 0.08, 0.08, 0.08, 0.06, 0.09, 0.09])
CURRENCY = "USD"

LEAD_MIX = np.array([0.6, 0.25, 0.15])
assert len(LEAD_MIX) == len(LEAD_TYPES)
REASON = {name: k for k, name in enumerate(ESCALATION_REASONS)}

# Volume knobs: first contacts per existing customer per day, and prospects per customer-day.
CONTACT_RATE = 0.058
PROSPECT_RATE = 0.0045
# Leads: P(a prospect leaves an email, phone or booking), P(signing up within 30 days), P(later);
# P(an existing customer's pricing question leaves a booking lead).
LEAD_P = 0.55
LEAD_CONVERT_P = 0.12
LEAD_CONVERT_LATE_P = 0.03
UPSELL_LEAD_P = 0.15

# Re-contacts: P(coming back) by how the conversation ended (prospects: times PROSPECT_BACK). Most come
# back after a lognormal delay (median RECONTACT_MEDIAN_DAYS, below 7 days); LATE_RECONTACT_P of them
# after 7.5-21 days, a new issue by the 7-day stitching rule. Up to MAX_WAVES conversations per problem.
BACK_NOT_STUCK = 0.80
BACK_UNRESOLVED = 0.60
BACK_ABANDONED = 0.55
BACK_STUCK = 0.03
PROSPECT_BACK = 0.2
RECONTACT_MEDIAN_DAYS = 1.2
RECONTACT_SIGMA = 0.8
RECONTACT_MAX_DAYS = 6.9
RECONTACT_MIN_SECONDS = 600
LATE_RECONTACT_P = 0.15
LATE_RECONTACT_DAYS = (7.5, 21)  # uniform
MAX_WAVES = 5

# Planted story: a product release doubles technical_troubleshooting for two weeks and the bot
# lacks knowledge until the help article is written a week later; the bot slowly improves.
RELEASE_AT = 0.55  # position in the window
RELEASE_DAYS = 14  # a whole number of weeks keeps the weekday rhythm
RELEASE_FIX_DAYS = 7
BOT_LEARNING = 0.12  # relative bot_solve gain from the first to the last day

# A conversation's life (docs/synthetic-data.md): conversations.decide draws these per conversation.
# "Release" below means a technical_troubleshooting contact while the release has no help article yet.
# Who meets the bot first: BOT_FIRST of the channel, times ENTERPRISE_BOT_FIRST for enterprise accounts.
ENTERPRISE_BOT_FIRST = 0.8
# Reading the intent: bot chats that open with "hi" get no intent and a low confidence; emails get a
# classifier bot_intent, and so do some conversations routed straight to a human (never voice).
NO_INTENT_P = 0.05  # first message the bot cannot classify ("hi", "hello?")
NO_INTENT_CONFIDENCE = (1.5, 6)  # Beta(a, b) of bot_intent_confidence then
EMAIL_CLASSIFIED_P = 0.8
DIRECT_CLASSIFIED_P = 0.4
# A wrong bot_intent is one of the intent's confused_with, or (each with this weight against 1) any other.
CONFUSION_OTHER = 0.02
# P(bot_intent is wrong) = MISREAD_FLOOR + MISREAD_SCALE * (1 - confidence) ** MISREAD_POWER.
MISREAD_FLOOR = 0.02
MISREAD_SCALE = 0.6
MISREAD_POWER = 1.5

# The bot's outcome: P(resolved) = the intent's bot_solve (growing by BOT_LEARNING) times a factor
# after a wrong intent, without an intent and in the release, at most BOT_SOLVE_MAX. Of the rest a
# draw below ESCALATED_BELOW escalates (65 %), below ABANDONED_BELOW is abandoned (22 %), else unresolved.
SOLVE_WRONG_INTENT = 0.25
SOLVE_NO_INTENT = 0.3
SOLVE_RELEASE = 0.35  # "resolution ÷ 3"
BOT_SOLVE_MAX = 0.97
ESCALATED_BELOW = 0.65
ABANDONED_BELOW = 0.87
# Whether a resolution sticks: the intent's bot_stick times a factor after a wrong intent and in
# the release; HUMAN_STICK for an agent's resolution.
STICK_WRONG_INTENT = 0.4
STICK_RELEASE = 0.5
HUMAN_STICK = 0.95

# Escalations: the intent's reason weights, low_confidence times LOW_CONFIDENCE_BOOST below a confidence
# of LOW_CONFIDENCE (else times LOW_CONFIDENCE_DAMP), missing_knowledge times RELEASE_MISSING_KNOWLEDGE
# in the release. context_transferred: CONTEXT_TRANSFER of the channel, null with CONTEXT_NULL.
LOW_CONFIDENCE = 0.5
LOW_CONFIDENCE_BOOST = 4.0
LOW_CONFIDENCE_DAMP = 0.5
RELEASE_MISSING_KNOWLEDGE = 6.0  # "missing_knowledge escalations x6"
CONTEXT_NULL = 0.03
# Requests for a person (human_requested): one after a customer_request escalation, a second with
# ASK_TWICE_P; after frustration or another escalation with these P; abandoned and unresolved bot chats
# asked with FORCED_CONTAINMENT_P and were not handed over, twice with CONTAINED_ASK_TWICE_P.
ASK_TWICE_P = 0.3
ASK_FRUSTRATED_P = 0.5
ASK_ESCALATED_P = 0.08
FORCED_CONTAINMENT_P = 0.35
CONTAINED_ASK_TWICE_P = 0.4

# Bot turns: 1 + Poisson(mean by outcome) bot answers, the Poisson part at most MAX_EXTRA_TURNS; at
# least one more than the requests for a person, plus one for a lead.
EXTRA_BOT_TURNS_RESOLVED = 1.6
EXTRA_BOT_TURNS_ESCALATED = 1.8
EXTRA_BOT_TURNS_OTHER = 2.0
MAX_EXTRA_TURNS = 5
# P(a bot message is a fallback): the intent's fallback, plus FALLBACK_PER_DOUBT per unit of
# (1 - confidence), plus a term after a wrong intent and in the release; flat without an intent; capped.
FALLBACK_PER_DOUBT = 0.35
FALLBACK_WRONG_INTENT = 0.25
FALLBACK_RELEASE = 0.2
FALLBACK_NO_INTENT = 0.5
FALLBACK_MAX = 0.9
# P(the bot suggests a help article): higher for the intents with the most useful articles.
KB_SUGGEST_INTENTS = ("product_question", "returns", "shipping")
KB_SUGGEST_P = 0.45
KB_SUGGEST_OTHER_P = 0.25

# The human phase: 1 + Poisson(mean) agent answers (the Poisson part at most MAX_EXTRA_TURNS).
EXTRA_AGENT_TURNS = 1.8
EXTRA_AGENT_TURNS_VOICE = 2.2
HUMAN_SOLVE_NO_CONTEXT = 0.9  # factor on the intent's human_solve when the context was lost
NOTE_P = 0.3  # P(an internal note)
NOTE_NO_CONTEXT_P = 0.6  # the same when the context was lost
AGENT_INTENT_P = 0.85  # P(the agent confirms the intent: agent_intent set)
AGENT_INTENT_BOT_ONLY_P = 0.15  # P(agent_intent set on a bot-only conversation with an intent)
THANKS_P = 0.55  # P(the customer thanks after a resolution)
EMAIL_REOPEN_P = 0.12  # P(a human-handled email is reopened days later)

TEAMS = ("tier1", "billing", "technical", "sales")
TEAM_SHARE = np.array([0.55, 0.2, 0.2, 0.05])
BOTS = (("bot_aria", "Aria (AI assistant)", "automation"),
        ("bot_billing", "Billing assistant (AI)", "automation"),
        ("bot_sales", "Sales assistant (AI)", "automation"))
TEAM_BOT = {"tier1": "bot_aria", "billing": "bot_billing", "technical": "bot_aria", "sales": "bot_sales"}

def probs(weights: np.ndarray | list[float]) -> np.ndarray:
    """Weights normalised to probabilities."""
    w = np.asarray(weights, dtype=float)
    return w / w.sum()


def intent_array(attr: str) -> np.ndarray:
    """One attribute of every intent as an array indexed by intent code."""
    return np.array([getattr(i, attr) for i in INTENTS], dtype=float)
