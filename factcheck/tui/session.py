"""The annotation session: current article, sentence and field, this annotator's labels, filters."""

from __future__ import annotations

import time

from factcheck.schema import CHECKWORTHINESS, NOT_FACTUAL, SOURCE, Field, Schema
from factcheck.store import (
    FLAG,
    SEGMENT,
    Article,
    Change,
    Mention,
    Store,
    article_index,
    mention_counts,
)
from factcheck.tui.requests import SetLabel, SetLabels
from factcheck.tui.sentence_edits import SentenceEdits

FILTERS = ("all", "unlabelled", "flagged", "disagree")
"""Sentence filters, in the order the filter key cycles through them."""

Labels = dict[str, dict[str, str]]
"""mention id -> field -> value."""


class Session(SentenceEdits):
    """Everything the annotation screen shows, updated optimistically on every key.

    Reads go through a main-thread Store; writes are returned as requests for the
    writer thread. Only the current article's mentions are loaded.
    """

    def __init__(self, store: Store, annotator: str) -> None:
        self.store = store
        """Main-thread store, for reads only."""
        self.annotator = annotator
        """Whose labels are shown and written."""
        self.schema: Schema = store.schema
        """The label schema in force."""
        self.index = article_index(store)
        """(id, seq) of every article in ingest order."""
        self._position_of = {aid: i for i, (aid, _seq) in enumerate(self.index)}
        self.seq_of = dict(self.index)
        """article id -> ingest number."""
        self.position = 0
        """Index of the current article in ``index``."""
        self.article: Article | None = None
        """The current article."""
        self.mentions: list[Mention] = []
        """Its sentences in text order."""
        self.mine: Labels = {}
        """This annotator's labels on them (optimistic: ahead of the database)."""
        self.flags: set[str] = set()
        """The ones this annotator has flagged (optimistic too)."""
        self.others: dict[str, dict[str, dict[str, str]]] | None = None
        """Every annotator's labels, loaded only for the disagreement filter."""
        self.filter = FILTERS[0]
        """The sentence filter in force."""
        self.visible: list[int] = []
        """Indices (into ``mentions``) of the sentences the filter shows."""
        self.current: int | None = None
        """Index of the current sentence, always one of ``visible``; None when none is."""
        self._place: int | None = None
        self.field_index = 0
        """Index of the focused field in the schema."""
        self.shown_at = time.monotonic()
        """When the current sentence came on screen (for dwell times)."""
        self.counts = store.labelled_counts(annotator)
        """article id -> sentences this annotator has labelled (one grouped query)."""
        self.sizes = mention_counts(store)
        """article id -> number of its sentences."""
        self.total = sum(self.sizes.values())
        """Number of sentences in the database."""

    # -- where we are ---------------------------------------------------------------

    @property
    def mention(self) -> Mention | None:
        """The current sentence."""
        return None if self.current is None else self.mentions[self.current]

    @property
    def field(self) -> Field:
        """The focused field."""
        return self.schema.fields[self.field_index]

    def start(self) -> None:
        """Open where this annotator left off: the first sentence they have not labelled."""
        if not self.index:
            return
        found = self._unlabelled_from(0)
        if found is None:
            self.open_position(0)
        else:
            self.open_article(*found)

    def _unlabelled_from(self, position: int) -> tuple[str, int] | None:
        """The first unlabelled sentence in the articles from ``position`` on, wrapping round.

        The progress counts say which articles still have one, so only those are queried.
        """
        count = len(self.index)
        for step in range(count):
            aid = self.index[(position + step) % count][0]
            if self.counts.get(aid, 0) < self.sizes.get(aid, 0):
                index = self.store.first_unlabelled(self.annotator, aid)
                if index is not None:
                    return aid, index
        return None

    def open_article(self, article_id: str, index: int | None = None) -> None:
        """Open an article by id, at sentence ``index`` (shown even if the filter hides it).

        The current article is not re-read: its labels in memory may be ahead of the database.
        """
        if self.article is None or self.article.id != article_id:
            self.open_position(self._position_of[article_id])
        if index is not None and 0 <= index < len(self.mentions):
            if index not in self.visible:
                self.set_filter("all")
            self.go_to(index)

    def open_position(self, position: int, from_end: bool = False) -> None:
        """Open the article at ``position`` in ingest order, at its first (or last) visible sentence."""
        if not self.index:
            return
        self.position = max(0, min(position, len(self.index) - 1))
        aid = self.index[self.position][0]
        self.article = self.store.article(aid)
        self.mentions = self.store.mentions(aid)
        self.mine = self.store.labels(self.annotator, aid)
        self.flags = self.store.flagged(self.annotator, aid)
        self.others = None
        self._refilter()
        self.go_to(self.visible[-1 if from_end else 0] if self.visible else None)

    def go_to(self, index: int | None) -> None:
        """Make sentence ``index`` current and focus its first field."""
        if index is not None:
            self._place = index
        self.current = index
        self.field_index = 0
        self.shown_at = time.monotonic()

    def move(self, delta: int) -> bool:
        """Next (+1) or previous (-1) visible sentence, crossing into the next article at the ends.

        Returns:
            False when there is nowhere to go.
        """
        at = self.visible.index(self.current) if self.current in self.visible else -1
        target = at + delta
        if 0 <= target < len(self.visible):
            self.go_to(self.visible[target])
            return True
        return self.move_article(1 if delta > 0 else -1, from_end=delta < 0)

    def move_article(self, delta: int, from_end: bool = False) -> bool:
        """Open the next (+1) or previous (-1) article; False at either end.

        Args:
            delta: direction.
            from_end: open at the article's last visible sentence instead of its first.
        """
        position = self.position + delta
        if not 0 <= position < len(self.index):
            return False
        self.open_position(position, from_end=from_end)
        return True

    def next_unlabelled(self) -> bool:
        """Go to the next sentence this annotator has not labelled, across articles."""
        if not self.index:
            return False
        start = -1 if self.current is None else self.current
        for i in range(start + 1, len(self.mentions)):
            if not self.mine.get(self.mentions[i].id):
                return self._show(i)
        found = self._unlabelled_from(self.position + 1)
        if found is None or found[0] == self.index[self.position][0]:
            # Only this article is left: the labels in memory are ahead of the database.
            return self._first_unlabelled_here()
        self.open_article(*found)
        return True

    def _show(self, index: int) -> bool:
        self.open_article(self.mentions[index].article_id, index)
        return True

    def _first_unlabelled_here(self) -> bool:
        for i, m in enumerate(self.mentions):
            if not self.mine.get(m.id):
                return self._show(i)
        return False

    def next_field(self, delta: int) -> None:
        """Focus the next (+1) or previous (-1) field that applies to the sentence, wrapping round."""
        count = len(self.schema.fields)
        for step in range(1, count + 1):
            index = (self.field_index + delta * step) % count
            if self.applies(self.schema.fields[index]):
                self.field_index = index
                return

    # -- conditions (``when``) ----------------------------------------------------------

    def values(self) -> dict[str, str]:
        """This annotator's labels on the current sentence."""
        m = self.mention
        return self.mine.get(m.id, {}) if m is not None else {}

    def applies(self, field: Field) -> bool:
        """Whether ``field`` applies to the current sentence (its condition is met)."""
        return field.applies(self.values())

    def later_field(self) -> bool:
        """Whether a field after the focused one applies to the current sentence."""
        return any(self.applies(f) for f in self.schema.fields[self.field_index + 1 :])

    def fit_field(self) -> None:
        """Move the focus off a field the sentence's labels have just ruled out."""
        if not self.applies(self.field):
            self.next_field(1)

    def _voids(self, mention_ids: set[str]) -> list[Change]:
        """Clears of the values ruled out by these sentences' labels in memory (as the store does)."""
        return [
            Change(mid, self.annotator, name, self.mine[mid][name], None)
            for mid in mention_ids
            if mid in self.mine
            for name in self.schema.voided(self.mine[mid])
        ]

    # -- filters --------------------------------------------------------------------

    def cycle_filter(self) -> None:
        """Switch to the next filter and re-apply it to the current article, keeping the place."""
        place = self.current if self.current is not None else self._place
        self.set_filter(FILTERS[(FILTERS.index(self.filter) + 1) % len(FILTERS)])
        if self.current not in self.visible:
            self.go_to(self.nearest_visible(place))

    def nearest_visible(self, index: int | None) -> int | None:
        """The visible sentence at or after ``index``, else the last before it (keeps the place)."""
        if not self.visible:
            return None
        if index is None:
            return self.visible[0]
        return next((i for i in self.visible if i >= index), self.visible[-1])

    def set_filter(self, name: str) -> None:
        """Apply filter ``name`` (one of FILTERS); the current sentence may drop out of view."""
        self.filter = name
        self._refilter()

    def _refilter(self) -> None:
        if self.filter == "disagree" and self.others is None:
            self.others = self.store.all_labels([m.id for m in self.mentions])
        keep = {
            "all": lambda m: True,
            "unlabelled": self.unlabelled,
            "flagged": lambda m: m.id in self.flags,
            "disagree": self.disagrees,
        }
        test = keep[self.filter]
        self.visible = [i for i, m in enumerate(self.mentions) if test(m)]

    def unlabelled(self, mention: Mention) -> bool:
        """Whether this annotator has given the sentence no label yet."""
        return not self.mine.get(mention.id)

    def disagrees(self, mention: Mention) -> bool:
        """Whether two or more annotators gave different values to a field of the sentence."""
        if self.others is None:
            return False
        per = dict(self.others.get(mention.id, {}))
        per[self.annotator] = self.mine.get(mention.id, {})
        for field in self.schema:
            values = {field.comparable(v[field.name]) for v in per.values() if field.name in v}
            if len(values) > 1:
                return True
        return False

    # -- labelling --------------------------------------------------------------------

    def dwell_ms(self) -> int:
        """How long the current sentence has been on screen, in milliseconds."""
        return int((time.monotonic() - self.shown_at) * 1000)

    def suggestion(self, field: Field) -> str | None:
        """The pre-annotation offered for a text field of the current sentence."""
        m = self.mention
        if m is None or field.role != SOURCE:
            return None
        return m.suggested_source or None

    def not_factual(self) -> tuple[Field, str] | None:
        """The field and value ``x`` sets: the not-factual value of the checkworthiness field."""
        field = self.schema.role(CHECKWORTHINESS)
        value = field.value_meaning(NOT_FACTUAL) if field is not None else None
        return None if field is None or value is None else (field, value)

    def set_value(self, field: Field, value: str | None) -> SetLabel | None:
        """Label the current sentence in memory and return the write request (None: no sentence)."""
        m = self.mention
        if m is None:
            return None
        targets = [m]
        if field.scope == "claim" and m.claim_id is not None:
            targets = [x for x in self.mentions if x.claim_id == m.claim_id]
        self.apply_changes([Change(t.id, self.annotator, field.name, None, value) for t in targets])
        return SetLabel(m.id, field.name, value, self.dwell_ms())

    def copy_previous(self) -> SetLabels | None:
        """Copy the previous sentence's mention-scoped labels onto the current one."""
        m = self.mention
        if m is None or self.current is None or self.current == 0:
            return None
        previous = self.mine.get(self.mentions[self.current - 1].id, {})
        scoped = {f.name for f in self.schema if f.scope == "mention"}
        values: dict[str, str | None] = {k: v for k, v in previous.items() if k in scoped}
        if not values:
            return None
        self.apply_changes([Change(m.id, self.annotator, k, None, v) for k, v in values.items()])
        return SetLabels(m.id, values, self.dwell_ms())

    def apply_changes(self, changes: list[Change]) -> bool:
        """Apply label changes to the sentences in memory.

        Returns:
            True when some change concerns a sentence of another article.
        """
        here = {m.id for m in self.mentions}
        elsewhere = False
        for c in changes:
            if c.mention_id not in here:
                elsewhere = True
                continue
            if c.field in (FLAG, SEGMENT):
                self._apply_mark(c)
                continue
            labels = self.mine.setdefault(c.mention_id, {})
            if c.new is None:
                labels.pop(c.field, None)
            else:
                labels[c.field] = c.new
            if not labels:
                del self.mine[c.mention_id]
        touched = {
            c.mention_id for c in changes if c.mention_id in here and self.schema.conditions_on(c.field)
        }
        for c in self._voids(touched):
            self.mine[c.mention_id].pop(c.field, None)
            if not self.mine[c.mention_id]:
                del self.mine[c.mention_id]
        self.fit_field()
        if self.article is not None:
            self.counts[self.article.id] = sum(1 for m in self.mentions if self.mine.get(m.id))
        return elsewhere

    def reload_labels(self) -> None:
        """Re-read this annotator's labels on the current article (after a failed write)."""
        if self.article is not None:
            self.mine = self.store.labels(self.annotator, self.article.id)

    # -- progress -----------------------------------------------------------------------

    def article_progress(self) -> tuple[int, int]:
        """(labelled, total) sentences of the current article."""
        return sum(1 for m in self.mentions if self.mine.get(m.id)), len(self.mentions)

    def overall_progress(self) -> tuple[int, int]:
        """(labelled, total) sentences of the whole database."""
        return sum(self.counts.values()), self.total
