"""The long-lived writer thread: requests from a queue, results posted back as messages.

``WriterThread`` is the machinery both TUIs share; ``LabelWriter`` applies the
annotation screen's label requests with it.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from abc import ABC, abstractmethod
from typing import Generic, TypeVar

from textual.message import Message
from textual.message_pump import MessagePump

from factcheck.store import Change, SegmentEdit, Store, StoreError
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


class LabelSaved(Saved[Request, Change]):
    """A label request was committed; ``changes`` are every label it changed (claim propagation included)."""


class SegmentSaved(Message):
    """A split or join was committed; ``edit`` says which sentences it removed and added."""

    def __init__(self, request: Split | Join, edit: SegmentEdit) -> None:
        """Report that ``request`` was applied as ``edit``."""
        super().__init__()
        self.request = request
        """The split or join applied."""
        self.edit = edit
        """What it did."""


class WriteFailed(Failed[Request]):
    """A label request could not be written; ``error`` says why."""


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

    def close(self, timeout: float = 60.0) -> None:
        """Apply everything queued, then stop the thread (waits up to ``timeout`` seconds)."""
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join(timeout)

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


class LabelWriter(WriterThread[Request]):
    """The annotation screen's writer: applies label requests as one annotator."""

    def __init__(self, db_path: str, annotator: str) -> None:
        """Prepare the thread for ``annotator``'s labels in ``db_path``."""
        super().__init__(db_path, name="factcheck-writer")
        self.annotator = annotator
        """Whose labels this writer writes."""

    def apply(self, store: Store, request: Request) -> Message:
        """Set one label, set several, or undo; reports every label that changed."""
        if isinstance(request, SetLabel):
            changes = store.set_label(
                self.annotator, request.mention_id, request.field, request.value, request.dwell_ms
            )
        elif isinstance(request, SetLabels):
            changes = store.set_labels(self.annotator, request.mention_id, request.values, request.dwell_ms)
        elif isinstance(request, SetFlag):
            changes = store.set_flag(self.annotator, request.mention_id, request.flagged)
        elif isinstance(request, Split):
            edit = store.split_mention(self.annotator, request.mention_id, request.at, request.suggestions)
            return SegmentSaved(request, edit)
        elif isinstance(request, Join):
            return SegmentSaved(
                request, store.join_mentions(self.annotator, request.mention_id, request.suggestion)
            )
        else:
            changes = store.undo(self.annotator)
        return LabelSaved(request, changes)

    def failed(self, request: Request | None, error: str) -> Message:
        """A ``WriteFailed`` message."""
        return WriteFailed(request, error)
