"""One JSON line per article: its cleaned text and where each sentence sits in it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import groupby
from typing import TYPE_CHECKING, Any

from factcheck.export.base import ExportOptions, ExportSummary

if TYPE_CHECKING:
    from factcheck.store import ExportRow, Store


def iter_articles(
    store: Store,
    gold_only: bool = False,
    *,
    summary: ExportSummary | None = None,
    options: ExportOptions | None = None,
) -> Iterator[str]:
    """Stream ``{"article_id", "path", "title", "outlet", "wire", "url", "published", "text",
    "mentions"}``.

    ``text`` is the cleaned text that every mention's ``start``/``end`` offsets point
    into (the same offsets as the jsonl export), given once per article; ``mentions``
    lists ``{"mention_id", "claim_id", "index", "start", "end"}`` in text order. With
    ``gold_only``, only articles with gold labels, and only their mentions that have gold.
    """
    for _, rows in groupby(store.iter_export(gold_only=gold_only), key=lambda row: row.article.id):
        if summary is not None:
            summary.records += 1
        yield json.dumps(_record(list(rows)), ensure_ascii=False) + "\n"


def _record(rows: list[ExportRow]) -> dict[str, Any]:
    a = rows[0].article
    return {
        "article_id": a.id,
        "path": a.path,
        "title": a.title,
        "outlet": a.outlet,
        "wire": a.wire,
        "url": a.url,
        "published": a.published,
        "text": a.text,
        "mentions": [
            {
                "mention_id": row.mention.id,
                "claim_id": row.mention.claim_id,
                "index": row.mention.index,
                "start": row.mention.start,
                "end": row.mention.end,
            }
            for row in rows
        ],
    }
