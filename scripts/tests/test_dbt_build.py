"""`dbt build` (models, unit tests, data tests) passes on generated data, clean and dirty, and no
personal data planted in raw text reaches a staging model."""

from __future__ import annotations

from collections.abc import Callable

import duckdb
import pytest

from .conftest import Built

PLANTED = ("jane.doe@example.com", "j.smith+support@mail.example.org", "4111 1111 1111 1111",
           "4111-1111-1111-1111", "(415) 555-0100", "+14155550100")


@pytest.fixture(scope="module", params=["clean", "dirty"])
def built(request: pytest.FixtureRequest, built_projects: Callable[[str], Built]) -> Built:
    return built_projects(request.param)


def test_dbt_build_passes(built: Built) -> None:
    assert not built.failure, f"dbt build failed on {built.mode} data:\n{built.failure[-4000:]}"


def test_no_planted_personal_data_reaches_staging(built: Built) -> None:
    mode, warehouse = built.mode, built.warehouse
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
