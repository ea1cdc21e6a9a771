"""The long-lived writer thread: requests from a queue, results posted back as messages.

``WriterThread`` is the machinery both TUIs share; ``LabelWriter`` applies the
annotation screen's label requests with it.
"""

from __future__ import annotations

import contextlib
import functools
import queue
import threading
import time
from abc import ABC, abstractmethod
from collections import deque
from collections.abc import Callable
from typing import Generic, TypeVar

from textual.message import Message
from textual.message_pump import MessagePump

from factcheck.schema import Schema
from factcheck.store import (
    Change,
    Journal,
    JournalEntry,
    Outcome,
    SessionInfo,
    Store,
    StoreBusy,
    StoreError,
    live_sessions,
    orphan_journals,
    read_journal,
)
from factcheck.tui.requests import Join, Request, SetFlag, SetLabel, SetLabels, Split

R = TypeVar("R")
"""The kind of request a writer takes."""

C = TypeVar("C")
"""The kind of change a request makes."""


class Saved(Message, Generic[R, C]):
    """A request was committed; ``changes`` are what it changed."""

    def __init__(self, request: R, changes: list[C]) -> None:
        """Report that ``request`` was applied and changed ``changes``."""
        super().__init__()
        self.request = request
        """The request that was applied."""
        self.changes = changes
        """What changed (empty: nothing did)."""


class Failed(Message, Generic[R]):
    """A request could not be applied; ``error`` says why."""

    def __init__(self, request: R | None, error: str) -> None:
        """Report that ``request`` failed with ``error``."""
        super().__init__()
        self.request = request
        """The failed request (None when the database could not be opened)."""
        self.error = error
        """A message for the user."""


class LabelSaved(Message):
    """A journal entry reached the database; ``outcome`` says what it did there."""

    def __init__(
        self, request: Request | None, entry: JournalEntry, outcome: Outcome, annotator: str
    ) -> None:
        """Report that ``entry`` (made from ``request``; None: replayed) was applied with ``outcome``."""
        super().__init__()
        self.request = request
        """The screen's request (None for an entry replayed from an earlier session's journal)."""
        self.entry = entry
        """The journal entry."""
        self.outcome = outcome
        """What it changed, kept or was refused."""
        self.annotator = annotator
        """Whose entry it was."""

    @property
    def changes(self) -> list[Change]:
        """Every label it changed (claim propagation included)."""
        return self.outcome.changes

    @property
    def exact(self) -> bool:
        """Whether the database now holds what the screen showed for it."""
        return not (self.outcome.kept or self.outcome.refused)


class WriteFailed(Failed[Request]):
    """Labels could not be written; ``error`` says why (they stay in the journal when it exists)."""


class SchemaChanged(Message):
    """Another process changed the database's label schema; writes are now checked against ``schema``."""

    def __init__(self, schema: Schema) -> None:
        """Report the schema now in force."""
        super().__init__()
        self.schema = schema
        """The new schema."""


