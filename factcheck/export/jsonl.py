"""The JSONL export record (DESIGN.md contract), the format registry and the streaming writer."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO, Any

from factcheck.export.articles import iter_articles
from factcheck.export.base import Exporter, ExportOptions, ExportSummary
from factcheck.export.checkthat import iter_checkthat, iter_checkthat_run
from factcheck.export.claimreview import iter_claimreview
from factcheck.export.dataset import iter_dataset, iter_dataset_csv
from factcheck.export.fever import iter_fever
from factcheck.export.table import iter_csv
from factcheck.schema import SOURCE, Schema
from factcheck.store import ExportRow, Store


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
    in_order = sorted(row.gold, key=lambda n: (order.get(n, len(order)), n))
    gold = {n: row.gold[n] for n in in_order}
    adjudication = {
        n: {"adjudicator": row.gold_by[n][0], "at": row.gold_by[n][1]} for n in in_order if n in row.gold_by
    }
    times = {
        who: {
            n: row.label_times[who][n]
            for n in sorted(row.label_times[who], key=lambda n: (order.get(n, len(order)), n))
        }
        for who in sorted(row.label_times)
    }
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
        "suggestions": _suggestions(m.suggested_source, schema),
        "variants": [{"claim_id": c, "kind": k, "score": sc} for c, k, sc in row.variants],
        "article_outlet": a.outlet,
        "article_wire": a.wire,
        "article_url": a.url,
        "article_published": a.published,
        "labelled_at": times,
        "gold_adjudication": adjudication,
        "flagged_by": list(row.flagged_by),
    }


def _suggestions(source: str | None, schema: Schema) -> dict[str, str]:
    """The pre-annotation, keyed by the field it is offered for (the source role's field)."""
    if not source:
        return {}
    field = schema.role(SOURCE)
    return {field.name if field else SOURCE: source}


def iter_jsonl(
    store: Store,
    gold_only: bool = False,
    *,
    summary: ExportSummary | None = None,
    options: ExportOptions | None = None,
) -> Iterator[str]:
    """One JSON line per mention, articles in ingest order, mentions in text order."""
    schema = store.schema
    for row in store.iter_export(gold_only=gold_only):
        if summary is not None:
            summary.records += 1
        yield json.dumps(record(row, schema), ensure_ascii=False) + "\n"


EXPORTERS: dict[str, Exporter] = {
    "jsonl": iter_jsonl,
    "csv": iter_csv,
    "claimreview": iter_claimreview,
    "checkthat": iter_checkthat,
    "checkthat-run": iter_checkthat_run,
    "fever": iter_fever,
    "articles": iter_articles,
    "dataset": iter_dataset,
    "dataset-csv": iter_dataset_csv,
}
"""Format name -> function yielding the output in chunks (streamed, constant memory)."""


def write_export(
    store: Store,
    fmt: str,
    out: IO[str],
    gold_only: bool = False,
    *,
    summary: ExportSummary | None = None,
    options: ExportOptions | None = None,
) -> int:
    """Stream an export to ``out``; return the number of chunks written.

    Raises:
        ExportError: the format needs a field this database's schema lacks (before
            anything is written).
    """
    count = 0
    for chunk in EXPORTERS[fmt](store, gold_only, summary=summary, options=options):
        out.write(chunk)
        count += 1
    return count


def export(
    store: Store, fmt: str, out: IO[str], gold_only: bool = False, options: ExportOptions | None = None
) -> ExportSummary:
    """Stream an export to ``out``; return what was written and what was left out.

    Raises:
        ExportError: see :func:`write_export`.
    """
    summary = ExportSummary()
    write_export(store, fmt, out, gold_only, summary=summary, options=options)
    return summary
