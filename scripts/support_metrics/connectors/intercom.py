"""Intercom as Fivetran lands it: history-mode conversations, parts and contacts, plus admins and teams.

The adapter (models/sources/intercom/) maps these tables into the contract's helpdesk and survey tables;
docs/sources/intercom.md lists the rules and what Intercom cannot fill.
"""

from __future__ import annotations

from ..contract import Column, Table
from . import Connector
from .intercom_shape import shape

HISTORY = (
    Column("_fivetran_active", "boolean", False),
    Column("_fivetran_start", "timestamp", False),
    Column("_fivetran_end", "timestamp", False),
    Column("_fivetran_synced", "timestamp", False),
    Column("_fivetran_deleted", "boolean", False),
)
SYNCED = (Column("_fivetran_synced", "timestamp", False), Column("_fivetran_deleted", "boolean", False))


def _s(name: str) -> Column:
    return Column(name, "string", False)


def _ts(name: str, required: bool = False) -> Column:
    return Column(name, "timestamp", required)


def _table(name: str, key: str, columns: tuple[Column, ...], description: str, optional: bool = False) -> Table:
    return Table("intercom", name, key, columns, versioned=name.endswith("_history"), description=description,
                 schema="intercom", identifier=name, optional=optional)


TABLES: tuple[Table, ...] = (
    _table("conversation_history", "id", (
        Column("id", "string"), _ts("created_at", True), _ts("updated_at", True), _s("state"),
        _s("source_type"), _s("source_delivered_as"), _s("source_author_type"), _s("source_author_id"),
        _s("source_subject"), _s("assignee_id"), _s("assignee_type"),
        Column("conversation_rating_value", "integer", False), _s("conversation_rating_remark"),
        _ts("conversation_rating_created_at"), _s("custom_intent"), _s("custom_bot_intent"),
        Column("ai_agent_participated", "boolean", False), _s("ai_agent_resolution_state"),
        _s("ai_agent_last_answer_type"), Column("ai_agent_rating", "integer", False), *HISTORY,
    ), "One row per conversation version (history mode); the active version is the current one."),
    _table("conversation_part_history", "id", (
        Column("id", "string"), Column("conversation_id", "string"), _ts("created_at", True), _ts("updated_at"),
        _s("part_type"), _s("author_type"), _s("author_id"), _s("assigned_to_type"), _s("assigned_to_id"),
        _s("body"), *HISTORY,
    ), "One row per conversation part version: comments, notes, assignments, closes and reopens."),
    _table("contact_history", "id", (
        Column("id", "string"), _ts("created_at"), _ts("updated_at", True), _s("role"), _s("email"),
        _s("phone"), _s("name"), *HISTORY,
    ), "One row per contact version: users and leads, with their email."),
    _table("admin", "id", (Column("id", "string"), _s("name"), _s("email"), _s("job_title"), *SYNCED),
           "One row per admin (teammate), Fin included when the workspace lists it."),
    _table("team", "id", (Column("id", "string"), _s("name"), *SYNCED), "One row per team.", optional=True),
    _table("team_admin", "admin_id", (Column("admin_id", "string"), Column("team_id", "string"), *SYNCED),
           "Which admins belong to which team.", optional=True),
)

CONNECTOR = Connector(
    name="intercom",
    domain="helpdesk",
    tables=TABLES,
    description="Intercom conversations, parts, contacts, admins and teams as Fivetran lands them.",
    shape=shape,
)
