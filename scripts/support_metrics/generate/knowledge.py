"""Knowledge-base articles and their views: help-center reading that spares a contact, bot suggestions."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .catalog import INTENT_INDEX, N_INTENTS, intent_array
from .clock import DAY, HOUR, Window
from .frames import Frame, concat, take
from .phrases import KB_TITLES, RELEASE_ARTICLE

TECH = INTENT_INDEX["technical_troubleshooting"]
HELP_CENTER, BOT = 0, 1


@dataclass
class Articles:
    """Article versions (one row each) and, per intent, the range of its article numbers."""

    titles: list[str]
    intents: np.ndarray
    versions: Frame  # art, updated
    first: np.ndarray
    count: np.ndarray
    release_article: int
    release_fix: int

    def pick(self, rng: np.random.Generator, intent: np.ndarray, t: np.ndarray) -> np.ndarray:
        """An article of each intent; after the release fix, half the technical ones get the new article."""
        i = intent.astype(np.int64)
        art = self.first[i] + (rng.random(len(i)) * self.count[i]).astype(np.int64)
        new = (i == TECH) & (t >= self.release_fix) & (rng.random(len(i)) < 0.5)
        return np.where(new, self.release_article, art).astype(np.int16)


def build_articles(rng: np.random.Generator, window: Window, release_fix: int) -> Articles:
    """Articles per intent written before the window (some revised in it); one for the release."""
    titles = [title for _, title in KB_TITLES] + [RELEASE_ARTICLE]
    intents = np.array([i for i, _ in KB_TITLES] + [TECH], dtype=np.int16)
    n = len(titles)
    written = window.start - (rng.uniform(30, 700, n) * DAY).astype(np.int64)
    written[-1] = release_fix
    revised = (rng.random(n) < 0.2) & (np.arange(n) < n - 1)
    rev_t = window.start + (rng.random(int(revised.sum())) * (window.end - window.start - DAY)).astype(
        np.int64
    )
    versions = {
        "art": np.r_[np.arange(n), np.flatnonzero(revised)].astype(np.int16),
        "updated": np.r_[written, rev_t].astype(np.int64),
    }
    count = np.bincount(intents[:-1], minlength=N_INTENTS)
    first = np.cumsum(count) - count
    return Articles(titles, intents, versions, first, count, n - 1, release_fix)


def self_serve(
    rng: np.random.Generator, window: Window, needs: Frame, articles: Articles, release: tuple[int, int, int]
) -> tuple[Frame, np.ndarray]:
    """Help-center views before first contacts; returns the views and which contacts still happen."""
    it, created = needs["intent"].astype(np.int64), needs["created"]
    n = len(it)
    rel_start, rel_fix, _ = release
    in_gap = (it == TECH) & (created >= rel_start) & (created < rel_fix)
    viewed = (rng.random(n) < intent_array("kb_view")[it]) & ~needs["lead"]
    p_self = intent_array("kb_selfserve")[it] * np.where(in_gap, 0.2, 1.0)
    spared = viewed & (rng.random(n) < p_self)
    before = np.where(spared, rng.uniform(0, 2 * HOUR, n), rng.uniform(120, 20 * HOUR, n)).astype(np.int64)
    v = np.flatnonzero(viewed)
    views = {
        "cust": needs["cust"][v],
        "art": articles.pick(rng, it[v], created[v]),
        "t": np.maximum(created[v] - before[v], needs["cust_created"][v]),
        "source": np.zeros(len(v), np.int8),
    }
    browse = int(0.2 * n)
    who = rng.integers(0, max(n, 1), browse)
    extra = {
        "cust": needs["cust"][who] if n else np.zeros(0, np.int32),
        "art": rng.integers(0, len(articles.titles) - 1, browse).astype(np.int16),
        "t": np.maximum(window.arrivals(rng, browse, "chat"), needs["cust_created"][who] if n else 0),
        "source": np.zeros(browse, np.int8),
    }
    views = concat([views, extra])
    return take(views, (views["t"] >= window.start) & (views["t"] < window.end)), ~spared


def bot_views(
    rng: np.random.Generator, window: Window, events: Frame, cust_of_conv: np.ndarray, suggested: int
) -> Frame:
    """Customers click about half of the articles the bot suggests."""
    pick = np.flatnonzero((events["etype"] == suggested) & (rng.random(len(events["etype"])) < 0.55))
    t = events["t"][pick] + rng.integers(5, 90, len(pick))
    keep = t < window.end
    return {
        "cust": cust_of_conv[events["conv"][pick]][keep],
        "art": events["article"][pick][keep],
        "t": t[keep],
        "source": np.full(int(keep.sum()), BOT, np.int8),
    }
