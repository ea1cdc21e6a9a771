"""The state of a label or gold value where histories meet (import, merge): newest wins, clears too.

The state of one (mention, annotator, field) is its stored value with the time it was set,
or, when an event cleared it later, nothing as of that clear: a clear is an event too. Two
states are compared by (time, has a value, value), a total order, so whichever side a merge
starts from, both end with the same value.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from factcheck.store.connection import now

GOLD_KINDS = ("gold", "gold-undo", "gold-import")
"""Event kinds that set or clear gold (``mention_id`` holds the target, ``annotator`` the adjudicator)."""
LOG_KINDS = ("merge", "gold-merge")
"""Event kinds that only record a value a merge discarded; they change nothing."""
NOT_LABEL_KINDS = (*GOLD_KINDS, *LOG_KINDS)
"""Every other event kind sets or clears a label of (mention, annotator, field)."""

Key = tuple[str, str, str]
"""(mention id, annotator, field), or for gold (target id, field, "")."""


@dataclass(frozen=True)
class State:
    """A value (None: cleared or never set) as of a time (None: never set)."""

    value: str | None
    at: str | None
    who: str | None = None
    """Gold: the adjudicator of the value."""
    kind: str | None = None
    """Gold: the target kind."""

    def rank(self) -> tuple[str, bool, str]:
        """The order of states: newer first, then a value over a clear, then the greater value."""
        return (self.at or "", self.value is not None, self.value or "")

    def beats(self, other: State) -> bool:
        """Whether this state is strictly newer (in the total order) than ``other``."""
        return self.rank() > other.rank()


NOTHING = State(None, None)


@dataclass(frozen=True)
class Stored:
    """What the database holds for one item: its row (value, time, adjudicator, target kind)
    and the time of the newest event that cleared it."""

    value: str | None = None
    at: str | None = None
    clear_at: str | None = None
    who: str | None = None
    kind: str | None = None

    @property
    def state(self) -> State:
        """The newest of the row and the last clear."""
        if self.value is not None and (self.clear_at is None or (self.at or "") >= self.clear_at):
            return State(self.value, self.at, self.who, self.kind)
        if self.clear_at is not None:
            return State(None, self.clear_at)
        return NOTHING


def label_rows(db: sqlite_utils.Database, keys: Sequence[Key]) -> dict[Key, Stored]:
    """What the main database holds for each (mention, annotator, field)."""
    skip = ",".join("?" * len(NOT_LABEL_KINDS))
    sql = (
        "select k.m, k.w, k.f, a.value, a.updated_at, (select max(e.ts) from main.events e "
        "where e.mention_id = k.m and e.field = k.f and e.annotator = k.w and e.new is null "
        f"and e.kind not in ({skip})) from temp.state_keys k left join main.annotations a "
        "on a.mention_id = k.m and a.annotator = k.w and a.field = k.f"
    )
    rows = _by_keys(db, "state_keys", ("m", "w", "f"), keys, sql, NOT_LABEL_KINDS)
    return {(m, w, f): Stored(v, at, cleared) for m, w, f, v, at, cleared in rows}


def label_states(db: sqlite_utils.Database, keys: Sequence[Key]) -> dict[Key, State]:
    """The current state of each (mention, annotator, field) in the main database."""
    return {key: stored.state for key, stored in label_rows(db, keys).items()}


def gold_rows(db: sqlite_utils.Database, keys: Sequence[tuple[str, str]]) -> dict[tuple[str, str], Stored]:
    """What the main database holds as gold for each (target, field)."""
    kinds = ",".join("?" * len(GOLD_KINDS))
    sql = (
        "select k.t, k.f, g.value, g.updated_at, (select max(e.ts) from main.events e "
        "where e.mention_id = k.t and e.field = k.f and e.new is null "
        f"and e.kind in ({kinds})), g.adjudicator, g.target_kind from temp.state_gold_keys k "
        "left join main.gold g on g.target_id = k.t and g.field = k.f"
    )
    rows = _by_keys(db, "state_gold_keys", ("t", "f"), keys, sql, GOLD_KINDS)
    found = {(t, f): Stored(*rest) for t, f, *rest in rows}
    return found


def gold_states(db: sqlite_utils.Database, keys: Sequence[tuple[str, str]]) -> dict[tuple[str, str], State]:
    """The current gold state of each (target, field) in the main database."""
    return {key: stored.state for key, stored in gold_rows(db, keys).items()}


@dataclass(frozen=True)
class LabelWrite:
    """A label to set (or clear, with ``value`` None) as of ``at``, and what it replaces."""

    mention_id: str
    annotator: str
    field: str
    old: str | None
    value: str | None
    at: str


def write_labels(
    db: sqlite_utils.Database, writes: Iterable[LabelWrite], kind: str | None, batch: str
) -> int:
    """Apply label writes, each logged as an event of ``kind`` in ``batch`` (None: not logged,
    as for a merge, whose events come from the other database); return how many."""
    writes = list(writes)
    conn = db.conn
    conn.executemany(
        "delete from main.annotations where mention_id = ? and annotator = ? and field = ?",
        [(w.mention_id, w.annotator, w.field) for w in writes if w.value is None],
    )
    conn.executemany(
        "insert into main.annotations (mention_id, annotator, field, value, updated_at) "
        "values (?, ?, ?, ?, ?) on conflict (mention_id, annotator, field) "
        "do update set value = excluded.value, updated_at = excluded.updated_at",
        [(w.mention_id, w.annotator, w.field, w.value, w.at) for w in writes if w.value is not None],
    )
    if kind is not None:
        _log_changes(db, [(w.annotator, w.mention_id, w.field, w.old, w.value) for w in writes], kind, batch)
    return len(writes)


def _log_changes(
    db: sqlite_utils.Database,
    changes: Iterable[tuple[str, str, str, str | None, str | None]],
    kind: str,
    batch: str,
) -> None:
    """Log (who, target, field, old, new) changes as events of ``kind`` in ``batch``, now."""
    ts = now()
    db.conn.executemany(
        "insert into main.events (ts, annotator, mention_id, field, old, new, kind, batch) "
        "values (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (ts, who, target, field, old, new, kind, batch)
            for who, target, field, old, new in changes
            if old != new
        ],
    )


def log_discarded(
    db: sqlite_utils.Database,
    rows: Iterable[tuple[str | None, str | None, str, str, str | None, str | None]],
    kind: str,
    batch: str,
) -> int:
    """Log values a merge discarded: (when it was set, who, target, field, discarded, kept).

    An identical entry already in the log is not written again, so merging twice logs nothing.
    Returns the number of entries written.
    """
    count = 0
    for at, who, target, field, lost, kept in rows:
        cursor = db.conn.execute(
            "insert into main.events (ts, annotator, mention_id, field, old, new, kind, batch) "
            "select ?, ?, ?, ?, ?, ?, ?, ? where not exists (select 1 from main.events where "
            "mention_id = ? and field = ? and annotator is ? and ts = ? and kind = ? "
            "and old is ? and new is ?)",
            [at, who, target, field, lost, kept, kind, batch, target, field, who, at, kind, lost, kept],
        )
        count += cursor.rowcount
    return count


@dataclass(frozen=True)
class GoldWrite:
    """A gold value to set (or clear, with ``value`` None) as of ``at``, and what it replaces."""

    target_kind: str
    target_id: str
    field: str
    old: str | None
    value: str | None
    adjudicator: str
    at: str


def write_gold(db: sqlite_utils.Database, writes: Iterable[GoldWrite], kind: str | None, batch: str) -> int:
    """Apply gold writes, each logged as an event of ``kind`` in ``batch`` (None: not logged)."""
    writes = list(writes)
    conn = db.conn
    conn.executemany(
        "delete from main.gold where target_id = ? and field = ?",
        [(w.target_id, w.field) for w in writes if w.value is None],
    )
    conn.executemany(
        "insert into main.gold (target_kind, target_id, field, value, adjudicator, updated_at) "
        "values (?, ?, ?, ?, ?, ?) on conflict (target_id, field) do update set "
        "target_kind = excluded.target_kind, value = excluded.value, "
        "adjudicator = excluded.adjudicator, updated_at = excluded.updated_at",
        [
            (w.target_kind, w.target_id, w.field, w.value, w.adjudicator, w.at)
            for w in writes
            if w.value is not None
        ],
    )
    if kind is not None:
        _log_changes(db, [(w.adjudicator, w.target_id, w.field, w.old, w.value) for w in writes], kind, batch)
    return len(writes)


def _by_keys(
    db: sqlite_utils.Database,
    table: str,
    columns: Sequence[str],
    keys: Sequence[Sequence[str]],
    sql: str,
    params: Sequence[str],
) -> list[Any]:
    """The rows of ``sql`` run over ``keys`` staged in the temporary ``table`` (emptied after)."""
    conn = db.conn
    conn.execute(f"create temp table if not exists {table} ({', '.join(c + ' text' for c in columns)})")
    conn.execute(f"delete from temp.{table}")
    conn.executemany(f"insert into temp.{table} values ({', '.join('?' * len(columns))})", keys)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.execute(f"delete from temp.{table}")
