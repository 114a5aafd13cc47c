"""Write-audit-publish and the Great Expectations checks.

A clean build publishes marts equal to the candidate's; a planted defect or a sudden drop in rows fails
the audit and leaves the published file byte-identical; a reader holding the old published file keeps
reading it while a new one is published; the Data Docs need no network."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from support_metrics.generate import generate
from support_metrics.load import load_raw
from support_metrics.publish import publish

from .conftest import BUILD_SIZE, Built


@pytest.fixture(scope="module")
def clean(built_projects: Callable[[str], Built]) -> Built:
    built = built_projects("clean")
    assert not built.failure, built.failure[-3000:]
    return built


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def copy_built(built: Built, to: Path) -> tuple[Path, Path]:
    """A private copy of the candidate and the published file, to break without harming the shared build."""
    (to / "published").mkdir(parents=True)
    shutil.copy(built.warehouse, to / "w.duckdb")
    shutil.copy(built.published, to / "published" / "w.duckdb")
    return to / "w.duckdb", to / "published" / "w.duckdb"


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUPPORT_")}
    cmd = [sys.executable, "-m", "support_metrics", *args]
    return subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)


def execute(warehouse: Path, *statements: str) -> None:
    con = duckdb.connect(str(warehouse))
    try:
        for statement in statements:
            con.execute(statement)
    finally:
        con.close()


def test_a_clean_build_publishes_marts_equal_to_the_candidate(clean: Built) -> None:
    con = duckdb.connect(str(clean.warehouse), read_only=True)
    try:
        con.execute(f"attach '{clean.published}' as published (read_only)")
        schemas = con.execute("select distinct table_schema from information_schema.tables "
                              "where table_catalog = 'published'").fetchall()
        assert schemas == [("marts",)], "only the marts are published"
        tags = con.execute("select tags from duckdb_databases() where database_name = 'published'").fetchone()
        assert tags == ({"storage_version": "v1.4.0+"},), "BI tools' older DuckDB (1.4) must read the file"
        marts = [r[0] for r in con.execute("select table_name from information_schema.tables where "
                                           "table_catalog = current_database() and table_schema = 'marts'").fetchall()]
        assert len(marts) >= 20
        for mart in marts:
            for a, b in (("marts", "published.marts"), ("published.marts", "marts")):
                extra = con.execute(f"select count(*) from (select * from {a}.{mart} except all "
                                    f"select * from {b}.{mart})").fetchone()[0]  # type: ignore[index]
                assert extra == 0, f"{mart}: {extra} rows of {a} missing from {b}"
    finally:
        con.close()


def test_data_docs_read_offline_and_cover_every_suite(clean: Built) -> None:
    page = (clean.docs / "index.html").read_text(encoding="utf-8")
    assert "<script" not in page and "<link" not in page
    assert not re.search(r"""(src|href)\s*=\s*["']?https?:""", page)
    for suite in ("raw_landing", "marts", "privacy"):
        assert f"Suite {suite}" in page
    assert "all checks passed" in page
    assert (clean.docs / "validation_results.json").stat().st_size > 1000


def test_an_out_of_scale_csat_score_fails_and_the_published_file_is_untouched(clean: Built, tmp_path: Path) -> None:
    candidate, published = copy_built(clean, tmp_path)
    before = sha256(published)
    # a CSAT score of 9 on a 1..5 scale slips into raw past the loader (as a hand-fixed export would)
    execute(candidate, "update raw.survey__responses set score = 9 where response_id = (select min(response_id) "
                       "from raw.survey__responses where lower(trim(survey_type)) = 'csat' and scale_max = 5)")
    built = cli("build", "--warehouse", str(candidate), "--published", str(published), "--docs", str(tmp_path / "d"))
    assert built.returncode == 1
    assert "left exactly as it was" in built.stdout
    assert sha256(published) == before

    checked = cli("check", "--warehouse", str(candidate), "--published", str(published), "--docs", str(tmp_path / "c"))
    assert checked.returncode == 1
    assert re.search(r"raw\.survey__responses .*scale_max >= score", checked.stdout), checked.stdout[-2000:]
    assert "1 expectation(s) failed" in checked.stderr
    assert "scale_max &gt;= score" in (tmp_path / "c" / "index.html").read_text(encoding="utf-8")
    assert sha256(published) == before


