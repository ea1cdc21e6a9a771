"""CLEF CheckThat! check-worthiness (2024 Task 1, English): the labelled TSV and a run file.

The labelled file has the columns of the lab's English data, ``Sentence_id``, ``Text`` and
``class_label`` (``Yes``/``No``), tab-separated with a header. A run (submission) file has
``Sentence_id``, ``class_label`` and ``run_id``: the lab's format checker accepts it and its
scorer scores it against the labelled file.

``Sentence_id`` is numeric, as the lab's tools require: the first 15 hex digits of the mention
id read as a number (:func:`sentence_id`), so it is the same in every export and every copy of
the database, fits a signed 64-bit integer, and leads back to the mention
(:func:`mention_id_prefix`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from factcheck.export.base import ExportOptions, ExportSummary, decide, require_role
from factcheck.schema import CHECK_WORTHY, CHECKWORTHINESS

if TYPE_CHECKING:
    from factcheck.schema import Field
    from factcheck.store import Mention, Store

HEADER = "Sentence_id\tText\tclass_label\n"
RUN_HEADER = "Sentence_id\tclass_label\trun_id\n"
RUN_ID = "factcheck"
"""The ``run_id`` of a run file (letters, digits, ``_`` or ``-``, as the format checker wants)."""
ID_DIGITS = 15
"""Hex digits of the mention id in a sentence id: 60 bits, within a signed 64-bit integer."""


def sentence_id(mention_id: str) -> int:
    """The numeric CheckThat! id of a mention: its id's first 15 hex digits as a number."""
    return int(mention_id[:ID_DIGITS], 16)


def mention_id_prefix(number: int) -> str:
    """What a mention id starts with, given its CheckThat! ``Sentence_id``."""
    return f"{number:0{ID_DIGITS}x}"


def quote(text: str) -> str:
    """A text cell as the lab's data writes it: on one line, in double quotes (inner ones
    doubled) when it holds a comma or a quote, so a sentence starting with ``"`` reads back whole.

    Tabs and line breaks become spaces: the lab's scorer reads one record per line and
    splits it at tabs.
    """
    flat = " ".join(text.split())
    if "," in flat or '"' in flat:
        return '"' + flat.replace('"', '""') + '"'
    return flat


def iter_checkthat(
    store: Store,
    gold_only: bool = False,
    *,
    summary: ExportSummary | None = None,
    options: ExportOptions | None = None,
) -> Iterator[str]:
    """Stream the labelled TSV: one line per mention with a check-worthiness verdict.

    The verdict is the gold value, else the annotators' majority. The value meaning
    check-worthy is ``Yes`` (a field without one: its first value, as an ordered field lists
    the most check-worthy first); every other value is ``No``. Mentions without a verdict,
    or whose annotators tie, are left out and counted in ``summary``.

    Raises:
        ExportError: no field plays the checkworthiness role (raised at once).
    """
    spec = require_role(store.schema, CHECKWORTHINESS, "checkthat")
    found = summary if summary is not None else ExportSummary()
    return _labelled(store, spec, gold_only, found)


def iter_checkthat_run(
    store: Store,
    gold_only: bool = False,
    *,
    summary: ExportSummary | None = None,
    options: ExportOptions | None = None,
) -> Iterator[str]:
    """Stream the same sentences and labels as :func:`iter_checkthat` as a run file.

    Scored against the labelled file it gives a perfect score: it shows a pipeline
    end to end, and is the shape a system's predictions must have.

    Raises:
        ExportError: no field plays the checkworthiness role (raised at once).
    """
    spec = require_role(store.schema, CHECKWORTHINESS, "checkthat-run")
    found = summary if summary is not None else ExportSummary()
    return _run(store, spec, gold_only, found)


def _labelled(store: Store, spec: Field, gold_only: bool, summary: ExportSummary) -> Iterator[str]:
    yield HEADER
    for mention, label in _decided(store, spec, gold_only, summary):
        yield f"{sentence_id(mention.id)}\t{quote(mention.text)}\t{label}\n"


def _run(store: Store, spec: Field, gold_only: bool, summary: ExportSummary) -> Iterator[str]:
    yield RUN_HEADER
    for mention, label in _decided(store, spec, gold_only, summary):
        yield f"{sentence_id(mention.id)}\t{label}\t{RUN_ID}\n"


def _decided(
    store: Store, spec: Field, gold_only: bool, summary: ExportSummary
) -> Iterator[tuple[Mention, str]]:
    worthy = spec.value_meaning(CHECK_WORTHY) or spec.values[0]
    name = spec.name
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
        summary.records += 1
        yield row.mention, "Yes" if verdict.value == worthy else "No"
