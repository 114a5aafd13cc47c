"""Zendesk's schedule tables (schedule, schedule_holiday, ticket_schedule): as the connector lands them, and as the
generator's Zendesk shape writes them from the project's default schedule seeds.

The adapter maps them into the seeds' shape (models/sources/zendesk/zendesk__business_hours.sql and its
siblings); docs/sources/zendesk.md "Schedules" has the rules. All three are optional: without them the seeds
give the business hours."""

from __future__ import annotations

from pathlib import Path

import duckdb

from ..contract import Column, Table
from ..warehouse import PROJECT_DIR, literal

SCHEDULE_BASE = 5_000_000_000
SEEDS = PROJECT_DIR / "seeds"


def _column(name: str, kind: str, description: str, required: bool = False) -> Column:
    return Column(name, kind, required, None, description)


def _table(name: str, key: str, columns: tuple[Column, ...], description: str) -> Table:
    return Table("zendesk", name, key, columns, versioned=False, description=description, schema="zendesk",
                 identifier=name, optional=True)


_DELETED = _column("_fivetran_deleted", "boolean", "Fivetran's soft delete: the row is dropped.")
_SYNCED = _column("_fivetran_synced", "timestamp", "When Fivetran last synced the row (UTC).")

TABLES: tuple[Table, ...] = (
    _table("schedule", "id", (
        _column("id", "bigint", "Schedule id (one row per weekly interval, so repeated).", required=True),
        _column("name", "string", "Schedule name."),
        _column("created_at", "timestamp", "When the schedule was created (UTC)."),
        _column("start_time", "integer", "Interval start: minutes from Sunday 00:00, local.", required=True),
        _column("end_time", "integer", "Interval end: minutes from Sunday 00:00, local.", required=True),
        _column("time_zone", "string", "The schedule's time zone, a Rails name (Eastern Time (US & Canada))."),
        _DELETED, _SYNCED,
    ), "One row per weekly open interval of a schedule."),
    _table("schedule_holiday", "id", (
        _column("id", "bigint", "Holiday id.", required=True),
        _column("schedule_id", "bigint", "The schedule that is closed.", required=True),
        _column("name", "string", "Holiday name."),
        _column("start_date", "date", "First closed local date.", required=True),
        _column("end_date", "date", "Last closed local date."),
        _DELETED, _SYNCED,
    ), "One row per holiday of a schedule."),
    _table("ticket_schedule", "ticket_id", (
        _column("ticket_id", "bigint", "The ticket.", required=True),
        _column("schedule_id", "bigint", "The schedule applied to it.", required=True),
        _column("created_at", "timestamp", "When the schedule was applied (UTC)."),
        _SYNCED,
    ), "One row per schedule applied to a ticket."),
)

# The seeds as Zendesk would hold them; `tickets` (ticket_id, channel, created_at) is the shape's ticket table.
_VIEWS = {
    "seed_schedules": """
        select schedule_id, {base} + dense_rank() over (order by schedule_id) as id, min(time_zone) as time_zone
        from business_hours group by schedule_id
    """,
    "schedule": """
        select s.id, s.schedule_id as name, timestamp '2020-01-01 00:00:00' as created_at,
            (cast(h.weekday as integer) % 7) * 1440 + cast(substr(h.opens_at, 1, 2) as integer) * 60
                + cast(substr(h.opens_at, 4, 2) as integer) as start_time,
            (cast(h.weekday as integer) % 7) * 1440 + cast(substr(h.closes_at, 1, 2) as integer) * 60
                + cast(substr(h.closes_at, 4, 2) as integer) as end_time,
            z.zendesk_time_zone as time_zone, false as _fivetran_deleted
        from business_hours as h
        inner join seed_schedules as s using (schedule_id)
        inner join (select time_zone, min(zendesk_time_zone) as zendesk_time_zone from zendesk_time_zones
                    group by time_zone) as z on s.time_zone = z.time_zone
        order by id, start_time
    """,
    "schedule_holiday": """
        select {base} + row_number() over (order by s.id, h.date) as id, s.id as schedule_id, h.name,
            cast(h.date as date) as start_date, cast(h.date as date) as end_date, false as _fivetran_deleted
        from holidays as h inner join seed_schedules as s using (schedule_id) order by id
    """,
    "ticket_schedule": """
        select t.ticket_id, s.id as schedule_id, t.created_at
        from tickets as t
        inner join channel_schedules as c using (channel)
        inner join seed_schedules as s using (schedule_id)
        order by ticket_id
    """,
}


_FILES = tuple(table.name for table in TABLES)


def write_schedules(con: duckdb.DuckDBPyConnection, out_dir: Path, seeds: Path = SEEDS) -> None:
    """Write schedule, schedule_holiday and ticket_schedule (CSV) from the schedule seeds and the shape's tickets."""
    for seed in ("business_hours", "holidays", "channel_schedules", "zendesk_time_zones"):
        con.execute(f"create temp table {seed} as select * from read_csv({literal(str(seeds / f'{seed}.csv'))}, "
                    "all_varchar = true)")
    for name, sql in _VIEWS.items():
        con.execute(f"create temp table {name} as {sql.format(base=SCHEDULE_BASE)}")
        if name in _FILES:
            con.execute(f"copy {name} to {literal(str(out_dir / f'{name}.csv'))} (header, timestampformat "
                        "'%Y-%m-%dT%H:%M:%SZ')")
