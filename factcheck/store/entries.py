"""Applying journal entries: each exactly once, never over a newer value; undo per session."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

import sqlite_utils

from factcheck.store.connection import now
from factcheck.store.flags import FLAG_KIND
from factcheck.store.journal import (
    FLAG_OP,
    SEGMENT_OPS,
    SET,
    SPLIT,
    UNDO,
    JournalEntry,
    SessionInfo,
    claimed,
    live_sessions,
    orphan_journals,
    read_journal,
)
from factcheck.store.labels import LABEL_KIND, UNDOABLE_SQL
from factcheck.store.records import FLAG, FLAGGED, Change
from factcheck.store.segments import SEGMENT_KIND, SegmentEdit, Stamp

if TYPE_CHECKING:
    from factcheck.schema import Schema

_BY_KIND = {
    "import": "an import",
    "merge": "a merge",
    "dedup": "re-clustering (dedup)",
    "label": "another annotation session",
    "undo": "an undo in another session",
    "flag": "another annotation session",
    "segment": "a split or join in another session",
}
"""Who made a change, by event kind, as the undo and newer-value messages name it."""


@dataclass(frozen=True)
class Outcome:
    """What applying one journal entry did."""

    changes: list[Change] = field(default_factory=list)
    """Every label it changed (claim propagation included)."""
    kept: list[str] = field(default_factory=list)
    """Values left alone because they were changed elsewhere after the key was pressed."""
    refused: str | None = None
    """Why nothing was written (a value the schema refuses, an undo of a value changed since)."""
    duplicate: bool = False
    """The entry had been applied before (a replay): nothing done."""
    segment: SegmentEdit | None = None
    """What a split or join did to the article's sentences."""


