"""The staging rules have one source: the rendered macros match it, and every spelling of it agrees."""

from __future__ import annotations

import re

import duckdb
import pytest

from support_metrics import macros, rules
from support_metrics.contract import TABLES
from support_metrics.expectations import privacy_suite
from support_metrics.warehouse import PROJECT_DIR

# The examples of docs/metrics.md §9 (as in the helpdesk unit test, which checks their masking).
EXAMPLES = [
    "Write to jane.doe@example.com. Thanks!", "my card 4111 1111 1111 1111 was charged twice",
    "card number 4111-1111-1111-1111", "call me on +1 415 555 0100 after 5",
    "office (415) 555-0100, mobile +14155550100", "UK: 0171 234 5678",
    "order 12345678 placed on 2025-01-10 at 10:30 for 1 299.00",
    "email j.smith+support@mail.example.org or call 555-0100", "version 2.4.1 of the app",
]
# Texts where the engines could part: non-ASCII neighbours, too many digits, odd separators.
TRICKY = [
    "café 4111111111111111é", "runs 12345678901234567890123 and +1234567890123456", "a@b.co x@y no@tld.",
    "+1 (415) 555-0100 or tel:+14155550100.", "2 x 555 0100 and 555.0100", "ids 1-2-3 and (0) 12 and 12 345",
    "4111 1111 1111 1111 2222 3333", "naïve 0171 234 5678ü", "_4111111111111111 and 4111111111111111_",
]


def test_generated_macros_are_rendered_from_their_sources() -> None:
    rendered = macros.rendered()
    for relative, text in rendered.items():
        committed = (PROJECT_DIR / relative).read_text(encoding="utf-8")
        assert committed == text, f"{relative} drifted from its source: run python -m support_metrics.macros"
    on_disk = {path.relative_to(PROJECT_DIR) for path in (PROJECT_DIR / macros.GENERATED_DIR).iterdir()}
    assert on_disk == set(rendered), "macros/generated holds only what macros.py renders"


def test_every_raw_table_is_staged_through_the_contract() -> None:
    """Keys and keep modes come from the contract: no staging model names its raw table's key or source."""
    for table in TABLES:
        path = PROJECT_DIR / "models" / "staging" / table.source / f"stg_{table.source}__{table.name}.sql"
        sql = path.read_text(encoding="utf-8")
        assert f"deduplicated_source('{table.source}', '{table.name}'" in sql, path.name
        assert not re.search(r"\bsource\(|_row_rank|partition by", sql), path.name
        assert "{{ lineage_columns() }}" in sql, path.name
        count = "superseded_version_count" if table.versioned else "dropped_duplicate_count"
        assert re.search(rf"^ +{count},$", sql, re.M), path.name


def test_keep_mode_follows_versioning() -> None:
    keeps = {t.raw_table: t.keep for t in TABLES}
    assert keeps["helpdesk__conversations"] == "latest_version"
    assert keeps["helpdesk__messages"] == "first_loaded"
    assert keeps["finance__support_costs"] == "first_loaded"


def test_postgres_spells_a_word_boundary_y_and_nothing_else_changes() -> None:
    assert rules.spelled(rules.CARD, "postgres") == r"(^|[^0-9A-Za-z])[0-9]([ -]?[0-9]){12,18}\y"
    assert rules.spelled(rules.EMAIL, "postgres") == rules.EMAIL
    phone = rules.spelled(rules.PHONE, "postgres")
    assert phone.endswith(r"[0-9]{3,5})\y") and r"\b" not in phone and phone.replace(r"\y", r"\b") == rules.PHONE
    assert rules.spelled(rules.PHONE, "java") == rules.spelled(rules.PHONE, "re2") == rules.PHONE


def test_python_spelling_matches_ascii_word_boundaries_and_captures_nothing() -> None:
    assert rules.spelled(r"(a|\()[(x)](?:b)", "python") == r"(?a)(?:a|\()[(x)](?:b)"
    for pattern in rules.PERSONAL_DATA.values():
        assert re.compile(rules.spelled(pattern, "python")).groups == 0


@pytest.mark.parametrize("name", sorted(rules.PERSONAL_DATA))
def test_duckdb_finds_what_python_finds(name: str) -> None:
    """RE2 (DuckDB) and the Python spelling (the GX suite) match the same text in the same places."""
    pattern = rules.PERSONAL_DATA[name]
    con = duckdb.connect()
    for text in [*EXAMPLES, *TRICKY]:
        duck = con.execute(f"select regexp_extract_all(?, '{rules.spelled(pattern, 're2')}')", [text]).fetchone()
        python = [m.group(0) for m in re.finditer(rules.spelled(pattern, "python"), text)]
        assert duck == (python,), text


def test_phone_numbers_are_the_candidates_with_7_to_15_digits() -> None:
    con = duckdb.connect()
    found = {
        text: con.execute(f"select {rules.duckdb_phone_numbers_sql('?')}", [text]).fetchone()[0]  # type: ignore[index]
        for text in ("call me on +1 415 555 0100 after 5", "office (415) 555-0100, mobile +14155550100",
                     "for 1 299.00 on 2025-01-10", "too long +1234567890123456", "UK: 0171 234 5678")
    }
    assert found == {
        "call me on +1 415 555 0100 after 5": ["+1 415 555 0100"],
        "office (415) 555-0100, mobile +14155550100": ["(415) 555-0100", "+14155550100"],
        "for 1 299.00 on 2025-01-10": [],  # "1 299" has 4 digits; the date is no candidate
        "too long +1234567890123456": [],
        "UK: 0171 234 5678": ["0171 234 5678"],
    }


def test_enum_normalisation_is_the_same_in_python_and_sql() -> None:
    values = {" Web_Chat ": "web_chat", "\tRefund_Exception\n": "refund_exception", "\x0bCSAT\x0c\r": "csat",
              "Web Chat": "web chat", "\u00a0nps": "\u00a0nps"}  # a no-break space is not contract white space
    con = duckdb.connect()
    for value, normalized in values.items():
        assert rules.normalize_enum(value) == normalized
        assert con.execute(f"select {rules.normalize_enum_sql('?')}", [value]).fetchone() == (normalized,)


def test_privacy_suite_flags_each_kind_of_personal_data_and_passes_masked_text() -> None:
    batch = next(b for b in privacy_suite() if b.name == "staging.stg_helpdesk__messages.body")
    texts = ["Write to <email>. Thanks!", "call me on <phone> after 5", "order 12345678 on 2025-01-10 for 1 299.00",
             "mail jane@example.com", "card 4111-1111-1111-1111", "call +1 415 555 0100", "no digits here"]
    con = duckdb.connect()
    con.execute("create schema staging; create table staging.stg_helpdesk__messages (body varchar)")
    con.executemany("insert into staging.stg_helpdesk__messages values (?)", [[t] for t in texts])
    frame = con.execute(batch.sql).df()
    failing = []
    for expect in batch.expectations:
        column = frame[expect.kwargs["column"]]
        if expect.type == "ExpectColumnValuesToNotMatchRegex":  # as GX evaluates it on pandas
            bad = column.astype(str).str.contains(expect.kwargs["regex"])
        else:
            assert expect.type == "ExpectColumnValuesToBeNull"
            bad = column.notna()
        failing.append(frame.loc[bad, "body"].tolist())
    assert failing == [["mail jane@example.com"], ["card 4111-1111-1111-1111"], ["call +1 415 555 0100"]]
    assert frame.loc[frame["body"] == "call +1 415 555 0100", "phone_numbers"].tolist() == ["+1 415 555 0100"]
