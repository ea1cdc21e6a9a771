"""What the review screen shows: the queue, the filter, where the adjudicator is, and progress."""

from __future__ import annotations

from collections import Counter

from factcheck.review import Key, ReviewItem
from factcheck.schema import Schema


class ReviewState:
    """The disagreements and their gold values, updated optimistically on every pick.

    The gold values here run ahead of the database: a pick is shown at once and
    written by the writer thread; what the write reports back is applied again.
    """

    def __init__(self, schema: Schema, adjudicator: str) -> None:
        self.schema = schema
        """The label schema in force."""
        self.adjudicator = adjudicator
        """Who decides: recorded with every gold value written."""
        self.loaded = False
        """Whether the queue has been read."""
        self.items: list[ReviewItem] = []
        """Every disagreement, adjudicated or not, in reading order."""
        self.gold: dict[Key, str | None] = {}
        """(target, field) -> gold value (None: pending)."""
        self.credit: dict[Key, str] = {}
        """(target, field) -> who adjudicated, for gold values known to this session."""
        self.filter: str | None = None
        """The one field shown, or None for every field."""
        self.visible: list[int] = []
        """Indices (into ``items``) of the items the filter shows."""
        self.position: int | None = None
        """Index into ``visible`` of the current item; None when nothing is shown."""
        self._where: dict[Key, int] = {}
        self._done: Counter[str] = Counter()
        self._total: Counter[str] = Counter()

    def load(self, items: list[ReviewItem]) -> None:
        """Take a freshly read queue and go to its first pending item."""
        self.items, self.loaded = items, True
        self.gold = {item.key: item.group.gold for item in items}
        self.credit = {}
        self._where = {item.key: i for i, item in enumerate(items)}
        self._total = Counter(item.field for item in items)
        self._done = Counter(item.field for item in items if item.group.gold is not None)
        if self.filter not in self._total:
            self.filter = None
        self._refilter()
        self.position = 0 if self.visible else None
        if self.current is not None and self.gold[self.current.key] is not None:
            self.next_pending()

    @property
    def current(self) -> ReviewItem | None:
        """The item on screen."""
        return None if self.position is None else self.items[self.visible[self.position]]

    def gold_of(self, item: ReviewItem) -> str | None:
        """The item's gold value as this session knows it."""
        return self.gold.get(item.key)

    def set_gold(self, key: Key, value: str | None, who: str) -> None:
        """Record a gold change (a pick, or what a write or undo reported)."""
        if key not in self._where:
            return
        field = key[1]
        old = self.gold.get(key)
        self._done[field] += (value is not None) - (old is not None)
        self.gold[key] = value
        self.credit[key] = who

    # -- moving ----------------------------------------------------------------------

    def move(self, delta: int) -> bool:
        """Go ``delta`` items along the filtered queue; False at either end."""
        if self.position is None or not 0 <= self.position + delta < len(self.visible):
            return False
        self.position += delta
        return True

    def next_pending(self) -> bool:
        """Go to the next item without gold after the current one, wrapping around.

        Returns:
            False (staying put) when no other item of the filter is pending.
        """
        if self.position is None:
            return False
        count = len(self.visible)
        for step in range(1, count):
            candidate = (self.position + step) % count
            if self.gold[self.items[self.visible[candidate]].key] is None:
                self.position = candidate
                return True
        return False

    def go_to(self, key: Key) -> bool:
        """Show the item ``key``, dropping the filter if it hides it; False if not queued."""
        index = self._where.get(key)
        if index is None:
            return False
        if index not in self.visible:
            self.filter = None
            self._refilter()
        self.position = self.visible.index(index)
        return True

    def cycle_filter(self) -> None:
        """Every field, then each field with disagreements in turn, then every field again.

        The item shown stays when the filter shows it; otherwise the filter's next item in
        reading order is shown (its last, when none comes after).
        """
        cycle: list[str | None] = [None, *self.fields]
        here = self.current
        self.filter = cycle[(cycle.index(self.filter) + 1) % len(cycle)]
        self._refilter()
        if not self.visible:
            self.position = None
            return
        # Keep the place: the item shown, or the first of the filter after it in reading order.
        at = self._where[here.key] if here is not None else 0
        self.position = next((n for n, i in enumerate(self.visible) if i >= at), len(self.visible) - 1)

    def _refilter(self) -> None:
        self.visible = [i for i, item in enumerate(self.items) if self.filter in (None, item.field)]

    # -- progress --------------------------------------------------------------------

    def progress(self, field: str | None = None) -> tuple[int, int]:
        """(adjudicated, disagreements) of one field, or of every field."""
        if field is None:
            return sum(self._done.values()), sum(self._total.values())
        return self._done[field], self._total[field]

    def field_progress(self) -> list[tuple[str, int, int]]:
        """(field, adjudicated, disagreements) of each field with disagreements, schema order."""
        return [(name, *self.progress(name)) for name in self.fields]

    @property
    def fields(self) -> list[str]:
        """The fields with disagreements, in schema order."""
        return [name for name in self.schema.names if self._total[name]]
