"""The training export: one row per sentence with context, each annotator's labels and final labels.

The columns are fixed by the schema alone (:func:`columns`), never by who labelled what, so
exports of different databases with the same schema load together. Written as JSONL, CSV
(nested values as JSON text) or Parquet (:mod:`factcheck.export.parquet`).
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from factcheck.export.base import ExportOptions, ExportSummary, decide
from factcheck.export.checkthat import sentence_id

if TYPE_CHECKING:
    from factcheck.schema import Field, Schema
    from factcheck.store import ExportRow, Store

STRING, INTEGER, FLOAT, ANNOTATIONS = "string", "int64", "float64", "annotations"
"""Column types: text, 64-bit integer, 64-bit float, and the list of per-annotator records."""

FIXED = (
    ("mention_id", STRING),
    ("claim_id", STRING),
    ("article_id", STRING),
    ("sentence_id", INTEGER),
    ("index", INTEGER),
    ("start", INTEGER),
    ("end", INTEGER),
    ("text", STRING),
    ("previous_text", STRING),
    ("next_text", STRING),
    ("article_title", STRING),
    ("article_outlet", STRING),
    ("article_wire", STRING),
    ("article_url", STRING),
    ("article_published", STRING),
    ("annotations", ANNOTATIONS),
)
"""Columns every dataset has. ``sentence_id`` is the CheckThat! id; ``annotations`` lists one
record per annotator: ``annotator`` and one key per field (null where they gave no value)."""

SUFFIXES = (("_basis", STRING), ("_agreement", FLOAT), ("_annotators", INTEGER))
"""Columns after each field's final label: ``gold``/``majority``/``tie``/``none``; the share of
its annotators who gave the most common value (null under two annotators); how many labelled it."""

LABEL_PREFIX = "label_"
"""Put before a field's columns when they would clash with a fixed column."""


@dataclass(frozen=True)
class Column:
    """One column of the dataset."""

    name: str
    type: str
    field: str | None = None
    """The schema field this column describes, if any."""
    part: str = ""
    """For a field's columns: ``""`` (the final label) or a suffix of :data:`SUFFIXES`."""


def columns(schema: Schema) -> list[Column]:
    """Every column in order: the fixed ones, then per field its final label and its suffixes."""
    found = [Column(name, kind) for name, kind in FIXED]
    taken = {c.name for c in found}
    for f in schema:
        stem = f.name
        names = [stem + suffix for suffix, _ in (("", STRING), *SUFFIXES)]
        if taken & set(names):
            stem = LABEL_PREFIX + f.name
        for suffix, kind in (("", STRING), *SUFFIXES):
            found.append(Column(stem + suffix, kind, f.name, suffix))
            taken.add(stem + suffix)
    return found


def iter_dataset(
    store: Store,
    gold_only: bool = False,
    *,
    summary: ExportSummary | None = None,
    options: ExportOptions | None = None,
) -> Iterator[str]:
    """Stream the dataset as JSONL: one object per sentence with every column as a key."""
    for row in rows(store, gold_only, summary):
        yield json.dumps(row, ensure_ascii=False) + "\n"


def iter_dataset_csv(
    store: Store,
    gold_only: bool = False,
    *,
    summary: ExportSummary | None = None,
    options: ExportOptions | None = None,
) -> Iterator[str]:
    """Stream the dataset as CSV; ``annotations`` is JSON text, empty cells are nulls."""
    names = [c.name for c in columns(store.schema)]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(names)
    for n, row in enumerate(rows(store, gold_only, summary)):
        row[ANNOTATIONS] = json.dumps(row[ANNOTATIONS], ensure_ascii=False)
        writer.writerow(["" if row[name] is None else row[name] for name in names])
        if n % 500 == 0:
            yield _drain(buffer)
    yield _drain(buffer)


def rows(
    store: Store, gold_only: bool = False, summary: ExportSummary | None = None
) -> Iterator[dict[str, Any]]:
    """One dict per sentence, keys in column order, in export order (constant memory)."""
    schema = store.schema
    spec = columns(schema)
    previous: ExportRow | None = None
    current: ExportRow | None = None
    # One sentence of lookahead gives each row its neighbours within the article.
    for following in store.iter_export():
        if current is not None:
            yield from _emit(previous, current, following, spec, schema, gold_only, summary)
        previous, current = current, following
    if current is not None:
        yield from _emit(previous, current, None, spec, schema, gold_only, summary)


def _emit(
    previous: ExportRow | None,
    row: ExportRow,
    following: ExportRow | None,
    spec: list[Column],
    schema: Schema,
    gold_only: bool,
    summary: ExportSummary | None,
) -> Iterator[dict[str, Any]]:
    if gold_only and not row.gold:
        if summary is not None:
            summary.leave_out("sentence(s) without gold")
        return
    if summary is not None:
        summary.records += 1
    yield record(row, _neighbour(previous, row), _neighbour(following, row), spec, schema)


def _neighbour(other: ExportRow | None, row: ExportRow) -> str | None:
    return other.mention.text if other is not None and other.article.id == row.article.id else None


def record(
    row: ExportRow, previous: str | None, following: str | None, spec: list[Column], schema: Schema
) -> dict[str, Any]:
    """The dataset row of one sentence."""
    m, a = row.mention, row.article
    fixed: dict[str, Any] = {
        "mention_id": m.id,
        "claim_id": m.claim_id,
        "article_id": a.id,
        "sentence_id": sentence_id(m.id),
        "index": m.index,
        "start": m.start,
        "end": m.end,
        "text": m.text,
        "previous_text": previous,
        "next_text": following,
        "article_title": a.title,
        "article_outlet": a.outlet,
        "article_wire": a.wire,
        "article_url": a.url,
        "article_published": a.published,
        ANNOTATIONS: [
            {"annotator": who, **{f.name: row.labels[who].get(f.name) for f in schema}}
            for who in sorted(row.labels)
        ],
    }
    finals = {f.name: final(f, row) for f in schema}
    out: dict[str, Any] = {}
    for column in spec:
        if column.field is None:
            out[column.name] = fixed[column.name]
        else:
            out[column.name] = finals[column.field][column.part]
    return out


def final(field: Field, row: ExportRow) -> dict[str, Any]:
    """A field's final label (gold, else strict majority) with its basis, agreement and count."""
    votes = [v[field.name] for v in row.labels.values() if field.name in v]
    verdict = decide(row.gold.get(field.name), votes, text=not field.is_choice)
    counts = Counter(field.comparable(v) for v in votes)
    agreement = max(counts.values()) / len(votes) if len(votes) >= 2 else None
    return {
        "": verdict.value,
        "_basis": verdict.basis,
        "_agreement": agreement,
        "_annotators": len(votes),
    }


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text
