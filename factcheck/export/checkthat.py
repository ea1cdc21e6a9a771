"""CLEF CheckThat! check-worthiness TSV (Task 1): ``Sentence_id``, ``Text``, ``class_label`` Yes/No."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from factcheck.export.base import ExportOptions, ExportSummary, decide, require_role
from factcheck.schema import CHECK_WORTHY, CHECKWORTHINESS

if TYPE_CHECKING:
    from factcheck.schema import Field
    from factcheck.store import Store

HEADER = "Sentence_id\tText\tclass_label\n"


def iter_checkthat(
    store: Store,
    gold_only: bool = False,
    *,
    summary: ExportSummary | None = None,
    options: ExportOptions | None = None,
) -> Iterator[str]:
    """Stream one TSV line per mention with a check-worthiness verdict (gold, else majority).

    The value meaning check-worthy is ``Yes`` (a field without one: its first value, as an
    ordered field lists the most check-worthy first); every other value is ``No``.

    Mentions without one, or whose annotators tie, are left out and counted in ``summary``.
    The sentence id is the mention id; tabs and newlines in the text become spaces (the
    format has no quoting).

    Raises:
        ExportError: no field plays the checkworthiness role (raised at once).
    """
    spec = require_role(store.schema, CHECKWORTHINESS, "checkthat")
    return _lines(store, spec, gold_only, summary if summary is not None else ExportSummary())


def _lines(store: Store, spec: Field, gold_only: bool, summary: ExportSummary) -> Iterator[str]:
    worthy = spec.value_meaning(CHECK_WORTHY) or spec.values[0]
    name = spec.name
    yield HEADER
    for row in store.iter_export(gold_only=gold_only):
        votes = [v[name] for v in row.labels.values() if name in v]
        verdict = decide(row.gold.get(name), votes)
        if gold_only and verdict.basis != "gold":
            summary.leave_out(f"sentence(s) without a gold {name} label")
            continue
        if verdict.value is None:
            reason = f"tied {name} votes" if verdict.basis == "tie" else f"no {name} label"
            summary.leave_out(f"sentence(s) with {reason}")
            continue
        label = "Yes" if verdict.value == worthy else "No"
        summary.records += 1
        yield f"{row.mention.id}\t{' '.join(row.mention.text.split())}\t{label}\n"
