"""Read one landed file (CSV, JSON Lines, Parquet) as text columns with DuckDB's own readers.

Every reader yields the same relation: `_source_row` (1-based record number), `_format_code`
(a JSON Lines line that is not a JSON object), and one VARCHAR column per contract column.
Typing and the contract's rules are applied afterwards, in one place (validate.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from .contract import Table
from .warehouse import literal, quote


class FileRejected(Exception):
    """The file cannot be read at all; nothing of it is loaded."""


@dataclass(frozen=True)
class Incoming:
    """SQL for a file's records as text, and how to render one record for the rejects table."""

    sql: str
    raw_record: str
    extra_columns: tuple[str, ...] = ()


def error_detail(error: Exception) -> str:
    """DuckDB's error in one line: its cause, without the echoed input and the suggestions."""
    lines = [line.strip() for line in str(error).strip().splitlines()]
    useful = [line for line in lines if line and not line.startswith(("Original Line", "Possible Solution"))]
    return " ".join(useful[:3])[:400] or type(error).__name__


def _describe(con: duckdb.DuckDBPyConnection, relation: str, fmt: str) -> list[str]:
    try:
        return [row[0] for row in con.execute(f"describe select * from {relation}").fetchall()]
    except duckdb.Error as error:
        raise FileRejected(f"cannot be read as {fmt}: {error_detail(error)}") from error


def _by_header(table: Table, header: list[str]) -> tuple[dict[str, str], tuple[str, ...]]:
    """Map contract columns to the file's own column names (trimmed, case-insensitive)."""
    found = {name.strip().lower(): name for name in header}
    missing = [c for c in table.required_columns if c not in found]
    if missing:
        raise FileRejected(f"required column(s) missing from the header: {', '.join(missing)}")
    known = {c.name for c in table.columns}
    extras = tuple(sorted(name for key, name in found.items() if key not in known))
    return {c.name: found[c.name] for c in table.columns if c.name in found}, extras


def _tabular(con: duckdb.DuckDBPyConnection, table: Table, relation: str, fmt: str, row_number: str) -> Incoming:
    mapping, extras = _by_header(table, _describe(con, relation, fmt))
    columns = [
        f"cast({quote(mapping[c.name])} as varchar) as {quote(c.name)}" if c.name in mapping
        else f"cast(null as varchar) as {quote(c.name)}"
        for c in table.columns
    ]
    sql = (
        f"select {row_number} as _source_row, cast(null as varchar) as _format_code, "
        f"{', '.join(columns)} from {relation}"
    )
    record = "to_json(struct_pack(" + ", ".join(f"{quote(c)} := {quote('__orig_' + c)}" for c in mapping) + "))"
    return Incoming(sql, record, extras)


def _csv(con: duckdb.DuckDBPyConnection, table: Table, path: Path) -> Incoming:
    relation = (
        f"read_csv({literal(str(path))}, header = true, all_varchar = true, delim = ',', "
        "quote = '\"', escape = '\"', strict_mode = true, max_line_size = 16777216)"
    )
    return _tabular(con, table, relation, "CSV", "row_number() over ()")


def _parquet(con: duckdb.DuckDBPyConnection, table: Table, path: Path) -> Incoming:
    relation = f"read_parquet({literal(str(path))}, file_row_number = true)"
    incoming = _tabular(con, table, relation, "Parquet", "file_row_number + 1")
    extras = tuple(c for c in incoming.extra_columns if c != "file_row_number")
    return Incoming(incoming.sql, incoming.raw_record, extras)


def _jsonl(con: duckdb.DuckDBPyConnection, table: Table, path: Path) -> Incoming:
    try:  # read_text refuses a file that is not valid UTF-8
        con.execute(f"select length(content) from read_text({literal(str(path))})").fetchall()
    except duckdb.Error as error:
        raise FileRejected(f"cannot be read as JSON Lines: {error_detail(error)}") from error
    keys = "[" + ", ".join(literal(c.name) for c in table.columns) + "]"
    values = ", ".join(
        f"case when _is_object then _values[{i}] end as {quote(c.name)}" for i, c in enumerate(table.columns, 1)
    )
    sql = f"""
        with lines as (
            select
                unnest(string_split(content, chr(10))) as line,
                generate_subscripts(string_split(content, chr(10)), 1) as line_number
            from read_text({literal(str(path))})
        ),
        records as (
            select
                row_number() over (order by line_number) as _source_row,
                rtrim(line, chr(13)) as line
            from lines
            where trim(line, ' ' || chr(9) || chr(10) || chr(11) || chr(12) || chr(13)) <> ''
        ),
        parsed as (
            select
                _source_row,
                line,
                json_valid(line) as _is_json,
                coalesce(case when json_valid(line) then json_type(line) = 'OBJECT' end, false) as _is_object
            from records
        ),
        extracted as (
            select *, case when _is_object then json_extract_string(line, {keys}) end as _values from parsed
        )
        select
            _source_row,
            case when not _is_json then 'invalid_json' when not _is_object then 'not_an_object' end
                as _format_code,
            {values},
            line as _line
        from extracted
    """
    return Incoming(sql, "_line")


READERS = {"csv": _csv, "jsonl": _jsonl, "parquet": _parquet}


def incoming(con: duckdb.DuckDBPyConnection, table: Table, path: Path, fmt: str) -> Incoming:
    """The file's records as text; raises FileRejected when the file cannot be read at all."""
    return READERS[fmt](con, table, path)
