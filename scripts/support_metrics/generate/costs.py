"""The monthly support-cost ledger (finance/support_costs), scaled to the simulated volume."""

from __future__ import annotations

import numpy as np

from ..contract import COST_CATEGORIES
from .clock import Window, month_starts
from .frames import Frame
from .staff import Staff

CATEGORY = {name: k for k, name in enumerate(COST_CATEGORIES)}


def ledger(rng: np.random.Generator, window: Window, convs: Frame, messages: Frame, staff: Staff) -> Frame:
    """Per month: agent labor per team (by human conversations), tooling, AI usage, training and QA."""
    starts = month_starts(window.start, window.end)
    ends = np.r_[starts[1:], window.end]
    cm = np.searchsorted(starts, convs["created"], side="right") - 1
    mm = np.searchsorted(starts, messages["t"], side="right") - 1
    n_months = len(starts)
    human = np.bincount(cm[convs["human"]], minlength=n_months)
    by_team = np.stack(
        [
            np.bincount(cm[convs["human"] & (convs["team"] == t)], minlength=n_months)
            for t in range(len(staff.team_size))
        ]
    )
    bot_msgs = np.bincount(mm[messages["author"] == 1], minlength=n_months)
    bot_convs = np.bincount(cm[convs["bot"]], minlength=n_months)
    total = np.bincount(cm, minlength=n_months)
    covered = (np.minimum(ends, window.end) - np.maximum(starts, window.start)) / (ends - starts)
    humans = int(staff.team_size.sum())
    rows: list[tuple[int, int, int, float]] = []  # (month, category, entry, amount)
    for m in range(n_months):
        noise = rng.uniform(0.95, 1.05, 8)
        for t in range(len(staff.team_size)):
            rows.append((m, CATEGORY["agent_labor"], t, by_team[t, m] * 7.8 * noise[t]))
        rows.append((m, CATEGORY["tooling"], 0, (1800 + 69 * humans) * covered[m]))
        rows.append((m, CATEGORY["tooling"], 1, 0.35 * total[m] * noise[4]))
        rows.append((m, CATEGORY["ai_usage"], 0, (0.012 * bot_msgs[m] + 0.03 * bot_convs[m]) * noise[5]))
        rows.append((m, CATEGORY["training"], 0, (900 + 40 * humans) * covered[m] * noise[6]))
        rows.append((m, CATEGORY["qa"], 0, 0.45 * human[m] * noise[7]))
    table = np.array(rows, dtype=float).reshape(-1, 4)
    return {
        "month": starts[table[:, 0].astype(np.int64)],
        "category": table[:, 1].astype(np.int8),
        "entry": table[:, 2].astype(np.int8),
        "cents": np.rint(table[:, 3] * 100).astype(np.int64),
    }
