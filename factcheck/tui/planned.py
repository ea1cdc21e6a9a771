"""A session that follows the annotator's share of the assignment plan."""

from __future__ import annotations

from factcheck.store import AssignedWork, Change, Mention, Store
from factcheck.tui.session import Session


class PlannedSession(Session):
    """The annotation session when the plan gives this annotator work (``annotate`` without ``--all``).

    It opens at, and ``n`` goes to, the next assigned sentence this annotator has not
    labelled; everything else (moving with ``j``/``k``, the article list, search) still
    reaches every sentence. Progress is counted over the assigned sentences.
    """

    def __init__(self, store: Store, annotator: str, work: AssignedWork) -> None:
        super().__init__(store, annotator)
        self.work = work
        """Which sentences of which articles are this annotator's."""
        self._remaining = dict(work.remaining)
        positions = {aid: n for n, (aid, _seq) in enumerate(self.index)}
        self._queue = sorted((positions[aid], aid) for aid in work.articles if aid in positions)
        self._assigned_count = {
            aid: self.sizes.get(aid, 0) if idxs is None else len(idxs) for aid, idxs in work.articles.items()
        }
        self.assigned_total = sum(self._assigned_count.values())
        """Sentences assigned to this annotator."""
        self._here: set[str] | None = None  # the current article's assigned sentences, as shown

    def assigned(self, mention: Mention) -> bool:
        """Whether the plan gives this sentence to this annotator."""
        if self._here is not None and self.article is not None and mention.article_id == self.article.id:
            return mention.id in self._here
        if mention.article_id not in self.work.articles:
            return False
        idxs = self.work.articles[mention.article_id]
        return idxs is None or mention.index in idxs

    def _assigned_in(self, article_id: str, mentions: list[Mention]) -> set[str] | None:
        """The sentences (as read from the database) the plan gives this annotator."""
        if article_id not in self.work.articles:
            return set()
        idxs = self.work.articles[article_id]
        return {m.id for m in mentions if idxs is None or m.index in idxs}

    def _shown_assigned(self, assigned: set[str] | None) -> None:
        """Keep the shown article's assigned sentences (a split or join may have made new ones)."""
        self._here = assigned
        if assigned is None or self.article is None or self.article.id not in self.work.articles:
            return
        aid = self.article.id
        self.assigned_total += len(assigned) - self._assigned_count.get(aid, 0)
        self._assigned_count[aid] = len(assigned)

    def _shown_assigned_now(self) -> set[str] | None:
        return None if self._here is None else set(self._here)

    def settle(self, entry_id: str, changes: list[Change], exact: bool, resegmented: bool = False) -> None:
        """As the plain session; a split or join written moved the plan's sentences, so it is re-read."""
        if resegmented:
            self.work = self.store.assigned_work(self.annotator) or self.work
        super().settle(entry_id, changes, exact, resegmented)

    def _todo(self, mention: Mention) -> bool:
        return self.assigned(mention) and self.unlabelled(mention)

    def start(self) -> None:
        """Open at the first assigned sentence not labelled yet (or where the plain session would)."""
        if not self._next_in_articles(after=-1):
            super().start()

    def next_unlabelled(self) -> bool:
        """Go to the next assigned sentence not labelled yet, across articles, wrapping round."""
        if not self.index:
            return False
        self._note_current()
        start = -1 if self.current is None else self.current
        for i in range(start + 1, len(self.mentions)):
            if self._todo(self.mentions[i]):
                return self._go(i)
        if self._next_in_articles(after=self.position):
            return True
        return any(self._todo(m) and self._go(i) for i, m in enumerate(self.mentions))

    def open_position(self, position: int, from_end: bool = False) -> None:
        """Open another article, first noting what is left of the one being left."""
        self._note_current()
        super().open_position(position, from_end)

    def move(self, delta: int) -> bool:
        """Next (+1) or previous (-1) assigned sentence the filter shows, into the next or previous
        assigned article at the ends (the article list, search and ``[``/``]`` reach the rest)."""
        if delta > 0:
            steps = [i for i in self.visible if self.current is None or i > self.current]
        else:
            steps = [i for i in reversed(self.visible) if self.current is None or i < self.current]
        found = next((i for i in steps if self.assigned(self.mentions[i])), None)
        if found is not None:
            self.go_to(found)
            return True
        ahead = [p for p, _aid in self._queue if (p > self.position if delta > 0 else p < self.position)]
        if not ahead:
            return False
        self.open_position(ahead[0] if delta > 0 else ahead[-1], from_end=delta < 0)
        order = self.visible if delta > 0 else list(reversed(self.visible))
        self.go_to(next((i for i in order if self.assigned(self.mentions[i])), None))
        return True

    def _go(self, index: int) -> bool:
        self.open_article(self.mentions[index].article_id, index)
        return True

    def _next_in_articles(self, after: int) -> bool:
        """Open the first assigned, unlabelled sentence in the assigned articles after position
        ``after`` (wrapping round, the current article left out); False when there is none."""
        current = self.article.id if self.article is not None else None
        later = [entry for entry in self._queue if entry[0] > after]
        earlier = [entry for entry in self._queue if entry[0] <= after]
        for _position, aid in later + earlier:
            if aid == current or not self._remaining.get(aid):
                continue
            found = self._first_todo(aid)
            if found is not None:
                self.open_article(aid, found)
                return True
            self._remaining[aid] = 0
        return False

    def _first_todo(self, article_id: str) -> int | None:
        """Index of an article's first assigned sentence this annotator has not labelled (database,
        with the labels still waiting to be written laid over)."""
        shown = self._read_article(article_id)
        assigned = shown.assigned or set()
        return next(
            (
                m.index
                for m in shown.mentions
                if m.id in assigned and not self._own_work(shown.labels.get(m.id))
            ),
            None,
        )

    def _note_current(self) -> None:
        """Record the current article's remaining assigned sentences from the labels in memory."""
        if self.article is not None and self.article.id in self.work.articles:
            self._remaining[self.article.id] = sum(1 for m in self.mentions if self._todo(m))

    def plan_progress(self) -> tuple[int, int]:
        """(labelled, assigned) sentences of this annotator's share of the plan."""
        self._note_current()
        return self.assigned_total - sum(self._remaining.values()), self.assigned_total


def make_session(store: Store, annotator: str, follow_plan: bool) -> tuple[Session, str | None]:
    """The session to open, and a note to show when a plan exists that does not apply.

    Args:
        store: the main-thread store.
        annotator: whose session.
        follow_plan: False for ``annotate --all`` (every sentence, the plan ignored).
    """
    work = store.assigned_work(annotator) if follow_plan else None
    if work is not None:
        return PlannedSession(store, annotator, work), None
    note = None
    if follow_plan and store.plan_unit() is not None:
        note = f"The plan assigns nothing to {annotator}: every sentence is shown."
    return Session(store, annotator), note
