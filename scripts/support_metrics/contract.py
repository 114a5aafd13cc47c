"""The raw data contract (docs/raw-data.md) as data: tables, columns, rules.

The loader, the generator, the dbt sources, the staging macros (`macros.py` renders them) and the
tests all read this one module, so the contract is written down once in code.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .rules import normalize_enum_sql

# Logical types of the contract and the SQL type each one lands as in the raw schema.
# Timestamps land as naive TIMESTAMP holding UTC (see docs/DECISIONLOG.md).
SQL_TYPES: dict[str, str] = {
    "string": "varchar",
    "timestamp": "timestamp",
    "double": "double",
    "integer": "integer",
    "bigint": "bigint",
    "boolean": "boolean",
    "decimal": "decimal(38, 12)",
    "date": "date",
}

LINEAGE_COLUMNS: dict[str, str] = {
    "_source_file": "varchar",
    "_source_row": "bigint",
    "_load_id": "bigint",
    "_loaded_at": "timestamp",
}


@dataclass(frozen=True)
class Column:
    """One contract column: its logical type, whether it is required, its allowed values."""

    name: str
    type: str = "string"
    required: bool = True
    values: tuple[str, ...] | None = None
    description: str = ""


@dataclass(frozen=True)
class RowRule:
    """A rule across columns: rows where `bad_when` (SQL over typed columns) holds are rejected."""

    code: str
    column: str
    bad_when: str
    message: str


@dataclass(frozen=True)
class Table:
    """One raw table: where its files land, its columns, key and versioning."""

    source: str
    name: str
    key: str
    columns: tuple[Column, ...]
    versioned: bool
    description: str
    rules: tuple[RowRule, ...] = field(default=())
    # Where the table lands: the contract's tables in schema raw as <source>__<name>; a connector's tables
    # (connectors/) in a schema named after the tool, under the connector's own table name, as its tool lands them.
    schema: str = "raw"
    identifier: str | None = None
    optional: bool = False  # a connector table a load may lack; a contract table is never optional

    @property
    def folder(self) -> str:
        return f"{self.source}/{self.name}"

    @property
    def raw_table(self) -> str:
        return self.identifier or f"{self.source}__{self.name}"

    @property
    def qualified(self) -> str:
        """schema.table as the warehouse names it."""
        return f"{self.schema}.{self.raw_table}"

    @property
    def manifest_name(self) -> str:
        """How the load manifest and the rejects name the table: raw's own name, or schema.table elsewhere."""
        return self.raw_table if self.schema == "raw" else self.qualified

    @property
    def keep(self) -> str:
        """Which row of a key staging keeps: the latest version, or (append-only) the first copy loaded."""
        return "latest_version" if self.versioned else "first_loaded"

    @property
    def required_columns(self) -> list[str]:
        return [c.name for c in self.columns if c.required]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def _s(name: str, required: bool = True, values: tuple[str, ...] | None = None, d: str = "") -> Column:
    return Column(name, "string", required, values, d)


def _ts(name: str, required: bool = True, d: str = "") -> Column:
    return Column(name, "timestamp", required, None, d)


def _not_before(later: str, earlier: str) -> RowRule:
    return RowRule("timestamp_order", later, f"{later} < {earlier}", f"{later} is before {earlier}")


def _versioned(source: str, name: str, key: str, columns: tuple[Column, ...], description: str,
               rules: tuple[RowRule, ...] = ()) -> Table:
    """A versioned table whose last column is updated_at, the version timestamp."""
    return Table(source, name, key, (*columns, _ts("updated_at", d="Version timestamp (UTC).")), versioned=True,
                 description=description, rules=rules)


def _created_then_versioned(source: str, name: str, key: str, columns: tuple[Column, ...], created: str,
                            description: str) -> Table:
    """A versioned table whose columns end in created_at and updated_at, no version older than its record."""
    return _versioned(source, name, key, (*columns, _ts("created_at", d=created)), description,
                      (_not_before("updated_at", "created_at"),))


CHANNELS = ("web_chat", "email", "sms", "messenger", "whatsapp", "social", "voice")
CONVERSATION_STATUSES = ("open", "resolved", "unresolved", "abandoned")
ACTOR_TYPES = ("customer", "bot", "agent", "system")
MESSAGE_KINDS = ("text", "fallback", "auto_ack", "internal_note")
EVENT_TYPES = (
    "human_requested", "escalated", "agent_assigned", "reopened", "lead_captured",
    "kb_article_suggested",
)
ESCALATION_REASONS = (
    "low_confidence", "customer_request", "frustration", "policy", "sensitive",
    "missing_knowledge", "other",
)
LEAD_TYPES = ("email", "phone", "booking")
SURVEY_TYPES = ("csat", "ces", "nps")
# The scales (scale_min, scale_max) the contract allows for each survey type.
SURVEY_SCALES: dict[str, tuple[tuple[int, int], ...]] = {
    "csat": ((1, 5), (0, 1)),
    "ces": ((1, 7),),
    "nps": ((0, 10),),
}
PLAN_TIERS = ("free", "starter", "growth", "enterprise")
SEGMENTS = ("self_serve", "smb", "mid_market", "enterprise")
INVOICE_STATUSES = ("paid", "open", "void", "refunded", "failed")
COST_CATEGORIES = ("agent_labor", "tooling", "ai_usage", "training", "qa")


