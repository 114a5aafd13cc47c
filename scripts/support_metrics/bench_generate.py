"""Generator benchmark: wall seconds and peak memory to write N conversations (goal at 1M: < 2 min, < 4 GiB)."""

from __future__ import annotations

import platform
import shutil
import tempfile
from pathlib import Path

from .console import Echo, table
from .generate import CONVERSATIONS_PER_CUSTOMER_DAY, generate
from .measure import measured

DAYS = 120


def customers_for(conversations: int, days: int = DAYS) -> int:
    """Customers that give about `conversations` conversations over `days` days."""
    return max(10, round(conversations / (CONVERSATIONS_PER_CUSTOMER_DAY * days)))


def run(sizes: list[int], fmt: str, dirty: bool, echo: Echo, workdir: Path | None = None) -> list[list[object]]:
    """Generate each size into a scratch folder in a forked child; print and return the figures."""
    rows: list[list[object]] = []
    for size in sizes:
        work = Path(tempfile.mkdtemp(prefix="bench-generate-", dir=workdir))
        customers = customers_for(size)
        echo(f"generating ~{size:,} conversations ({customers:,} customers x {DAYS} days, {fmt}"
             f"{', dirty' if dirty else ''}) ...")
        try:
            result = measured(lambda: generate(work / "raw", customers=customers, days=DAYS,  # noqa: B023
                                               fmt=fmt, dirty=dirty))
            mib = sum(p.stat().st_size for p in (work / "raw").rglob("*") if p.is_file()) / 2**20
        finally:
            shutil.rmtree(work, ignore_errors=True)
        summary = result.value
        rows.append([summary.conversations, summary.messages, result.seconds,
                     int(summary.conversations / result.seconds), result.peak_mib, mib])
        echo(f"  {summary.conversations:,} conversations in {result.seconds:.1f}s, peak {result.peak_mib:,.0f} MiB")
    echo(table(["conversations", "messages", "seconds", "conversations/s", "peak MiB", "output MiB"], rows))
    echo(f"format {fmt}, dirty={dirty}, {platform.machine()}; goal at 1M conversations: < 120 s and < 4,096 MiB")
    return rows