class WriterThread(ABC, Generic[R]):
    """Owns a Store connection in its own thread and applies requests one by one, in order.

    The UI submits and never waits; each result comes back as a message posted to
    the target. One thread rather than a worker per write: an undo pressed right
    after a write must run after it, and a locked database (another annotator
    writing) must make the write wait, never the screen. Every request is
    committed on its own, so a killed process loses at most the one being applied.
    Subclasses say how a request is applied (``apply``) and how a failure is
    reported (``failed``).
    """

    def __init__(self, db_path: str, name: str) -> None:
        """Prepare the thread; nothing is opened until ``start``.

        Args:
            db_path: The database file.
            name: The thread's name.
        """
        self.db_path = db_path
        """The database file."""
        # None is the stop sentinel: everything queued before it is applied, then the thread ends.
        self._queue: queue.Queue[R | None] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._target: MessagePump | None = None

    @property
    def alive(self) -> bool:
        """Whether the thread is running."""
        return self._thread.is_alive()

    def start(self, target: MessagePump) -> None:
        """Start the thread; results are posted to ``target``."""
        self._target = target
        self._thread.start()

    def submit(self, request: R) -> None:
        """Queue a request; returns at once."""
        self._queue.put(request)

    def close(self, timeout: float = 60.0) -> bool:
        """Apply everything queued, then stop the thread (waits up to ``timeout`` seconds).

        Returns:
            True when the thread has stopped.
        """
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join(timeout)
        return not self._thread.is_alive()

    @abstractmethod
    def apply(self, store: Store, request: R) -> Message:
        """Apply one request on the thread's own connection.

        Returns:
            The message to post back.

        Raises:
            StoreError, ValueError: the request cannot be applied.
        """

    @abstractmethod
    def failed(self, request: R | None, error: str) -> Message:
        """The message that reports ``error`` (``request`` is None: the database could not be opened)."""

    def _run(self) -> None:
        try:
            store = Store(self.db_path)
        except StoreError as err:
            self._post(self.failed(None, str(err)))
            return
        try:
            while (request := self._queue.get()) is not None:
                self._post(self._apply_safely(store, request))
        finally:
            store.close()

    def _apply_safely(self, store: Store, request: R) -> Message:
        try:
            return self.apply(store, request)
        except (StoreError, ValueError) as err:
            return self.failed(request, str(err))
        except Exception as err:  # a bug must not stop the thread and lose later writes
            return self.failed(request, f"internal error: {err!r}")

    def _post(self, message: Message) -> None:
        if self._target is None:
            return
        # While the app shuts down the screen may be gone; the write itself is committed.
        with contextlib.suppress(Exception):
            self._target.post_message(message)


LOCK_PATIENCE_S = 0.5
"""How long one attempt waits for the write lock before the writer looks round (to stop, to retry)."""

ORPHAN_CHECK_S = 10.0
"""When idle this long, the writer looks for journals another session left behind (killed) and writes them."""

ERROR_RETRY_S = 5.0
"""Pause before retrying after a failure other than a lock (disk full, read-only)."""


