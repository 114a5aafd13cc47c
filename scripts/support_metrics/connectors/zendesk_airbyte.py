"""Zendesk Support as Airbyte lands it: plural streams, nested objects and arrays as JSON, no field history.

Loaded into the same `zendesk` schema as Fivetran's tables; built with var zendesk_landed_by airbyte, where the
base_zendesk__* models turn these streams into Fivetran's tables (docs/sources/zendesk.md "Airbyte")."""

from __future__ import annotations

from ..contract import Column, Table
from . import Connector
from .zendesk import _id, _opt
from .zendesk_airbyte_shape import shape

_EXTRACTED = Column("_airbyte_extracted_at", "timestamp", False, None, "When Airbyte read the row (UTC).")


def _ts(name: str, description: str, required: bool = False) -> Column:
    return Column(name, "timestamp", required, None, description + " ISO 8601 text in Airbyte's records.")


def _stream(name: str, columns: tuple[Column, ...], description: str, versioned: bool = False,
            optional: bool = False) -> Table:
    return Table("zendesk_airbyte", name, "id", (*columns, _EXTRACTED), versioned=versioned,
                 description=description, schema="zendesk", identifier=name, optional=optional)


TABLES: tuple[Table, ...] = (
    _stream("tickets", (
        _id(description="Ticket id: the conversation."),
        _ts("created_at", "When the ticket was created.", required=True),
        _ts("updated_at", "Last update: the version timestamp."),
        _opt("status", description="new, open, pending, hold, solved or closed."),
        _opt("subject", description="Ticket subject."),
        _opt("requester_id", "bigint", "The user who asked: the customer."),
        _opt("assignee_id", "bigint", "The agent the ticket is assigned to."),
        _opt("group_id", "bigint", "The group the ticket is assigned to."),
        _opt("via", description="How the ticket came in: a JSON object (channel, source.from/to/rel)."),
        _opt("tags", description="The ticket's tags: a JSON array of strings."),
    ), "One row per ticket (or per version, when appended).", versioned=True),
    _stream("ticket_comments", (
        _id(description="Comment id."),
        _id("ticket_id", "The ticket commented on."),
        _ts("created_at", "When the comment was written.", required=True),
        _opt("author_id", "bigint", "The author (-1: Zendesk itself)."),
        _opt("public", "boolean", "true: a public reply; false: an internal note."),
        _opt("body", description="Comment text."),
    ), "One row per ticket comment (messaging messages included)."),
    _stream("ticket_audits", (
        _id(description="Audit id."),
        _id("ticket_id", "The ticket updated."),
        _ts("created_at", "When the update happened.", required=True),
        _opt("author_id", "bigint", "Who made the update."),
        _opt("events", description="The update's events: a JSON array (type, field_name, value, previous_value)."),
    ), "One row per ticket update."),
    _stream("users", (
        _id(description="User id (end-users, agents, admins, bots)."),
        _opt("name", description="Display name."),
        _opt("email", description="Email address."),
        _opt("role", description="end-user, agent or admin."),
        _ts("created_at", "When the user was created."),
        _ts("updated_at", "Last update."),
    ), "One row per user (or per version).", versioned=True),
    _stream("satisfaction_ratings", (
        _id(description="Rating id."), _opt("ticket_id", "bigint", "The ticket rated."),
        _opt("requester_id", "bigint", "Who rated."),
        _opt("score", description="good, bad, offered, unoffered, or 1 to 5 (multi-level CSAT)."),
        _opt("comment", description="The customer's comment."),
        _ts("created_at", "When the survey was offered.", required=True),
        _ts("updated_at", "When it was answered."),
    ), "One row per satisfaction rating.", optional=True),
    _stream("groups", (
        _id(description="Group id."), _opt("name", description="Group name: the team."),
        _ts("updated_at", "Last update."), _opt("deleted", "boolean", "A deleted group: dropped."),
    ), "One row per agent group.", versioned=True, optional=True),
    _stream("group_memberships", (
        _id(description="Membership id."), _opt("user_id", "bigint", "The agent."),
        _opt("group_id", "bigint", "The group."), _opt("default", "boolean", "The agent's default group."),
    ), "One row per agent's group membership.", optional=True),
)

CONNECTOR = Connector(
    "zendesk_airbyte", "helpdesk", TABLES,
    "Zendesk Support landed by Airbyte: the Zendesk adapter with var zendesk_landed_by airbyte.",
    shape, builds_as=("zendesk", {"zendesk_landed_by": "airbyte"}),
)
