"""The simulated world as the contract's tables: a numeric frame plus one SQL expression per column."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..contract import (
    ACTOR_TYPES,
    CHANNELS,
    CONVERSATION_STATUSES,
    COST_CATEGORIES,
    ESCALATION_REASONS,
    EVENT_TYPES,
    INVOICE_STATUSES,
    LEAD_TYPES,
    MESSAGE_KINDS,
    PLAN_TIERS,
    SEGMENTS,
    SURVEY_TYPES,
    TABLES_BY_FOLDER,
    Table,
)
from .billing import REASONS
from .catalog import CH, CURRENCY, INDUSTRIES, INTENT_NAMES, REGIONS
from .frames import Frame
from .phrases import ACCOUNT_WORDS, TEMPLATES, K
from .phrases import pick as pick_template
from .simulate import World
from .sqlfmt import day, email, filled, ident, lit, money, pick, timestamp
from .surveys import COMMENTS


@dataclass
class Output:
    """One contract table ready to write: frame, column SQL, the instant that splits files by month."""

    table: Table
    frame: Frame
    columns: dict[str, str]
    split_on: str | None = None
    extras: dict[str, str] = field(default_factory=dict)
    text_columns: tuple[str, ...] = ()


def _order(frame: Frame, *keys: str) -> Frame:
    """Rows sorted by keys (first key primary), numbered in that order as `id`."""
    order = np.lexsort(tuple(frame[k] for k in reversed(keys)))
    out = {k: v[order] for k, v in frame.items()}
    out["id"] = np.arange(len(order), dtype=np.int64)
    return out


def _body() -> str:
    text = filled(pick(TEMPLATES, "tpl"), "seed", "t", "cust")
    nl = "chr(10) || chr(10)"
    return (f"case style when 1 then 'Hello,' || {nl} || {text} || {nl} || 'Thanks' "
            f"when 2 then 'Caller: ' || {text} else {text} end")


def _filled_or_null(index: str, texts: list[str], seed: str, t: str, customer: str) -> str:
    return f"case when {index} >= 0 then {filled(pick(texts, index), seed, t, customer)} end"


def conversations(w: World, rng: np.random.Generator, dirty: bool) -> Output:
    """One row per conversation (its final state); subjects on emails and some web chats."""
    c = w.convs
    ch = c["channel"]
    subject_kind = np.where(c["noint"], K["generic_subject"], K["subject"])
    has_subject = (ch == CH["email"]) | ((ch == CH["web_chat"]) & (rng.random(len(ch)) < 0.3))
    conf = np.where(np.isnan(c["conf"]), -1, np.rint(np.nan_to_num(c["conf"]) * 1000)).astype(np.int16)
    frame: Frame = {
        "id": c["id"], "cust": c["cust"], "channel": ch, "created": c["created"], "updated": c["updated_at"],
        "status": c["status"], "resolved": c["resolved_at"], "closed": c["closed_at"],
        "bot_intent": c["bot_intent"], "agent_intent": c["agent_intent"], "conf": conf,
        "subj": np.where(has_subject, pick_template(rng, subject_kind, c["intent"]), -1).astype(np.int16),
        "seed": c["issue"], "intent": c["intent"],
    }
    return Output(TABLES_BY_FOLDER["helpdesk/conversations"], frame, {
        "conversation_id": ident("conv_", "id", 8), "customer_id": ident("cus_", "cust", 7),
        "channel": pick(CHANNELS, "channel"), "created_at": timestamp("created", dirty),
        "updated_at": timestamp("updated", dirty), "status": pick(CONVERSATION_STATUSES, "status"),
        "resolved_at": timestamp("resolved", dirty, True), "closed_at": timestamp("closed", dirty, True),
        "bot_intent": pick(INTENT_NAMES, "bot_intent"),
        "bot_intent_confidence": "case when conf >= 0 then printf('%.3f', conf / 1000.0) end",
        "agent_intent": pick(INTENT_NAMES, "agent_intent"),
        "subject": _filled_or_null("subj", TEMPLATES, "seed", "created", "cust"),
    }, split_on="created", text_columns=("subject",))


def messages(w: World, dirty: bool) -> Output:
    """Messages in time order; template bodies, emails wrapped in a greeting, calls as transcripts."""
    m, c = w.messages, w.convs
    ch = c["channel"][m["conv"]]
    customer = m["author"] == ACTOR_TYPES.index("customer")
    style = np.select([customer & (ch == CH["email"]), customer & (ch == CH["voice"])], [1, 2], 0)
    frame = _order({
        "conv": m["conv"], "t": m["t"], "author": m["author"], "mkind": m["mkind"], "tpl": m["tpl"],
        "agent": m["agent"], "seed": c["issue"][m["conv"]], "cust": c["cust"][m["conv"]],
        "style": style.astype(np.int8),
    }, "t", "conv")
    return Output(TABLES_BY_FOLDER["helpdesk/messages"], frame, {
        "message_id": ident("msg_", "id", 9), "conversation_id": ident("conv_", "conv", 8),
        "created_at": timestamp("t", dirty), "author_type": pick(ACTOR_TYPES, "author"),
        "author_id": pick(w.staff.ids, "agent"), "message_kind": pick(MESSAGE_KINDS, "mkind"),
        "body": _body(),
    }, split_on="t", text_columns=("body",))


def events(w: World, dirty: bool) -> Output:
    """Events in time order; a customer actor is named by the customer id."""
    e = dict(w.events)
    e["cust"] = w.convs["cust"][e["conv"]]
    actor_id = (f"case when actor = {ACTOR_TYPES.index('customer')} then {ident('cus_', 'cust', 7)} "
                f"else {pick(w.staff.ids, 'actor_agent')} end")
    return Output(TABLES_BY_FOLDER["helpdesk/events"], _order(e, "t", "conv"), {
        "event_id": ident("evt_", "id", 9), "conversation_id": ident("conv_", "conv", 8),
        "created_at": timestamp("t", dirty), "event_type": pick(EVENT_TYPES, "etype"),
        "actor_type": pick(ACTOR_TYPES, "actor"), "actor_id": actor_id,
        "reason": pick(ESCALATION_REASONS, "reason"),
        "context_transferred": "case ctx when 1 then 'true' when 0 then 'false' end",
        "article_id": f"case when article >= 0 then {ident('kb_', 'article', 3)} end",
        "lead_type": pick(LEAD_TYPES, "lead_type"),
    }, split_on="t")


def agents(w: World, dirty: bool) -> Output:
    """Bots and human agents."""
    s = w.staff
    frame = {"idx": np.arange(len(s.ids), dtype=np.int32), "updated": s.hired}
    return Output(TABLES_BY_FOLDER["helpdesk/agents"], frame, {
        "agent_id": pick(s.ids, "idx"), "agent_type": pick(s.kinds, "idx"), "name": pick(s.names, "idx"),
        "team": pick(s.teams, "idx"), "updated_at": timestamp("updated", dirty),
    })


def kb_articles(w: World, dirty: bool) -> Output:
    """Article versions (a revised article appears twice)."""
    a = w.articles
    frame = dict(a.versions)
    frame["intent"] = a.intents[frame["art"]]
    return Output(TABLES_BY_FOLDER["helpdesk/kb_articles"], frame, {
        "article_id": ident("kb_", "art", 3), "title": pick(a.titles, "art"),
        "intent": pick(INTENT_NAMES, "intent"), "updated_at": timestamp("updated", dirty),
    })


def kb_article_views(w: World, dirty: bool) -> Output:
    """Article views in time order."""
    table = TABLES_BY_FOLDER["helpdesk/kb_article_views"]
    return Output(table, _order(w.views, "t", "cust"), {
        "view_id": ident("view_", "id", 8), "customer_id": ident("cus_", "cust", 7),
        "article_id": ident("kb_", "art", 3), "viewed_at": timestamp("t", dirty),
        "source": pick(table.column("source").values or (), "source"),
    }, split_on="t")


def responses(w: World, dirty: bool) -> Output:
    """Survey responses in order of responded_at."""
    return Output(TABLES_BY_FOLDER["survey/responses"], _order(w.responses, "responded", "cust"), {
        "response_id": ident("rsp_", "id", 8), "survey_type": pick(SURVEY_TYPES, "stype"),
        "conversation_id": f"case when conv >= 0 then {ident('conv_', 'conv', 8)} end",
        "customer_id": ident("cus_", "cust", 7), "sent_at": timestamp("sent", dirty),
        "responded_at": timestamp("responded", dirty), "score": "cast(score as varchar)",
        "scale_min": "cast(smin as varchar)", "scale_max": "cast(smax as varchar)",
        "comment": _filled_or_null("comment", COMMENTS, "cust", "sent", "cust"),
    }, split_on="responded", text_columns=("comment",))


def accounts(w: World, dirty: bool) -> Output:
    """Accounts with their current plan tier; updated_at moves on an upgrade."""
    frame = dict(w.people.accounts)
    frame["idx"] = np.arange(len(frame["seg"]), dtype=np.int32)
    frame["updated"] = w.billing.account_updated
    name = " || ' ' || ".join(pick(words, f"w{k}") for k, words in enumerate(ACCOUNT_WORDS))
    return Output(TABLES_BY_FOLDER["billing/accounts"], frame, {
        "account_id": ident("acc_", "idx", 6), "account_name": name, "plan_tier": pick(PLAN_TIERS, "tier"),
        "region": pick(REGIONS, "region"), "industry": pick(INDUSTRIES, "industry"),
        "segment": pick(SEGMENTS, "seg"), "created_at": timestamp("created", dirty),
        "updated_at": timestamp("updated", dirty),
    })


def customers(w: World, dirty: bool) -> Output:
    """Customers who exist in billing (prospects only once they signed up)."""
    cu = w.people.customers
    idx = np.flatnonzero(cu["created"] >= 0)
    frame = {"idx": idx.astype(np.int32), "acct": cu["acct"][idx], "created": cu["created"][idx]}
    return Output(TABLES_BY_FOLDER["billing/customers"], frame, {
        "customer_id": ident("cus_", "idx", 7), "account_id": ident("acc_", "acct", 6), "email": email("idx"),
        "created_at": timestamp("created", dirty), "updated_at": timestamp("created", dirty),
    })


def subscriptions(w: World, dirty: bool) -> Output:
    """Subscriptions; a canceled one carries its cancel reason."""
    s = dict(w.billing.subscriptions)
    s["idx"] = np.arange(len(s["acct"]), dtype=np.int32)
    s["updated"] = np.where(s["canceled"] >= 0, s["canceled"], s["started"])
    plan = f"{pick(PLAN_TIERS, 'tier')} || case when annual then '_annual' else '_monthly' end"
    return Output(TABLES_BY_FOLDER["billing/subscriptions"], s, {
        "subscription_id": ident("sub_", "idx", 6), "account_id": ident("acc_", "acct", 6), "plan": plan,
        "mrr": money("cents"), "currency": lit(CURRENCY), "started_at": timestamp("started", dirty),
        "canceled_at": timestamp("canceled", dirty, True), "cancel_reason": pick(REASONS, "reason"),
        "updated_at": timestamp("updated", dirty),
    }, text_columns=("cancel_reason",))


def invoices(w: World, dirty: bool) -> Output:
    """Invoices in order of issue."""
    return Output(TABLES_BY_FOLDER["billing/invoices"], _order(w.invoices, "issued", "acct"), {
        "invoice_id": ident("inv_", "id", 8), "account_id": ident("acc_", "acct", 6),
        "subscription_id": f"case when sub >= 0 then {ident('sub_', 'sub', 6)} end",
        "issued_at": timestamp("issued", dirty), "amount": money("cents"), "currency": lit(CURRENCY),
        "status": pick(INVOICE_STATUSES, "status"), "paid_at": timestamp("paid_at", dirty, True),
        "updated_at": timestamp("updated", dirty),
    }, split_on="issued")


def support_costs(w: World, dirty: bool) -> Output:
    """The monthly ledger."""
    cost_id = (f"'cost_' || strftime(make_timestamp(month * 1000000), '%Y%m') || '_' || "
               f"{pick(COST_CATEGORIES, 'category')} || '_' || cast(entry + 1 as varchar)")
    return Output(TABLES_BY_FOLDER["finance/support_costs"], dict(w.costs), {
        "cost_id": cost_id, "month": day("month"), "category": pick(COST_CATEGORIES, "category"),
        "amount": money("cents"), "currency": lit(CURRENCY),
    })


def build_outputs(w: World, rng: np.random.Generator, dirty: bool) -> list[Output]:
    """Every contract table, in contract order."""
    outputs = [conversations(w, rng, dirty)] + [
        build(w, dirty) for build in (messages, events, agents, kb_articles, kb_article_views, responses,
                                      accounts, customers, subscriptions, invoices, support_costs)
    ]
    assert [o.table.folder for o in outputs] == list(TABLES_BY_FOLDER)
    return outputs
