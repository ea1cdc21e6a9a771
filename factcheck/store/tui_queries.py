"""Reads and one batched write that the annotation TUI needs beyond the Store's own API."""

from __future__ import annotations

from dataclasses import dataclass

from factcheck.store.core import Store
from factcheck.store.records import Mention

_MENTION_COLUMNS = 'm.id, m.article_id, m.idx, m.start, m."end", m.text, m.claim_id, m.suggested_source'


@dataclass(frozen=True)
class ArticleSummary:
    """One row of the article picker."""

    id: str
    seq: int
    title: str | None
    outlet: str | None
    published: str | None
    path: str
    mentions: int
    """Number of sentences (mentions) of the article."""


@dataclass(frozen=True)
class ClaimMention:
    """A mention of a claim with the article it appears in."""

    mention: Mention
    article_seq: int
    article_title: str | None
    article_path: str


@dataclass(frozen=True)
class ClaimLink:
    """A variant claim linked to another (e.g. same claim with a different number)."""

    claim_id: str
    kind: str
    score: float | None
    text: str | None
    """Text of the linked claim's canonical mention."""
    mention_id: str | None


def article_index(store: Store) -> list[tuple[str, int]]:
    """(id, seq) of every article in ingest order: small rows, fine for 100k articles."""
    return [(aid, seq) for aid, seq in store.db.execute("select id, seq from articles order by seq")]


def mention_counts(store: Store) -> dict[str, int]:
    """article id -> number of its mentions (one grouped query over an index)."""
    sql = "select article_id, count(*) from mentions group by article_id"
    return {aid: n for aid, n in store.db.execute(sql)}


def article_page(store: Store, offset: int, limit: int) -> list[ArticleSummary]:
    """Articles ``offset`` .. ``offset + limit`` in ingest order, with their sentence counts."""
    sql = (
        "select a.id, a.seq, a.title, a.outlet, a.published, a.path, "
        "(select count(*) from mentions m where m.article_id = a.id) "
        "from articles a order by a.seq limit ? offset ?"
    )
    return [ArticleSummary(*row) for row in store.db.execute(sql, [limit, offset])]


def claim_others(store: Store, claim_id: str, mention_id: str) -> list[ClaimMention]:
    """The other mentions of a claim, with their articles, in ingest order."""
    sql = (
        f"select {_MENTION_COLUMNS}, a.seq, a.title, a.path from mentions m "
        "join articles a on a.id = m.article_id where m.claim_id = ? and m.id != ? "
        "order by a.seq, m.idx"
    )
    rows = store.db.execute(sql, [claim_id, mention_id]).fetchall()
    return [ClaimMention(Mention(*row[:8]), row[8], row[9], row[10]) for row in rows]


def claim_links(store: Store, claim_id: str) -> list[ClaimLink]:
    """Claims linked to this one in ``claim_links`` (either direction)."""
    sql = (
        "select l.other, l.kind, l.score, m.text, m.id from ("
        "select claim_b as other, kind, score from claim_links where claim_a = ? "
        "union all select claim_a, kind, score from claim_links where claim_b = ?) l "
        "left join claims c on c.id = l.other left join mentions m on m.id = c.canonical_mention_id "
        "order by l.kind, l.other"
    )
    return [ClaimLink(*row) for row in store.db.execute(sql, [claim_id, claim_id])]
