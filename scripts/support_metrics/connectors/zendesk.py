"""Zendesk Support as Fivetran lands it: tickets, comments, users, field history, tags, chats, ratings.

The adapter (models/sources/zendesk/) maps these tables into the contract's helpdesk and survey tables;
docs/sources/zendesk.md has the rules. The generator's shape (zendesk_shape.py) writes them."""

from __future__ import annotations

from ..contract import Column, Table
from . import Connector
from .zendesk_schedules import TABLES as SCHEDULE_TABLES
from .zendesk_shape import shape

_DELETED = Column("_fivetran_deleted", "boolean", False, None, "Fivetran's soft delete: the row is dropped.")
_SYNCED = Column("_fivetran_synced", "timestamp", False, None, "When Fivetran last synced the row (UTC).")


def _id(name: str = "id", description: str = "Zendesk's numeric id.") -> Column:
    return Column(name, "bigint", True, None, description)


def _opt(name: str, kind: str = "string", description: str = "") -> Column:
    return Column(name, kind, False, None, description)


def _table(name: str, key: str, columns: tuple[Column, ...], description: str, versioned: bool = False,
           optional: bool = False) -> Table:
    return Table("zendesk", name, key, columns, versioned=versioned, description=description, schema="zendesk",
                 identifier=name, optional=optional)


TABLES: tuple[Table, ...] = (
    _table("ticket", "id", (
        _id(description="Ticket id: the conversation."),
        Column("created_at", "timestamp", True, None, "When the ticket was created (UTC)."),
        _opt("updated_at", "timestamp", "Last update (UTC): the version timestamp."),
        _opt("status", description="new, open, pending, hold, solved or closed."),
        _opt("subject", description="Ticket subject."),
        _opt("requester_id", "bigint", "The user who asked: the customer."),
        _opt("assignee_id", "bigint", "The agent the ticket is assigned to."),
        _opt("group_id", "bigint", "The group the ticket is assigned to."),
        _opt("via_channel", description="How the ticket came in (Zendesk's via channel)."),
        _DELETED, _SYNCED,
    ), "One row per ticket (the latest state).", versioned=True),
    _table("ticket_comment", "id", (
        _id(description="Comment id."),
        _id("ticket_id", "The ticket commented on."),
        Column("created", "timestamp", True, None, "When the comment was written (UTC)."),
        _opt("user_id", "bigint", "The author."),
        _opt("public", "boolean", "true: a public reply; false: an internal note."),
        _opt("body", description="Comment text."),
        _DELETED, _SYNCED,
    ), "One row per ticket comment."),
    _table("user", "id", (
        _id(description="User id (end-users, agents, admins, bots)."),
        _opt("name", description="Display name."),
        _opt("email", description="Email address."),
        _opt("role", description="end-user, agent or admin."),
        _opt("created_at", "timestamp", "When the user was created (UTC)."),
        _opt("updated_at", "timestamp", "Last update (UTC)."),
        _DELETED, _SYNCED,
    ), "One row per user.", versioned=True),
    _table("group", "id", (
        _id(description="Group id."), _opt("name", description="Group name: the team."),
        _opt("updated_at", "timestamp", "Last update (UTC)."), _DELETED, _SYNCED,
    ), "One row per agent group.", versioned=True, optional=True),
    _table("group_member", "id", (
        _id(description="Membership id."), _opt("user_id", "bigint", "The agent."),
        _opt("group_id", "bigint", "The group."), _opt("default", "boolean", "The agent's default group."),
        _DELETED, _SYNCED,
    ), "One row per agent's group membership.", optional=True),
    _table("organization", "id", (
        _id(description="Organization id."), _opt("name", description="Organization name."),
        _opt("updated_at", "timestamp", "Last update (UTC)."), _DELETED, _SYNCED,
    ), "One row per organization (read for deletions only).", versioned=True, optional=True),
    _table("ticket_field_history", "ticket_id", (
        _id("ticket_id", "The ticket changed."),
        Column("field_name", "string", True, None, "The field: status, assignee_id or a custom field."),
        Column("updated", "timestamp", True, None, "When the field took this value (UTC)."),
        _opt("value", description="The new value."),
        _opt("user_id", "bigint", "Who changed it (null: the system)."),
        _SYNCED,
    ), "One row per change of a ticket field."),
    _table("ticket_tag", "ticket_id", (
        _id("ticket_id", "The ticket tagged."), Column("tag", "string", True, None, "The tag."), _SYNCED,
    ), "One row per tag of a ticket.", optional=True),
    _table("ticket_chat", "chat_id", (
        Column("chat_id", "string", True, None, "Chat id."), _id("ticket_id", "The chat's ticket."),
        _opt("channel", description="chat or native_messaging."), _opt("initiator", description="Who started it."),
        _opt("user_id", "bigint", "The visitor's user."), _SYNCED,
    ), "One row per chat (messaging) session of a ticket.", optional=True),
    _table("ticket_chat_event", "chat_id", (
        Column("chat_id", "string", True, None, "The chat."),
        _opt("chat_index", "integer", "Position of the event in the chat."),
        Column("created_at", "timestamp", True, None, "When it happened (UTC)."),
        _opt("actor_id", description="User id, agent:<id>, __trigger or __system."),
        _opt("type", description="ChatMessage, ChatJoin, ..."), _opt("message", description="Message text."),
        _opt("original_message", description="The messaging payload (JSON text): author type and source."),
        _SYNCED,
    ), "One row per chat event.", optional=True),
    _table("satisfaction_rating", "id", (
        _id(description="Rating id."), _opt("ticket_id", "bigint", "The ticket rated."),
        _opt("requester_id", "bigint", "Who rated."),
        _opt("score", description="good, bad, offered, unoffered, or 1 to 5 (multi-level CSAT)."),
        _opt("comment", description="The customer's comment."),
        Column("created_at", "timestamp", True, None, "When the survey was offered (UTC)."),
        _opt("updated_at", "timestamp", "When it was answered (UTC)."), _DELETED, _SYNCED,
    ), "One row per satisfaction rating (legacy CSAT API export).", optional=True),
)

CONNECTOR = Connector(
    "zendesk", "helpdesk", TABLES + SCHEDULE_TABLES,
    "Zendesk Support landed by Fivetran: tickets, comments, users, field history, tags, chats, CSAT ratings.",
    shape,
)
