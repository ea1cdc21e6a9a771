"""Applying journal entries: each exactly once, never over a newer value; undo per session."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

import sqlite_utils

from factcheck.store.connection import now
from factcheck.store.journal import (
    UNDO,
    JournalEntry,
    SessionInfo,
    claimed,
    live_sessions,
    orphan_journals,
    read_journal,
)
from factcheck.store.records import Change

if TYPE_CHECKING:
    from factcheck.schema import Schema

_BY_KIND = {
    "import": "an import",
    "merge": "a merge",
    "dedup": "re-clustering (dedup)",
    "label": "another annotation session",
    "undo": "an undo in another session",
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

    def apply_entry(self, info: SessionInfo, entry: JournalEntry) -> Outcome:
        """Apply one key press of session ``info`` once, checked against the schema in force now.

        A value changed elsewhere after the key was pressed (another session, an import,
        a merge) is kept and reported. An entry already applied is skipped, so replaying
        a journal is safe at any time.

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
            try:
                outcome = self._undo_entry(info, entry) if entry.op == UNDO else self._set_entry(info, entry)
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
        mid = entry.mention_id or ""
        if not self.db.execute("select 1 from mentions where id = ?", [mid]).fetchone():
            raise ValueError(f"sentence {mid} is no longer in the database")
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
            changes, kind="label", batch=entry.id, dwell_ms=entry.dwell_ms, session=info.id, ts=entry.ts
        )
        return Outcome(changes, kept)

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
        """Revert the label batch ``target`` as ``session``, unless a value changed since.

        Later changes by ``session`` itself or by the session that made ``target`` do not
        count (events without a session stand for the annotator's own, older, writes).

        Raises:
            ValueError: nothing to revert, already reverted, or a value changed since
                (the message names the value and who changed it).
        """
        rows = self.db.execute(
            "select id, mention_id, field, old, new, coalesce(session, '') from events "
            "where batch = ? and kind = 'label' and annotator = ? order by id",
            [target, annotator],
        ).fetchall()
        if not rows:
            raise ValueError("that key changed nothing in the database, so there is nothing to undo")
        if self.db.execute("select 1 from events where undoes = ? limit 1", [target]).fetchone():
            raise ValueError("that change is already undone")
        own = (session or "", rows[0][5])
        changes = []
        for event_id, mid, name, old, new, _session in rows:
            current = self._current(annotator, name, [mid]).get(mid)
            by = self._changed_since(annotator, mid, name, event_id, own)
            if current != new or by is not None:
                raise ValueError(
                    f"{name} of {self._where(mid)} was changed since by {by or 'another command'}"
                )
            changes.append(Change(mid, annotator, name, current, old))
        self._apply(changes, kind="undo", batch=batch, undoes=target, session=session, ts=ts)
        return changes

    def _changed_since(
        self, annotator: str, mention_id: str, field: str, event_id: int, own: tuple[str, str]
    ) -> str | None:
        """Who first changed the label after event ``event_id``, other than the ``own`` sessions."""
        found = self.db.execute(
            "select kind, ts from events where mention_id = ? and annotator = ? and field = ? and id > ? "
            "and not (kind in ('label', 'undo') and coalesce(session, '') in (?, ?)) order by id limit 1",
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
            "where e.annotator = ? and e.kind = 'label' and s.annotator = ? and s.host = ? "
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


def _clock(ts: str) -> str:
    """A stored UTC timestamp as local date and time to the minute."""
    try:
        return datetime.fromisoformat(ts).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return ts
