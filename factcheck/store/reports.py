"""Streaming reads for export and progress statistics."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import sqlite_utils

from factcheck.store.records import Article, Mention

if TYPE_CHECKING:
    from factcheck.schema import Schema

PerAnnotator = dict[str, dict[str, str]]
"""annotator -> field -> value."""


@dataclass(frozen=True)
class ExportRow:
    """One mention with everything the exporters need."""

    article: Article
    mention: Mention
    labels: PerAnnotator
    gold: dict[str, str] = field(default_factory=dict)
    variants: list[tuple[str, str, float]] = field(default_factory=list)
    """Conflicting variants of the mention's claim: (other claim id, kind, score)."""
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

    def iter_export(self, gold_only: bool = False) -> Iterator[ExportRow]:
        """Every mention, articles in ingest order and mentions in text order.

        Streams one article at a time, so memory stays flat however large the
        database is.
        """
        article_sql = "select id, seq, path, title, outlet, url, published, text from articles order by seq"
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
        label_sql = (
            "select a.mention_id, a.annotator, a.field, a.value from annotations a "
            "join mentions m on m.id = a.mention_id where m.article_id = ?"
        )
        for mid, who, name, value in self.db.execute(label_sql, [article.id]):
            labels.setdefault(mid, {}).setdefault(who, {})[name] = value
        gold = self._gold_for_article(article.id)
        variants = self._variants_for_article(article.id)
        flags = self.flagged_by([m.id for m in mentions])
        for m in mentions:
            g = {**gold.get(m.claim_id or "", {}), **gold.get(m.id, {})}
            if gold_only and not g:
                continue
            found = variants.get(m.claim_id or "", [])
            yield ExportRow(article, m, labels.get(m.id, {}), g, found, flags.get(m.id, []))

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

    def _gold_for_article(self, article_id: str) -> dict[str, dict[str, str]]:
        sql = (
            "select g.target_id, g.field, g.value from gold g where g.target_id in "
            "(select id from mentions where article_id = ? "
            "union select claim_id from mentions where article_id = ?)"
        )
        found: dict[str, dict[str, str]] = {}
        for target, name, value in self.db.execute(sql, [article_id, article_id]):
            found.setdefault(target, {})[name] = value
        return found

    def ratings(self, field: str, claim_scope: bool) -> Iterator[tuple[str, str, str, str]]:
        """(item, annotator, value, article id) of every label of one field.

        The item is the mention, or for a claim-scoped field the claim, which then
        appears once per article it occurs in (callers drop the repeats).
        """
        item = "m.claim_id" if claim_scope else "m.id"
        sql = (
            f"select {item}, a.annotator, a.value, m.article_id from annotations a "
            "join mentions m on m.id = a.mention_id where a.field = ?"
        )
        yield from self.db.execute(sql, [field])

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
