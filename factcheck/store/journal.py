"""The session journal: every label key, appended to a file beside the database before it is shown.

One annotation session writes ``<db>.journal/<session>.jsonl``: a header line naming the
session, then one JSON line per key press (a :class:`JournalEntry`). The line is written
(``os.write``) before the screen shows the label, so no kind of process death loses it, and
a syncer thread flushes it to the disk (``fdatasync``) at once, off the screen's thread, so a
power loss loses at most the keys of the last few milliseconds. The session holds an
exclusive ``flock`` on its file while it runs: a journal nobody holds belongs to a session that
ended without applying everything, and is replayed by the next session that opens the database.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factcheck.store.connection import now

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: no locks, replay stays idempotent
    fcntl = None  # type: ignore[assignment]

JOURNAL_FORMAT = 1
"""Version of the journal's line format."""

SET = "set"
UNDO = "undo"
FLAG_OP = "flag"
SPLIT = "split"
JOIN = "join"
"""The operations of a journal entry: set labels, undo an entry, flag a sentence, split or join one."""

OPS = (SET, UNDO, FLAG_OP, SPLIT, JOIN)
SEGMENT_OPS = (SPLIT, JOIN)
"""The operations that change an article's sentences."""


class JournalError(OSError):
    """The journal cannot be created or written (folder not writable, disk full)."""


@dataclass(frozen=True)
class SessionInfo:
    """Who writes a journal, from which host, since when."""

    id: str
    annotator: str
    host: str
    started: str

    @classmethod
    def new(cls, annotator: str) -> SessionInfo:
        """A fresh session of ``annotator`` on this host, starting now."""
        return cls(uuid.uuid4().hex, annotator, socket.gethostname(), now())


@dataclass(frozen=True)
class JournalEntry:
    """One key press: set labels of one sentence, flag, split or join it, or undo an earlier entry.

    The id is unique: it is the ``batch`` of the events the entry writes, and the
    ``journal_entries`` row that makes applying it twice impossible.
    """

    id: str
    ts: str
    """When the key was pressed (UTC ISO 8601): the time the labels are stamped with."""
    op: str
    """One of :data:`OPS`."""
    mention_id: str | None = None
    claim_id: str | None = None
    """The sentence's claim when the key was pressed (a claim-scoped value reaches all of it)."""
    values: dict[str, str | None] = field(default_factory=dict)
    """Field -> value (None clears) for ``set``."""
    dwell_ms: int | None = None
    target: str | None = None
    """For ``undo``: the entry it reverts (None: the last action of an earlier session)."""
    flagged: bool | None = None
    """For ``flag``: whether the sentence is flagged (False: unflagged)."""
    at: int | None = None
    """For ``split``: the offset in the article's text where the sentence is cut."""
    sources: tuple[str | None, ...] = ()
    """For ``split`` and ``join``: the source suggestions of the new sentences."""

    @classmethod
    def set(
        cls,
        mention_id: str,
        claim_id: str | None,
        values: dict[str, str | None],
        dwell_ms: int | None = None,
    ) -> JournalEntry:
        """A new entry setting ``values`` on one sentence, stamped now."""
        return cls(uuid.uuid4().hex, now(), SET, mention_id, claim_id, dict(values), dwell_ms)

    @classmethod
    def flag(cls, mention_id: str, flagged: bool) -> JournalEntry:
        """A new entry flagging (or unflagging) one sentence, stamped now."""
        return cls(uuid.uuid4().hex, now(), FLAG_OP, mention_id, flagged=flagged)

    @classmethod
    def split(cls, mention_id: str, at: int, sources: tuple[str | None, str | None]) -> JournalEntry:
        """A new entry splitting one sentence at article offset ``at``, stamped now."""
        return cls(uuid.uuid4().hex, now(), SPLIT, mention_id, at=at, sources=sources)

    @classmethod
    def join(cls, mention_id: str, source: str | None) -> JournalEntry:
        """A new entry joining one sentence with the next, stamped now."""
        return cls(uuid.uuid4().hex, now(), JOIN, mention_id, sources=(source,))

    @classmethod
    def undo(cls, target: str | None) -> JournalEntry:
        """A new entry undoing entry ``target`` (None: the last action of an earlier session)."""
        return cls(uuid.uuid4().hex, now(), UNDO, target=target)

    def to_line(self) -> bytes:
        """The entry as one JSON line."""
        data: dict[str, Any] = {"id": self.id, "ts": self.ts, "op": self.op}
        if self.op == SET:
            data.update(mention=self.mention_id, claim=self.claim_id, values=self.values)
            if self.dwell_ms is not None:
                data["dwell_ms"] = self.dwell_ms
        elif self.op == FLAG_OP:
            data.update(mention=self.mention_id, flagged=bool(self.flagged))
        elif self.op in SEGMENT_OPS:
            data.update(mention=self.mention_id, sources=list(self.sources))
            if self.op == SPLIT:
                data["at"] = self.at
        else:
            data["target"] = self.target
        return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> JournalEntry:
        """Read an entry back.

        Raises:
            ValueError, KeyError, TypeError: not an entry.
        """
        op = data["op"]
        if op not in OPS:
            raise ValueError(op)
        values = data.get("values") or {}
        if not isinstance(values, dict):
            raise TypeError("values")
        sources = data.get("sources") or []
        if not isinstance(sources, list):
            raise TypeError("sources")
        at = data.get("at")
        if op == SPLIT and not isinstance(at, int):
            raise TypeError("at")
        flagged = data.get("flagged")
        return cls(
            str(data["id"]),
            str(data["ts"]),
            op,
            data.get("mention"),
            data.get("claim"),
            {str(k): None if v is None else str(v) for k, v in values.items()},
            data.get("dwell_ms"),
            data.get("target"),
            None if flagged is None else bool(flagged),
            at,
            tuple(None if v is None else str(v) for v in sources),
        )