def test_a_broken_mart_invariant_fails_check(clean: Built, tmp_path: Path) -> None:
    candidate, published = copy_built(clean, tmp_path)
    execute(candidate, "update marts.mart_csat_ces_weekly set csat = 1.5 "
                       "where rowid = (select min(rowid) from marts.mart_csat_ces_weekly where csat is not null)",
            "update marts.mart_response_times_weekly set first_response_median_seconds = -1 "
            "where rowid = (select min(rowid) from marts.mart_response_times_weekly)",
            # business seconds longer than the calendar seconds of the same interval
            "update marts.fct_conversations set resolution_business_seconds = resolution_seconds + 60 "
            "where rowid = (select min(rowid) from marts.fct_conversations where resolution_seconds is not null)")
    checked = cli("check", "--warehouse", str(candidate), "--published", str(published), "--docs", str(tmp_path / "c"))
    assert checked.returncode == 1
    assert re.search(r"mart_csat_ces_weekly +expect_column_values_to_be_between +csat", checked.stdout)
    assert re.search(r"mart_response_times_weekly .* first_response_median_seconds", checked.stdout)
    assert re.search(r"fct_conversations +expect_column_pair_values_a_to_be_greater_than_b", checked.stdout)
    assert "3 expectation(s) failed" in checked.stderr


def test_a_repeated_grain_or_an_unreconciled_reply_fails_check(clean: Built, tmp_path: Path) -> None:
    candidate, published = copy_built(clean, tmp_path)
    # one agent's week renamed to another agent of that week: the grain repeats, the replies still add up
    execute(candidate, "update marts.mart_agent_weekly as t set agent_id = (select min(o.agent_id) from "
                       "marts.mart_agent_weekly as o where o.week = t.week and o.agent_id != t.agent_id) "
                       "where rowid = (select max(rowid) from marts.mart_agent_weekly)",
            "update marts.mart_agent_weekly set reply_count = reply_count + 1 "
            "where rowid = (select min(rowid) from marts.mart_agent_weekly)")
    checked = cli("check", "--warehouse", str(candidate), "--published", str(published), "--docs", str(tmp_path / "c"))
    assert checked.returncode == 1
    assert re.search(r"mart_agent_weekly +expect_compound_columns_to_be_unique", checked.stdout), checked.stdout[-2000:]
    assert re.search(r"reconciliation +expect_column_values_to_be_between +difference", checked.stdout)
    assert "2 expectation(s) failed" in checked.stderr


def test_a_sudden_drop_in_rows_is_flagged_and_not_published(clean: Built, tmp_path: Path) -> None:
    _, published = copy_built(clean, tmp_path)
    before = sha256(published)
    # the next run's export lost most of the history: a tenth of the customers, consistent in itself
    generate(tmp_path / "raw", customers=BUILD_SIZE["customers"] // 10, days=BUILD_SIZE["days"], seed=5)
    assert load_raw(tmp_path / "raw", tmp_path / "next.duckdb", echo=lambda _: None).committed
    built = cli("build", "--warehouse", str(tmp_path / "next.duckdb"), "--published", str(published),
                "--docs", str(tmp_path / "d"))
    assert built.returncode == 1, built.stdout[-3000:]
    assert "audit: Great Expectations" in built.stdout, "dbt's own tests pass: the audit is what stops it"
    assert re.search(r"marts\.fct_conversations +expect_table_row_count_to_be_between", built.stdout)
    assert sha256(published) == before


def test_a_reader_of_the_old_published_file_keeps_reading_through_a_publish(clean: Built, tmp_path: Path) -> None:
    candidate, published = copy_built(clean, tmp_path)
    reader = duckdb.connect(str(published), read_only=True)
    try:
        rows_before = reader.execute("select count(*) from marts.fct_conversations").fetchone()
        execute(candidate, "delete from marts.fct_conversations where rowid % 2 = 0")
        publish(candidate, published)
        assert reader.execute("select count(*) from marts.fct_conversations").fetchone() == rows_before
    finally:
        reader.close()
    fresh = subprocess.run([sys.executable, "-c", "import duckdb, sys; print(duckdb.connect(sys.argv[1], "
                            "read_only=True).execute('select count(*) from marts.fct_conversations').fetchone()[0])",
                            str(published)], capture_output=True, text=True, check=True)
    assert int(fresh.stdout) == rows_before[0] - (rows_before[0] + 1) // 2  # type: ignore[index]
    assert not list(published.parent.glob(".*publishing")), "no staged file left behind"
