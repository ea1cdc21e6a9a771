"""Gold labels: adjudication with an event log, undo, unanimous acceptance and disagreements."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING

import sqlite_utils

from factcheck.store.connection import now
from factcheck.store.label_groups import Disagreement, LabelGroup, consensus, label_groups

if TYPE_CHECKING:
    from factcheck.schema import Field, Schema

TARGET_KINDS = ("mention", "claim")
UNANIMOUS = "unanimous"
"""The adjudicator recorded on gold labels taken from unanimous annotators."""

GOLD_KIND = "gold"
GOLD_UNDO_KIND = "gold-undo"
"""Event kinds: a gold change, and the undo of a batch of them (``undoes`` names the batch)."""


@dataclass(frozen=True)
class GoldLabel:
    """One adjudicated value."""

    target_kind: str
    target_id: str
    field: str
    value: str
    adjudicator: str
    updated_at: str


@dataclass(frozen=True)
class GoldChange:
    """One gold change: the gold of (target, field) went from old to new."""

    target_kind: str
    target_id: str
    field: str
    old: str | None
    new: str | None
    adjudicator: str


class GoldMixin:
    """Gold-label operations of :class:`factcheck.store.Store`."""

    db: sqlite_utils.Database
    schema: Schema
    transaction: Callable[[], AbstractContextManager[sqlite_utils.Database]]

    def set_gold(
        self, target_kind: str, target_id: str, field: str, value: str | None, adjudicator: str
    ) -> GoldChange | None:
        """Adjudicate (or clear, with None) the gold value of one item, logged for undo.

        Args:
            target_kind: ``mention`` for mention-scoped fields, ``claim`` for claim-scoped.
            target_id: the mention id or the claim id.
            field: a schema field.
            value: a value the field accepts, or None (or "") to clear.
            adjudicator: who decides.

        Returns:
            The change, or None when the gold value was already ``value``.

        Raises:
            ValueError: unknown field or target, a value the field does not accept, or a
                target kind that does not match the field's scope.
        """
        value = value or None
        self._gold_check(target_kind, target_id, field, value)
        with self.transaction():
            old = self._gold_value(target_id, field)
            if old == value:
                return None
            change = GoldChange(target_kind, target_id, field, old, value, adjudicator)
            self._gold_apply([change], kind=GOLD_KIND, batch=uuid.uuid4().hex)
        return change

    def clear_gold(self, target_id: str, field: str, adjudicator: str) -> GoldChange | None:
        """Remove the gold value of one item (logged, so it can be undone)."""
        spec = self._gold_field(field)
        return self.set_gold(spec.scope, target_id, field, None, adjudicator)

    def _gold_field(self, field: str) -> Field:
        spec = self.schema.get(field)
        if spec is None:
            raise ValueError(f"unknown field {field!r}")
        return spec

    def _gold_check(self, target_kind: str, target_id: str, field: str, value: str | None) -> None:
        spec = self._gold_field(field)
        if value is not None and not spec.accepts(value):
            raise ValueError(f"{value!r} is not a value of {field!r}")
        if target_kind not in TARGET_KINDS or target_kind != spec.scope:
            raise ValueError(f"{field!r} is {spec.scope}-scoped: its gold belongs to a {spec.scope}")
        column = "id" if target_kind == "mention" else "claim_id"
        sql = f"select 1 from mentions where {column} = ? limit 1"
        if self.db.execute(sql, [target_id]).fetchone() is None:
            raise ValueError(f"unknown {target_kind} {target_id!r}")

    def _gold_value(self, target_id: str, field: str) -> str | None:
        sql = "select value from gold where target_id = ? and field = ?"
        row = self.db.execute(sql, [target_id, field]).fetchone()
        return row[0] if row else None

    def _gold_apply(
        self, changes: Iterable[GoldChange], *, kind: str, batch: str, undoes: str | None = None
    ) -> int:
        ts = now()
        count = 0
        for c in changes:
            if c.new is None:
                self.db.execute("delete from gold where target_id = ? and field = ?", [c.target_id, c.field])
            else:
                self.db.execute(
                    "insert into gold (target_kind, target_id, field, value, adjudicator, updated_at) "
                    "values (?, ?, ?, ?, ?, ?) on conflict (target_id, field) do update set "
                    "target_kind = excluded.target_kind, value = excluded.value, "
                    "adjudicator = excluded.adjudicator, updated_at = excluded.updated_at",
                    [c.target_kind, c.target_id, c.field, c.new, c.adjudicator, ts],
                )
            self.db.execute(
                "insert into events (ts, annotator, mention_id, field, old, new, kind, batch, undoes) "
                "values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [ts, c.adjudicator, c.target_id, c.field, c.old, c.new, kind, batch, undoes],
            )
            count += 1
        return count

    def undo_gold(self, adjudicator: str) -> list[GoldChange]:
        """Revert this adjudicator's last gold change (one batch) that is not yet undone.

        Reads the event log, so it works across restarts. A restored value is credited
        to whoever had set it.

        Returns:
            The changes made by the undo (empty when there is nothing to undo).
        """
        with self.transaction():
            batch = self._gold_last_undoable(adjudicator)
            if batch is None:
                return []
            sql = (
                "select id, mention_id, field, old from events where batch = ? and kind = ? order by id desc"
            )
            changes = []
            for event_id, target, field, old in self.db.execute(sql, [batch, GOLD_KIND]).fetchall():
                who = self._gold_setter(event_id, target, field, old) or adjudicator
                current = self._gold_value(target, field)
                changes.append(GoldChange(self._gold_field(field).scope, target, field, current, old, who))
            self._gold_apply(changes, kind=GOLD_UNDO_KIND, batch=uuid.uuid4().hex, undoes=batch)
        return changes

    def _gold_last_undoable(self, adjudicator: str) -> str | None:
        sql = (
            "select batch from events e where annotator = ? and kind = ? "
            "and not exists (select 1 from events u where u.kind = ? and u.undoes = e.batch) "
            "order by id desc limit 1"
        )
        row = self.db.execute(sql, [adjudicator, GOLD_KIND, GOLD_UNDO_KIND]).fetchone()
        return row[0] if row else None

    def _gold_setter(self, before: int, target: str, field: str, value: str | None) -> str | None:
        """Who set ``value`` as the gold of (target, field) before event ``before``."""
        if value is None:
            return None
        sql = (
            "select annotator from events where mention_id = ? and field = ? and new = ? "
            "and kind in (?, ?) and id < ? order by id desc limit 1"
        )
        row = self.db.execute(sql, [target, field, value, GOLD_KIND, GOLD_UNDO_KIND, before]).fetchone()
        return row[0] if row else None

    # -- reading ------------------------------------------------------------------

    def gold_for(self, target_id: str) -> dict[str, str]:
        """The gold values of one mention or claim: field -> value."""
        sql = "select field, value from gold where target_id = ?"
        return {name: value for name, value in self.db.execute(sql, [target_id])}

    def gold_labels(self, target_id: str) -> list[GoldLabel]:
        """The gold of one mention or claim with who adjudicated it and when."""
        sql = (
            "select target_kind, target_id, field, value, adjudicator, updated_at "
            "from gold where target_id = ? order by field"
        )
        return [GoldLabel(*row) for row in self.db.execute(sql, [target_id])]

    def gold_for_mention(self, mention_id: str) -> dict[str, str]:
        """What a mention shows as gold: its own values and its claim's (claim-scoped) values."""
        sql = (
            "select g.field, g.value from gold g where g.target_id = ? "
            "or g.target_id = (select claim_id from mentions where id = ?)"
        )
        return {name: value for name, value in self.db.execute(sql, [mention_id, mention_id])}

    # -- adjudication helpers -------------------------------------------------------

    def accept_unanimous(
        self, min_annotators: int = 2, overwrite: bool = False, field: str | None = None
    ) -> int:
        """Make gold of every item on which at least ``min_annotators`` annotators agree.

        Text values agree when equal after normalising case and white space (the most
        common spelling becomes gold). Recorded as adjudicator ``unanimous`` in one batch,
        so ``undo_gold("unanimous")`` reverts it all.

        Args:
            min_annotators: how many annotators must have given a value (at least 2).
            overwrite: also replace existing gold that differs; by default gold is kept.
            field: only this field (default: every field).

        Returns:
            The number of gold values written.
        """
        if min_annotators < 2:
            raise ValueError("unanimity needs at least two annotators")
        with self.transaction():
            # Collected before writing: the groups query reads the gold table.
            changes = [
                GoldChange(g.target_kind, g.target_id, g.field, g.gold, value, UNANIMOUS)
                for g in self.label_groups(field)
                if len(g.values) >= min_annotators
                and (value := consensus(g, self.schema)) is not None
                and (g.gold is None or (overwrite and g.gold != value))
            ]
            return self._gold_apply(changes, kind=GOLD_KIND, batch=uuid.uuid4().hex)

    def disagreements(self, field: str | None = None, pending_only: bool = False) -> Iterator[Disagreement]:
        """Items on which at least two annotators gave different values, for review.

        Text values are compared after normalising case and white space. Streams in
        target-id order.

        Args:
            field: only this field (default: every field).
            pending_only: leave out items that already have a gold value.
        """
        for group in self.label_groups(field):
            if len(group.values) < 2 or (pending_only and group.gold is not None):
                continue
            if consensus(group, self.schema) is None:
                yield group

    def label_groups(self, field: str | None = None) -> Iterator[LabelGroup]:
        """Every labelled item with each annotator's value, streamed (see :func:`label_groups`)."""
        return label_groups(self.db, self.schema, field)
