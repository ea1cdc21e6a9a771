"""Labels on screen that the database does not hold yet: laid over whatever is read from it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from factcheck.store import Mention

Labels = dict[str, dict[str, str]]
"""mention id -> field -> value."""


@dataclass(frozen=True)
class Item:
    """One value a key press gave, as the screen shows it until it is written."""

    article_id: str | None
    mention_id: str
    claim_id: str | None
    """Set for a claim-scoped value: it shows on every mention of the claim."""
    field: str
    value: str | None


class PendingLabels:
    """The values of journal entries not yet applied, by entry, in key order."""

    def __init__(self) -> None:
        self._by_entry: dict[str, list[Item]] = {}

    def __len__(self) -> int:
        return len(self._by_entry)

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self._by_entry

    def add(self, entry_id: str, items: Iterable[Item]) -> None:
        """Track the values of entry ``entry_id`` until it is settled."""
        self._by_entry[entry_id] = list(items)

    def settle(self, entry_id: str) -> None:
        """The entry was applied (or refused): the database now tells its values."""
        self._by_entry.pop(entry_id, None)

    def articles(self) -> set[str]:
        """Articles with a pending value on one of their own sentences."""
        return {i.article_id for items in self._by_entry.values() for i in items if i.article_id}

    def overlay(self, labels: Labels, mentions: list[Mention]) -> None:
        """Lay every pending value over ``labels`` of ``mentions``, oldest first (in place)."""
        if not self._by_entry:
            return
        here = {m.id for m in mentions}
        by_claim: dict[str, list[str]] = {}
        for m in mentions:
            if m.claim_id is not None:
                by_claim.setdefault(m.claim_id, []).append(m.id)
        for items in self._by_entry.values():
            for item in items:
                if item.claim_id is not None:
                    targets = by_claim.get(item.claim_id, [])
                else:
                    targets = [item.mention_id] if item.mention_id in here else []
                for mid in targets:
                    _put(labels, mid, item.field, item.value)


def _put(labels: Labels, mention_id: str, field: str, value: str | None) -> None:
    values = labels.setdefault(mention_id, {})
    if value is None:
        values.pop(field, None)
    else:
        values[field] = value
    if not values:
        del labels[mention_id]
