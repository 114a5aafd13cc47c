"""Property: for any mix of good and malformed records, every record is loaded or rejected, once."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import query, row, run_load, write_csv, write_jsonl

MSG = "helpdesk/messages"
WHITESPACE = " \t\n\x0b\x0c\r"
BODIES = st.text(alphabet=st.sampled_from(list("aZé9 ,\"'\n\r\t;{}[]\\ß")), max_size=30)
# A defect and the reason code the loader must give it ("good" means it must load).
DEFECTS = st.sampled_from(["good", "good", "good", "missing_key", "missing_required", "invalid_value",
                           "unparsable", "invalid_json", "not_an_object", "blank"])


def _expected(defect: str, body: str) -> str:
    if defect == "good" and body.strip(WHITESPACE) == "":
        return "missing_required"  # a white-space-only body is a missing body
    return defect


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records=st.lists(st.tuples(DEFECTS, BODIES), max_size=25), as_jsonl=st.booleans())
def test_nothing_is_lost_or_invented(records: list[tuple[str, str]], as_jsonl: bool) -> None:
    if not as_jsonl:  # CSV cannot hold a blank or non-object line: those defects become good rows
        records = [("good" if d in ("invalid_json", "not_an_object", "blank") else d, b) for d, b in records]
    lines: list[dict | str] = []
    expected: dict[int, tuple[str, str, str]] = {}
    number = 0
    for index, (defect, body) in enumerate(records):
        if defect == "blank":
            lines.append("   ")
            continue
        number += 1
        key = f"m{index}"
        changes = {"message_id": key, "body": body}
        if defect == "missing_key":
            changes["message_id"] = ""
        elif defect == "missing_required":
            changes["conversation_id"] = " "
        elif defect == "invalid_value":
            changes["author_type"] = "robot"
        elif defect == "unparsable":
            changes["created_at"] = "2026-13-45"
        record: dict | str = row(MSG, **changes)
        if defect == "invalid_json":
            record = '{"message_id": "' + key
        elif defect == "not_an_object":
            record = f'["{key}"]'
        lines.append(record)
        expected[number] = (_expected(defect, body), key, body)
    with tempfile.TemporaryDirectory() as tmp:
        raw, warehouse = Path(tmp) / "raw", Path(tmp) / "w.duckdb"
        if as_jsonl:
            write_jsonl(raw, MSG, "m.jsonl", lines)
        else:
            write_csv(raw, MSG, "m.csv", [r for r in lines if isinstance(r, dict)])
        report = run_load(raw, warehouse)
        loaded = query(warehouse, "select _source_row, message_id, body from raw.helpdesk__messages order by 1")
        rejected = query(warehouse, "select source_row, reason_code from raw._rejects order by 1")
    assert report.files[0].rows_read == len(expected)
    assert loaded == [(n, key, body) for n, (code, key, body) in expected.items() if code == "good"]
    assert rejected == [(n, code) for n, (code, _, _) in expected.items() if code != "good"]
