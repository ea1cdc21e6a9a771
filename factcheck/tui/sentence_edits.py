"""The session's part for flags and segmentation fixes: requests for the writer, and re-reading after."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from factcheck.ingest import suggest_sources
from factcheck.schema import Schema
from factcheck.store import FLAG, FLAGGED, Article, Change, Mention, Store, split_spans
from factcheck.tui.requests import Join, SetFlag, Split

Labels = dict[str, dict[str, str]]
"""mention id -> field -> value."""


class SentenceEdits:
    """Flag, split and join the session's current sentence (mixed into ``Session``)."""

    store: Store
    annotator: str
    schema: Schema
    article: Article | None
    mentions: list[Mention]
    mine: Labels
    flags: set[str]
    others: dict[str, dict[str, dict[str, str]]] | None
    visible: list[int]
    current: int | None
    sizes: dict[str, int]
    total: int
    counts: dict[str, int]
    _refilter: Callable[[], None]
    go_to: Callable[[int | None], None]
    nearest_visible: Callable[[int | None], int | None]
    article_progress: Callable[[], tuple[int, int]]

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
        self._apply_mark(Change(m.id, self.annotator, FLAG, None, FLAGGED if flagged else None))
        return SetFlag(m.id, flagged)

    def reload_article(self, index: int | None = None) -> None:
        """Re-read the current article after its sentences were split or joined (or that was undone).

        Args:
            index: the sentence to show; None keeps the place as near as the new sentences allow.
        """
        if self.article is None:
            return
        place = self.current if index is None else index
        aid = self.article.id
        self.mentions = self.store.mentions(aid)
        self.mine = self.store.labels(self.annotator, aid)
        self.flags = self.store.flagged(self.annotator, aid)
        self.total += len(self.mentions) - self.sizes.get(aid, 0)
        self.sizes[aid] = len(self.mentions)
        self.counts[aid] = self.article_progress()[0]
        self.others = None
        self._refilter()
        if place is not None:
            place = min(place, len(self.mentions) - 1)
        self.go_to(place if place in self.visible else self.nearest_visible(place))

    def split_request(self, at: int) -> Split | None:
        """The request to split the current sentence at article offset ``at`` (None: nothing to split).

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
        return Split(m.id, at, (found[here], found[here + 1]))

    def join_request(self) -> Join | None:
        """The request to join the current sentence with the next (None: it is the last)."""
        m, article, here = self.mention, self.article, self.current
        if m is None or article is None or here is None or here + 1 >= len(self.mentions):
            return None
        spans = [(x.start, x.end) for x in self.mentions]
        spans[here : here + 2] = [(m.start, self.mentions[here + 1].end)]
        return Join(m.id, suggest_sources(article.text, spans, article.outlet)[here])

    def resegmented(self) -> bool:
        """Whether the current article's sentences in the database differ from those shown."""
        if self.article is None:
            return False
        return [m.id for m in self.store.mentions(self.article.id)] != [m.id for m in self.mentions]
