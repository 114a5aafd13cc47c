"""The commands a team with Zendesk and Stripe runs, end to end: generate their shapes, load each, then
`support-metrics build --helpdesk-source zendesk --billing-source stripe` builds, checks and publishes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import query

pytestmark = pytest.mark.slow


def support_metrics(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUPPORT_")}
    return subprocess.run([sys.executable, "-m", "support_metrics", *args], env=env, capture_output=True, text=True,
                          check=False)


def test_zendesk_and_stripe_build_check_and_publish_from_the_command_line(tmp_path: Path) -> None:
    size = ["--customers", "150", "--days", "40", "--seed", "9"]
    for tool in ("zendesk", "stripe"):
        made = support_metrics("generate", "--shape", tool, "--out", str(tmp_path / tool), *size)
        assert made.returncode == 0, made.stderr[-2000:]
    warehouse = tmp_path / "support.duckdb"
    # finance from the contract files; the helpdesk from Zendesk's tables, the billing from Stripe's
    for raw_dir, source in ((tmp_path / "zendesk" / "contract", "contract"),
                            (tmp_path / "zendesk" / "zendesk", "zendesk"), (tmp_path / "stripe" / "stripe", "stripe")):
        loaded = support_metrics("load", "--source", source, "--raw-dir", str(raw_dir), "--warehouse", str(warehouse))
        assert loaded.returncode == 0, loaded.stdout[-2000:] + loaded.stderr[-2000:]
    built = support_metrics("build", "--helpdesk-source", "zendesk", "--billing-source", "stripe",
                            "--warehouse", str(warehouse), "--docs", str(tmp_path / "docs"))
    assert built.returncode == 0, built.stdout[-4000:] + built.stderr[-2000:]
    published = tmp_path / "published" / "support.duckdb"
    marts = query(published, "select count(*) from information_schema.tables where table_schema = 'marts'")[0][0]
    assert marts >= 28 and f"published {marts} tables" in built.stdout
    # conversations came from the Zendesk tickets, accounts from the Stripe customers
    tickets = query(warehouse, "select count(*) from zendesk.ticket")[0][0]
    assert query(published, "select count(*) from marts.fct_conversations") == [(tickets,)]
    assert query(published, "select count(*) from marts.dim_accounts")[0][0] > 0
    refused = support_metrics("load", "--source", "zendesk", "--raw-dir", str(tmp_path / "zendesk" / "zendesk"),
                              "--warehouse", str(tmp_path / "zendesk.duckdb"))
    assert refused.returncode == 1 and "is named like the zendesk schema" in refused.stderr
