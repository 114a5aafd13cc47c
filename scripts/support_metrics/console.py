"""Plain-text output helpers shared by the commands: aligned tables and counters."""

from __future__ import annotations

from collections.abc import Callable, Sequence

Echo = Callable[[str], None]


def fail(message: str) -> None:
    """A command's error: one red line on stderr, exit 1."""
    import sys

    import click

    click.secho(f"error: {message}", fg="red", err=True)
    sys.exit(1)


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """An aligned text table; numbers right-aligned with thousands separators."""
    def cell(value: object) -> str:
        if isinstance(value, bool) or value is None:
            return "" if value is None else str(value)
        if isinstance(value, int):
            return f"{value:,}"
        if isinstance(value, float):
            return f"{value:,.2f}"
        return str(value)

    cells = [[cell(v) for v in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    numeric = [all(isinstance(row[i], (int, float)) for row in rows) and rows for i in range(len(headers))]

    def line(values: Sequence[str]) -> str:
        pairs = enumerate(zip(values, widths, strict=True))
        return "  ".join(v.rjust(w) if numeric[i] else v.ljust(w) for i, (v, w) in pairs)

    return "\n".join([line(headers), line(["-" * w for w in widths])] + [line(r) for r in cells]).rstrip()