def journal_dir(db_path: str | Path) -> Path:
    """The folder of a database's session journals: ``<db>.journal`` beside it."""
    path = Path(db_path)
    return path.with_name(path.name + ".journal")


class Journal:
    """A session's own journal file, held locked while the session runs.

    ``append`` runs on the screen's thread; ``applied`` and ``close`` on the writer's.
    When every entry written has been applied, the file is cut back to its header, so
    it only ever holds what may still need replaying.
    """

    def __init__(self, db_path: str | Path, info: SessionInfo) -> None:
        """Create and lock the journal of session ``info``.

        Raises:
            JournalError: the folder or file cannot be created, or the disk is full.
        """
        self.info = info
        """The session that writes it."""
        directory = journal_dir(db_path)
        self.path = directory / f"{info.id}.jsonl"
        """The journal file."""
        header = {
            "factcheck_journal": JOURNAL_FORMAT,
            "session": info.id,
            "annotator": info.annotator,
            "host": info.host,
            "started": info.started,
        }
        data = (json.dumps(header, ensure_ascii=False) + "\n").encode("utf-8")
        try:
            directory.mkdir(exist_ok=True)
            # Permissions as the umask gives the database: whoever shares it can replay this.
            self._fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_EXCL, 0o666)
        except OSError as err:
            raise JournalError(err.errno, f"cannot create the journal {self.path}: {err.strerror}") from None
        _lock(self._fd, blocking=True)
        self._header_length = len(data)
        self._size = 0
        self._lock = threading.Lock()
        self._written = 0
        self._applied = 0
        self._closed = False
        self._dirty = threading.Event()
        self._write(data)
        _sync(self._fd)
        _sync_dir(directory)
        self._syncer = threading.Thread(target=self._sync_loop, name="factcheck-journal-sync", daemon=True)
        self._syncer.start()

    @property
    def unapplied(self) -> int:
        """Entries written but not yet applied to the database."""
        with self._lock:
            return self._written - self._applied

    def append(self, entry: JournalEntry) -> None:
        """Write ``entry`` to the file; it is flushed to the disk by the syncer right after.

        Raises:
            JournalError: the write failed (disk full): the entry is not kept, so not shown.
        """
        line = entry.to_line()
        with self._lock:
            self._write(line)
            self._written += 1
        self._dirty.set()

    def applied(self) -> None:
        """One more entry (in journal order) is in the database; cut the file back when all are."""
        with self._lock:
            self._applied += 1
            if self._applied == self._written and not self._closed:
                with contextlib.suppress(OSError):  # a longer file only means more to skip on replay
                    os.ftruncate(self._fd, self._header_length)
                    self._size = self._header_length

    def close(self) -> bool:
        """Stop and release the journal; remove it when every entry is applied.

        Returns:
            True when the file was removed; False when it is kept for replay.
        """
        with self._lock:
            if self._closed:
                return not self.path.exists()
            self._closed = True
            done = self._applied == self._written
            if done:
                with contextlib.suppress(OSError):
                    self.path.unlink()
            else:
                with contextlib.suppress(OSError):
                    _sync(self._fd)
        self._dirty.set()
        # The syncer may be inside fdatasync on this descriptor: the file (and its lock) is only
        # released when that call returns, so wait for the syncer before closing.
        self._syncer.join()
        os.close(self._fd)
        return done

    def _write(self, data: bytes) -> None:
        view = memoryview(data)
        try:
            while view:
                view = view[os.write(self._fd, view) :]
        except OSError as err:
            # A line cut short by a full disk would swallow the next one: take it back.
            with contextlib.suppress(OSError):
                os.ftruncate(self._fd, self._size)
            raise JournalError(err.errno, f"cannot write the journal {self.path}: {err.strerror}") from None
        self._size += len(data)

    def _sync_loop(self) -> None:
        while True:
            self._dirty.wait()
            self._dirty.clear()
            with self._lock:
                if self._closed:
                    return
                fd = self._fd
            with contextlib.suppress(OSError):
                _sync(fd)


