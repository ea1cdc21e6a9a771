"""The floor of key latency: a bare Textual app with one list, doing the least each key must do.

``bench/tui.py`` presses the same keys here and in factcheck, in the same run, so the
cost of Textual itself (a key event, a refresh, a paint) is measured on the same machine
at the same moment as factcheck's. Each key does the smallest thing its factcheck
counterpart visibly does to the list:

- ``1``: replace the highlighted row (a label changes its summary) and move down;
- ``j``: move the highlight down (after the last row, to the next article);
- ``[`` / ``n``: show another article's rows (every row replaced).
"""

from __future__ import annotations

import gc
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option


class FloorApp(App[None]):
    """One OptionList of ``rows`` sentences per article, ``articles`` articles."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "label", "label"),
        Binding("j", "down", "down"),
        Binding("left_square_bracket", "article(-1)", "previous article"),
        Binding("n", "article(1)", "next article"),
        Binding("q", "quit", "quit"),
    ]
    """The keys bench/tui.py presses."""

    def __init__(self, articles: list[list[str]]) -> None:
        super().__init__()
        self.articles = articles
        """Each article's sentences."""
        self.position = 0
        """The article shown."""

    def compose(self) -> ComposeResult:
        """The one list."""
        yield OptionList(markup=False, id="list")

    def on_mount(self) -> None:
        """Show the first article; keep start-up objects out of the collector, as factcheck does."""
        self.show_article()
        self.call_after_refresh(gc.freeze)

    def show_article(self) -> None:
        """Replace every row by the current article's sentences."""
        rows = self.query_one(OptionList)
        rows.set_options(
            Option(Content(f"○ {i + 1:>3} {s}")) for i, s in enumerate(self.articles[self.position])
        )
        rows.highlighted = 0

    def action_label(self) -> None:
        """Re-draw the highlighted row as labelled, then move down."""
        rows = self.query_one(OptionList)
        at = rows.highlighted or 0
        text = self.articles[self.position][at]
        rows.replace_option_prompt_at_index(at, Content(f"● {at + 1:>3} {text}  CW"))
        self.action_down()

    def action_down(self) -> None:
        """Move the highlight down; after the last row, to the next article (as factcheck does)."""
        rows = self.query_one(OptionList)
        at = rows.highlighted or 0
        if at + 1 < rows.option_count:
            rows.highlighted = at + 1
        else:
            self.action_article(1)

    def action_article(self, delta: int) -> None:
        """Show the previous or next article."""
        self.position = (self.position + delta) % len(self.articles)
        self.show_article()
