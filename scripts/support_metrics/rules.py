"""The staging layer's text rules, written once: white space, enum normalisation, personal-data patterns.

The loader, the Great Expectations suites and (through the macros `macros.py` renders) every dbt
engine read these; docs/raw-data.md says what white space and enums are, docs/metrics.md §9 what
personal data staging masks.
"""

from __future__ import annotations

from typing import Literal

# The characters the raw contract counts as white space: space, tab, LF, VT, FF, CR.
WHITESPACE_CHARS = " \t\n\x0b\x0c\r"
# The same set as a portable SQL expression (every engine has chr and ||).
WHITESPACE_SQL = " || ".join("' '" if c == " " else f"chr({ord(c)})" for c in WHITESPACE_CHARS)


def trim_whitespace_sql(expression: str) -> str:
    """SQL trimming the contract's white space from both ends of `expression`."""
    return f"trim(both {WHITESPACE_SQL} from {expression})"


def normalize_enum_sql(expression: str) -> str:
    """SQL for an enumerated value as the contract compares it: trimmed, then lower-cased."""
    return f"lower({trim_whitespace_sql(expression)})"


def normalize_enum(value: str) -> str:
    """An enumerated value as the contract compares it, in Python."""
    return value.strip(WHITESPACE_CHARS).lower()


# Personal data (docs/metrics.md §9), as the regular expressions staging masks with, in RE2 syntax.
# Group 1 of CARD is the character before the card (kept); group 1 of PHONE is the candidate number,
# which counts only with PHONE_DIGITS digits in all.
EMAIL = r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
CARD = r"(^|[^0-9A-Za-z])[0-9]([ -]?[0-9]){12,18}\b"
_PLUS_AND_ONE_RUN = r"\+[0-9]{7,15}"
_AREA_CODE_IN_PARENTHESES = r"(?:\+[0-9]{1,3}[ .-]?)?\([0-9]{1,5}\)[ .-]?(?:[0-9]{1,5}[ .-])*[0-9]{3,5}"
_GROUPS = r"(?:\+[0-9]{1,3}[ .-])?(?:[0-9]{1,5}[ .-])+[0-9]{3,5}"
PHONE = rf"(?:^|[^0-9A-Za-z_+(.-])({_PLUS_AND_ONE_RUN}|{_AREA_CODE_IN_PARENTHESES}|{_GROUPS})\b"
PHONE_DIGITS = (7, 15)
PERSONAL_DATA: dict[str, str] = {"email": EMAIL, "card": CARD, "phone": PHONE}

Dialect = Literal["re2", "java", "postgres", "python"]


def spelled(pattern: str, dialect: Dialect) -> str:
    """`pattern` in an engine's regex dialect: Java reads it as RE2 does; PostgreSQL spells a word
    boundary \\y; Python matches ASCII word boundaries (as RE2) and, for pandas, captures nothing."""
    if dialect in ("re2", "java"):
        return pattern
    if dialect == "postgres":
        return pattern.replace(r"\b", r"\y")
    return "(?a)" + _without_captures(pattern)


def _without_captures(pattern: str) -> str:
    """Every capturing group made non-capturing; parentheses escaped or inside [...] stay."""
    out, escaped, in_class = [], False, False
    for index, char in enumerate(pattern):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(" and pattern[index + 1: index + 2] != "?":
            char = "(?:"
        out.append(char)
    return "".join(out)


def duckdb_phone_numbers_sql(text: str) -> str:
    """DuckDB SQL: the phone numbers in `text` (a list of the candidates with PHONE_DIGITS digits)."""
    low, high = PHONE_DIGITS
    return (
        f"list_filter(regexp_extract_all({text}, '{PHONE}', 1), "
        f"lambda candidate: length(regexp_replace(candidate, '[^0-9]', '', 'g')) between {low} and {high})"
    )


def postgres_phone_numbers_sql(text: str) -> str:
    """PostgreSQL SQL: the phone numbers in `text`, joined by ' | ' (null when there is none)."""
    low, high = PHONE_DIGITS
    return (
        f"(select string_agg(found[1], ' | ') from regexp_matches({text}, '{spelled(PHONE, 'postgres')}', 'g') "
        f"as found where length(regexp_replace(found[1], '[^0-9]', '', 'g')) between {low} and {high})"
    )


def spark_phone_numbers_sql(text: str) -> str:
    """Spark SQL: the phone numbers in `text`, joined by ' | ' (null when there is none). Spark reads a
    backslash in a string literal as an escape, so the pattern's are doubled."""
    low, high = PHONE_DIGITS
    pattern = spelled(PHONE, "java").replace("\\", "\\\\")
    return (
        f"nullif(concat_ws(' | ', filter(regexp_extract_all({text}, '{pattern}', 1), "
        f"candidate -> length(regexp_replace(candidate, '[^0-9]', '')) between {low} and {high})), '')"
    )
