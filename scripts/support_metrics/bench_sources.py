"""Source benchmark: the same simulated operation loaded and built from the contract's files and from a tool's
shape (as its connector lands it), one full build each; the tool's load and build against the contract's."""

from __future__ import annotations

import platform
import shutil
import tempfile
from pathlib import Path

import duckdb

from .bench_build import _dbt
from .bench_generate import DAYS, customers_for
from .connectors import CONNECTORS, dbt_source_args, write_shape
from .console import Echo, table
from .generate import generate
from .load import load_raw
from .measure import measured


def _load(folders: list[tuple[Path, str]], warehouse: Path) -> int:
    return sum(load_raw(folder, warehouse, echo=lambda _: None, source=source).rows_loaded
               for folder, source in folders)


def bench_tool(size: int, tool: str, work: Path, echo: Echo) -> list[list[object]]:
    """One size for one tool in `work`; a row per source: load and build seconds and peak memory."""
    customers = customers_for(size)
    summary = generate(work / "contract", customers=customers, days=DAYS)
    generate(work / "shaped" / "contract", customers=customers, days=DAYS)
    write_shape(tool, work / "shaped" / "contract", work / "shaped" / tool)
    echo(f"~{size:,} conversations ({summary.conversations:,}, {summary.messages:,} messages) as contract and {tool}")
    domain = CONNECTORS[tool].domain
    runs = {
        "contract": ([(work / "contract", "contract")], []),
        tool: ([(work / "shaped" / "contract", "contract"), (work / "shaped" / tool, tool)],
               dbt_source_args(**{f"{domain}_source": tool})),
    }
    rows, seconds = [], {}
    for name, (folders, args) in runs.items():
        warehouse = work / f"from_{name}.duckdb"
        loaded = measured(lambda folders=folders, warehouse=warehouse: _load(folders, warehouse))
        measured(lambda args=args, warehouse=warehouse: _dbt(["seed", *args], warehouse))
        built = measured(lambda args=args, warehouse=warehouse: _dbt(["run", "--full-refresh", *args], warehouse))
        seconds[name] = (loaded.seconds, built.seconds)
        rows.append([name, round(loaded.seconds, 1), round(built.seconds, 1),
                     round(loaded.seconds + built.seconds, 1), round(built.peak_mib)])
    (load_c, build_c), (load_t, build_t) = seconds["contract"], seconds[tool]
    echo(f"  {tool} / contract: load {load_t / load_c:.2f}x, build {build_t / build_c:.2f}x, load + build "
         f"{(load_t + build_t) / (load_c + build_c):.2f}x (goal: within 1.3x)")
    return rows


def run(sizes: list[int], tools: list[str], echo: Echo, workdir: Path | None = None) -> None:
    rows = []
    for size in sizes:
        for tool in tools:
            work = Path(tempfile.mkdtemp(prefix="bench-sources-", dir=workdir))
            try:
                rows += [[size, *row] for row in bench_tool(size, tool, work, echo)]
            finally:
                shutil.rmtree(work, ignore_errors=True)
    echo(table(["conversations", "source", "load s", "build s", "load+build s", "build peak MiB"], rows))
    echo(f"{platform.machine()}, duckdb {duckdb.__version__}; full build is dbt run --full-refresh after dbt seed")
