"""The event log read for pace: every label an annotator gave, with when and how long it took."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from factcheck.store.core import Store

LabelEvent = tuple[str, str, str, int | None, str]
"""(annotator, ISO time, mention id, milliseconds the sentence had been on screen or None, batch):
one key press on a claim-scoped field logs one event per mention of the claim, in one batch."""


def label_events(store: Store, annotator: str | None = None) -> Iterator[LabelEvent]:
    """Labels given on the annotation screen (not imports, merges or undos), oldest first."""
    sql = "select annotator, ts, mention_id, dwell_ms, batch from events where kind = 'label'"
    params: list[str] = []
    if annotator is not None:
        sql += " and annotator = ?"
        params.append(annotator)
    yield from store.db.execute(sql + " order by annotator, ts, id", params)
