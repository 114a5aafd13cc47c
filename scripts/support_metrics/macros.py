"""Render the dbt macros that carry the contract and the text rules into SQL (macros/generated/).

The sources are `contract.py` (tables, keys, lineage) and `rules.py` (white space, enums, personal
data); a test re-renders and compares, so the committed macros never drift from them.
Run `python -m support_metrics.macros` after changing either.
"""

from __future__ import annotations

from pathlib import Path

from . import rules
from .contract import LINEAGE_COLUMNS, TABLES
from .warehouse import PROJECT_DIR

GENERATED_DIR = Path("macros") / "generated"
_HEADER = (
    "{{#- Rendered from scripts/support_metrics/{source} by `python -m support_metrics.macros`; do not edit. -#}}\n"
)


def _macro(signature: str, body: str, doc: str = "") -> str:
    """A Jinja macro whose body is `body` (lines indented four spaces), with an optional doc comment."""
    indented = "\n".join(f"    {line}" if line else "" for line in body.splitlines())
    comment = f"{{#- {doc} -#}}\n" if doc else ""
    return f"\n{comment}{{% macro {signature} -%}}\n{indented}\n{{%- endmacro %}}\n"


def _patterns_by_name(dialect: rules.Dialect) -> str:
    """An if/elif over the pattern names, each branch the pattern spelled for `dialect`."""
    lines = []
    for number, (name, pattern) in enumerate(rules.PERSONAL_DATA.items()):
        branch = "if" if number == 0 else "elif"
        lines += [f"{{%- {branch} name == '{name}' -%}}", f"    {rules.spelled(pattern, dialect)}"]
    lines += ["{%- else -%}", "    {{ exceptions.raise_compiler_error('no personal-data pattern named ' ~ name) }}",
              "{%- endif -%}"]
    return "\n".join(lines)


def personal_data_patterns() -> str:
    """macros/generated/personal_data_patterns.sql: the patterns per engine, the digit range, DuckDB's phone list."""
    low, high = rules.PHONE_DIGITS
    return _HEADER.format(source="rules.py") + "".join((
        _macro("personal_data_pattern(name)",
               "{{ return(adapter.dispatch('personal_data_pattern', 'support_metrics')(name)) }}",
               "A personal-data pattern of docs/metrics.md §9 (email, card, phone) in this engine's regex dialect."),
        _macro("default__personal_data_pattern(name)", _patterns_by_name("re2"),
               "RE2 (DuckDB); Java (Spark) reads the same text."),
        _macro("postgres__personal_data_pattern(name)", _patterns_by_name("postgres"),
               "PostgreSQL: a word boundary is \\y."),
        _macro("phone_digit_range()", f"{{{{ return([{low}, {high}]) }}}}",
               "How many digits a phone number holds in all: [fewest, most]."),
        _macro("duckdb_phone_numbers(text)", rules.duckdb_phone_numbers_sql("{{ text }}"),
               "DuckDB: the phone numbers in `text`, a list (the candidates with the digit range's digits)."),
    ))


def whitespace() -> str:
    """macros/generated/whitespace.sql: the contract's white space, trimming and enum normalisation."""
    return _HEADER.format(source="rules.py") + "".join((
        _macro("trim_whitespace(expression)", rules.trim_whitespace_sql("{{ expression }}"),
               "The contract's white space (space, tab, LF, VT, FF, CR) trimmed from both ends."),
        _macro("normalize_enum(expression)", rules.normalize_enum_sql("{{ expression }}"),
               "An enumerated value as the contract compares it: trimmed, lower-cased."),
    ))


def contract_tables() -> str:
    """macros/generated/contract_tables.sql: each raw table's key, keep mode and timestamps, and the lineage columns."""
    entries = [
        f"    '{t.source}.{t.name}': {{'key': '{t.key}', 'keep': '{t.keep}', "
        f"'timestamps': {[c.name for c in t.columns if c.type == 'timestamp']}, "
        f"'columns': {[[c.name, c.type] for c in t.columns]}}},"
        for t in TABLES
    ]
    lookup = "\n".join([
        "{%- set tables = {", *entries, "} -%}",
        "{%- set name = source_name ~ '.' ~ table_name -%}",
        "{%- if name not in tables -%}",
        "    {{ exceptions.raise_compiler_error('no raw table ' ~ name) }}",
        "{%- endif -%}",
        "{{ return(tables[name]) }}",
    ])
    return _HEADER.format(source="contract.py") + "".join((
        _macro("contract_table(source_name, table_name)", lookup,
               "A raw table's key, keep mode (latest_version: versioned; first_loaded: append-only), "
               "timestamp columns and columns with their contract types."),
        _macro("contract_table_names()", "{{ return(" + str([f"{t.source}.{t.name}" for t in TABLES]) + ") }}",
               "Every raw table of the contract as source.table, in the contract's order."),
        _macro("lineage_columns()", ",\n".join(f"    {name}" for name in LINEAGE_COLUMNS),
               "The lineage columns the loader adds to every raw row, in order."),
    ))


def rendered() -> dict[Path, str]:
    """Each generated macro file (relative to the project) and its text."""
    return {
        GENERATED_DIR / "personal_data_patterns.sql": personal_data_patterns(),
        GENERATED_DIR / "whitespace.sql": whitespace(),
        GENERATED_DIR / "contract_tables.sql": contract_tables(),
    }


def write(project_dir: Path = PROJECT_DIR) -> list[Path]:
    """Write every generated macro file under `project_dir`; returns the paths written."""
    written = []
    for relative, text in rendered().items():
        path = project_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write():
        print(f"wrote {path}")
