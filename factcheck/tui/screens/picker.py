"""The article picker: every article with this annotator's progress, paged in from the store."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from factcheck.store import ArticleSummary, Store, article_page
from factcheck.tui.display import one_line
from factcheck.tui.widgets.virtual_list import VirtualList

PAGE = 200
"""Articles read from the store at a time."""


class ArticleRows:
    """Rows of the picker, read a page at a time and kept."""

    def __init__(self, store: Store, counts: dict[str, int]) -> None:
        self._store = store
        self._counts = counts
        self._pages: dict[int, list[ArticleSummary]] = {}

    def summary(self, index: int) -> ArticleSummary | None:
        """The article at ``index`` in ingest order."""
        page = index // PAGE
        if page not in self._pages:
            self._pages[page] = article_page(self._store, page * PAGE, PAGE)
        rows = self._pages[page]
        offset = index - page * PAGE
        return rows[offset] if offset < len(rows) else None

    def row(self, index: int) -> Content:
        """One line: number, progress, title, outlet and file, all literal."""
        a = self.summary(index)
        if a is None:
            return Content("")
        done = self._counts.get(a.id, 0)
        mark = "●" if a.mentions and done >= a.mentions else ("◐" if done else "○")
        where = " · ".join(one_line(p, 40) for p in (a.outlet, a.path) if p)
        title = one_line(a.title or "(untitled)", 80)
        return Content(f"{a.seq:>6} {mark} {done:>4}/{a.mentions:<4} {title}  ·  {where}")


class ArticlePicker(ModalScreen[str | None]):
    """Choose an article; dismissed with its id, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,p", "dismiss_none", "close", id="picker-close"),
    ]
    """Keys of the picker (the list has the cursor keys)."""

    def __init__(self, store: Store, count: int, counts: dict[str, int], current: int) -> None:
        super().__init__()
        self._rows = ArticleRows(store, counts)
        self._count = count
        self._current = current

    def compose(self) -> ComposeResult:
        """A title, the list and the keys."""
        with Vertical(id="picker-box"):
            yield Static(Content(f"Articles ({self._count}) — enter opens"), id="picker-title")
            yield VirtualList(self._count, self._rows.row, id="picker-list")
        yield Footer()

    def on_mount(self) -> None:
        """Start on the current article."""
        listing = self.query_one(VirtualList)
        listing.cursor = self._current
        listing.focus()

    def on_virtual_list_selected(self, event: VirtualList.Selected) -> None:
        """Open the chosen article."""
        summary = self._rows.summary(event.index)
        self.dismiss(summary.id if summary else None)

    def action_dismiss_none(self) -> None:
        """Close without choosing."""
        self.dismiss(None)
