"""The session's part for flags and segmentation fixes: requests for the writer, shown at once."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from factcheck.ingest import suggest_sources
from factcheck.schema import Schema
from factcheck.store import (
    FLAG,
    FLAGGED,
    Article,
    Change,
    JournalEntry,
    Mention,
    Store,
    new_mentions,
    split_spans,
)
from factcheck.tui.pending import Item, Resegment, Shown, Step
from factcheck.tui.requests import Join, SetFlag, Split

Labels = dict[str, dict[str, str]]
"""mention id -> field -> value."""


class SentenceEdits:
    """Flag, split and join the session's current sentence (mixed into ``Session``).

    Like a label, each is shown at once and kept shown until the writer has written it:
    a split or join is applied to the sentences in memory as the store will apply it
    (ids are content-addressed, so keys pressed on the new sentences before it is
    written name the sentences it will make).
    """

    store: Store
    annotator: str
    schema: Schema
    article: Article | None
    mentions: list[Mention]
    mine: Labels
    flags: set[str]
    current: int | None
    field_index: int
    _prepared: tuple[list[Step], list[Step]]
    _show_article: Callable[[Shown], None]
    _shown_assigned_now: Callable[[], set[str] | None]
    _count_here: Callable[[], None]
    _index_of: Callable[[str], int | None]
    go_to: Callable[[int | None], None]
    nearest_visible: Callable[[int | None], int | None]

    if TYPE_CHECKING:

        @property
        def mention(self) -> Mention | None:
            """The current sentence (``Session.mention``)."""

    def _apply_mark(self, change: Change) -> None:
        """A flag change (segment changes only tell the screen to re-read the article)."""
        if change.field == FLAG and change.new is None:
            self.flags.discard(change.mention_id)
        elif change.field == FLAG:
            self.flags.add(change.mention_id)

    def toggle_flag(self) -> SetFlag | None:
        """Flag the current sentence, or unflag it; returns the write request (None: no sentence)."""
        m = self.mention
        if m is None:
            return None
        flagged = m.id not in self.flags
        old, new = (None, FLAGGED) if flagged else (FLAGGED, None)
        self._prepared = (
            [Item(m.article_id, m.id, None, FLAG, new)],
            [Item(m.article_id, m.id, None, FLAG, old)],
        )
        self._apply_mark(Change(m.id, self.annotator, FLAG, old, new))
        return SetFlag(m.id, flagged)

    # -- split and join -----------------------------------------------------------------

    def split_request(self, at: int) -> Split | None:
        """Split the current sentence at article offset ``at`` on screen; the request (None: cannot).

        The source suggestions of the parts are worked out as at ingest, in their context.
        """
        m, article = self.mention, self.article
        if m is None or article is None or self.current is None:
            return None
        parts = split_spans(article.text, m.start, m.end, at)
        if parts is None:
            return None
        here = self.current
        spans = [(x.start, x.end) for x in self.mentions]
        spans[here : here + 1] = parts
        found = suggest_sources(article.text, spans, article.outlet)
        sources = (found[here], found[here + 1])
        self._prepare_resegment((m,), list(parts), list(sources))
        return Split(m.id, at, sources)

    def join_request(self) -> Join | None:
        """Join the current sentence with the next on screen; the request (None: it is the last)."""
        m, article, here = self.mention, self.article, self.current
        if m is None or article is None or here is None or here + 1 >= len(self.mentions):
            return None
        following = self.mentions[here + 1]
        spans = [(x.start, x.end) for x in self.mentions]
        spans[here : here + 2] = [(m.start, following.end)]
        source = suggest_sources(article.text, spans, article.outlet)[here]
        self._prepare_resegment((m, following), [(m.start, following.end)], [source])
        return Join(m.id, source)

    def _prepare_resegment(
        self, removed: tuple[Mention, ...], spans: list[tuple[int, int]], sources: list[str | None]
    ) -> None:
        assert self.article is not None
        added = new_mentions(self.article.id, self.article.text, removed[0].index, spans, sources)
        step = Resegment(self.article.id, removed, tuple(added))
        inverse = step.inverse(Shown(self.mentions, self.mine, self.flags))
        self._prepared = ([step], [inverse])
        self.resegment(step)

    def resegment(self, step: Resegment) -> None:
        """Show a split or join (or its undo) on the current article, at the first sentence it made."""
        shown = Shown(list(self.mentions), self.mine, self.flags, self._shown_assigned_now())
        if not step.apply(shown, self.schema):
            return
        self._show_article(shown)
        self._count_here()
        self.go_to(self._index_of(step.added[0].id))

    def unwritten_steps(self, entry: JournalEntry, mention: Mention, shown: Shown) -> list[Step]:
        """What an earlier session's unwritten journal entry shows, its sentence being ``mention``.

        Args:
            entry: the entry (not an undo).
            mention: its sentence, as the database or an earlier unwritten split or join has it.
            shown: the sentences of its article at that point of the journal.
        """
        aid = mention.article_id
        if entry.op == "set":
            return [Item(aid, mention.id, entry.claim_id, k, v) for k, v in entry.values.items()]
        if entry.op == "flag":
            return [Item(aid, mention.id, None, FLAG, FLAGGED if entry.flagged else None)]
        article = self.store.article(aid)
        if article is None:
            return []
        sources = list(entry.sources)
        removed: tuple[Mention, ...]
        if entry.op == "split":
            parts = split_spans(article.text, mention.start, mention.end, entry.at or 0)
            if parts is None:
                return []
            spans, removed = list(parts), (mention,)
        else:
            following = next((m for m in shown.mentions if m.index == mention.index + 1), None)
            if following is None:
                return []
            spans, removed = [(mention.start, following.end)], (mention, following)
        sources = (sources + [None] * len(spans))[: len(spans)]
        added = new_mentions(aid, article.text, mention.index, spans, sources)
        return [Resegment(aid, removed, tuple(added))]
