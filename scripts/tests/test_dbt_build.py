"""`dbt build` (models, unit tests, data tests) passes on generated data, clean and dirty, and no
personal data planted in raw text reaches a staging model."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from support_metrics.generate import generate
from support_metrics.load import load_raw

SIZE = {"customers": 300, "days": 45, "seed": 11}
PLANTED = ("jane.doe@example.com", "j.smith+support@mail.example.org", "4111 1111 1111 1111",
           "4111-1111-1111-1111", "(415) 555-0100", "+14155550100")


def _build(warehouse: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUPPORT_")}
    cmd = [sys.executable, "-m", "support_metrics", "build", "--warehouse", str(warehouse)]
    return subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)


@pytest.fixture(scope="module", params=["clean", "dirty"])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path, str]:
    work = tmp_path_factory.mktemp(request.param)
    generate(work / "raw", dirty=request.param == "dirty", fmt="mixed", **SIZE)
    assert load_raw(work / "raw", work / "w.duckdb", echo=lambda _: None).committed
    done = _build(work / "w.duckdb")
    return request.param, work / "w.duckdb", done.stdout + done.stderr if done.returncode else ""


def test_dbt_build_passes(built: tuple[str, Path, str]) -> None:
    mode, _, failure = built
    assert not failure, f"dbt build failed on {mode} data:\n{failure[-4000:]}"


def test_no_planted_personal_data_reaches_staging(built: tuple[str, Path, str]) -> None:
    mode, warehouse, _ = built
    con = duckdb.connect(str(warehouse), read_only=True)
    text_columns = con.execute(
        "select table_schema, table_name, column_name from information_schema.columns "
        "where table_schema in ('raw', 'staging') and data_type = 'VARCHAR' "
        "and column_name in ('body', 'comment', 'subject', 'cancel_reason', 'raw_record')"
    ).fetchall()
    found: dict[str, list[str]] = {"raw": [], "staging": []}
    for schema, table, column in text_columns:
        for needle in PLANTED:
            hits = con.execute(f'select count(*) from {schema}.{table} where contains("{column}", ?)', [needle])
            if hits.fetchone()[0]:  # type: ignore[index]
                found[schema].append(f"{table}.{column}: {needle}")
    con.close()
    if mode == "dirty":
        assert {hit.split(": ")[1] for hit in found["raw"]} == set(PLANTED), "the dirty data plants each of them"
    assert found["staging"] == []