class EntriesMixin:
    """Journal entries and sessions of :class:`factcheck.store.Store`."""

    db: sqlite_utils.Database
    path: str
    schema: Schema
    transaction: Callable[[], AbstractContextManager[sqlite_utils.Database]]
    refresh_schema: Callable[[], bool]
    _targets: Callable[[str, bool], list[str]]
    _current: Callable[[str, str, Sequence[str]], dict[str, str]]
    _apply: Callable[..., None]
    _clear_voided: Callable[..., list[Change]]
    _flag: Callable[[str, str], str | None]
    split_mention: Callable[..., SegmentEdit]
    join_mentions: Callable[..., SegmentEdit]
    _segment_drift: Callable[[str], tuple[int, tuple[str, str, str] | None]]
    _undo_segment: Callable[[str, str, Stamp], list[Change]]

    def apply_entry(self, info: SessionInfo, entry: JournalEntry) -> Outcome:
        """Apply one key press of session ``info`` once, checked against the schema in force now.

        A value changed elsewhere after the key was pressed (another session, an import,
        a merge) is kept and reported. An entry already applied is skipped, so replaying
        a journal is safe at any time. Labels, flags, splits, joins and undos all pass
        here, each logged under the entry's id as its batch.

        Raises:
            StoreError: the database is locked, full or read-only (the entry stays to apply).
        """
        with self.transaction():
            self.refresh_schema()
            if self.db.execute("select 1 from journal_entries where id = ?", [entry.id]).fetchone():
                return Outcome(duplicate=True)
            self.db.execute(
                "insert or ignore into sessions (id, annotator, host, started_at) values (?, ?, ?, ?)",
                [info.id, info.annotator, info.host, info.started],
            )
            apply = {
                SET: self._set_entry,
                UNDO: self._undo_entry,
                FLAG_OP: self._flag_entry,
            }.get(entry.op, self._segment_entry)
            try:
                outcome = apply(info, entry)
            except ValueError as err:
                outcome = Outcome(refused=str(err))
            verdict = "refused: " + outcome.refused if outcome.refused else "applied"
            self.db.execute(
                "insert into journal_entries (id, session, outcome, applied_at) values (?, ?, ?, ?)",
                [entry.id, info.id, verdict, now()],
            )
        return outcome

    def durable_commits(self) -> None:
        """Sync every commit of this connection to the disk (a journal is cut back after it)."""
        self.db.execute("PRAGMA synchronous=FULL")

    def replay_journals(
        self, own: str | None = None, each: Callable[[SessionInfo, JournalEntry, Outcome], None] | None = None
    ) -> int:
        """Apply the journals of sessions that ended without writing everything, then remove them.

        A journal a running session holds is left alone. Safe to run again after an
        interruption: entries applied before are skipped.

        Args:
            own: the calling session's id (its own journal is not an orphan).
            each: called with every entry of those journals and what applying it did.

        Returns:
            The number of entries applied now (not counting those applied before).

        Raises:
            StoreError: the database is locked, full or read-only (what is left stays to replay).
        """
        applied = 0
        for path in orphan_journals(self.path, own):
            with claimed(path) as free:
                if not free:
                    continue
                info, entries = read_journal(path)
                for entry in entries:
                    if info is None:  # the header was cut by a crash: no entry was ever written
                        break
                    outcome = self.apply_entry(info, entry)
                    applied += not outcome.duplicate
                    if each is not None:
                        each(info, entry, outcome)
                path.unlink(missing_ok=True)
        return applied

    # -- setting ----------------------------------------------------------------------

    def _set_entry(self, info: SessionInfo, entry: JournalEntry) -> Outcome:
        mid = self._existing(entry)
        fields = self._checked(entry.values)
        claim_wide = len(fields) == 1 and fields[0][0].scope == "claim"
        targets = self._targets(mid, claim_wide)
        changes: list[Change] = []
        kept: list[str] = []
        for spec, value in fields:
            old = self._current(info.annotator, spec.name, targets)
            for target in targets:
                if old.get(target) == value:
                    continue
                newer = self._newer_elsewhere(info, target, spec.name, entry.ts)
                if newer is not None:
                    kept.append(f"{spec.name} of {self._where(target)} ({newer})")
                    continue
                changes.append(Change(target, info.annotator, spec.name, old.get(target), value))
        self._apply(
            changes, kind=LABEL_KIND, batch=entry.id, dwell_ms=entry.dwell_ms, session=info.id, ts=entry.ts
        )
        # Values the new ones rule out (``when``) are cleared in the same batch: one undo restores all.
        changed = [name for name in entry.values if any(c.field == name for c in changes)]
        touched = list(dict.fromkeys(c.mention_id for c in changes))
        changes += self._clear_voided(
            info.annotator, changed, touched, entry.id, session=info.id, ts=entry.ts
        )
        return Outcome(changes, kept)

    def _existing(self, entry: JournalEntry) -> str:
        """The entry's sentence, which must still be in the database."""
        mid = entry.mention_id or ""
        if not self.db.execute("select 1 from mentions where id = ?", [mid]).fetchone():
            raise ValueError("that sentence is no longer in the database (it was split or joined since)")
        return mid

    def _flag_entry(self, info: SessionInfo, entry: JournalEntry) -> Outcome:
        mid = self._existing(entry)
        new = FLAGGED if entry.flagged else None
        old = self._flag(info.annotator, mid)
        if old == new:
            return Outcome()
        newer = self._newer_elsewhere(info, mid, FLAG, entry.ts)
        if newer is not None:
            return Outcome(kept=[f"the flag of {self._where(mid)} ({newer})"])
        changes = [Change(mid, info.annotator, FLAG, old, new)]
        self._apply(changes, kind=FLAG_KIND, batch=entry.id, session=info.id, ts=entry.ts)
        return Outcome(changes)

    def _segment_entry(self, info: SessionInfo, entry: JournalEntry) -> Outcome:
        if entry.op not in SEGMENT_OPS:
            raise ValueError(f"{entry.op!r} is not an action this factcheck knows")
        mid = self._existing(entry)
        stamp = Stamp(entry.id, info.id, entry.ts)
        if entry.op == SPLIT:
            edit = self.split_mention(info.annotator, mid, entry.at or 0, entry.sources, stamp=stamp)
        else:
            edit = self.join_mentions(info.annotator, mid, next(iter(entry.sources), None), stamp=stamp)
        return Outcome(segment=edit)

    def _checked(self, values: dict[str, str | None]) -> list[tuple[Any, str | None]]:
        """(field, value) pairs validated against the schema in force."""
        if not values:
            raise ValueError("no label given")
        checked = []
        for name, raw in values.items():
            spec = self.schema.get(name)
            if spec is None:
                raise ValueError(f"{name!r} is not a field of the schema in force")
            if len(values) > 1 and spec.scope != "mention":
                raise ValueError(f"{name!r} is not a mention-scoped field")
            value = raw or None
            if value is not None and not spec.accepts(value):
                raise ValueError(f"{value!r} is not a value of {name!r} in the schema in force")
            checked.append((spec, value))
        return checked

    def _newer_elsewhere(self, info: SessionInfo, mention_id: str, field: str, ts: str) -> str | None:
        """Who changed this label after ``ts`` when it was not this session; None when nobody did."""
        last = self.db.execute(
            "select ts, kind, session from events where mention_id = ? and annotator = ? and field = ? "
            "order by id desc limit 1",
            [mention_id, info.annotator, field],
        ).fetchone()
        if last is not None and last[2] == info.id:
            return None
        if last is not None and last[0] > ts:
            return f"changed by {_BY_KIND.get(last[1], last[1])} at {_clock(last[0])}"
        if field == FLAG:
            sql = "select flagged_at from flags where mention_id = ? and annotator = ?"
            row = self.db.execute(sql, [mention_id, info.annotator]).fetchone()
        else:
            row = self.db.execute(
                "select updated_at from annotations where mention_id = ? and annotator = ? and field = ?",
                [mention_id, info.annotator, field],
            ).fetchone()
        if row is not None and row[0] > ts:
            return f"changed by another command at {_clock(row[0])}"
        return None

    # -- undoing ----------------------------------------------------------------------

    def _undo_entry(self, info: SessionInfo, entry: JournalEntry) -> Outcome:
        target = entry.target or self._last_of_ended_sessions(info)
        if target is None:
            raise ValueError("nothing to undo")
        return Outcome(self._revert(info.annotator, info.id, target, entry.id, entry.ts))

    def _revert(self, annotator: str, session: str | None, target: str, batch: str, ts: str) -> list[Change]:
        """Revert batch ``target`` (labels, a flag, a split or join) as ``session``, unless it changed since.

        Later changes by ``session`` itself or by the session that made ``target`` do not
        count (events without a session stand for the annotator's own, older, writes).

        Raises:
            ValueError: nothing to revert, already reverted, or a value changed since
                (the message names the value and who changed it).
        """
        rows = self.db.execute(
            "select id, mention_id, field, old, new, coalesce(session, ''), kind from events "
            f"where batch = ? and kind in ({UNDOABLE_SQL}) and annotator = ? order by id",
            [target, annotator],
        ).fetchall()
        if not rows:
            raise ValueError("that key changed nothing in the database, so there is nothing to undo")
        if self.db.execute("select 1 from events where undoes = ? limit 1", [target]).fetchone():
            raise ValueError("that change is already undone")
        own = (session or "", rows[0][5])
        stamp = Stamp(batch, session, ts)
        if rows[0][6] == SEGMENT_KIND:
            self._check_segment(annotator, target, own)
            return self._undo_segment(annotator, target, stamp)
        changes = []
        for event_id, mid, name, old, new, _session, _kind in rows:
            if not self.db.execute("select 1 from mentions where id = ?", [mid]).fetchone():
                raise ValueError(f"{_what(name)} was given to a sentence that has been split or joined since")
            if name == FLAG:
                current = self._flag(annotator, mid)
            else:
                current = self._current(annotator, name, [mid]).get(mid)
            by = self._changed_since(annotator, mid, name, event_id, own)
            if current != new or by is not None:
                raise ValueError(
                    f"{_what(name)} of {self._where(mid)} was changed since by {by or 'another command'}"
                )
            changes.append(Change(mid, annotator, name, current, old))
        self._apply(changes, kind="undo", batch=batch, undoes=target, session=session, ts=ts)
        return changes

    def _check_segment(self, annotator: str, target: str, own: tuple[str, str]) -> None:
        """Refuse to undo a split or join once what it left on the new sentences changed.

        Raises:
            ValueError: the new sentences were split or joined again, or a label, flag
                or gold value on them changed since (the message names it).
        """
        event_id, drift = self._segment_drift(target)
        if drift is None:
            return
        mid, who, name = drift
        # The latest change names who made the value as it is now.
        found = self.db.execute(
            "select kind, ts, annotator, coalesce(session, '') from events "
            "where mention_id = ? and annotator = ? and field = ? and id > ? order by id desc limit 1",
            [mid, who, name, event_id],
        ).fetchone()
        if found is None:
            by = "another command"
        elif found[2] == annotator and found[3] in own and found[0] in ("label", "undo", "flag"):
            by = "a later action of this session (undo that first)"
        else:
            by = f"{_BY_KIND.get(found[0], found[0])} at {_clock(found[1])}"
        where = self._where(mid)
        whose = "your" if who == annotator else f"{who}'s"
        if not who:
            what = f"the gold {name} of {where}"
        elif name == FLAG:
            what = f"{whose} flag on {where}"
        else:
            what = f"{whose} {name} of {where}"
        raise ValueError(f"{what} was changed since by {by}")

    def _changed_since(
        self, annotator: str, mention_id: str, field: str, event_id: int, own: tuple[str, str]
    ) -> str | None:
        """Who first changed the label after event ``event_id``, other than the ``own`` sessions."""
        found = self.db.execute(
            "select kind, ts from events where mention_id = ? and annotator = ? and field = ? and id > ? "
            "and not (kind in ('label', 'undo', 'flag') and coalesce(session, '') in (?, ?)) "
            "order by id limit 1",
            [mention_id, annotator, field, event_id, *own],
        ).fetchone()
        if found is None:
            return None
        return f"{_BY_KIND.get(found[0], found[0])} at {_clock(found[1])}"

    def _last_of_ended_sessions(self, info: SessionInfo) -> str | None:
        """The latest action, not yet undone, of this annotator's ended sessions on this host."""
        running = sorted(live_sessions(self.path) | {info.id})
        row = self.db.execute(
            "select e.batch from events e join sessions s on s.id = e.session "
            f"where e.annotator = ? and e.kind in ({UNDOABLE_SQL}) and s.annotator = ? and s.host = ? "
            f"and s.id not in ({','.join('?' * len(running))}) "
            "and not exists (select 1 from events u where u.undoes = e.batch) "
            "order by e.id desc limit 1",
            [info.annotator, info.annotator, info.host, *running],
        ).fetchone()
        return None if row is None else str(row[0])

    def _where(self, mention_id: str) -> str:
        """'sentence 3 of article 12' for messages."""
        row = self.db.execute(
            "select m.idx, a.seq from mentions m join articles a on a.id = m.article_id where m.id = ?",
            [mention_id],
        ).fetchone()
        return f"sentence {mention_id}" if row is None else f"sentence {row[0] + 1} of article {row[1]}"


def _what(field: str) -> str:
    """A field as messages name it (the flag is not a field)."""
    return "the flag" if field == FLAG else field


def _clock(ts: str) -> str:
    """A stored UTC timestamp as local date and time to the minute."""
    try:
        return datetime.fromisoformat(ts).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return ts
