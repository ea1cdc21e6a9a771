"""The one long-lived writer thread: label writes from a queue, results posted back as messages."""

from __future__ import annotations

import contextlib
import queue
import sqlite3
import threading

from textual.message import Message
from textual.message_pump import MessagePump

from factcheck.store import Change, Store, StoreError
from factcheck.store.tui_queries import set_labels
from factcheck.tui.requests import Request, SetLabel, SetLabels, Undo


class LabelSaved(Message):
    """A request was committed; ``changes`` are what it changed (claim propagation included)."""

    def __init__(self, request: Request, changes: list[Change]) -> None:
        super().__init__()
        self.request = request
        """The request that was applied."""
        self.changes = changes
        """Every label that changed."""


class WriteFailed(Message):
    """A request could not be written; ``error`` says why."""

    def __init__(self, request: Request | None, error: str) -> None:
        super().__init__()
        self.request = request
        """The failed request (None when the database could not be opened)."""
        self.error = error
        """A message for the user."""


_STOP = object()
"""Queue sentinel: everything queued before it is written, then the thread ends."""


class LabelWriter:
    """Owns a Store connection in its own thread and applies label requests in order.

    The UI submits and never waits; each result comes back as a message posted to
    the target. Every request is committed on its own, so a killed process loses
    at most the request being written.
    """

    def __init__(self, db_path: str, annotator: str) -> None:
        self.db_path = db_path
        """The database file."""
        self.annotator = annotator
        """Whose labels this writer writes."""
        self._queue: queue.Queue[object] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="factcheck-writer", daemon=True)
        self._target: MessagePump | None = None

    @property
    def alive(self) -> bool:
        """Whether the thread is running."""
        return self._thread.is_alive()

    def start(self, target: MessagePump) -> None:
        """Start the thread; results are posted to ``target``."""
        self._target = target
        self._thread.start()

    def submit(self, request: Request) -> None:
        """Queue a request; returns at once."""
        self._queue.put(request)

    def close(self, timeout: float = 60.0) -> None:
        """Write everything queued, then stop the thread (waits up to ``timeout`` seconds)."""
        if self._thread.is_alive():
            self._queue.put(_STOP)
            self._thread.join(timeout)

    def _run(self) -> None:
        try:
            store = Store(self.db_path)
        except StoreError as err:
            self._post(WriteFailed(None, str(err)))
            return
        try:
            while (request := self._queue.get()) is not _STOP:
                assert isinstance(request, SetLabel | SetLabels | Undo)
                self._apply(store, request)
        finally:
            store.close()

    def _apply(self, store: Store, request: Request) -> None:
        try:
            if isinstance(request, SetLabel):
                changes = store.set_label(
                    self.annotator, request.mention_id, request.field, request.value, request.dwell_ms
                )
            elif isinstance(request, SetLabels):
                changes = set_labels(
                    store, self.annotator, request.mention_id, request.values, request.dwell_ms
                )
            else:
                changes = store.undo(self.annotator)
        except (StoreError, ValueError, sqlite3.Error) as err:
            self._post(WriteFailed(request, str(err)))
            return
        except Exception as err:  # a bug must not stop the thread and lose later labels
            self._post(WriteFailed(request, f"internal error: {err!r}"))
            return
        self._post(LabelSaved(request, changes))

    def _post(self, message: Message) -> None:
        if self._target is None:
            return
        # While the app shuts down the screen may be gone; the write itself is committed.
        with contextlib.suppress(Exception):
            self._target.post_message(message)
