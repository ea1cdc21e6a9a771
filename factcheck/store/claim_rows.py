"""Streaming reads of claim clusters with their appearances, votes and gold, for exporters."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import sqlite_utils

from factcheck.store.gold import GoldLabel
from factcheck.store.records import Mention

if TYPE_CHECKING:
    from factcheck.schema import Schema

PAGE_SIZE = 500
"""Claims read per round of queries: bounds memory and keeps the query count low."""


@dataclass(frozen=True)
class Appearance:
    """One mention of a claim with the article it appears in (without the article text)."""

    mention: Mention
    article_id: str
    seq: int
    path: str
    title: str | None
    outlet: str | None
    url: str | None
    published: str | None
    ingested_at: str | None


@dataclass(frozen=True)
class ClaimRow:
    """One claim cluster with everything the claim-level exporters need."""

    claim_id: str
    canonical: Mention
    """The mention whose text states the claim."""
    appearances: tuple[Appearance, ...]
    """Every mention of the claim, in ingest order."""
    votes: dict[str, dict[str, str]] = field(default_factory=dict)
    """Claim-scoped field -> annotator -> that annotator's latest value on the claim."""
    labels: dict[str, dict[str, str]] = field(default_factory=dict)
    """The canonical mention's labels: annotator -> field -> value."""
    gold: dict[str, GoldLabel] = field(default_factory=dict)
    """Field -> gold: the claim's (claim-scoped) and the canonical mention's."""
    voted_at: dict[str, str] = field(default_factory=dict)
    """Field -> when the latest of the votes on it was given (claim-scoped fields: on the
    claim; others: on the canonical mention)."""


_APPEARANCE_SQL = (
    'select m.id, m.article_id, m.idx, m.start, m."end", m.text, m.claim_id, m.suggested_source, '
    "a.id, a.seq, a.path, a.title, a.outlet, a.url, a.published, a.ingested_at "
    "from mentions m join articles a on a.id = m.article_id "
    "where m.claim_id in ({marks}) order by m.claim_id, a.seq, m.idx"
)
_LABEL_SQL = (
    "select m.claim_id, x.mention_id, x.annotator, x.field, x.value, x.updated_at "
    "from annotations x join mentions m on m.id = x.mention_id "
    "where m.claim_id in ({marks}) order by x.updated_at"
)
_GOLD_SQL = (
    "select target_kind, target_id, field, value, adjudicator, updated_at from gold "
    "where target_id in ({marks})"
)


class ClaimRowsMixin:
    """Claim-level reads of :class:`factcheck.store.Store`."""

    db: sqlite_utils.Database
    schema: Schema

    def iter_claim_rows(self) -> Iterator[ClaimRow]:
        """Every claim cluster in claim-id order, streamed a page of claims at a time."""
        after = ""
        while True:
            sql = "select distinct claim_id from mentions where claim_id > ? order by claim_id limit ?"
            page = [row[0] for row in self.db.execute(sql, [after, PAGE_SIZE])]
            if not page:
                return
            yield from self._claim_page(page)
            after = page[-1]

    def _claim_page(self, claim_ids: Sequence[str]) -> Iterator[ClaimRow]:
        marks = ",".join("?" * len(claim_ids))
        found: dict[str, list[Appearance]] = {}
        for row in self.db.execute(_APPEARANCE_SQL.format(marks=marks), list(claim_ids)):
            found.setdefault(row[6], []).append(Appearance(Mention(*row[:8]), *row[8:]))
        canonical = self._canonical_ids(claim_ids, found)
        votes, labels, voted_at = self._claim_labels(claim_ids, canonical)
        gold = self._claim_gold([*claim_ids, *canonical.values()])
        for cid in claim_ids:
            mid = canonical[cid]
            mention = next(a.mention for a in found[cid] if a.mention.id == mid)
            merged = {**gold.get(mid, {}), **gold.get(cid, {})}
            yield ClaimRow(
                cid,
                mention,
                tuple(found[cid]),
                votes.get(cid, {}),
                labels.get(mid, {}),
                merged,
                voted_at.get(cid, {}),
            )

    def _canonical_ids(self, claim_ids: Sequence[str], found: dict[str, list[Appearance]]) -> dict[str, str]:
        """claim -> canonical mention: the stored one if it is in the cluster, else the first."""
        marks = ",".join("?" * len(claim_ids))
        sql = f"select id, canonical_mention_id from claims where id in ({marks})"
        stored = dict(self.db.execute(sql, list(claim_ids)).fetchall())
        chosen: dict[str, str] = {}
        for cid in claim_ids:
            members = {a.mention.id for a in found[cid]}
            chosen[cid] = str(stored[cid]) if stored.get(cid) in members else found[cid][0].mention.id
        return chosen

    def _claim_labels(
        self, claim_ids: Sequence[str], canonical: dict[str, str]
    ) -> tuple[
        dict[str, dict[str, dict[str, str]]], dict[str, dict[str, dict[str, str]]], dict[str, dict[str, str]]
    ]:
        claim_scoped = {f.name for f in self.schema if f.scope == "claim"}
        canonical_ids = set(canonical.values())
        votes: dict[str, dict[str, dict[str, str]]] = {}
        labels: dict[str, dict[str, dict[str, str]]] = {}
        voted_at: dict[str, dict[str, str]] = {}
        marks = ",".join("?" * len(claim_ids))
        # Oldest first, so an annotator's latest value on the claim is the one kept.
        for cid, mid, who, name, value, ts in self.db.execute(
            _LABEL_SQL.format(marks=marks), list(claim_ids)
        ):
            if name in claim_scoped:
                votes.setdefault(cid, {}).setdefault(name, {})[who] = value
                voted_at.setdefault(cid, {})[name] = ts
            if mid in canonical_ids:
                labels.setdefault(mid, {}).setdefault(who, {})[name] = value
                if name not in claim_scoped:
                    voted_at.setdefault(cid, {})[name] = ts
        return votes, labels, voted_at

    def _claim_gold(self, targets: Sequence[str]) -> dict[str, dict[str, GoldLabel]]:
        found: dict[str, dict[str, GoldLabel]] = {}
        marks = ",".join("?" * len(targets))
        for row in self.db.execute(_GOLD_SQL.format(marks=marks), list(targets)):
            gold = GoldLabel(*row)
            found.setdefault(gold.target_id, {})[gold.field] = gold
        return found
