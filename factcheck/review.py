"""Headless adjudication shared by ``factcheck review`` and its screen.

The review queue (disagreements in reading order), the values an adjudicator picks from,
and gold made from unanimous labels.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from factcheck.schema import Field
from factcheck.store import LabelGroup, Store

__all__ = ["Choice", "Key", "ReviewItem", "accept_unanimous", "choices", "load_items", "typing_default"]

Key = tuple[str, str]
"""(target id, field): one adjudicable item."""


@dataclass(frozen=True)
class ReviewItem:
    """One disagreement with where its sentence sits, for ordering and context."""

    group: LabelGroup
    """Every annotator's value, the target and the gold value when the queue was read."""
    article_id: str
    """The article of the sentence shown for the item."""
    seq: int
    """The article's ingest number (items are read article by article)."""
    index: int
    """The sentence's position in its article."""
    flagged_by: tuple[str, ...] = ()
    """Annotators who flagged the sentence for a second look (it is queued even without a disagreement)."""

    @property
    def key(self) -> Key:
        """(target id, field)."""
        return (self.group.target_id, self.group.field)

    @property
    def field(self) -> str:
        """The field the annotators disagree on."""
        return self.group.field


@dataclass(frozen=True)
class Choice:
    """A value the adjudicator can pick, with the annotators who gave it."""

    value: str
    annotators: tuple[str, ...]


def load_items(store: Store) -> list[ReviewItem]:
    """Every disagreement, adjudicated or not, in reading order.

    Ordered by article (ingest order), sentence, then schema field order, so that
    consecutive items share their context. Items whose sentence has vanished are
    left out.
    """
    order = {name: i for i, name in enumerate(store.schema.names)}
    seqs: dict[str, int] = {}
    flags = store.all_flags()
    items = []
    for group in store.disagreements():
        mention = store.mention(group.mention_id)
        if mention is None:
            continue
        seq = _seq(store, seqs, mention.article_id)
        who = tuple(flags.get(group.mention_id, ()))
        items.append(ReviewItem(group, mention.article_id, seq, mention.index, who))
    items += _flagged_items(store, flags, {item.key for item in items}, seqs)
    items.sort(key=lambda i: (i.seq, i.index, order.get(i.field, len(order)), i.group.target_id))
    return items


def _seq(store: Store, seqs: dict[str, int], article_id: str) -> int:
    if article_id not in seqs:
        article = store.article(article_id)
        seqs[article_id] = article.seq if article is not None else 0
    return seqs[article_id]


def _flagged_items(
    store: Store, flags: dict[str, list[str]], queued: set[Key], seqs: dict[str, int]
) -> list[ReviewItem]:
    """An item per labelled field of each flagged sentence not queued already (one, if none is).

    A flag is an annotator's way to leave a sentence to the adjudicator, so it is queued
    whether or not annotators disagree on it.
    """
    labels = store.all_labels(list(flags))
    blank = next((f for f in store.schema if f.scope == "mention"), None)
    items = []
    for mid, who in sorted(flags.items()):
        mention = store.mention(mid)
        if mention is None:
            continue
        given = labels.get(mid, {})
        groups = []
        for field in store.schema:
            values = {a: v[field.name] for a, v in given.items() if field.name in v}
            claim = field.scope == "claim" and mention.claim_id is not None
            target = str(mention.claim_id) if claim else mid
            if values and (target, field.name) not in queued:
                gold = store.gold_for(target).get(field.name)
                groups.append(
                    LabelGroup("claim" if claim else "mention", target, field.name, values, mid, gold)
                )
        if not given and blank is not None and (mid, blank.name) not in queued:
            groups.append(
                LabelGroup("mention", mid, blank.name, {}, mid, store.gold_for(mid).get(blank.name))
            )
        seq = _seq(store, seqs, mention.article_id)
        items += [ReviewItem(g, mention.article_id, seq, mention.index, tuple(who)) for g in groups]
    return items


def choices(group: LabelGroup, field: Field) -> list[Choice]:
    """What keys 1-9 pick for this item.

    A choice field offers its schema values in schema order, the same keys as in
    the annotation screen, so a value nobody gave can be picked too. A text field
    offers the distinct values given (compared normalised, most given first, in the
    most common spelling).
    """
    if field.is_choice:
        given = [*field.values, *sorted(set(group.values.values()) - set(field.values))]
        return [Choice(v, tuple(sorted(a for a, x in group.values.items() if x == v))) for v in given]
    who: dict[str, list[str]] = {}
    spellings: dict[str, Counter[str]] = {}
    for annotator, value in sorted(group.values.items()):
        key = field.comparable(value)
        who.setdefault(key, []).append(annotator)
        spellings.setdefault(key, Counter())[value] += 1
    found = [Choice(_spelling(spellings[key]), tuple(names)) for key, names in who.items()]
    return sorted(found, key=lambda c: (-len(c.annotators), c.value))


def _spelling(spellings: Counter[str]) -> str:
    """The most common spelling (the first in sort order among equals)."""
    return min(spellings, key=lambda v: (-spellings[v], v))


def typing_default(group: LabelGroup, field: Field, gold: str | None) -> str:
    """What the gold editor is pre-filled with: the gold value, else the most common value."""
    if gold is not None:
        return gold
    found = choices(group, field)
    return found[0].value if found else ""


def accept_unanimous(db_path: str, min_annotators: int = 2, field: str | None = None) -> int:
    """Make gold of every item on which all of at least ``min_annotators`` annotators agree.

    Existing gold is kept. The values are recorded as adjudicated by ``unanimous`` in
    one batch, so ``store.undo_gold("unanimous")`` reverts the whole run.

    Args:
        db_path: the database file.
        min_annotators: how many annotators must have labelled an item (at least 2).
        field: only this field (default: every field).

    Returns:
        How many items became gold.

    Raises:
        StoreError: the database cannot be opened or written.
        ValueError: ``field`` is not in the schema, or ``min_annotators`` is below 2.
    """
    with Store(db_path) as store:
        return store.accept_unanimous(min_annotators=min_annotators, field=field)
