"""Dirty mode of the generator: the bad rows it plants are listed in a manifest, are bad in the way the
manifest says, load to the same story as clean data, and are exactly what the loader rejects."""

from __future__ import annotations

import csv
import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import pytest

from support_metrics.contract import SURVEY_SCALES, TABLES, Table
from support_metrics.generate import REJECTS_MANIFEST, generate
from support_metrics.load import load_raw

from .conftest import scalar

DIRTY = {"customers": 500, "days": 62, "seed": 3}
REASON_CODES = {
    "missing_key", "missing_required", "unparsable", "invalid_value", "timestamp_order", "status_mismatch",
    "invalid_scale", "score_out_of_scale", "missing_conversation_id", "invalid_json", "not_an_object",
}

@pytest.fixture(scope="module")
def dirty(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dirty")
    generate(out, dirty=True, fmt="mixed", **DIRTY)
    return out



def _records(path: Path) -> list[Any]:
    """A file's records in order, numbered as the contract numbers them; bad JSON lines as (code, line)."""
    if path.suffix == ".csv":
        with path.open(newline="", encoding="utf-8") as handle:
            return list(csv.DictReader(handle))
    if path.suffix == ".parquet":
        cursor = duckdb.connect().execute(f"select * from read_parquet('{path}')")
        names = [d[0] for d in cursor.description]
        return [{n: None if v is None else str(v).lower() if isinstance(v, bool) else str(v)
                 for n, v in zip(names, row, strict=True)} for row in cursor.fetchall()]
    out: list[Any] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError:
            out.append(("invalid_json", line))
            continue
        if not isinstance(value, dict):
            out.append(("not_an_object", line))
            continue
        out.append({k: None if v is None else str(v).lower() if isinstance(v, bool) else str(v)
                    for k, v in value.items()})
    return out


def _blank(value: Any) -> bool:
    return value is None or str(value).strip(" \t\n\r\v\f") == ""


def _when(value: Any) -> datetime | None:
    try:
        return None if _blank(value) else datetime.fromisoformat(str(value).strip())
    except ValueError:
        return None


def _unparsable(table: Table, value: Any) -> bool:
    for c in table.columns:
        text = value(c.name)
        if _blank(text) or c.type == "string":
            continue
        if c.type in ("timestamp", "date") and _when(text) is None:
            return True
        number = re.fullmatch(r"-?\d+(\.\d+)?|true|false", str(text).strip())
        if c.type not in ("timestamp", "date") and not number:
            return True
    return False


def _defective(table: Table, record: Any, code: str) -> bool:
    """Is the record defective in the way its reason code says?"""
    if code in ("invalid_json", "not_an_object"):
        return isinstance(record, tuple) and record[0] == code
    if not isinstance(record, dict):
        return False
    value = record.get
    if code == "missing_key":
        return _blank(value(table.key))
    if code == "missing_required":
        return any(_blank(value(c)) for c in table.required_columns if c != table.key)
    if code == "unparsable":
        return _unparsable(table, value)
    if code == "invalid_value":
        return any(not _blank(value(c.name)) and str(value(c.name)).strip().lower() not in c.values
                   for c in table.columns if c.values)
    if code == "timestamp_order":
        pairs = [("updated_at", "created_at"), ("resolved_at", "created_at"), ("closed_at", "created_at"),
                 ("responded_at", "sent_at")]
        stamps = [(_when(value(a)), _when(value(b))) for a, b in pairs]
        return any(a is not None and b is not None and a < b for a, b in stamps)
    if code == "status_mismatch":
        status = str(value("status")).strip().lower()
        resolved_at, closed_at = not _blank(value("resolved_at")), not _blank(value("closed_at"))
        return (status == "resolved") != resolved_at or (status == "open") == closed_at
    kind = str(value("survey_type")).strip().lower()
    low, high = float(value("scale_min")), float(value("scale_max"))
    if code == "invalid_scale":
        return (int(low), int(high)) not in SURVEY_SCALES[kind]
    if code == "score_out_of_scale":
        return not low <= float(value("score")) <= high
    if code == "missing_conversation_id":
        return kind in ("csat", "ces") and _blank(value("conversation_id"))
    raise AssertionError(f"unknown reason code {code}")


def test_dirty_manifest_lists_every_kind_of_bad_row_and_they_are_bad(dirty: Path) -> None:
    with (dirty / REJECTS_MANIFEST).open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["reason_code"] for r in rows} == REASON_CODES
    by_raw = {t.raw_table: t for t in TABLES}
    files = [p for t in TABLES for p in (dirty / t.folder).iterdir()]
    records = {p.relative_to(dirty).as_posix(): _records(p) for p in files}
    for row in rows:
        table = by_raw[row["table"]]
        assert row["source_file"].startswith(table.folder + "/")
        record = records[row["source_file"]][int(row["source_row"]) - 1]
        assert _defective(table, record, row["reason_code"]), (row, record)
        if row["reason_code"] in ("invalid_json", "not_an_object"):
            assert row["source_file"].endswith(".jsonl")
    assert len(rows) < 0.04 * sum(len(r) for r in records.values())


