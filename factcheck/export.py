"""Exporters: the labelled dataset as JSONL records (the contract) and other formats."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import IO, Any

from factcheck.schema import Schema
from factcheck.store import Store
from factcheck.store.reports import ExportRow


def record(row: ExportRow, schema: Schema) -> dict[str, Any]:
    """The export record of one mention (DESIGN.md contract, keys in contract order)."""
    m, a = row.mention, row.article
    order = {name: i for i, name in enumerate(schema.names)}
    annotations = []
    for annotator in sorted(row.labels):
        values = row.labels[annotator]
        entry: dict[str, Any] = {"annotator": annotator}
        for name in sorted(values, key=lambda n: (order.get(n, len(order)), n)):
            entry[name] = values[name]
        annotations.append(entry)
    gold = {n: row.gold[n] for n in sorted(row.gold, key=lambda n: (order.get(n, len(order)), n))}
    return {
        "mention_id": m.id,
        "claim_id": m.claim_id,
        "article_id": a.id,
        "article_title": a.title,
        "article_path": a.path,
        "index": m.index,
        "start": m.start,
        "end": m.end,
        "text": m.text,
        "annotations": annotations,
        "gold": gold,
        "suggestions": {"source": m.suggested_source} if m.suggested_source else {},
        "article_outlet": a.outlet,
        "article_url": a.url,
        "article_published": a.published,
    }


def iter_jsonl(store: Store, gold_only: bool = False) -> Iterator[str]:
    """One JSON line per mention, articles in ingest order, mentions in text order."""
    schema = store.schema
    for row in store.iter_export(gold_only=gold_only):
        yield json.dumps(record(row, schema), ensure_ascii=False) + "\n"


Exporter = Callable[[Store, bool], Iterator[str]]

EXPORTERS: dict[str, Exporter] = {"jsonl": iter_jsonl}
"""Format name -> function yielding the output in chunks (streamed, constant memory)."""


def write_export(store: Store, fmt: str, out: IO[str], gold_only: bool = False) -> int:
    """Stream an export to ``out``; return the number of chunks (lines) written."""
    count = 0
    for chunk in EXPORTERS[fmt](store, gold_only):
        out.write(chunk)
        count += 1
    return count
