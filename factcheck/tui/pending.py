"""What the screen shows that the database does not hold yet: laid over whatever is read from it.

Every key press is journaled, then shown, then written by the writer thread. Until it is
written, its effect (label values, a flag, a split or join of sentences) is kept here and
laid over every read of the database, in key order, so moving away and back shows it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from factcheck.schema import Schema
from factcheck.store import FLAG, Mention

Labels = dict[str, dict[str, str]]
"""mention id -> field -> value."""


@dataclass(frozen=True)
class Item:
    """One value a key press gave, as the screen shows it until it is written.

    The field :data:`factcheck.store.FLAG` stands for the sentence's flag (a value: flagged).
    """

    article_id: str | None
    mention_id: str
    claim_id: str | None
    """Set for a claim-scoped value: it shows on every mention of the claim."""
    field: str
    value: str | None


@dataclass(frozen=True)
class Resegment:
    """A split or join of an article's sentences (or the undo of one), as the screen shows it.

    Applied as the store applies it: the removed sentences' labels (this annotator's) move
    to the first new one, values a condition rules out there are dropped, and it is flagged
    when the moved values conflict or a removed sentence was flagged. An undo (``restore``
    given) puts back the labels and flags the removed sentences had.
    """

    article_id: str
    removed: tuple[Mention, ...]
    """The sentences it replaces, in text order."""
    added: tuple[Mention, ...]
    """The sentences that replace them."""
    restore: tuple[tuple[str, str, str], ...] | None = None
    """For an undo: (sentence, field, value) of this annotator's labels on the ``added`` ones."""
    restore_flags: frozenset[str] = frozenset()
    """For an undo: which of the ``added`` ones this annotator had flagged."""

    def inverse(self, shown: Shown) -> Resegment:
        """The step that undoes this one, given the article as shown before it."""
        gone = {m.id for m in self.removed}
        labels = tuple(
            (mid, k, v) for mid, values in shown.labels.items() if mid in gone for k, v in values.items()
        )
        flags = frozenset(mid for mid in shown.flags if mid in gone)
        return Resegment(self.article_id, self.added, self.removed, labels, flags)

    def apply(self, shown: Shown, schema: Schema) -> bool:
        """Apply it to ``shown`` (in place) if it still fits; False when it does not (already applied)."""
        ids = [m.id for m in shown.mentions]
        gone = [m.id for m in self.removed]
        if not gone or gone[0] not in ids:
            return False
        at = ids.index(gone[0])
        if ids[at : at + len(gone)] != gone:
            return False
        heir = self.added[0].id
        carried: Labels = {}
        flags: set[str] = set()
        if self.restore is None:
            merged: dict[str, str] = {}
            conflict = False
            for mid in gone:
                for name, value in shown.labels.get(mid, {}).items():
                    conflict |= merged.setdefault(name, value) != value
            for name in schema.voided(merged):
                merged.pop(name, None)
            if merged:
                carried[heir] = merged
            if conflict or any(mid in shown.flags for mid in gone):
                flags.add(heir)
        else:
            for mid, name, value in self.restore:
                carried.setdefault(mid, {})[name] = value
            flags = set(self.restore_flags)
        for mid in gone:
            shown.labels.pop(mid, None)
            shown.flags.discard(mid)
        shown.labels.update(carried)
        shown.flags |= flags
        if shown.assigned is not None:
            # Whoever the plan gave a removed sentence to is given every sentence made from it.
            given = any(mid in shown.assigned for mid in gone)
            shown.assigned -= set(gone)
            if given:
                shown.assigned |= {m.id for m in self.added}
        rows = shown.mentions[:at] + list(self.added) + shown.mentions[at + len(gone) :]
        shown.mentions[:] = [m if m.index == i else replace(m, index=i) for i, m in enumerate(rows)]
        return True


Step = Item | Resegment
"""One effect of a key press."""


@dataclass
class Shown:
    """One article as the screen shows it: its sentences, this annotator's labels and flags."""

    mentions: list[Mention]
    labels: Labels
    flags: set[str]
    assigned: set[str] | None = field(default=None)
    """The sentences the plan gives this annotator (None: no plan followed)."""


class PendingLabels:
    """The effects of journal entries not yet applied, by entry, in key order."""

    def __init__(self) -> None:
        self._by_entry: dict[str, list[Step]] = {}

    def __len__(self) -> int:
        return len(self._by_entry)

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self._by_entry

    def add(self, entry_id: str, steps: Iterable[Step]) -> None:
        """Track the effects of entry ``entry_id`` until it is settled."""
        self._by_entry[entry_id] = list(steps)

    def settle(self, entry_id: str) -> None:
        """The entry was applied (or refused): the database now tells its effects."""
        self._by_entry.pop(entry_id, None)

    def articles(self) -> set[str]:
        """Articles with a pending effect on one of their own sentences."""
        return {s.article_id for steps in self._by_entry.values() for s in steps if s.article_id}

    def resegments(self, article_id: str) -> bool:
        """Whether a split or join of this article is pending."""
        return any(
            isinstance(s, Resegment) and s.article_id == article_id
            for steps in self._by_entry.values()
            for s in steps
        )

    def overlay(self, shown: Shown, schema: Schema) -> None:
        """Lay every pending effect over ``shown`` (in place), oldest first."""
        if not self._by_entry:
            return
        here = {m.id for m in shown.mentions}
        for steps in self._by_entry.values():
            for step in steps:
                if isinstance(step, Item):
                    _put(shown, step, here)
                elif step.apply(shown, schema):
                    here = {m.id for m in shown.mentions}


def _put(shown: Shown, item: Item, here: set[str]) -> None:
    if item.claim_id is not None:
        targets = [m.id for m in shown.mentions if m.claim_id == item.claim_id]
    else:
        targets = [item.mention_id] if item.mention_id in here else []
    for mid in targets:
        if item.field == FLAG:
            if item.value is None:
                shown.flags.discard(mid)
            else:
                shown.flags.add(mid)
            continue
        values = shown.labels.setdefault(mid, {})
        if item.value is None:
            values.pop(item.field, None)
        else:
            values[item.field] = item.value
        if not values:
            del shown.labels[mid]
