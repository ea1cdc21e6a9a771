"""Sentence flags: an annotator marks a sentence as unsure, to come back to or for the adjudicator.

A flag is logged and undone like a label: a :class:`Change` whose field is :data:`FLAG`.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager

import sqlite_utils

from factcheck.store.connection import chunks
from factcheck.store.records import FLAG, FLAGGED, Change

FLAG_KIND = "flag"
"""Event kind of a flag set or cleared by an annotator."""


class FlagsMixin:
    """Flag operations of :class:`factcheck.store.Store`."""

    db: sqlite_utils.Database
    transaction: Callable[[], AbstractContextManager[sqlite_utils.Database]]
    _apply: Callable[..., None]

    def set_flag(self, annotator: str, mention_id: str, flagged: bool) -> list[Change]:
        """Flag (or unflag) a sentence for ``annotator``; one event, undone by ``undo``.

        Returns:
            The change made (empty when the sentence already was so).
        """
        new = FLAGGED if flagged else None
        with self.transaction():
            old = self._flag(annotator, mention_id)
            if old == new:
                return []
            changes = [Change(mention_id, annotator, FLAG, old, new)]
            self._apply(changes, kind=FLAG_KIND, batch=uuid.uuid4().hex)
        return changes

    def _flag(self, annotator: str, mention_id: str) -> str | None:
        sql = "select 1 from flags where mention_id = ? and annotator = ?"
        return FLAGGED if self.db.execute(sql, [mention_id, annotator]).fetchone() else None

    def _write_flag(self, change: Change, ts: str) -> None:
        """Apply a flag change to the flags table (the event is written by the caller)."""
        if change.new is None:
            sql = "delete from flags where mention_id = ? and annotator = ?"
            self.db.execute(sql, [change.mention_id, change.annotator])
        else:
            sql = "insert or ignore into flags (mention_id, annotator, flagged_at) values (?, ?, ?)"
            self.db.execute(sql, [change.mention_id, change.annotator, ts])

    def flagged(self, annotator: str, article_id: str) -> set[str]:
        """The sentences of an article this annotator has flagged."""
        sql = (
            "select f.mention_id from mentions m cross join flags f on f.mention_id = m.id "
            "where m.article_id = ? and f.annotator = ?"
        )
        return {row[0] for row in self.db.execute(sql, [article_id, annotator])}

    def flagged_by(self, mention_ids: Sequence[str]) -> dict[str, list[str]]:
        """mention id -> the annotators who flagged it, sorted (mentions nobody flagged are left out)."""
        found: dict[str, list[str]] = {}
        for chunk in chunks(mention_ids):
            marks = ",".join("?" * len(chunk))
            sql = f"select mention_id, annotator from flags where mention_id in ({marks}) order by annotator"
            for mid, who in self.db.execute(sql, list(chunk)):
                found.setdefault(mid, []).append(who)
        return found

    def all_flags(self) -> dict[str, list[str]]:
        """Every flagged sentence: mention id -> the annotators who flagged it, sorted."""
        found: dict[str, list[str]] = {}
        for mid, who in self.db.execute("select mention_id, annotator from flags order by annotator"):
            found.setdefault(mid, []).append(who)
        return found
