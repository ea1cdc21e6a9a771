"""The annotation session: current article, sentence and field, this annotator's labels, filters."""

from __future__ import annotations

import time

from factcheck.schema import CHECKWORTHINESS, NOT_FACTUAL, SOURCE, Field, Schema
from factcheck.store import (
    FLAG,
    SEGMENT,
    Article,
    Change,
    JournalEntry,
    Mention,
    Store,
    article_index,
    mention_counts,
)
from factcheck.tui.pending import Item, PendingLabels, Resegment, Shown, Step
from factcheck.tui.requests import SetLabel, SetLabels, Undo
from factcheck.tui.sentence_edits import SentenceEdits

FILTERS = ("all", "unlabelled", "flagged", "disagree")
"""Sentence filters, in the order the filter key cycles through them."""

Labels = dict[str, dict[str, str]]
"""mention id -> field -> value."""


class Session(SentenceEdits):
    """Everything the annotation screen shows, updated optimistically on every key.

    Reads go through a main-thread Store; writes are returned as requests for the
    writer thread. Only the current article's mentions are loaded. Values the writer
    has not written yet stay shown (``pending``), whatever is re-read from the database.
    A sentence counts as labelled by its own work: a mention-scoped value (a claim-scoped
    one may have come from another article of the claim).
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
        self.pending = PendingLabels()
        """Effects shown but not yet in the database, by journal entry."""
        self.undo_stack: list[tuple[str, list[Step]]] = []
        """This session's actions, newest last: entry id and what shows it undone (the values
        it replaced, or the split or join that reverses it)."""
        self._prepared: tuple[list[Step], list[Step]] = ([], [])
        self.own_fields = frozenset(store.own_work_fields())
        """Fields whose values make a sentence labelled."""

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
                index = self._first_unlabelled_in(aid)
                if index is not None:
                    return aid, index
        return None

    def _first_unlabelled_in(self, article_id: str) -> int | None:
        """The database's answer, unless effects on the article are still to be written."""
        if article_id not in self.pending.articles():
            return self.store.first_unlabelled(self.annotator, article_id)
        shown = self._read_article(article_id)
        return next((m.index for m in shown.mentions if not self._own_work(shown.labels.get(m.id))), None)

    def _read_article(self, article_id: str) -> Shown:
        """An article's sentences, labels and flags: the database's, with pending effects laid over."""
        mentions = self.store.mentions(article_id)
        shown = Shown(
            mentions,
            self.store.labels(self.annotator, article_id),
            self.store.flagged(self.annotator, article_id),
            self._assigned_in(article_id, mentions),
        )
        self.pending.overlay(shown, self.schema)
        return shown

    def _assigned_in(self, article_id: str, mentions: list[Mention]) -> set[str] | None:
        """The sentences (as read from the database) the plan gives this annotator; None: no plan."""
        return None

    def _show_article(self, shown: Shown) -> None:
        """Make ``shown`` the current article's sentences, labels and flags; re-apply the filter."""
        self.mentions, self.mine, self.flags = shown.mentions, shown.labels, shown.flags
        self._shown_assigned(shown.assigned)
        if self.article is not None:
            aid = self.article.id
            self.total += len(self.mentions) - self.sizes.get(aid, 0)
            self.sizes[aid] = len(self.mentions)
        self.others = None
        self._refilter()

    def _shown_assigned(self, assigned: set[str] | None) -> None:
        """The plan's sentences of the article now shown (for a session that follows a plan)."""

    def _shown_assigned_now(self) -> set[str] | None:
        """A copy of the plan's sentences of the current article (None: no plan followed)."""
        return None

    def reread(self) -> None:
        """Re-read the current article from the database, pending effects laid over, keeping the place.

        The current sentence and field stay when the sentence is still there; after a split
        or join, the place moves to the nearest sentence.
        """
        if self.article is None:
            return
        here = self.mention.id if self.mention is not None else None
        place, field_index = self.current, self.field_index
        self._show_article(self._read_article(self.article.id))
        self._count_here()
        index = self._index_of(here) if here is not None else None
        if index is not None and index in self.visible:
            self.current = index
            self.field_index = field_index
            self.fit_field()
            return
        if place is not None and self.mentions:
            place = min(place, len(self.mentions) - 1)
        self.go_to(place if place in self.visible else self.nearest_visible(place))

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
        self._show_article(self._read_article(aid))
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
            if not self.labelled(self.mentions[i]):
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
            if not self.labelled(m):
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
        """Whether this annotator has not yet done the sentence's own work."""
        return not self.labelled(mention)

    def labelled(self, mention: Mention) -> bool:
        """Whether this annotator gave the sentence a value of its own (a mention-scoped one)."""
        return self._own_work(self.mine.get(mention.id))

    def from_claim_only(self, mention: Mention) -> bool:
        """Whether the sentence shows values, all of them claim-scoped (come with its claim)."""
        values = self.mine.get(mention.id)
        return bool(values) and not self._own_work(values)

    def _own_work(self, values: dict[str, str] | None) -> bool:
        return values is not None and any(name in self.own_fields for name in values)

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
        claim = m.claim_id if field.scope == "claim" else None
        if claim is not None:
            targets = [x for x in self.mentions if x.claim_id == claim]
        self._prepare(targets, {field.name: value}, claim)
        return SetLabel(m.id, field.name, value, self.dwell_ms(), claim)

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
        self._prepare([m], values, None)
        return SetLabels(m.id, values, self.dwell_ms())

    def _prepare(self, targets: list[Mention], values: dict[str, str | None], claim: str | None) -> None:
        """Show ``values`` on ``targets`` now; ``track`` ties them to their journal entry.

        Values the new ones rule out (a ``when`` condition no longer met) are cleared with
        them, as the store clears them in the same batch, so one undo brings all back.
        """
        head = targets[0]
        given: list[Step] = [Item(head.article_id, head.id, claim, k, v) for k, v in values.items()]
        before: list[Step] = [
            Item(t.article_id, t.id, None, k, self.mine.get(t.id, {}).get(k)) for t in targets for k in values
        ]
        changes = [Change(t.id, self.annotator, k, None, v) for t in targets for k, v in values.items()]
        if any(self.schema.conditions_on(k) for k in values):
            for t in targets:
                after = {**self.mine.get(t.id, {}), **values}
                kept = {k: v for k, v in after.items() if v is not None}
                for name in self.schema.voided(kept):
                    if name in values:
                        continue
                    given.append(Item(t.article_id, t.id, None, name, None))
                    before.append(Item(t.article_id, t.id, None, name, kept[name]))
                    changes.append(Change(t.id, self.annotator, name, kept[name], None))
        self._prepared = (given, before)
        self.apply_changes(changes)

    def track(self, entry: JournalEntry) -> None:
        """The last prepared effects (or undo) were journaled as ``entry``: keep them shown until written."""
        given, before = self._prepared
        self._prepared = ([], [])
        self.pending.add(entry.id, given)
        if entry.op != "undo":
            self.undo_stack.append((entry.id, before))

    def forget(self) -> None:
        """The last prepared effects could not be journaled: show what the database and the journal hold."""
        self._prepared = ([], [])
        self.reread()

    def undo(self) -> Undo:
        """Revert this session's last action on screen, going to the sentence and field it changed.

        With nothing left in this session, the request asks for this annotator's last
        action of an earlier session on this host, which only the database knows.
        """
        if not self.undo_stack:
            self._prepared = ([], [])
            return Undo(None)
        entry_id, before = self.undo_stack.pop()
        self._prepared = (before, [])
        first = before[0]
        if isinstance(first, Resegment):
            if first.article_id in self._position_of:
                self.open_article(first.article_id)
                self.resegment(first)
            return Undo(entry_id)
        if first.article_id in self._position_of:
            self.open_article(first.article_id)
            self.open_article(first.article_id, self._index_of(first.mention_id))
        items = [i for i in before if isinstance(i, Item)]
        self.apply_changes([Change(i.mention_id, self.annotator, i.field, None, i.value) for i in items])
        if first.field in self.schema.names:
            self.field_index = self.schema.names.index(first.field)
        return Undo(entry_id)

    def _index_of(self, mention_id: str) -> int | None:
        return next((i for i, m in enumerate(self.mentions) if m.id == mention_id), None)

    def settle(self, entry_id: str, changes: list[Change], exact: bool, resegmented: bool = False) -> None:
        """Entry ``entry_id`` reached the database with ``changes``.

        Args:
            entry_id: the journal entry.
            changes: what it changed there.
            exact: it was written as shown; otherwise (a value kept because it is newer,
                a refusal) the screen re-reads what the database holds.
            resegmented: it split or joined sentences (or undid that): the article is re-read.
        """
        self.pending.settle(entry_id)
        if not exact and not changes:  # nothing written: nothing for undo to revert
            self.undo_stack = [(e, b) for e, b in self.undo_stack if e != entry_id]
        if not exact or resegmented:
            self.reread()
            return
        self.apply_changes(changes)
        self.pending.overlay(Shown(self.mentions, self.mine, self.flags), self.schema)
        self._count_here()

    def add_unwritten(self, entries: list[JournalEntry]) -> None:
        """Show the effects of an earlier session's journal that are not written yet (replayed now)."""
        views: dict[str, Shown] = {}
        for entry in entries:
            if entry.op == "undo":
                if entry.target is not None:  # both in the journal: the undone entry never shows
                    self.pending.settle(entry.target)
                continue
            if entry.mention_id is None:
                continue
            mention = self._find(entry.mention_id, views)
            if mention is None:  # already written (its sentence was split or joined since)
                continue
            steps = self.unwritten_steps(entry, mention, views[mention.article_id])
            self.pending.add(entry.id, steps)
            for step in steps:
                if isinstance(step, Resegment):
                    step.apply(views[step.article_id], self.schema)
        if self.pending:
            for aid in self.pending.articles():
                self.counts[aid] = self._labelled_in(aid)
            self.reread()

    def _find(self, mention_id: str, views: dict[str, Shown]) -> Mention | None:
        """A sentence by id, among those a pending split or join made too."""
        for shown in views.values():
            found = next((m for m in shown.mentions if m.id == mention_id), None)
            if found is not None:
                return found
        found = self.store.mention(mention_id)
        if found is not None and found.article_id not in views:
            views[found.article_id] = Shown(self.store.mentions(found.article_id), {}, set())
        return found

    def _labelled_in(self, article_id: str) -> int:
        shown = self._read_article(article_id)
        return sum(1 for m in shown.mentions if self._own_work(shown.labels.get(m.id)))

    def set_schema(self, schema: Schema) -> None:
        """The database's schema changed: show and label by the new one."""
        self.store.refresh_schema()
        self.schema = schema
        self.own_fields = frozenset(self.store.own_work_fields())
        self.field_index = min(self.field_index, len(schema.fields) - 1)
        self.counts = self.store.labelled_counts(self.annotator)
        self.reload_labels()

    def apply_changes(self, changes: list[Change]) -> bool:
        """Apply label changes to the sentences in memory.

        Returns:
            True when some change concerns a sentence of another article.
        """
        here = {m.id for m in self.mentions}
        elsewhere = False
        for c in changes:
            if c.annotator != self.annotator:
                continue
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
        self._count_here()
        return elsewhere

    def _count_here(self) -> None:
        if self.article is not None:
            self.counts[self.article.id] = sum(1 for m in self.mentions if self.labelled(m))

    def reload_labels(self) -> None:
        """Re-read this annotator's labels (and the article's sentences), pending effects laid over."""
        self.reread()

    # -- progress -----------------------------------------------------------------------

    def article_progress(self) -> tuple[int, int]:
        """(labelled, total) sentences of the current article."""
        return sum(1 for m in self.mentions if self.labelled(m)), len(self.mentions)

    def overall_progress(self) -> tuple[int, int]:
        """(labelled, total) sentences of the whole database."""
        return sum(self.counts.values()), self.total