class LabelWriter(WriterThread[Request]):
    """The annotation screen's writer: every request is journaled, then applied in order.

    ``submit`` appends the request to the session's journal before it returns, so the
    label the screen then shows survives the process whatever happens next. The
    thread first replays journals that ended sessions left behind, then applies this
    session's entries, each exactly once, waiting as long as another process holds
    the database. What is still unwritten when the app leaves stays in the journal
    and is written by the next session that opens the database.
    """

    def __init__(self, db_path: str, annotator: str) -> None:
        """Prepare the thread for ``annotator``'s labels in ``db_path``."""
        super().__init__(db_path, name="factcheck-writer")
        self.annotator = annotator
        """Whose labels this writer writes."""
        self.info = SessionInfo.new(annotator)
        """This session."""
        self.journal: Journal | None = None
        """The session's journal (opened by ``open_journal`` or the first ``submit``)."""
        self._entries: queue.Queue[tuple[Request, JournalEntry] | None] = queue.Queue()
        self._submitted: deque[float] = deque()  # when each unapplied entry was journaled, in order
        self._replaying = 0
        self._leaving = threading.Event()
        self._schema: Schema | None = None

    def open_journal(self) -> None:
        """Create this session's journal.

        Raises:
            JournalError: it cannot be created (folder not writable, disk full).
        """
        if self.journal is None:
            self.journal = Journal(self.db_path, self.info)

    def submit(self, request: Request) -> JournalEntry:  # type: ignore[override]
        """Journal ``request`` and queue it; returns the entry once it is in the journal.

        Raises:
            JournalError: it could not be journaled (it is not queued either).
        """
        self.open_journal()
        assert self.journal is not None
        entry = _entry(request)
        self.journal.append(entry)
        self._submitted.append(time.monotonic())
        self._entries.put((request, entry))
        return entry

    @property
    def pending(self) -> int:
        """Entries journaled (by this session or one replayed) and not yet in the database."""
        return len(self._submitted) + self._replaying

    def waiting_since(self) -> float | None:
        """``time.monotonic()`` when the oldest unwritten entry of this session was journaled."""
        try:
            return self._submitted[0]
        except IndexError:
            return None

    def close(self, timeout: float = 60.0) -> bool:
        """Write what is queued (waiting up to ``timeout`` seconds), then stop.

        Returns:
            True when everything was written; otherwise the rest stays in the journal.
        """
        if self._thread.is_alive():
            self._entries.put(None)
            self._thread.join(timeout)
        if self._thread.is_alive():
            self._leaving.set()
        if self.journal is not None:
            self.journal.close()
        return self.pending == 0

    def leave(self) -> None:
        """Stop at once; what is not written stays in the journal for the next session."""
        self.close(timeout=0)

    def apply(self, store: Store, request: Request) -> Message:
        """Journal-less application is not offered: every request goes through ``submit``."""
        raise NotImplementedError

    def failed(self, request: Request | None, error: str) -> Message:
        """A ``WriteFailed`` message."""
        return WriteFailed(request, error)

    # -- the thread ----------------------------------------------------------------------

    def _run(self) -> None:
        try:
            store = Store(self.db_path)
        except StoreError as err:
            self._post(self.failed(None, str(err)))
            return
        try:
            store.set_patience(LOCK_PATIENCE_S)
            store.durable_commits()
            self._schema = store.schema
            if self._persist(lambda: self._replay(store)):
                self._drain(store)
        finally:
            store.close()
            if self.journal is not None and not self._leaving.is_set():
                self.journal.close()

    def _drain(self, store: Store) -> None:
        """Apply this session's entries as they come; when idle, replay journals left behind since."""
        while True:
            try:
                item = self._entries.get(timeout=ORPHAN_CHECK_S)
            except queue.Empty:
                if not self._persist(lambda: self._replay(store)):
                    return
                continue
            if item is None or not self._persist(functools.partial(self._write, store, *item)):
                return

    def _persist(self, action: Callable[[], None]) -> bool:
        """Run ``action`` until the database takes it; False when the app leaves first."""
        reported = None
        while not self._leaving.is_set():
            try:
                action()
                return True
            except StoreBusy:
                continue
            except StoreError as err:
                if str(err) != reported:
                    reported = str(err)
                    self._post(self.failed(None, f"{err}; the labels are kept and retried"))
                self._leaving.wait(ERROR_RETRY_S)
        return False

    def _replay(self, store: Store) -> None:
        running = live_sessions(self.db_path)
        orphans = [
            read_journal(p) for p in orphan_journals(self.db_path, self.info.id) if p.stem not in running
        ]
        # This annotator's labels among them are on screen, waiting like the session's own.
        self._replaying = sum(
            len(entries) for info, entries in orphans if info and info.annotator == self.annotator
        )

        def each(info: SessionInfo, entry: JournalEntry, outcome: Outcome) -> None:
            if info.annotator == self.annotator:
                self._replaying = max(self._replaying - 1, 0)
            self._check_schema(store)
            self._post(LabelSaved(None, entry, outcome, info.annotator))

        store.replay_journals(self.info.id, each)
        self._replaying = 0

    def _write(self, store: Store, request: Request, entry: JournalEntry) -> None:
        assert self.journal is not None
        try:
            outcome = store.apply_entry(self.info, entry)
            self.journal.applied()
        except StoreError:
            raise
        except Exception as err:  # a bug must not stop the thread: the entry stays journaled for later
            outcome = Outcome(refused=f"internal error (the label is kept in the journal): {err!r}")
        self._submitted.popleft()
        self._check_schema(store)
        self._post(LabelSaved(request, entry, outcome, self.annotator))

    def _check_schema(self, store: Store) -> None:
        """Tell the screen when a write found a new schema in force (it was checked against it)."""
        if store.schema != self._schema:
            self._schema = store.schema
            self._post(SchemaChanged(self._schema))


def _entry(request: Request) -> JournalEntry:
    """The journal entry of a screen request."""
    if isinstance(request, SetLabel):
        return JournalEntry.set(
            request.mention_id, request.claim_id, {request.field: request.value}, request.dwell_ms
        )
    if isinstance(request, SetLabels):
        return JournalEntry.set(request.mention_id, None, dict(request.values), request.dwell_ms)
    if isinstance(request, SetFlag):
        return JournalEntry.flag(request.mention_id, request.flagged)
    if isinstance(request, Split):
        return JournalEntry.split(request.mention_id, request.at, request.suggestions)
    if isinstance(request, Join):
        return JournalEntry.join(request.mention_id, request.suggestion)
    return JournalEntry.undo(request.target)