def read_journal(path: Path) -> tuple[SessionInfo | None, list[JournalEntry]]:
    """A journal's session and entries; a line that does not parse (cut by a crash) is skipped."""
    try:
        lines = path.read_bytes().splitlines()
    except OSError:
        return None, []
    info = _header(lines[0]) if lines else None
    entries = []
    for raw in lines[1:]:
        with contextlib.suppress(ValueError, KeyError, TypeError, AttributeError):
            entries.append(JournalEntry.from_json(json.loads(raw)))
    return info, entries


def _header(raw: bytes) -> SessionInfo | None:
    try:
        data = json.loads(raw)
        return SessionInfo(
            str(data["session"]), str(data["annotator"]), str(data["host"]), str(data["started"])
        )
    except (ValueError, KeyError, TypeError):
        return None


def orphan_journals(db_path: str | Path, own: str | None = None) -> list[Path]:
    """Journal files beside the database other than session ``own``'s, oldest first.

    A file listed may belong to a live session: ``claimed`` says whether it does.
    """
    directory = journal_dir(db_path)
    try:
        found = [p for p in directory.glob("*.jsonl") if p.stem != own]
    except OSError:
        return []
    return sorted(found, key=lambda p: (_mtime(p), p.name))


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


@contextlib.contextmanager
def claimed(path: Path) -> Iterator[bool]:
    """Lock a journal for replay; yields False when its session is still running."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        yield False
        return
    try:
        yield _lock(fd, blocking=False)
    finally:
        os.close(fd)


def live_sessions(db_path: str | Path) -> set[str]:
    """Sessions whose journal a running process holds (this process's own included)."""
    running = set()
    for path in orphan_journals(db_path):
        with claimed(path) as free:
            if not free:
                running.add(path.stem)
    return running


def unapplied_entries(db_path: str | Path, annotator: str, own: str | None = None) -> list[JournalEntry]:
    """``annotator``'s entries in journals of ended sessions: labels that may not be in the database yet.

    The screen shows them while the writer replays them.
    """
    found: list[JournalEntry] = []
    running = live_sessions(db_path)
    for path in orphan_journals(db_path, own):
        if path.stem in running:  # a session open elsewhere writes its own
            continue
        info, entries = read_journal(path)
        if info is not None and info.annotator == annotator:
            found += entries
    return found


def _lock(fd: int, blocking: bool) -> bool:
    if fcntl is None:
        return True
    flags = fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB)
    try:
        fcntl.flock(fd, flags)
    except OSError:
        return False
    return True


def _sync(fd: int) -> None:
    getattr(os, "fdatasync", os.fsync)(fd)


def _sync_dir(directory: Path) -> None:
    """Make a new file's name durable too (POSIX: sync the folder)."""
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
