"""What the review screen shows: layout, and bringing the widgets up to date with the state."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer

from factcheck.review import ReviewItem, choices
from factcheck.store import Article, Store
from factcheck.tui.review.state import ReviewState
from factcheck.tui.review.widgets import GoldPanel, ItemHeader, PanelView, ReviewProgress, ReviewStatus
from factcheck.tui.review.writer import GoldWriter
from factcheck.tui.widgets.article_view import ArticleView
from factcheck.tui.widgets.content_static import ContentStatic
from factcheck.tui.widgets.label_panel import FieldEditor

LOADING = "Reading the disagreements…"
"""Shown until the queue has been read."""

NOTHING = (
    "Nothing to review: no item has annotators who disagree.\n\n"
    "To make gold of every item that several annotators labelled alike, run\n"
    "    factcheck review --accept-unanimous\n\n"
    "Press q to quit."
)
"""Shown when there are no disagreements at all."""


class ReviewView(Screen[None]):
    """The widgets of the review screen and how they present the state."""

    def __init__(self, state: ReviewState, store: Store, writer: GoldWriter) -> None:
        super().__init__()
        self.state = state
        """The queue and where the adjudicator is."""
        self.store = store
        """Main-thread connection, for reading the context of the item shown."""
        self.writer = writer
        """Where gold writes go."""
        self._article: Article | None = None
        self._claim_sizes: dict[str, int] = {}
        self._keys_signature: tuple[object, ...] | None = None

    def compose(self) -> ComposeResult:
        """Status and progress lines, the item's context and its values, footer."""
        yield ReviewStatus(id="review-status")
        yield ReviewProgress(id="review-progress")
        yield ContentStatic(id="review-message")
        with Vertical(id="review-body"):
            yield ItemHeader(id="review-header")
            yield ArticleView(id="review-context")
            yield GoldPanel(id="review-panel")
        yield Footer()

    def show_message(self, text: str) -> None:
        """Show ``text`` (taken literally) instead of an item."""
        self.query_one("#review-message", ContentStatic).show_content(Content(text))
        self.add_class("-message")

    def refresh_view(self) -> None:
        """Bring every widget up to date with the state."""
        s = self.state
        self.query_one(ReviewStatus).show(s, self.store.path)
        self.query_one(ReviewProgress).show(s)
        item = s.current
        if item is None:
            if s.loaded:
                self.show_message(NOTHING)
        else:
            self.remove_class("-message")
            self._show_item(item)
        self._refresh_keys()

    def _refresh_keys(self) -> None:
        """Redraw the footer only when the keys that apply change (a redraw is not free)."""
        item = self.state.current
        offered = len(choices(item.group, self.state.schema[item.field])) if item is not None else 0
        signature = (item.field if item is not None else None, offered, self.editing)
        if signature != self._keys_signature:
            self._keys_signature = signature
            self.refresh_bindings()

    def _show_item(self, item: ReviewItem) -> None:
        mention = self.store.mention(item.group.mention_id)
        if self._article is None or self._article.id != item.article_id:
            self._article = self.store.article(item.article_id)
        article = self._article
        self.query_one(ItemHeader).show(article, mention, item, self._claim_size(item))
        current = (mention.start, mention.end) if mention is not None else None
        self.query_one(ArticleView).show(article.text if article else "", current, [])
        field = self.state.schema[item.field]
        gold = self.state.gold_of(item)
        view = PanelView(field, item, choices(item.group, field), gold, self._credit(item, gold))
        self.query_one(GoldPanel).show(view)

    def _claim_size(self, item: ReviewItem) -> int:
        if item.group.target_kind != "claim":
            return 1
        claim = item.group.target_id
        if claim not in self._claim_sizes:
            self._claim_sizes[claim] = len(self.store.claim_mentions(claim))
        return self._claim_sizes[claim]

    def _credit(self, item: ReviewItem, gold: str | None) -> str | None:
        """Who adjudicated the gold value: known to the session, else read once."""
        if gold is None:
            return None
        if item.key not in self.state.credit:
            labels = self.store.gold_labels(item.group.target_id)
            who = next((g.adjudicator for g in labels if g.field == item.field), "")
            self.state.credit[item.key] = who
        return self.state.credit[item.key] or None

    @property
    def editing(self) -> bool:
        """Whether the gold editor is open."""
        return isinstance(self.focused, FieldEditor)
