"""The review's one data thread: reads the queue and writes gold, in order, on its own connection."""

from __future__ import annotations

import contextlib
import queue
import sqlite3
import threading
from dataclasses import dataclass

from textual.message import Message
from textual.message_pump import MessagePump

from factcheck.store import Store, StoreError
from factcheck.store.gold import GoldChange
from factcheck.tui.review.items import ReviewItem, load_items


@dataclass(frozen=True)
class LoadQueue:
    """Read every disagreement (after every write queued before it)."""


@dataclass(frozen=True)
class SetGold:
    """Make ``value`` the gold of one item."""

    target_kind: str
    target_id: str
    field: str
    value: str


@dataclass(frozen=True)
class UndoGold:
    """Revert this adjudicator's last gold change."""


GoldRequest = LoadQueue | SetGold | UndoGold
"""Anything the thread does."""


class QueueLoaded(Message):
    """The disagreements were read."""

    def __init__(self, items: list[ReviewItem]) -> None:
        super().__init__()
        self.items = items
        """Every disagreement in reading order."""


class GoldSaved(Message):
    """A gold write or undo was committed."""

    def __init__(self, request: SetGold | UndoGold, changes: list[GoldChange]) -> None:
        super().__init__()
        self.request = request
        """What was asked."""
        self.changes = changes
        """What changed (empty: the value was already gold, or nothing to undo)."""


class GoldFailed(Message):
    """A request failed; ``error`` says why, for the user."""

    def __init__(self, request: GoldRequest | None, error: str) -> None:
        super().__init__()
        self.request = request
        """The failed request (None: the database could not be opened)."""
        self.error = error
        """A message for the user."""


_STOP = object()
"""Queue sentinel: everything queued before it is done, then the thread ends."""


class GoldWriter:
    """Owns a Store connection in its own thread and applies requests one by one, in order.

    One thread rather than a worker per write: an undo pressed right after a pick
    must run after that pick's write, and a locked database (another annotator
    writing) must make the write wait, never the screen.
    """

    def __init__(self, db_path: str, adjudicator: str) -> None:
        self.db_path = db_path
        """The database file."""
        self.adjudicator = adjudicator
        """Recorded with every gold value written."""
        self._queue: queue.Queue[object] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="factcheck-gold-writer", daemon=True)
        self._target: MessagePump | None = None

    @property
    def alive(self) -> bool:
        """Whether the thread is running."""
        return self._thread.is_alive()

    def start(self, target: MessagePump) -> None:
        """Start the thread; results are posted to ``target``."""
        self._target = target
        self._thread.start()

    def submit(self, request: GoldRequest) -> None:
        """Queue a request; returns at once."""
        self._queue.put(request)

    def close(self, timeout: float = 60.0) -> None:
        """Finish everything queued, then stop the thread (waits up to ``timeout`` seconds)."""
        if self._thread.is_alive():
            self._queue.put(_STOP)
            self._thread.join(timeout)

    def _run(self) -> None:
        try:
            store = Store(self.db_path)
        except StoreError as err:
            self._post(GoldFailed(None, str(err)))
            return
        try:
            while (request := self._queue.get()) is not _STOP:
                assert isinstance(request, LoadQueue | SetGold | UndoGold)
                self._post(self._apply(store, request))
        finally:
            store.close()

    def _apply(self, store: Store, request: GoldRequest) -> Message:
        try:
            if isinstance(request, LoadQueue):
                return QueueLoaded(load_items(store))
            if isinstance(request, SetGold):
                change = store.set_gold(
                    request.target_kind, request.target_id, request.field, request.value, self.adjudicator
                )
                return GoldSaved(request, [change] if change is not None else [])
            return GoldSaved(request, store.undo_gold(self.adjudicator))
        except (StoreError, ValueError, sqlite3.Error) as err:
            return GoldFailed(request, str(err))
        except Exception as err:  # a bug must not stop the thread and lose later writes
            return GoldFailed(request, f"internal error: {err!r}")

    def _post(self, message: Message) -> None:
        if self._target is None:
            return
        # While the app shuts down the screen may be gone; the write itself is committed.
        with contextlib.suppress(Exception):
            self._target.post_message(message)
