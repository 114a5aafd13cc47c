"""Column frames: a table as a dict of equally long numpy arrays, and vectorized helpers on them."""

from __future__ import annotations

import numpy as np

Frame = dict[str, np.ndarray]


def length(frame: Frame) -> int:
    """Number of rows of a frame."""
    return len(next(iter(frame.values()))) if frame else 0


def take(frame: Frame, index: np.ndarray) -> Frame:
    """Rows of a frame by position (or boolean mask)."""
    return {k: v[index] for k, v in frame.items()}


def concat(frames: list[Frame]) -> Frame:
    """Frames with the same columns stacked in order."""
    frames = [f for f in frames if f]
    if not frames:
        return {}
    return {k: np.concatenate([f[k] for f in frames]) for k in frames[0]}


def expand(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For groups of the given sizes: each row's group and its 0-based position in the group."""
    counts = counts.astype(np.int64)
    owner = np.repeat(np.arange(len(counts)), counts)
    starts = np.cumsum(counts) - counts
    return owner, np.arange(len(owner)) - starts[owner]


def grouped_cumsum(values: np.ndarray, owner: np.ndarray) -> np.ndarray:
    """Running sum of values within each group; rows must be sorted by owner."""
    total = np.cumsum(values)
    first = np.r_[True, owner[1:] != owner[:-1]] if len(owner) else np.zeros(0, bool)
    base = (total - values)[first]
    return total - base[np.cumsum(first) - 1]


def group_max(values: np.ndarray, owner: np.ndarray, n: int, empty: float | int) -> np.ndarray:
    """Per-group maximum of values (empty groups get `empty`)."""
    out = np.full(n, empty, dtype=values.dtype if len(values) else np.int64)
    np.maximum.at(out, owner, values)
    return out


def choice(rng: np.random.Generator, p: np.ndarray, n: int) -> np.ndarray:
    """n draws from a categorical distribution with probabilities p (int16 codes)."""
    cum = np.cumsum(p)
    return np.minimum(np.searchsorted(cum, rng.random(n) * cum[-1], side="right"), len(p) - 1).astype(
        np.int16
    )


def choice_rows(rng: np.random.Generator, p: np.ndarray) -> np.ndarray:
    """One categorical draw per row of a probability matrix (rows need not be normalised)."""
    cum = np.cumsum(p, axis=1)
    u = rng.random(len(p)) * cum[:, -1]
    return np.minimum((cum < u[:, None]).sum(axis=1), p.shape[1] - 1).astype(np.int16)


def lognormal(rng: np.random.Generator, median: np.ndarray | float, sigma: float, n: int) -> np.ndarray:
    """Lognormal draws with the given median, as int64 seconds of at least 1."""
    return np.maximum(np.asarray(median) * rng.lognormal(0.0, sigma, n), 1).astype(np.int64)
