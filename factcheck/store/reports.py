"""Streaming reads for export, the ratings agreement is computed on, and progress statistics."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

import sqlite_utils

from factcheck.store.connection import stamp
from factcheck.store.records import Article, Mention

if TYPE_CHECKING:
    from factcheck.schema import Schema

PerAnnotator = dict[str, dict[str, str]]
"""annotator -> field -> value."""

Rating = tuple[str, str, str]
"""(item, annotator, value): the item a mention id, or a claim id for claim-scoped fields."""

Pattern = tuple[tuple[str, str], ...]
"""The ratings of one item: its (annotator, value) pairs, sorted by annotator."""

_CLAIM = "coalesce(m.claim_id, m.id)"
"""A mention's claim (a mention not yet clustered is a claim of its own)."""

_NEWEST = (
    "from annotations a join mentions m on m.id = a.mention_id where a.field = ? and not exists ("
    "select 1 from mentions o cross join annotations b "
    "on b.mention_id = o.id and b.annotator = a.annotator and b.field = a.field "
    "where o.claim_id = m.claim_id and o.id != m.id and ("
    "coalesce(b.updated_at, '') > coalesce(a.updated_at, '') or "
    "(coalesce(b.updated_at, '') = coalesce(a.updated_at, '') and b.mention_id > a.mention_id)))"
)
"""Rows of one claim-scoped field whose annotator has no newer copy on another mention of the
claim (on equal times the copy on the greatest mention id counts as newer): one per claim and
annotator, found by index look-ups along the claim's mentions, with no sort. The cross join
keeps SQLite from scanning all of an annotator's labels for each row instead."""


@dataclass(frozen=True)
class ExportRow:
    """One mention with everything the exporters need."""

    article: Article
    mention: Mention
    labels: PerAnnotator
    gold: dict[str, str] = field(default_factory=dict)
    variants: list[tuple[str, str, float]] = field(default_factory=list)
    """Conflicting variants of the mention's claim: (other claim id, kind, score)."""
    label_times: PerAnnotator = field(default_factory=dict)
    """annotator -> field -> when the value in ``labels`` was set."""
    gold_by: dict[str, tuple[str, str]] = field(default_factory=dict)
    """field -> (adjudicator, when) of each value in ``gold``."""
    flagged_by: list[str] = field(default_factory=list)
    """The annotators who flagged the mention (unsure, to be looked at again), sorted."""


@dataclass(frozen=True)
class AnnotatorProgress:
    """What one annotator has labelled."""

    mentions_labelled: int
    """Sentences with at least one label of theirs."""
    fields: dict[str, int]
    """Field name -> number of sentences with a value of theirs."""


@dataclass(frozen=True)
class Stats:
    """Progress over the whole database (``factcheck stats``)."""

    articles: int
    mentions: int
    claims: int
    gold: int
    annotators: dict[str, AnnotatorProgress]
    """Annotator -> progress, sorted by name."""

    def to_dict(self) -> dict[str, Any]:
        """The JSON form."""
        return {
            "articles": self.articles,
            "mentions": self.mentions,
            "claims": self.claims,
            "gold": self.gold,
            "annotators": {
                who: {"mentions_labelled": p.mentions_labelled, "fields": dict(p.fields)}
                for who, p in self.annotators.items()
            },
        }


