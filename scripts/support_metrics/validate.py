"""The contract's row rules as one SQL query: type every column, find each row's first defect.

A row is rejected with the first rule it breaks, checking columns in contract order (missing
key, missing value, unparsable value, value outside its list), then the table's cross-column
rules in order. See docs/raw-data.md, "What a bad row is".
"""

from __future__ import annotations

from .contract import SQL_TYPES, Column, Table
from .readers import Incoming
from .rules import WHITESPACE_CHARS, normalize_enum_sql, trim_whitespace_sql
from .warehouse import literal, quote

WHITESPACE_CODES = ", ".join(str(ord(c)) for c in WHITESPACE_CHARS)
FORMAT_MESSAGES = {
    "invalid_json": "the line is not valid JSON",
    "not_an_object": "the line is JSON but not an object",
}


def _text(column: Column) -> str:
    return quote(f"__text_{column.name}")


def _typed(column: Column) -> str:
    """SQL typing a column from its cleaned text; null when blank or unparsable."""
    text = _text(column)
    if column.type == "string":
        return text
    if column.type == "timestamp":
        # An ISO-8601 offset or Z is honoured; no offset reads as UTC (the session time zone).
        return f"try_cast(trim({text}) as timestamptz) at time zone 'UTC'"
    return f"try_cast(trim({text}) as {SQL_TYPES[column.type]})"


def _defects(table: Table) -> list[tuple[str, str, str, str]]:
    """(condition, code, column, reason SQL) in the order a row is checked."""
    checks: list[tuple[str, str, str, str]] = [
        (f"_format_code = '{code}'", code, "", literal(message)) for code, message in FORMAT_MESSAGES.items()
    ]
    for column in table.columns:
        text, typed, name = _text(column), quote(column.name), column.name
        shown = f"'''' || left({text}, 80) || ''''"
        if column.required:
            code = "missing_key" if name == table.key else "missing_required"
            what = "primary key" if name == table.key else "required column"
            checks.append((f"{text} is null", code, name, literal(f"{what} {name} is empty")))
        if column.type != "string":
            checks.append((
                f"{text} is not null and {typed} is null", "unparsable", name,
                f"'cannot parse ' || {shown} || ' as {column.type}'",
            ))
        if column.values:
            allowed = ", ".join(literal(v) for v in column.values)
            checks.append((
                # exact spellings pass at once; only the others are trimmed and lower-cased
                f"{typed} not in ({allowed}) and {normalize_enum_sql(typed)} not in ({allowed})",
                "invalid_value", name,
                f"{shown} || ' is not one of {', '.join(column.values)}'",
            ))
    for rule in table.rules:
        checks.append((f"coalesce({rule.bad_when}, false)", rule.code, rule.column, literal(rule.message)))
    return checks


def _blank_to_null(column: str) -> str:
    """Empty or white-space-only text becomes null; only values starting with white space are trimmed."""
    return (
        f"case when {column} = '' or (ascii({column}) in ({WHITESPACE_CODES}) "
        f"and {trim_whitespace_sql(column)} = '') then null else {column} end"
    )


def validated_sql(table: Table, source: Incoming) -> str:
    """Typed columns plus _reject_code, _reject_column, _reject_reason and _raw_record."""
    cleaned = ", ".join(f"{_blank_to_null(quote(c.name))} as {_text(c)}" for c in table.columns)
    typed = ", ".join(f"{_typed(c)} as {quote(c.name)}" for c in table.columns)
    defects = _defects(table)
    # The CASE finds the number of the first broken rule; code, column and reason are looked up
    # from it, so good rows (the vast majority) carry only a null integer.
    whens = " ".join(f"when {cond} then {number}" for number, (cond, _, _, _) in enumerate(defects, 1))
    codes = "[" + ", ".join(literal(code) for _, code, _, _ in defects) + "]"
    columns_broken = "[" + ", ".join(literal(col) for _, _, col, _ in defects) + "]"
    reasons = " ".join(f"when {number} then {reason}" for number, (_, _, _, reason) in enumerate(defects, 1))
    columns = ", ".join(quote(c.name) for c in table.columns)
    renamed = ", ".join(f"{quote(c.name)} as {quote('__orig_' + c.name)}" for c in table.columns)
    return f"""
        with incoming as ({source.sql}),
        cleaned as (select *, {cleaned} from incoming),
        typed as (select * rename ({renamed}), {typed} from cleaned),
        judged as (select *, case {whens} end as _rule from typed)
        select
            _source_row,
            {columns},
            list_extract({codes}, _rule) as _reject_code,
            nullif(list_extract({columns_broken}, _rule), '') as _reject_column,
            case _rule {reasons} end as _reject_reason,
            case when _rule is not null then {source.raw_record} end as _raw_record
        from judged
    """
