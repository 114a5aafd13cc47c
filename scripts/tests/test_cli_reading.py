"""`report`, `check` and `mf` named no warehouse: they read the one built (or published) last of your
build's (warehouse/support.duckdb) and the demo's (warehouse/demo.duckdb), say which in one line, or fail
naming the flag. The commands' own work is replaced here by a recorder: only the choice is under test."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from support_metrics import build, check, cli, report, warehouse


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A warehouse folder of the project's layout, with no warehouse in it, and no warehouse named by env."""
    monkeypatch.setattr(warehouse, "DEFAULT_WAREHOUSE", tmp_path / "support.duckdb")
    monkeypatch.setattr(warehouse, "DEMO_WAREHOUSE", tmp_path / "demo.duckdb")
    for name in ("SUPPORT_WAREHOUSE", "SUPPORT_PUBLISHED"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def written(path: Path, at: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"")
    os.utime(path, (at, at))
    return path


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The warehouse each command was handed, in order."""
    seen: list[Path] = []

    def write_report(source: Path, out: Path | None) -> Path:
        seen.append(source)
        return source

    def run_metricflow(args: list[str], named: Path | None) -> int:
        seen.append(warehouse.warehouse_path(named))
        return 0

    def run_checks(target: Path, last: Path, docs: Path | None, echo: object) -> SimpleNamespace:
        seen.append(target)
        return SimpleNamespace(passed=True)

    monkeypatch.setattr(report, "write_report", write_report)
    monkeypatch.setattr(build, "run_metricflow", run_metricflow)
    monkeypatch.setattr(check, "run_checks", run_checks)
    monkeypatch.setattr(check, "print_check_summary", lambda result, echo: None)
    return seen


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli.main, list(args))
    return result.exit_code, result.stderr


def test_report_reads_the_demos_published_file_after_make_demo(folder: Path, calls: list[Path]) -> None:
    written(folder / "demo.duckdb", 100)
    published = written(folder / "published" / "demo.duckdb", 200)
    code, said = run("report")
    assert code == 0 and calls == [published]
    assert f"report: reading {published}, the last published" in said


def test_report_reads_the_file_published_last(folder: Path, calls: list[Path]) -> None:
    written(folder / "published" / "demo.duckdb", 200)
    mine = written(folder / "published" / "support.duckdb", 300)
    written(folder / "demo.duckdb", 400)  # built later but not published: the published file counts
    assert run("report")[0] == 0 and calls == [mine]


def test_check_and_mf_read_the_warehouse_built_last(folder: Path, calls: list[Path]) -> None:
    demo = written(folder / "demo.duckdb", 300)
    written(folder / "support.duckdb", 200)
    assert run("mf", "--", "list", "metrics")[0] == 0
    code, said = run("check")
    assert code == 0 and calls == [demo, demo]
    assert f"check: reading {demo}, the last built (--warehouse FILE reads another)" in said


def test_a_named_warehouse_wins_over_the_last_built(folder: Path, calls: list[Path]) -> None:
    written(folder / "demo.duckdb", 300)
    mine = written(folder / "support.duckdb", 200)
    code, said = run("mf", "--warehouse", str(mine), "--", "list", "metrics")
    assert code == 0 and calls == [mine] and "reading" not in said


def test_no_warehouse_names_the_flag_in_one_line(folder: Path, calls: list[Path]) -> None:
    for command in (["report"], ["check"], ["mf", "--", "list", "metrics"]):
        code, said = run(*command)
        lines = said.strip().splitlines()
        assert code == 1 and calls == [] and len(lines) == 1, said
        assert "--warehouse FILE" in lines[0] and "make demo" in lines[0]