def test_dirty_mode_adds_the_mess_the_contract_allows(dirty: Path) -> None:
    texts = "\n".join(p.read_text(encoding="utf-8") for p in sorted(dirty.rglob("*"))
                      if p.suffix in (".csv", ".jsonl"))
    for needle in ("+01:00", "-05:00", "jane.doe@example.com", "4111 1111 1111 1111", "(415) 555-0100",
                   "+14155550100", "order 12345678", " Web_Chat ", "priority"):
        assert needle in texts, needle
    assert re.search(r"T\d{2}:\d{2}:\d{2}[\",\n]", texts), "a timestamp without offset"
    for folder in ("helpdesk/conversations", "helpdesk/messages", "helpdesk/events", "survey/responses"):
        files = sorted((dirty / folder).iterdir())
        assert len(files) >= 3 and files[-1].stem.endswith("reexport"), folder


def test_dirty_data_loads_to_the_same_story_as_clean_data(tmp_path: Path, dirty: Path) -> None:
    """Versions resolve (latest updated_at wins), so a dirty run tells the clean run's story."""
    clean = tmp_path / "clean"
    generate(clean, fmt="csv", **DIRTY)
    latest = """select conversation_id, lower(trim(status)) as status, created_at, resolved_at, closed_at
                from raw.helpdesk__conversations
                qualify row_number() over (
                    partition by conversation_id order by updated_at desc, _source_file desc, _source_row desc
                ) = 1"""
    states = []
    for raw in (clean, dirty):
        warehouse = tmp_path / f"{raw.name}.duckdb"
        assert load_raw(raw, warehouse, echo=lambda _: None).committed
        con = duckdb.connect(str(warehouse), read_only=True)
        states.append(set(con.execute(latest).fetchall()))
        opened_then_resolved = scalar(con, """
            select count(distinct conversation_id) from raw.helpdesk__conversations a
            join raw.helpdesk__conversations b using (conversation_id)
            where lower(trim(a.status)) = 'open' and lower(trim(b.status)) = 'resolved'
              and a._source_file < b._source_file""") if raw == dirty else 1
        assert opened_then_resolved > 0
        con.close()
    assert states[0] == states[1]


def test_the_loader_rejects_exactly_what_the_dirty_manifest_lists(tmp_path: Path, dirty: Path) -> None:
    """Every injected bad row is rejected with the planned reason, and nothing else is rejected."""
    with (dirty / REJECTS_MANIFEST).open(newline="", encoding="utf-8") as handle:
        planted = {(r["source_file"], int(r["source_row"]), r["table"], r["reason_code"])
                   for r in csv.DictReader(handle)}
    warehouse = tmp_path / "dirty.duckdb"
    assert load_raw(dirty, warehouse, echo=lambda _: None).committed
    con = duckdb.connect(str(warehouse), read_only=True)
    rejected = con.execute(
        "select source_file, source_row, table_name, reason_code from raw._rejects"
    ).fetchall()
    whole_files = scalar(con, "select count(*) from raw._load_manifest where status <> 'loaded'")
    con.close()
    assert len(rejected) == len(set(rejected)), "one reject row per bad row"
    assert set(rejected) == planted
    assert whole_files == 0
