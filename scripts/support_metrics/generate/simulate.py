"""The whole simulation in order: people, contacts, waves of conversations, churn, surveys, billing, costs."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .accounts import People, build_people
from .billing import Billing, invoices, subscriptions
from .catalog import MAX_WAVES
from .clock import DAY, Window
from .conversations import first_contacts, recontacts, release_span
from .costs import ledger
from .frames import Frame, concat, length, take
from .handling import decide
from .knowledge import Articles, bot_views, build_articles, self_serve
from .staff import Staff, build_staff
from .surveys import responses
from .transcripts import ETYPE, build

CONVERSATIONS_PER_CUSTOMER_DAY = 0.06  # what the catalog's rates add up to (documented, checked in tests)


@dataclass
class World:
    """Everything simulated, as numeric frames; conversations carry their final number in `id`."""

    window: Window
    people: People
    staff: Staff
    articles: Articles
    convs: Frame
    messages: Frame
    events: Frame
    views: Frame
    billing: Billing
    invoices: Frame
    responses: Frame
    costs: Frame


def _waves(
    rng: np.random.Generator, window: Window, people: People, staff: Staff, articles: Articles, batch: Frame
) -> tuple[Frame, Frame, Frame]:
    """First contacts, then up to MAX_WAVES - 1 waves of re-contacts; one vectorized pass per wave."""
    cust = people.customers
    convs, msgs, events = [], [], []
    offset = 0
    for _ in range(MAX_WAVES):
        n = length(batch)
        if n == 0:
            break
        batch["gid"] = (offset + np.arange(n)).astype(np.int32)
        if "issue" not in batch:
            batch["issue"], batch["parent"] = batch["gid"].copy(), np.full(n, -1, np.int32)
        acct = cust["acct"][batch["cust"]]
        seg = np.where(acct >= 0, people.accounts["seg"][np.maximum(acct, 0)], 0)
        signup = cust["created"][batch["cust"]]
        prospect = cust["prospect"][batch["cust"]] & ((signup < 0) | (batch["created"] < signup))
        decided = decide(rng, window, batch, seg, prospect)
        decided["prospect"] = prospect
        done, m, e = build(rng, window, staff, decided, articles)
        convs.append(done)
        msgs.append(m)
        events.append(e)
        offset += n
        batch = recontacts(rng, window, done)
    return concat(convs), concat(msgs), concat(events)


def _renumber(c: Frame, m: Frame, e: Frame, keep: np.ndarray) -> tuple[Frame, Frame, Frame]:
    """Drop conversations, and number the rest by created_at: final ids follow time."""
    kept = np.flatnonzero(keep)
    order = kept[np.lexsort((c["gid"][kept], c["created"][kept]))]
    final = np.full(len(keep), -1, np.int64)
    final[order] = np.arange(len(order))
    c = take(c, order)
    c["id"] = np.arange(len(order), dtype=np.int32)
    m, e = take(m, keep[m["conv"]]), take(e, keep[e["conv"]])
    m["conv"], e["conv"] = final[m["conv"]].astype(np.int32), final[e["conv"]].astype(np.int32)
    return c, m, e


def simulate(rng: np.random.Generator, window: Window, customers: int) -> World:
    """Run the simulation; every draw comes from `rng` in a fixed order, so a seed fixes the world."""
    people = build_people(rng, window, customers)
    staff = build_staff(rng, window, CONVERSATIONS_PER_CUSTOMER_DAY * customers)
    release = release_span(window)
    articles = build_articles(rng, window, release[1])
    needs = first_contacts(rng, window, people)
    needs["cust_created"] = np.maximum(people.customers["created"][needs["cust"]], 0)
    views, contacted = self_serve(rng, window, needs, articles, release)
    del needs["cust_created"]
    c, m, e = _waves(rng, window, people, staff, articles, take(needs, contacted))
    billing = subscriptions(rng, window, people, c)
    acct = people.customers["acct"][c["cust"]]
    churned = np.where(acct >= 0, billing.churned_at[np.maximum(acct, 0)], -1)
    keep = (churned < 0) | (c["created"] <= churned + 14 * DAY)
    c, m, e = _renumber(c, m, e, keep)
    views = concat([views, bot_views(rng, window, e, c["cust"], ETYPE["kb_article_suggested"])])
    return World(
        window=window,
        people=people,
        staff=staff,
        articles=articles,
        convs=c,
        messages=m,
        events=e,
        views=views,
        billing=billing,
        invoices=invoices(rng, window, billing),
        responses=responses(rng, window, people, c, c["id"], billing.churned_at),
        costs=ledger(rng, window, c, m, staff),
    )
