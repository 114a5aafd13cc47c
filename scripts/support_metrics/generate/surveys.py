"""Survey responses: CSAT and CES after conversations (outcome and effort drive them), NPS each quarter."""

from __future__ import annotations

import numpy as np

from .accounts import People
from .catalog import CH, EMAIL
from .clock import DAY, HOUR, Window, quarter_starts
from .frames import Frame, concat, lognormal
from .phrases import CSAT_COMMENTS, NPS_COMMENTS

CSAT, CES, NPS = 0, 1, 2
COMMENTS: list[str] = [c for group in (*CSAT_COMMENTS.values(), *NPS_COMMENTS.values()) for c in group]
THUMBS_CHANNELS = [CH["messenger"], CH["whatsapp"], CH["sms"]]


def _comment_ranges() -> dict[str, tuple[int, int]]:
    out, at = {}, 0
    for name, group in (*CSAT_COMMENTS.items(), *(("nps_" + k, v) for k, v in NPS_COMMENTS.items())):
        out[name] = (at, len(group))
        at += len(group)
    return out


RANGES = _comment_ranges()


def _comment(
    rng: np.random.Generator, sentiment: np.ndarray, names: tuple[str, str, str], p: float
) -> np.ndarray:
    """A comment template per response (or -1): sentiment 0 bad, 1 mid, 2 good."""
    first = np.array([RANGES[name][0] for name in names])
    size = np.array([RANGES[name][1] for name in names])
    pick = first[sentiment] + (rng.random(len(sentiment)) * size[sentiment]).astype(np.int64)
    return np.where(rng.random(len(sentiment)) < p, pick, -1).astype(np.int16)


def satisfaction(c: Frame) -> np.ndarray:
    """Latent satisfaction 0..1 of a closed conversation: outcome first, then effort and waiting."""
    status, stick = c["status"], c["stick"]
    base = np.select([(status == 1) & stick, status == 1, status == 2], [0.9, 0.55, 0.42], 0.38)
    forced = c["bot"] & ((c["hr"] >= 2) | ((c["hr"] >= 1) & ~c["escalated"]))
    wait_h = np.where(c["wait"] > 0, c["wait"] / HOUR, 0)
    return (
        base
        - 0.06 * np.minimum(c["fallbacks"], 3)
        - 0.15 * forced
        - 0.12 * (c["ctx"] == 0)
        - 0.015 * np.minimum(wait_h, 24)
        - 0.08 * np.minimum(c["wave"], 2)
        + 0.05 * (c["bot"] & ~c["human"] & (status == 1) & stick)
    )


def effort(c: Frame) -> np.ndarray:
    """Customer effort 0..1: depth, fallbacks, handoffs, repeating oneself, coming back, waiting."""
    wait_h = np.where(c["wait"] > 0, c["wait"] / HOUR, 0)
    return (
        0.05
        + 0.03 * np.minimum(c["depth"], 12)
        + 0.06 * np.minimum(c["fallbacks"], 3)
        + 0.12 * c["escalated"]
        + 0.15 * (c["ctx"] == 0)
        + 0.15 * np.minimum(c["wave"], 2)
        + 0.15 * (c["status"] != 1)
        + 0.1 * np.minimum(wait_h, 10) / 10
    )


