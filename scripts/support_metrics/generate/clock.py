"""Time for the simulation: the window, arrival rhythms, staffed hours, months and quarters.

All instants are int64 seconds since the Unix epoch, in UTC.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import numpy as np

from .catalog import BUSY_HOUR, HOURLY_CHAT, HOURLY_EMAIL, STAFFED, WEEKDAY

DAY = 86400
HOUR = 3600
DEFAULT_START = date(2025, 11, 1)


def epoch(day: date) -> int:
    """Midnight UTC of a calendar day, in epoch seconds."""
    return int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp())


def weekday(t: np.ndarray) -> np.ndarray:
    """Monday = 0 .. Sunday = 6 (1970-01-01 was a Thursday)."""
    return ((t // DAY) + 3) % 7


def month_starts(lo: int, hi: int) -> np.ndarray:
    """First instants of every calendar month that overlaps [lo, hi)."""
    first = np.datetime64(lo, "s").astype("datetime64[M]")
    last = np.datetime64(hi - 1, "s").astype("datetime64[M]")
    months = np.arange(first, last + 1)
    return months.astype("datetime64[s]").astype(np.int64)


def quarter_starts(lo: int, hi: int) -> np.ndarray:
    """First instants of every calendar quarter that overlaps [lo, hi)."""
    months = month_starts(lo, hi).astype("datetime64[s]").astype("datetime64[M]")
    first = months[0] - (months[0].astype(np.int64) % 3)
    quarters = np.arange(first, months[-1] + 1, 3)
    return quarters.astype("datetime64[s]").astype(np.int64)


def add_months(t: np.ndarray, k: np.ndarray | int) -> np.ndarray:
    """t shifted by k calendar months, keeping the day of month (clipped to 28) and time of day."""
    month = t.astype("datetime64[s]").astype("datetime64[M]")
    day = np.minimum((t - month.astype("datetime64[s]").astype(np.int64)) // DAY, 27)
    tod = t % DAY
    shifted = (month + k).astype("datetime64[s]").astype(np.int64)
    return shifted + day * DAY + tod


@dataclass
class Window:
    """The simulated period [start, end) and the staffing calendar around it."""

    start: int
    end: int
    origin: int = field(init=False)
    staffed: np.ndarray = field(init=False, repr=False)
    open_hours: np.ndarray = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.origin = self.start - 40 * DAY
        hours = np.arange((self.end + 60 * DAY - self.origin) // HOUR)
        ts = self.origin + hours * HOUR
        dow, hod = weekday(ts), (ts % DAY) // HOUR
        lo = np.array([s[0] for s in STAFFED])[dow]
        hi = np.array([s[1] for s in STAFFED])[dow]
        self.staffed = (hod >= lo) & (hod < hi)
        self.open_hours = np.flatnonzero(self.staffed)

    @property
    def days(self) -> int:
        return (self.end - self.start) // DAY

    def position(self, t: np.ndarray) -> np.ndarray:
        """Where t falls in the window, 0 at the start and 1 at the end."""
        return np.clip((t - self.start) / (self.end - self.start), 0.0, 1.0)

    def _hour(self, t: np.ndarray) -> np.ndarray:
        return np.clip((t - self.origin) // HOUR, 0, len(self.staffed) - 1)

    def is_staffed(self, t: np.ndarray) -> np.ndarray:
        return self.staffed[self._hour(t)]

    def next_open(self, t: np.ndarray) -> np.ndarray:
        """The earliest instant at or after t when humans are at work."""
        h = self._hour(t)
        k = np.minimum(np.searchsorted(self.open_hours, h), len(self.open_hours) - 1)
        return np.where(self.staffed[h], t, self.origin + self.open_hours[k] * HOUR)

    def human_wait(self, rng: np.random.Generator, t: np.ndarray, median: np.ndarray) -> np.ndarray:
        """Seconds from t until an agent answers: the queue, longer at peaks and after closed hours."""
        opens = self.next_open(t)
        backlog = np.where(opens > t, 2.5, 1.0)
        busy = BUSY_HOUR[(opens % DAY) // HOUR] * np.where(weekday(opens) >= 5, 1.6, 1.0)
        queue = median * busy * backlog * rng.lognormal(0.0, 0.8, len(t))
        return (opens - t) + np.maximum(queue, 5).astype(np.int64)

    def arrivals(self, rng: np.random.Generator, n: int, kind: str, trend: float = 0.1) -> np.ndarray:
        """n arrival instants with the weekly and daily rhythm of a channel kind (chat, email, voice)."""
        hours = np.arange((self.end - self.start) // HOUR)
        ts = self.start + hours * HOUR
        hourly = HOURLY_EMAIL if kind in ("email", "voice") else HOURLY_CHAT
        w = WEEKDAY[weekday(ts)] * hourly[(ts % DAY) // HOUR] * (1.0 + trend * self.position(ts))
        if kind == "voice":
            w = w * self.is_staffed(ts)
        cum = np.cumsum(w)
        pick = np.searchsorted(cum, rng.random(n) * cum[-1], side="right")
        return ts[np.minimum(pick, len(ts) - 1)] + rng.integers(0, HOUR, n)