class ReportsMixin:
    """Read-only reports of :class:`factcheck.store.Store`."""

    db: sqlite_utils.Database
    schema: Schema
    flagged_by: Callable[[Sequence[str]], dict[str, list[str]]]
    overlap_sql: Callable[[bool], str | None]

    def iter_export(self, gold_only: bool = False) -> Iterator[ExportRow]:
        """Every mention, articles in ingest order and mentions in text order.

        Streams one article at a time, so memory stays flat however large the
        database is.
        """
        article_sql = (
            "select id, seq, path, title, outlet, url, published, text, wire from articles order by seq"
        )
        for row in self.db.conn.cursor().execute(article_sql):
            article = Article(*row)
            yield from self._export_article(article, gold_only)

    def _export_article(self, article: Article, gold_only: bool) -> Iterator[ExportRow]:
        mention_sql = (
            'select id, article_id, idx, start, "end", text, claim_id, suggested_source '
            "from mentions where article_id = ? order by idx"
        )
        mentions = [Mention(*r) for r in self.db.execute(mention_sql, [article.id])]
        labels: dict[str, PerAnnotator] = {}
        times: dict[str, PerAnnotator] = {}
        label_sql = (
            "select a.mention_id, a.annotator, a.field, a.value, a.updated_at from annotations a "
            "join mentions m on m.id = a.mention_id where m.article_id = ?"
        )
        for mid, who, name, value, at in self.db.execute(label_sql, [article.id]):
            labels.setdefault(mid, {}).setdefault(who, {})[name] = value
            times.setdefault(mid, {}).setdefault(who, {})[name] = at
        gold = self._gold_for_article(article.id)
        variants = self._variants_for_article(article.id)
        flags = self.flagged_by([m.id for m in mentions])
        for m in mentions:
            merged = {**gold.get(m.claim_id or "", {}), **gold.get(m.id, {})}
            if gold_only and not merged:
                continue
            g = {name: value for name, (value, _who, _at) in merged.items()}
            by = {name: (who, at) for name, (_value, who, at) in merged.items()}
            yield ExportRow(
                article,
                m,
                labels.get(m.id, {}),
                g,
                variants.get(m.claim_id or "", []),
                times.get(m.id, {}),
                by,
                flags.get(m.id, []),
            )

    def _variants_for_article(self, article_id: str) -> dict[str, list[tuple[str, str, float]]]:
        sql = (
            "with mine as (select distinct claim_id from mentions where article_id = ?) "
            "select claim_a, claim_b, kind, score from claim_links "
            "where claim_a in mine union "
            "select claim_b, claim_a, kind, score from claim_links where claim_b in mine"
        )
        found: dict[str, list[tuple[str, str, float]]] = {}
        for claim, other, kind, score in self.db.execute(sql, [article_id]):
            found.setdefault(claim, []).append((other, kind, score))
        for links in found.values():
            links.sort(key=lambda link: (-(link[2] or 0), link[0]))
        return found

    def _gold_for_article(self, article_id: str) -> dict[str, dict[str, tuple[str, str, str]]]:
        """target -> field -> (value, adjudicator, when)."""
        sql = (
            "select g.target_id, g.field, g.value, g.adjudicator, g.updated_at from gold g "
            "where g.target_id in "
            "(select id from mentions where article_id = ? "
            "union select claim_id from mentions where article_id = ?)"
        )
        found: dict[str, dict[str, tuple[str, str, str]]] = {}
        for target, name, value, who, at in self.db.execute(sql, [article_id, article_id]):
            found.setdefault(target, {})[name] = (value, who, at)
        return found

    def ratings(
        self, field: str, claim_scope: bool, since: datetime | None = None, overlap_only: bool = False
    ) -> list[Rating]:
        """(item, annotator, value) of one field: one per item and annotator.

        The item is the mention, or for a claim-scoped field the claim. A claim-scoped label
        is stored on every mention of its claim, and after claims are joined one annotator's
        copies may differ: the claim's value is then the newest (latest ``updated_at``; on a
        tie, the copy on the greatest mention id). The primary key makes mention-scoped
        rows unique, so they are read as they are.

        Args:
            field: The field's name.
            claim_scope: Whether the field is claim-scoped.
            since: Only labels written at or after this time (naive: UTC).
            overlap_only: Only the items the assignment plan gives to two or more annotators.
        """
        when, args = self._conditions(field, claim_scope, since, overlap_only)
        if not claim_scope:
            sql = f"select a.mention_id, a.annotator, a.value from annotations a where a.field = ? {when}"
        else:
            sql = f"select {_CLAIM}, a.annotator, a.value {_NEWEST} {when}"
        return self.db.execute(sql, args).fetchall()

    def rating_patterns(
        self, field: str, claim_scope: bool, since: datetime | None = None, overlap_only: bool = False
    ) -> dict[Pattern, int]:
        """The distinct rating patterns of one field, with their numbers of items.

        The items and their ratings are those of :meth:`ratings`; SQLite groups them by
        item and counts the items of each pattern, so the caller handles a row per
        distinct pattern, not per label.
        """
        when, args = self._conditions(field, claim_scope, since, overlap_only)
        pattern = "json_group_array(json_array(a.annotator, a.value))"
        if not claim_scope:
            rows = f"select {pattern} as p from annotations a where a.field = ? {when} group by a.mention_id"
        else:
            rows = f"select {pattern} as p {_NEWEST} {when} group by {_CLAIM}"
        found: dict[Pattern, int] = {}
        for text, count in self.db.execute(f"select p, count(*) from ({rows}) group by p", args):
            # The order within a group is SQLite's: sort, and merge what differed only in order.
            key = tuple(sorted((who, value) for who, value in json.loads(text) if value is not None))
            if key:
                found[key] = found.get(key, 0) + count
        return found

    def article_ratings(
        self, field: str, claim_scope: bool, since: datetime | None = None, overlap_only: bool = False
    ) -> list[tuple[str, str, str, str]]:
        """(item, annotator, value, article id): :meth:`ratings` split by article.

        A claim's rating appears in every article where the annotator's label is on one of
        the claim's mentions, with the claim's value (the newest copy, from any article).
        """
        when, args = self._conditions(field, claim_scope, since, overlap_only)
        if not claim_scope:
            sql = (
                "select a.mention_id, a.annotator, a.value, m.article_id from annotations a "
                f"join mentions m on m.id = a.mention_id where a.field = ? {when}"
            )
            return self.db.execute(sql, args).fetchall()
        newest = (
            "select b.value from mentions o cross join annotations b "
            "on b.mention_id = o.id and b.annotator = a.annotator and b.field = a.field "
            "where o.claim_id = m.claim_id "
            "order by coalesce(b.updated_at, '') desc, b.mention_id desc limit 1"
        )
        sql = (
            f"select distinct {_CLAIM}, a.annotator, coalesce(({newest}), a.value), m.article_id "
            f"from annotations a join mentions m on m.id = a.mention_id where a.field = ? {when}"
        )
        return self.db.execute(sql, args).fetchall()

    def _conditions(
        self, field: str, claim_scope: bool, since: datetime | None, overlap_only: bool
    ) -> tuple[str, list[str]]:
        """More conditions on a label (annotations as ``a``, its mention as ``m`` for a
        claim-scoped field) after the field's, and the query's arguments."""
        when, args = _since(field, since)
        if overlap_only:
            targets = self.overlap_sql(claim_scope)
            item = _CLAIM if claim_scope else "a.mention_id"
            when += f" and {item} in ({targets})" if targets else " and 0"
        return when, args

    def gold_values(self, field: str) -> dict[str, str]:
        """Gold value of one field by target: the mention, or the claim for a claim-scoped field."""
        sql = "select target_id, value from gold where field = ?"
        return dict(self.db.execute(sql, [field]).fetchall())

    def stats(self) -> Stats:
        """Progress: mentions, and per annotator and field the number labelled."""

        def count(table: str) -> int:
            return int(self.db.execute(f"select count(*) from {table}").fetchone()[0])

        fields: dict[str, dict[str, int]] = {}
        sql = "select annotator, field, count(*) from annotations group by annotator, field"
        for who, name, n in self.db.execute(sql):
            fields.setdefault(who, {})[name] = n
        sql = "select annotator, count(distinct mention_id) from annotations group by annotator"
        labelled = dict(self.db.execute(sql).fetchall())
        people = {who: AnnotatorProgress(labelled[who], fields[who]) for who in sorted(fields)}
        return Stats(count("articles"), count("mentions"), count("claims"), count("gold"), people)


def _since(field: str, since: datetime | None) -> tuple[str, list[str]]:
    """The condition on a label's time (annotations as ``a``) and the query's arguments."""
    if since is None:
        return "", [field]
    return "and a.updated_at >= ?", [field, stamp(since)]
