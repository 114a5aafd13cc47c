"""Dirty mode: the mess the contract allows, and a counted share of each kind of row it rejects.

`mess` adds versions, exact duplicates, offsets, odd case and personal data (all loadable);
`inject` adds bad copies of real rows (so no entity is lost) and returns what it injected.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ..contract import EVENT_TYPES
from .frames import Frame, choice, concat, length, take
from .phrases import DECOY_SNIPPETS, PII_SNIPPETS
from .sqlfmt import lit_list, timestamp
from .tables import Output
from .writer import FORMATS, FilePlan

TZ_MIX = np.array([0.72, 0.08, 0.06, 0.03, 0.06, 0.05])  # codes of sqlfmt.TZ_SUFFIXES
ODD_CASE_P = 0.06
REJECT_RATE = 0.002  # per reason code and table, at least one row
SNIPPETS = PII_SNIPPETS + DECOY_SNIPPETS
PII_P = {"body": 0.08, "subject": 0.08, "comment": 0.25, "cancel_reason": 0.15}
DUPLICATE_P = 0.005
EXTRAS = {
    "conversations": {
        "priority": "case when id % 10 = 0 then 'high' else 'normal' end",
        "_export_batch": "'nightly-export'",
    },
    "messages": {"language": "'en'"},
}


def _odd_case(sql: str) -> str:
    """WEB_CHAT, ' Web_Chat ' or '  web_chat' for rows with a `cz` code; spaces only (never tabs)."""
    words = f"array_to_string(list_transform(string_split({sql}, '_'), lambda x: upper(x[1]) || x[2:]), '_')"
    return (f"case cz when 1 then upper({sql}) when 2 then ' ' || {words} || ' ' "
            f"when 3 then '  ' || {sql} else {sql} end")


def _with_snippet(sql: str) -> str:
    snippet = f"{lit_list(SNIPPETS)}[pii + 1]"
    return f"case when pii >= 0 and {sql} is not null then {sql} || ' ' || {snippet} else {sql} end"


def _copies(frame: Frame, index: np.ndarray, part: int, **changes: np.ndarray) -> Frame:
    out = take(frame, index)
    out["_part"] = np.full(len(index), part, np.int8)
    out["_seq"] = out["_seq"] + 1
    for name, values in changes.items():
        out[name] = values.astype(out[name].dtype)
    return out


def _versions(rng: np.random.Generator, f: Frame) -> Frame:
    """Open snapshots in the month files with the final version re-exported; stale and tied re-exports."""
    n = length(f)
    eligible = (f["status"] != 0) & (f["closed"] - f["created"] >= 600)
    u = rng.random(n)
    early, stale = eligible & (u < 0.03), eligible & (u >= 0.03) & (u < 0.035)
    tie = (f["agent_intent"] < 0) & (f["bot_intent"] >= 0) & (u >= 0.035) & (u < 0.055)

    def snapshot(idx: np.ndarray, part: int) -> Frame:
        at = f["created"][idx] + (rng.random(len(idx)) * (f["closed"][idx] - f["created"][idx])).astype(
            np.int64
        )
        none = np.full(len(idx), -1)
        return _copies(f, idx, part, status=np.zeros(len(idx)), resolved=none, closed=none, updated=at)

    f["_part"] = np.where(early, 1, 0).astype(np.int8)
    tied = np.flatnonzero(tie)
    return concat(
        [
            f,
            snapshot(np.flatnonzero(early), 0),
            snapshot(np.flatnonzero(stale), 1),
            _copies(f, tied, 1, agent_intent=f["intent"][tied]),
        ]
    )


def mess(rng: np.random.Generator, out: Output) -> None:
    """Loadable mess: versions, duplicates, offsets, odd case, personal data, unknown columns."""
    f = out.frame
    n = length(f)
    f["_seq"], f["_part"] = np.arange(n, dtype=np.int64) * 2, np.zeros(n, np.int8)
    f["tz"] = choice(rng, TZ_MIX, n).astype(np.int8)
    f["cz"] = np.where(rng.random(n) < ODD_CASE_P, rng.integers(1, 4, n), 0).astype(np.int8)
    if out.text_columns:
        p = PII_P[out.text_columns[0]] * (f["author"] == 0 if "author" in f else 1)
        f["pii"] = np.where(rng.random(n) < p, rng.integers(0, len(SNIPPETS), n), -1).astype(np.int8)
    name = out.table.name
    if name == "conversations":
        f = _versions(rng, f)
    elif name in ("messages", "events", "responses"):
        f = concat([f, _copies(f, np.flatnonzero(rng.random(n) < DUPLICATE_P), 1)])
    out.frame = f
    for column in out.table.columns:
        if column.values and column.name in out.columns:
            out.columns[column.name] = _odd_case(out.columns[column.name])
    for column in out.text_columns:
        out.columns[column] = _with_snippet(out.columns[column])
    out.extras = dict(EXTRAS.get(name, {}))


@dataclass(frozen=True)
class Defect:
    """One kind of bad row: its reason code, the column it breaks, the bad value, which rows and formats."""

    code: str
    column: str | None  # None: the whole JSON Lines line
    sql: str
    when: Callable[[Frame], np.ndarray] | None = None
    formats: tuple[str, ...] = FORMATS


EMPTY = "case when _seq % 4 = 0 then '' else ' ' || chr(9) end"
BAD_TS = "case _seq % 3 when 0 then 'not-a-date' when 1 then '2026-02-30T10:00:00Z' else 'yesterday' end"
TEXT_ONLY = ("csv", "jsonl")


def _eq(column: str, *values: int) -> Callable[[Frame], np.ndarray]:
    return lambda f: np.isin(f[column], values)


def _json(key: str, prefix: str, width: int) -> list[Defect]:
    """A truncated object and a JSON value that is not an object, in JSON Lines files only."""
    broken = f"'{{\"{key}\": \"' || printf('{prefix}%0{width}d', id + 1) || '\", \"x\": '"
    return [
        Defect("invalid_json", None, broken, formats=("jsonl",)),
        Defect(
            "not_an_object",
            None,
            "case when _seq % 2 = 0 then '[1, 2]' else '\"just text\"' end",
            formats=("jsonl",),
        ),
    ]


def defects(out: Output) -> list[Defect]:
    """The bad rows this table gets: one defect each, chosen so it is the first rule the loader checks."""
    key = out.table.key
    first_ts = next(c.name for c in out.table.columns if c.type in ("timestamp", "date"))
    common = [Defect("missing_key", key, EMPTY), Defect("unparsable", first_ts, BAD_TS)]
    ts = lambda col: timestamp(col, True)  # noqa: E731 - defects exist in dirty mode only
    specific: dict[str, list[Defect]] = {
        "conversations": [
            Defect("missing_required", "customer_id", EMPTY),
            Defect("unparsable", "bot_intent_confidence", "'high'", None, TEXT_ONLY),
            Defect("invalid_value", "channel", "' fax '"),
            Defect("invalid_value", "status", "'pending'"),
            Defect("timestamp_order", "updated_at", ts("(created - 3600)")),
            Defect("timestamp_order", "closed_at", ts("(created - 60)"), _eq("status", 1, 2, 3)),
            Defect("status_mismatch", "resolved_at", "null", _eq("status", 1)),
            Defect("status_mismatch", "status", "'open'", _eq("status", 2)),
            Defect("status_mismatch", "resolved_at", ts("closed"), _eq("status", 3)),
            *_json("conversation_id", "conv_", 8),
        ],
        "messages": [
            Defect("missing_required", "body", EMPTY),
            Defect("missing_required", "conversation_id", EMPTY),
            Defect("invalid_value", "author_type", "'robot'"),
            Defect("invalid_value", "message_kind", "'voice_memo'"),
            *_json("message_id", "msg_", 9),
        ],
        "events": [
            Defect("missing_required", "event_type", EMPTY),
            Defect("invalid_value", "event_type", "'clicked'"),
            Defect("invalid_value", "reason", "'bored'", _eq("etype", EVENT_TYPES.index("escalated"))),
            Defect("invalid_value", "lead_type", "'fax'", _eq("etype", EVENT_TYPES.index("lead_captured"))),
            *_json("event_id", "evt_", 9),
        ],
        "agents": [
            Defect("missing_required", "name", EMPTY),
            Defect("invalid_value", "agent_type", "'contractor'"),
        ],
        "kb_articles": [Defect("missing_required", "title", EMPTY)],
        "kb_article_views": [
            Defect("missing_required", "customer_id", EMPTY),
            Defect("invalid_value", "source", "'google'"),
            *_json("view_id", "view_", 8),
        ],
        "responses": [
            Defect("missing_required", "customer_id", EMPTY),
            Defect("invalid_value", "survey_type", "'nps2'"),
            Defect("unparsable", "score", "'abc'", None, TEXT_ONLY),
            Defect("timestamp_order", "responded_at", ts("(sent - 3600)")),
            Defect("invalid_scale", "scale_max", "'10'", lambda f: (f["stype"] == 0) & (f["smax"] == 5)),
            Defect("score_out_of_scale", "score", "cast(smax + 1 as varchar)"),
            Defect("missing_conversation_id", "conversation_id", "null", _eq("stype", 0, 1)),
            *_json("response_id", "rsp_", 8),
        ],
        "accounts": [
            Defect("missing_required", "account_name", EMPTY),
            Defect("invalid_value", "plan_tier", "'platinum'"),
            Defect("invalid_value", "segment", "'government'"),
            Defect("timestamp_order", "updated_at", ts("(created - 86400)")),
        ],
        "customers": [
            Defect("missing_required", "email", EMPTY),
            Defect("timestamp_order", "updated_at", ts("(created - 86400)")),
        ],
        "subscriptions": [
            Defect("missing_required", "plan", EMPTY),
            Defect("unparsable", "mrr", "'n/a'", None, TEXT_ONLY),
        ],
        "invoices": [
            Defect("missing_required", "account_id", EMPTY),
            Defect("invalid_value", "status", "'pending'"),
            Defect("unparsable", "amount", "'12,50'", None, TEXT_ONLY),
        ],
        "support_costs": [
            Defect("missing_required", "currency", EMPTY),
            Defect("invalid_value", "category", "'snacks'"),
        ],
    }
    return common + specific[out.table.name]


def inject(
    rng: np.random.Generator, out: Output, plans: list[FilePlan]
) -> tuple[dict[int, str], dict[int, str]]:
    """Append bad copies of rows (marked by `rej`); returns reject codes and JSON-line overrides by `rej`."""
    f = out.frame
    n = length(f)
    fmt = np.array([FORMATS.index(p.fmt) for p in plans])[f["_file"]]
    specs = defects(out)
    per_code = {d.code: sum(1 for s in specs if s.code == d.code) for d in specs}
    taken = np.zeros(n, bool)
    copies, codes, lines = [], {}, {}
    for number, spec in enumerate(specs, 1):
        ok = np.isin(fmt, [FORMATS.index(x) for x in spec.formats]) & ~taken
        if spec.when is not None:
            ok &= spec.when(f)
        pool = np.flatnonzero(ok)
        want = max(1, round(REJECT_RATE * n / per_code[spec.code]))
        if len(pool) == 0:
            continue
        chosen = np.unique(pool[rng.integers(0, len(pool), want)])
        taken[chosen] = True
        copy = _copies(f, chosen, 0)
        copy["_part"] = f["_part"][chosen]
        copy["rej"] = np.full(len(chosen), number, np.int8)
        copies.append(copy)
        codes[number] = spec.code
        if spec.column is None:
            lines[number] = spec.sql
        else:
            base = out.columns[spec.column]
            out.columns[spec.column] = f"case when rej = {number} then {spec.sql} else {base} end"
    f["rej"] = np.zeros(n, np.int8)
    out.frame = concat([f, *copies])
    return codes, lines
