"""The agents table: a few bots and enough human agents, in teams, to carry the simulated volume."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .catalog import BOTS, TEAM_SHARE, TEAMS
from .clock import DAY, Window
from .phrases import AGENT_FIRST, LAST_NAMES


@dataclass
class Staff:
    """Agent rows (bots first) and, per team, the range of human agent numbers."""

    ids: list[str]
    kinds: list[str]
    names: list[str]
    teams: list[str]
    hired: np.ndarray
    team_first: np.ndarray
    team_size: np.ndarray

    def pick(self, rng: np.random.Generator, team: np.ndarray) -> np.ndarray:
        """A human agent number for each conversation, from the team that handles its intent."""
        t = team.astype(np.int64)
        return (self.team_first[t] + (rng.random(len(t)) * self.team_size[t]).astype(np.int64)).astype(
            np.int16
        )


def build_staff(rng: np.random.Generator, window: Window, conversations_per_day: float) -> Staff:
    """Bots, then humans: about one agent per 15 human-handled conversations a day, at least 2 per team."""
    humans = int(np.clip(round(conversations_per_day * 0.5 / 15), 8, 3000))
    size = np.maximum(np.round(TEAM_SHARE * humans).astype(np.int64), 2)
    first = len(BOTS) + np.cumsum(size) - size
    ids = [b[0] for b in BOTS]
    names = [b[1] for b in BOTS]
    teams = [b[2] for b in BOTS]
    for t, team in enumerate(TEAMS):
        for k in range(int(size[t])):
            n = int(first[t]) + k
            ids.append(f"agent_{n - len(BOTS) + 1:04d}")
            names.append(
                f"{AGENT_FIRST[(n * 7) % len(AGENT_FIRST)]} {LAST_NAMES[(n * 11) % len(LAST_NAMES)].title()}"
            )
            teams.append(team)
    kinds = ["bot"] * len(BOTS) + ["human"] * int(size.sum())
    hired = window.start - (rng.uniform(20, 900, len(ids)) * DAY).astype(np.int64)
    return Staff(ids, kinds, names, teams, hired, first, size)
