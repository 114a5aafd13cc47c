"""SQL snippets that turn numeric frame columns into the contract's text: ids, timestamps, money, bodies."""

from __future__ import annotations

from collections.abc import Sequence

from .phrases import EMAIL_DOMAINS, FIRST_NAMES, LAST_NAMES

# Dirty timestamps: offset seconds and suffix per `tz` code (code 0 is the clean form).
TZ_OFFSETS = (0, 3600, -5 * 3600, 5 * 3600 + 1800, 0, 0)
TZ_SUFFIXES = ("Z", "+01:00", "-05:00", "+05:30", "", "+00:00")


def lit(text: str) -> str:
    """A SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def lit_list(texts: Sequence[str]) -> str:
    """A SQL list literal of strings, indexed 1-based in SQL."""
    return "[" + ", ".join(lit(t) for t in texts) + "]"


def pick(texts: Sequence[str], index: str) -> str:
    """The text at a 0-based index column; null when the index is negative."""
    return f"case when {index} >= 0 then {lit_list(texts)}[{index} + 1] end"


def ident(prefix: str, column: str, width: int) -> str:
    """A zero-padded id from a 0-based number: prefix + (n + 1)."""
    return f"printf('{prefix}%0{width}d', {column} + 1)"


def timestamp(column: str, dirty: bool, nullable: bool = False) -> str:
    """ISO-8601 text of epoch seconds; dirty rows use the offset of their `tz` code (wall time shifted)."""
    if dirty:
        shift = f"{lit_list([str(o) for o in TZ_OFFSETS])}[tz + 1]::bigint"
        text = (
            f"strftime(make_timestamp(({column} + {shift}) * 1000000), '%Y-%m-%dT%H:%M:%S') || "
            f"{lit_list(TZ_SUFFIXES)}[tz + 1]"
        )
    else:
        text = f"strftime(make_timestamp({column} * 1000000), '%Y-%m-%dT%H:%M:%SZ')"
    return f"case when {column} >= 0 then {text} end" if nullable else text


def day(column: str) -> str:
    """The calendar date (YYYY-MM-DD) of epoch seconds."""
    return f"strftime(make_timestamp({column} * 1000000), '%Y-%m-%d')"


def money(cents: str) -> str:
    """Integer cents as a decimal string with two places."""
    return f"printf('%d.%02d', {cents} // 100, {cents} % 100)"


def email(customer: str) -> str:
    """The customer's email address, a pure function of the customer number (used in rows and chat text)."""
    customer = f"cast({customer} as bigint)"
    first = f"{lit_list(FIRST_NAMES)}[({customer} * 7 + 3) % {len(FIRST_NAMES)} + 1]"
    last = f"{lit_list(LAST_NAMES)}[({customer} * 13 + 5) % {len(LAST_NAMES)} + 1]"
    domain = f"{lit_list(EMAIL_DOMAINS)}[{customer} % {len(EMAIL_DOMAINS)} + 1]"
    return f"{first} || '.' || {last} || cast({customer} + 1 as varchar) || '@' || {domain}"


def filled(template: str, seed: str, t: str, customer: str) -> str:
    """A template with its placeholders filled: order number, date, amount, email, phone."""
    seed, customer = f"cast({seed} as bigint)", f"cast({customer} as bigint)"
    order = f"cast(10000000 + ({seed} * 7919 + 12345) % 90000000 as varchar)"
    when = f"strftime(make_timestamp(({t} - (({seed} % 20) + 1) * 86400) * 1000000), '%Y-%m-%d')"
    amount = money(f"(500 + ({seed} * 7331) % 49500)")
    phone = f"'+1 415 555 ' || lpad(cast(({customer} * 37) % 10000 as varchar), 4, '0')"
    text = template
    for key, value in (
        ("order", order),
        ("date", when),
        ("amount", amount),
        ("email", email(customer)),
        ("phone", phone),
    ):
        text = f"replace({text}, '{{{key}}}', {value})"
    return f"case when contains({template}, '{{') then {text} else {template} end"
