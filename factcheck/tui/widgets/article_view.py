"""The article pane: a header with the article's metadata and its text with the current sentence lit."""

from __future__ import annotations

from bisect import bisect_right
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from textual import events
from textual.content import Content, Span
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from factcheck.store import Article
from factcheck.tui.display import one_line, visible, wrap_offsets
from factcheck.tui.widgets.content_static import ContentStatic


class ArticleHeader(ContentStatic):
    """Title, outlet, date and file of the current article, shown literally."""

    def show(self, article: Article | None, position: int, count: int) -> None:
        """Present ``article``, the ``position``-th (from 1) of ``count``."""
        if article is None:
            self.show_content(Content("No article."), layout=False)
            return
        meta = " · ".join(
            one_line(part) for part in (article.outlet, article.published, article.path) if part
        )
        self.show_content(
            Content.from_markup(
                "[b]$title[/b]\n[dim]$number · $meta[/dim]",
                title=one_line(article.title or "(untitled)"),
                number=f"{position}/{count}",
                meta=meta,
            ),
            layout=False,  # two lines, fixed by the stylesheet
        )


class ArticleView(ScrollView, can_focus=False):
    """The article text, word-wrapped, rendered line by line.

    Sentences are lit at their stored character offsets: control characters are
    replaced one-for-one by visible symbols, so the offsets stay valid.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"article-view--current", "article-view--labelled"}
    """Styles of the current sentence and of sentences this annotator has labelled."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = ""
        self._content = Content("")
        self._lines: list[tuple[int, int]] = []
        self._starts: list[int] = []
        self._wrapped_at = -1
        self._current: tuple[int, int] | None = None
        self._labelled: list[tuple[int, int]] = []
        self._cache: dict[int, Strip] = {}
        self._styled: tuple[object, ...] = ()
        self._marked: tuple[tuple[int, int] | None, frozenset[tuple[int, int]]] = (None, frozenset())

    @property
    def lines(self) -> list[tuple[int, int]]:
        """(start, end) offsets of each wrapped line."""
        return self._lines

    def show(self, text: str, current: tuple[int, int] | None, labelled: list[tuple[int, int]]) -> None:
        """Show ``text`` with the ``current`` sentence and the ``labelled`` ones marked."""
        shown = visible(text)
        if shown != self._text:
            self._text = shown
            self._wrapped_at = -1
            self.scroll_to(y=0, animate=False)
        self._current, self._labelled = current, labelled
        self._restyle()
        self._rewrap()
        self.scroll_to_current()

    def _restyle(self) -> None:
        labelled = self.get_visual_style("article-view--labelled", partial=True)
        lit = self.get_visual_style("article-view--current", partial=True)
        spans = [Span(start, end, labelled) for start, end in self._labelled]
        content = Content(self._text, spans)
        if self._current is not None:
            content = content.stylize(lit, *self._current)
        styled = (self._text, labelled, lit, self.rich_style)
        marked = (self._current, frozenset(self._labelled))
        (was, were), self._marked, self._content = self._marked, marked, content
        if styled != self._styled:
            self._styled = styled
            self._cache.clear()
            self.refresh()
            return
        # Same text and styles: only the lines of sentences whose marks changed are redrawn.
        changed = {was, self._current} if was != self._current else set()
        self._redraw(changed | (were ^ marked[1]))

    def _redraw(self, ranges: set[tuple[int, int] | None]) -> None:
        """Drop the cached lines holding any of ``ranges`` and repaint them."""
        for span in ranges:
            if span is None or not self._lines:
                continue
            first, last = self.line_of(span[0]), self.line_of(max(span[1] - 1, 0))
            for number in range(first, last + 1):
                self._cache.pop(number, None)
            self.refresh_lines(first, last - first + 1)

    def _rewrap(self) -> None:
        width = self.scrollable_content_region.width
        if width <= 0 or width == self._wrapped_at:
            return
        self._wrapped_at = width
        self._lines = wrap_offsets(self._text, width)
        self._starts = [start for start, _end in self._lines]
        self.virtual_size = Size(width, len(self._lines))
        self._cache.clear()
        self.refresh()
        # The new height is not scrollable until the next layout: scroll to the sentence then.
        self.call_after_refresh(self.scroll_to_current)

    def on_resize(self) -> None:
        """Re-wrap for the new width and keep the current sentence in view."""
        self._rewrap()
        self.scroll_to_current()

    class Clicked(Message):
        """A character of the article was clicked."""

        def __init__(self, offset: int) -> None:
            super().__init__()
            self.offset = offset
            """Offset of the clicked character in the article text."""

    def on_click(self, event: events.Click) -> None:
        """Say which character was clicked, so the screen can go to its sentence."""
        number = event.y + int(self.scroll_offset.y)
        if not 0 <= number < len(self._lines):
            return
        start, end = self._lines[number]
        cells = 0
        for offset in range(start, end):
            cells += cell_len(self._text[offset])
            if cells > event.x:
                self.post_message(self.Clicked(offset))
                return

    def line_of(self, offset: int) -> int:
        """The wrapped line holding character ``offset``."""
        return max(bisect_right(self._starts, offset) - 1, 0)

    def scroll_to_current(self) -> None:
        """Scroll so the current sentence is in view, a third of the way down when it was not."""
        if self._current is None or not self._lines:
            return
        first, last = self.line_of(self._current[0]), self.line_of(max(self._current[1] - 1, 0))
        top, height = int(self.scroll_offset.y), self.scrollable_content_region.height
        if first < top or last >= top + height:
            self.scroll_to(y=max(first - height // 3, 0), animate=False)

    def render_line(self, y: int) -> Strip:
        """One wrapped line of the article."""
        number = y + int(self.scroll_offset.y)
        width = self.scrollable_content_region.width
        strip = self._cache.get(number)
        if strip is None or strip.cell_length != width:
            strip = self._render_number(number, width)
            self._cache[number] = strip
        return strip

    def _render_number(self, number: int, width: int) -> Strip:
        base = self.rich_style
        if number >= len(self._lines):
            return Strip([Segment(" " * width, base)], width)
        start, end = self._lines[number]
        line = self._content[start:end].rstrip()
        segments = line.render_segments(self.get_visual_style())
        return Strip(segments).extend_cell_length(width, base).crop(0, width)
