"""The review's one data thread: reads the queue and writes gold, in order, on its own connection."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from factcheck.review import ReviewItem, load_items
from factcheck.store import GoldChange, Store
from factcheck.tui.writer import Failed, Saved, WriterThread


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


class GoldSaved(Saved[SetGold | UndoGold, GoldChange]):
    """A gold write or undo was committed (no changes: the value was already gold, or nothing to undo)."""


class GoldFailed(Failed[GoldRequest]):
    """A request failed; ``error`` says why, for the user (no request: the database could not be opened)."""


class GoldWriter(WriterThread[GoldRequest]):
    """The review screen's data thread: reads the queue and writes gold as one adjudicator.

    Reads go through the same thread as writes so that a queue read after a
    write sees it.
    """

    def __init__(self, db_path: str, adjudicator: str) -> None:
        """Prepare the thread for ``adjudicator``'s decisions in ``db_path``."""
        super().__init__(db_path, name="factcheck-gold-writer")
        self.adjudicator = adjudicator
        """Recorded with every gold value written."""

    def apply(self, store: Store, request: GoldRequest) -> Message:
        """Read the queue, set one gold value, or undo the last one."""
        if isinstance(request, LoadQueue):
            return QueueLoaded(load_items(store))
        if isinstance(request, SetGold):
            change = store.set_gold(
                request.target_kind, request.target_id, request.field, request.value, self.adjudicator
            )
            return GoldSaved(request, [change] if change is not None else [])
        return GoldSaved(request, store.undo_gold(self.adjudicator))

    def failed(self, request: GoldRequest | None, error: str) -> Message:
        """A ``GoldFailed`` message."""
        return GoldFailed(request, error)