_STATUS = normalize_enum_sql("status")
_SCALE_OK = " or ".join(
    f"({normalize_enum_sql('survey_type')} = '{kind}' and scale_min = {lo} and scale_max = {hi})"
    for kind, scales in SURVEY_SCALES.items()
    for lo, hi in scales
)

TABLES: tuple[Table, ...] = (
    Table(
        "helpdesk", "conversations", "conversation_id",
        (
            _s("conversation_id", d="Conversation key; with updated_at, the key of a version."),
            _s("customer_id", d="The person who contacted support; joins billing customers."),
            _s("channel", values=CHANNELS, d="Channel of the thread, as exported (case and spaces may vary)."),
            _ts("created_at", d="When the customer opened the conversation (UTC)."),
            _ts("updated_at", d="Version timestamp (UTC); the latest version wins."),
            _s("status", values=CONVERSATION_STATUSES, d="open, resolved, unresolved or abandoned."),
            _ts("resolved_at", False, d="Set iff status is resolved (UTC)."),
            _ts("closed_at", False, d="Set for every status but open (UTC)."),
            _s("bot_intent", False, d="Intent predicted by the bot for the first customer message."),
            Column("bot_intent_confidence", "double", False, None, "The bot's confidence in bot_intent, 0..1."),
            _s("agent_intent", False, d="Intent confirmed by a human: the ground truth for intent accuracy."),
            _s("subject", False, d="Email subject or first line; free text that may hold personal data."),
        ),
        versioned=True,
        description="One row per conversation version: a chat session, email thread, SMS thread or call.",
        rules=(
            _not_before("updated_at", "created_at"),
            _not_before("resolved_at", "created_at"),
            _not_before("closed_at", "created_at"),
            RowRule("status_mismatch", "resolved_at", f"{_STATUS} = 'resolved' and resolved_at is null",
                    "status is resolved but resolved_at is missing"),
            RowRule("status_mismatch", "resolved_at", f"{_STATUS} <> 'resolved' and resolved_at is not null",
                    "resolved_at is set but status is not resolved"),
            RowRule("status_mismatch", "closed_at", f"{_STATUS} = 'open' and closed_at is not null",
                    "status is open but closed_at is set"),
            RowRule("status_mismatch", "closed_at", f"{_STATUS} <> 'open' and closed_at is null",
                    "a closed status without closed_at"),
        ),
    ),
    Table(
        "helpdesk", "messages", "message_id",
        (
            _s("message_id", d="Message key."),
            _s("conversation_id", d="The conversation the message belongs to."),
            _ts("created_at", d="When the message was sent (UTC)."),
            _s("author_type", values=ACTOR_TYPES, d="customer, bot, agent or system."),
            _s("author_id", False, d="agent_id for bot and agent messages."),
            _s("message_kind", values=MESSAGE_KINDS, d="text, fallback, auto_ack or internal_note."),
            _s("body", d="Free text; may hold personal data (emails, phone and card numbers)."),
        ),
        versioned=False,
        description="Append-only: one row per message of a conversation.",
    ),
    Table(
        "helpdesk", "events", "event_id",
        (
            _s("event_id", d="Event key."),
            _s("conversation_id", d="The conversation the event belongs to."),
            _ts("created_at", d="When the event happened (UTC)."),
            _s("event_type", values=EVENT_TYPES, d="What happened: escalated, human_requested, lead_captured..."),
            _s("actor_type", values=ACTOR_TYPES, d="Who caused it: customer, bot, agent or system."),
            _s("actor_id", False, d="Who caused it, when known."),
            _s("reason", False, ESCALATION_REASONS, d="For escalated events: why."),
            Column("context_transferred", "boolean", False, None,
                   "For escalated events: the transcript and context reached the agent."),
            _s("article_id", False, d="For kb_article_suggested events: the article."),
            _s("lead_type", False, LEAD_TYPES, d="For lead_captured events: email, phone or booking."),
        ),
        versioned=False,
        description="Append-only: one row per conversation event (escalations, requests, leads...).",
    ),
    _versioned(
        "helpdesk", "agents", "agent_id",
        (
            _s("agent_id", d="Agent key (human or bot)."),
            _s("agent_type", values=("human", "bot"), d="human or bot."),
            _s("name", d="Display name; personal data for humans."),
            _s("team", False, d="Team the agent works in."),
        ),
        "One row per agent version.",
    ),
    _versioned(
        "helpdesk", "kb_articles", "article_id",
        (
            _s("article_id", d="Knowledge-base article key."),
            _s("title", d="Article title."),
            _s("intent", d="The intent the article answers."),
        ),
        "One row per knowledge-base article version.",
    ),
    Table(
        "helpdesk", "kb_article_views", "view_id",
        (
            _s("view_id", d="View key."),
            _s("customer_id", d="The customer who opened the article."),
            _s("article_id", d="The article viewed."),
            _ts("viewed_at", d="When it was opened (UTC)."),
            _s("source", values=("help_center", "bot"), d="help_center or bot."),
        ),
        versioned=False,
        description="Append-only: one row per article view.",
    ),
    Table(
        "survey", "responses", "response_id",
        (
            _s("response_id", d="Survey response key."),
            _s("survey_type", values=SURVEY_TYPES, d="csat, ces or nps."),
            _s("conversation_id", False, d="Required for csat and ces; usually null for nps."),
            _s("customer_id", d="The customer who answered."),
            _ts("sent_at", d="When the survey was sent (UTC)."),
            _ts("responded_at", d="When it was answered (UTC)."),
            Column("score", "double", True, None, "The score, within [scale_min, scale_max]."),
            Column("scale_min", "integer", True, None, "Lowest score of the scale."),
            Column("scale_max", "integer", True, None, "Highest score of the scale."),
            _s("comment", False, d="Verbatim comment; may hold personal data."),
        ),
        versioned=False,
        description="Append-only: one row per survey response (CSAT, CES, NPS).",
        rules=(
            _not_before("responded_at", "sent_at"),
            RowRule("invalid_scale", "scale_max", f"not ({_SCALE_OK})",
                    "scale is not one the contract allows for this survey type"),
            RowRule("score_out_of_scale", "score", "not (score between scale_min and scale_max)",
                    "score is outside its scale"),
            RowRule("missing_conversation_id", "conversation_id",
                    f"{normalize_enum_sql('survey_type')} in ('csat', 'ces') and conversation_id is null",
                    "a csat or ces response needs a conversation_id"),
        ),
    ),
    _created_then_versioned(
        "billing", "accounts", "account_id",
        (
            _s("account_id", d="Account (company) key."),
            _s("account_name", d="Account name."),
            _s("plan_tier", values=PLAN_TIERS, d="free, starter, growth or enterprise."),
            _s("region", d="Region of the account."),
            _s("industry", d="Industry of the account."),
            _s("segment", values=SEGMENTS, d="self_serve, smb, mid_market or enterprise."),
        ),
        created="When the account was created (UTC).",
        description="One row per account version.",
    ),
    _created_then_versioned(
        "billing", "customers", "customer_id",
        (
            _s("customer_id", d="Customer (person) key."),
            _s("account_id", d="The account the customer belongs to."),
            _s("email", d="Email address: personal data, hashed in staging."),
        ),
        created="When the customer signed up (UTC).",
        description="One row per customer version.",
    ),
    _versioned(
        "billing", "subscriptions", "subscription_id",
        (
            _s("subscription_id", d="Subscription key."),
            _s("account_id", d="The subscribing account."),
            _s("plan", d="Plan name."),
            Column("mrr", "decimal", True, None, "Monthly recurring revenue, in the reporting currency."),
            _s("currency", d="ISO 4217 currency code."),
            _ts("started_at", d="When the subscription started (UTC)."),
            _ts("canceled_at", False, d="When it was canceled (UTC), if it was."),
            _s("cancel_reason", False, d="Free-text cancel reason; may hold personal data."),
        ),
        "One row per subscription version.",
    ),
    _versioned(
        "billing", "invoices", "invoice_id",
        (
            _s("invoice_id", d="Invoice key."),
            _s("account_id", d="The invoiced account."),
            _s("subscription_id", False, d="The subscription invoiced, when there is one."),
            _ts("issued_at", d="When the invoice was issued (UTC)."),
            Column("amount", "decimal", True, None, "Invoice amount, in the reporting currency."),
            _s("currency", d="ISO 4217 currency code."),
            _s("status", values=INVOICE_STATUSES, d="paid, open, void, refunded or failed."),
            _ts("paid_at", False, d="When it was paid (UTC), if it was."),
        ),
        "One row per invoice version.",
    ),
    Table(
        "finance", "support_costs", "cost_id",
        (
            _s("cost_id", d="Ledger entry key."),
            Column("month", "date", True, None, "The month the cost belongs to (its first day)."),
            _s("category", values=COST_CATEGORIES, d="agent_labor, tooling, ai_usage, training or qa."),
            Column("amount", "decimal", True, None, "Amount, in the reporting currency."),
            _s("currency", d="ISO 4217 currency code."),
        ),
        versioned=False,
        description="Append-only support-cost ledger: one row per entry.",
    ),
)

TABLES_BY_FOLDER: dict[str, Table] = {t.folder: t for t in TABLES}
FILE_FORMATS: dict[str, str] = {".csv": "csv", ".jsonl": "jsonl", ".parquet": "parquet"}