def _transactional(rng: np.random.Generator, window: Window, c: Frame, ids: np.ndarray) -> Frame:
    n = len(ids)
    closed = c["status"] != 0
    sat = np.clip(satisfaction(c) + rng.normal(0, 0.18, n), 0, 1)
    after = lognormal(rng, np.where(c["channel"] == EMAIL, 2 * HOUR, 600), 0.7, n)
    sent = c["closed_at"] + after
    out = []
    for stype, share, base_p in ((CSAT, 0.55, 0.12), (CES, 0.25, 0.2)):
        p = base_p + 0.3 * np.abs(sat - 0.5) * 2 if stype == CSAT else np.full(n, base_p)
        answered = closed & (rng.random(n) < share) & (rng.random(n) < p)
        responded = sent + lognormal(rng, 1200, 1.5, n)
        again = answered & (rng.random(n) < 0.03)
        idx = np.r_[np.flatnonzero(answered), np.flatnonzero(again)]
        resp_t = np.r_[responded[answered], responded[again] + rng.integers(HOUR, 3 * DAY, int(again.sum()))]
        noise = rng.normal(0, 0.15, len(idx))
        if stype == CSAT:
            thumbs = np.isin(c["channel"][idx], THUMBS_CHANNELS)
            score = np.where(
                thumbs, sat[idx] + noise >= 0.6, np.clip(np.rint(1 + 4 * (sat[idx] + noise)), 1, 5)
            )
            smin, smax = np.where(thumbs, 0, 1), np.where(thumbs, 1, 5)
        else:
            eff = effort({k: v[idx] for k, v in c.items()})
            score = np.clip(np.rint(7 - 6 * eff + rng.normal(0, 0.6, len(idx))), 1, 7)
            smin, smax = np.ones(len(idx)), np.full(len(idx), 7)
        norm = (score - smin) / (smax - smin)
        sentiment = np.select([norm >= 0.75, norm >= 0.4], [2, 1], 0)
        out.append(
            {
                "stype": np.full(len(idx), stype, np.int8),
                "conv": ids[idx].astype(np.int32),
                "cust": c["cust"][idx].astype(np.int32),
                "sent": sent[idx],
                "responded": resp_t,
                "score": score.astype(np.float64),
                "smin": smin.astype(np.int8),
                "smax": smax.astype(np.int8),
                "comment": _comment(rng, sentiment, ("bad", "mid", "good"), 0.3),
            }
        )
    frame = concat(out)
    keep = frame["responded"] < window.end
    return {k: v[keep] for k, v in frame.items()}


def _nps(
    rng: np.random.Generator, window: Window, people: People, convs: Frame, churned: np.ndarray
) -> Frame:
    """A relationship survey each quarter to a third of the customers; support journeys move the score."""
    cust = people.customers
    own = (convs["status"] >= 2) | (convs["wave"] >= 1)
    cust_bad, t_bad = convs["cust"][own], convs["created"][own]
    out = []
    for qs in quarter_starts(window.start, window.end):
        lo, hi = max(int(qs), window.start), min(int(qs) + 21 * DAY, window.end - DAY)
        if hi <= lo:
            continue
        n = len(cust["acct"])
        sent = lo + (rng.random(n) * (hi - lo)).astype(np.int64)
        acct = cust["acct"]
        tier = people.accounts["tier"][np.maximum(acct, 0)]
        alive = (acct >= 0) & (cust["created"] >= 0) & (cust["created"] < sent)
        alive &= (churned[np.maximum(acct, 0)] < 0) | (churned[np.maximum(acct, 0)] > sent)
        chosen = alive & (rng.random(n) < 0.33 * 0.35)
        recent = (t_bad >= lo - 90 * DAY) & (t_bad < lo)
        bad = np.bincount(cust_bad[recent], minlength=n)
        score = 8.6 - 2.0 * (bad >= 1) - 1.5 * (bad >= 2) + 0.4 * (tier >= 2) + rng.normal(0, 1.5, n)
        idx = np.flatnonzero(chosen)
        score = np.clip(np.rint(score[idx]), 0, 10)
        sentiment = np.select([score >= 9, score >= 7], [2, 1], 0)
        out.append(
            {
                "stype": np.full(len(idx), NPS, np.int8),
                "conv": np.full(len(idx), -1, np.int32),
                "cust": idx.astype(np.int32),
                "sent": sent[idx],
                "responded": sent[idx] + lognormal(rng, 6 * HOUR, 1.2, len(idx)),
                "score": score,
                "smin": np.zeros(len(idx), np.int8),
                "smax": np.full(len(idx), 10, np.int8),
                "comment": _comment(rng, sentiment, ("nps_detractor", "nps_passive", "nps_promoter"), 0.25),
            }
        )
    frame = concat(out)
    if not frame:
        return frame
    keep = frame["responded"] < window.end
    return {k: v[keep] for k, v in frame.items()}


def responses(
    rng: np.random.Generator,
    window: Window,
    people: People,
    convs: Frame,
    ids: np.ndarray,
    churned: np.ndarray,
) -> Frame:
    """All survey responses; `ids` are the conversations' final numbers."""
    return concat([_transactional(rng, window, convs, ids), _nps(rng, window, people, convs, churned)])
