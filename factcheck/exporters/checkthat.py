"""CLEF CheckThat! check-worthiness TSV (Task 1): ``Sentence_id``, ``Text``, ``class_label`` Yes/No."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from factcheck.exporters.base import ExportOptions, ExportSummary, decide, require_field

if TYPE_CHECKING:
    from factcheck.schema import Field
    from factcheck.store import Store

HEADER = "Sentence_id\tText\tclass_label\n"
FIELD = "checkworthy"
WORTHY = "check-worthy"
"""The value exported as ``Yes``; every other value (unimportant, not-factual) is ``No``.
A schema whose checkworthy field lacks this value has its first value exported as ``Yes``."""


def iter_checkthat(
    store: Store,
    gold_only: bool = False,
    *,
    summary: ExportSummary | None = None,
    options: ExportOptions | None = None,
) -> Iterator[str]:
    """Stream one TSV line per mention with a checkworthy verdict (gold, else majority).

    Mentions without one, or whose annotators tie, are left out and counted in ``summary``.
    The sentence id is the mention id; tabs and newlines in the text become spaces (the
    format has no quoting).

    Raises:
        ExportError: the schema has no ``checkworthy`` choice field (raised at once).
    """
    spec = require_field(store.schema, FIELD, "checkthat")
    return _lines(store, spec, gold_only, summary if summary is not None else ExportSummary())


def _lines(store: Store, spec: Field, gold_only: bool, summary: ExportSummary) -> Iterator[str]:
    worthy = WORTHY if WORTHY in spec.values else spec.values[0]
    yield HEADER
    for row in store.iter_export(gold_only=gold_only):
        votes = [v[FIELD] for v in row.labels.values() if FIELD in v]
        verdict = decide(row.gold.get(FIELD), votes)
        if gold_only and verdict.basis != "gold":
            summary.leave_out("sentence(s) without a gold checkworthy label")
            continue
        if verdict.value is None:
            reason = "tied checkworthy votes" if verdict.basis == "tie" else "no checkworthy label"
            summary.leave_out(f"sentence(s) with {reason}")
            continue
        label = "Yes" if verdict.value == worthy else "No"
        summary.records += 1
        yield f"{row.mention.id}\t{' '.join(row.mention.text.split())}\t{label}\n"
