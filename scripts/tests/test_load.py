"""The loader as a whole: formats, whole-file rejects, idempotence, atomicity, reconciliation, CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from support_metrics.cli import main
from support_metrics.contract import TABLES

from .conftest import VALID, query, row, run_load, write_csv, write_jsonl, write_parquet

CONV = "helpdesk/conversations"
MSG = "helpdesk/messages"


def snapshot(warehouse: Path) -> dict[str, list[tuple]]:
    """Every row of every table of the warehouse, sorted: what 'exactly as it was' compares."""
    if not warehouse.exists():
        return {}
    tables = query(warehouse, "select table_schema || '.' || table_name from information_schema.tables order by 1")
    return {name: sorted(query(warehouse, f"select * from {name}"), key=repr) for (name,) in tables}


def test_csv_bodies_with_commas_quotes_and_newlines(raw: Path, warehouse: Path) -> None:
    bodies = ['Hi, I need "help"', 'line one\nline two, "quoted"\r\nline three', ",,,", '""']
    write_csv(raw, MSG, "m.csv", [row(MSG, message_id=f"m{i}", body=b) for i, b in enumerate(bodies)])
    run_load(raw, warehouse)
    got = query(warehouse, "select body, _source_row from raw.helpdesk__messages order by message_id")
    assert got == [(b, i + 1) for i, b in enumerate(bodies)]


def test_column_order_is_free_and_extra_columns_are_ignored(raw: Path, warehouse: Path) -> None:
    columns = ["extra_a", *reversed(list(VALID[MSG])), "extra_b"]
    write_csv(raw, MSG, "m.csv", [row(MSG, extra_a="x", extra_b="y")], columns=columns)
    report = run_load(raw, warehouse)
    assert query(warehouse, "select message_id, body from raw.helpdesk__messages") == [("m1", VALID[MSG]["body"])]
    assert report.files[0].status == "loaded"


def test_nullable_column_may_be_absent_from_the_header(raw: Path, warehouse: Path) -> None:
    columns = [c for c in VALID[MSG] if c != "author_id"]
    write_csv(raw, MSG, "m.csv", [row(MSG)], columns=columns)
    run_load(raw, warehouse)
    assert query(warehouse, "select author_id from raw.helpdesk__messages") == [(None,)]


def test_jsonl_and_parquet_load_with_row_numbers(raw: Path, warehouse: Path) -> None:
    write_jsonl(raw, MSG, "a.jsonl", [row(MSG, message_id="j1"), "", row(MSG, message_id="j2")])
    write_parquet(raw, MSG, "b.parquet", [row(MSG, message_id=f"p{i}") for i in range(3)])
    run_load(raw, warehouse)
    got = query(warehouse, "select _source_file, _source_row, message_id from raw.helpdesk__messages order by 1, 2")
    assert got == [
        (f"{MSG}/a.jsonl", 1, "j1"), (f"{MSG}/a.jsonl", 2, "j2"),
        (f"{MSG}/b.parquet", 1, "p0"), (f"{MSG}/b.parquet", 2, "p1"), (f"{MSG}/b.parquet", 3, "p2"),
    ]


@pytest.mark.parametrize("content", [b"message_id,body\nm1,caf\xe9\n", b'{"message_id": "caf\xe9"}\n'])
def test_file_not_utf8_is_rejected_whole(raw: Path, warehouse: Path, content: bytes) -> None:
    name = "bad.csv" if content.startswith(b"message_id") else "bad.jsonl"
    write_csv(raw, MSG, "a_good.csv", [row(MSG)])
    (raw / MSG / name).write_bytes(content)
    report = run_load(raw, warehouse)
    assert [f.status for f in report.files] == ["loaded", "rejected"]
    manifest = query(warehouse, "select source_file, status, rows_read, reason from raw._load_manifest order by 1")
    assert manifest[1][:3] == (f"{MSG}/{name}", "rejected", 0)
    assert "UTF-8" in manifest[1][3] or "utf-8" in manifest[1][3]
    assert query(warehouse, "select count(*) from raw.helpdesk__messages") == [(1,)]
    assert query(warehouse, "select count(*) from raw._rejects") == [(0,)]


def test_file_missing_a_required_column_is_rejected_whole(raw: Path, warehouse: Path) -> None:
    write_csv(raw, MSG, "m.csv", [row(MSG)], columns=[c for c in VALID[MSG] if c != "body"])
    report = run_load(raw, warehouse)
    assert report.files[0].status == "rejected"
    assert report.files[0].reason == "required column(s) missing from the header: body"
    assert query(warehouse, "select count(*) from raw.helpdesk__messages") == [(0,)]


def test_parquet_that_is_not_parquet_is_rejected_whole(raw: Path, warehouse: Path) -> None:
    (raw / MSG).mkdir(parents=True)
    (raw / MSG / "m.parquet").write_text("message_id\nm1\n")
    report = run_load(raw, warehouse)
    assert report.files[0].status == "rejected" and "Parquet" in (report.files[0].reason or "")


def test_files_without_rows_load_zero_rows(raw: Path, warehouse: Path) -> None:
    write_csv(raw, MSG, "header_only.csv", [])
    (raw / MSG / "zero.csv").write_bytes(b"")
    (raw / MSG / "empty.jsonl").write_bytes(b"\n\n")
    write_parquet(raw, CONV, "none.parquet", [row(CONV)])  # then overwrite with an empty one
    import duckdb
    duckdb.sql(f"copy (select * from '{raw / CONV / 'none.parquet'}' limit 0) to '{raw / CONV / 'none.parquet'}'")
    report = run_load(raw, warehouse)
    assert [(f.status, f.rows_read) for f in report.files] == [("loaded", 0)] * 4


def test_reload_skips_files_already_loaded(raw: Path, warehouse: Path) -> None:
    write_csv(raw, MSG, "m.csv", [row(MSG)])
    first = run_load(raw, warehouse)
    second = run_load(raw, warehouse)
    assert first.load_id == 1 and second.load_id == 2
    assert [f.status for f in second.files] == ["skipped"]
    assert query(warehouse, "select count(*) from raw.helpdesk__messages") == [(1,)]
    write_csv(raw, MSG, "m2.csv", [row(MSG, message_id="m2")])
    third = run_load(raw, warehouse)
    assert [f.status for f in third.files] == ["skipped", "loaded"]
    assert query(warehouse, "select message_id, _load_id from raw.helpdesk__messages order by 1") == [
        ("m1", 1), ("m2", 3),
    ]


def _two_tables(raw: Path) -> None:
    write_csv(raw, CONV, "c.csv", [row(CONV), row(CONV, conversation_id="c2", channel="fax")])
    write_csv(raw, MSG, "m1.csv", [row(MSG)])
    write_csv(raw, MSG, "m2.csv", [row(MSG, message_id="m2")])


def test_a_failure_midway_leaves_the_warehouse_as_it_was(raw: Path, warehouse: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    write_csv(raw, "billing/accounts", "a.csv", [row("billing/accounts")])
    run_load(raw, warehouse)
    before = snapshot(warehouse)
    _two_tables(raw)
    monkeypatch.setenv("SUPPORT_LOAD_FAULT_AFTER", "3")
    with pytest.raises(RuntimeError, match="injected fault"):
        run_load(raw, warehouse)
    assert snapshot(warehouse) == before
    monkeypatch.delenv("SUPPORT_LOAD_FAULT_AFTER")
    run_load(raw, warehouse)
    assert query(warehouse, "select count(*) from raw.helpdesk__messages") == [(2,)]


def test_a_killed_load_leaves_the_warehouse_as_it_was(raw: Path, warehouse: Path) -> None:
    write_csv(raw, "billing/accounts", "a.csv", [row("billing/accounts")])
    run_load(raw, warehouse)
    before = snapshot(warehouse)
    _two_tables(raw)
    env = {**os.environ, "SUPPORT_LOAD_FAULT_AFTER": "3", "SUPPORT_LOAD_FAULT": "kill"}
    cmd = [sys.executable, "-m", "support_metrics", "load", "--raw-dir", str(raw), "--warehouse", str(warehouse)]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == -9, done.stderr
    assert snapshot(warehouse) == before


def test_rows_read_equal_rows_loaded_plus_rejected(raw: Path, warehouse: Path) -> None:
    _two_tables(raw)
    write_jsonl(raw, MSG, "m3.jsonl", [row(MSG, message_id="m3"), "nope", row(MSG, message_id="m4", author_type="x")])
    run_load(raw, warehouse)
    manifest = query(warehouse, "select source_file, rows_read, rows_loaded, rows_rejected from raw._load_manifest")
    assert all(read == loaded + rejected for _, read, loaded, rejected in manifest)
    assert sum(m[1] for m in manifest) == 7
    for source_file, _, loaded, rejected in manifest:
        table = source_file.split("/")[0] + "__" + source_file.split("/")[1]
        landed = query(warehouse, f"select count(*) from raw.{table} where _source_file = '{source_file}'")
        kept = query(warehouse, f"select count(*) from raw._rejects where source_file = '{source_file}'")
        assert (landed[0][0], kept[0][0]) == (loaded, rejected)


def test_every_contract_table_exists_after_a_load(raw: Path, warehouse: Path) -> None:
    write_csv(raw, MSG, "m.csv", [row(MSG)])
    run_load(raw, warehouse)
    sql = "select table_name from information_schema.tables where table_schema = 'raw'"
    names = {n for (n,) in query(warehouse, sql)}
    assert names == {t.raw_table for t in TABLES} | {"_load_manifest", "_rejects"}


def test_cli_exit_codes_and_strict(raw: Path, warehouse: Path) -> None:
    runner = CliRunner()
    args = ["load", "--raw-dir", str(raw), "--warehouse", str(warehouse)]
    write_csv(raw, CONV, "c.csv", [row(CONV), row(CONV, conversation_id="c2", channel="fax")])
    strict = runner.invoke(main, [*args, "--strict"])
    assert strict.exit_code == 1 and "--strict: 1 row(s) rejected; nothing was loaded" in strict.output
    assert "c.csv, row 2, column channel" in strict.output
    assert not warehouse.exists() or query(warehouse, "select count(*) from information_schema.tables") == [(0,)]
    ok = runner.invoke(main, args)
    assert ok.exit_code == 0, ok.output
    assert "helpdesk__conversations" in ok.output and "rows rejected" in ok.output
    (raw / MSG).mkdir(parents=True)
    (raw / MSG / "m.csv").write_bytes(b"message_id\n\xff\n")
    bad = runner.invoke(main, args)
    assert bad.exit_code == 1 and "REJECTED FILE helpdesk/messages/m.csv" in bad.output


def test_cli_names_a_missing_landing_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["load", "--raw-dir", str(tmp_path / "nope")])
    assert result.exit_code == 1 and "landing folder not found" in result.output


@pytest.mark.parametrize("command", [[], ["load"], ["build"], ["demo"], ["dbt"], ["generate"], ["bench"],
                                     ["bench", "load"], ["bench", "generate"]])
def test_every_command_has_help(command: list[str]) -> None:
    result = CliRunner().invoke(main, [*command, "--help"])
    assert result.exit_code == 0 and "Usage:" in result.output
