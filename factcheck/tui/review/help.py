"""The review help screen: every key, and the label guidelines of the schema in force."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from factcheck.schema import Schema
from factcheck.tui.review.keys import help_rows
from factcheck.tui.screens.help import guidelines_text

INTRO = (
    "Each item is one field of one sentence (or of one claim, for claim-scoped fields) "
    "on which annotators gave different values. The value you pick becomes its gold "
    "label, recorded with your name and the time."
)
"""What the review screen is for."""


class ReviewHelpScreen(ModalScreen[None]):
    """Keys and guidelines; escape, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "close", id="review-help-close"),
        Binding("j,down", "scroll(1)", "down", show=False, id="review-help-down"),
        Binding("k,up", "scroll(-1)", "up", show=False, id="review-help-up"),
    ]
    """Keys of the help screen."""

    def __init__(self, schema: Schema) -> None:
        super().__init__()
        self._schema = schema

    def compose(self) -> ComposeResult:
        """What review is, the keys, then the guidelines."""
        with VerticalScroll(id="review-help-box"):
            yield Static(Content.from_markup("[b]Reviewing disagreements[/b]"), classes="review-help-heading")
            yield Static(Content(INTRO), id="review-help-intro")
            with Grid(id="review-help-keys"):
                for keys, description in help_rows():
                    yield Static(Content(keys), classes="review-help-key")
                    yield Static(Content(description), classes="review-help-description")
            yield Static(guidelines_text(self._schema), id="review-help-guidelines")
        yield Footer()

    def action_scroll(self, lines: int) -> None:
        """Scroll the help text."""
        self.query_one("#review-help-box", VerticalScroll).scroll_relative(y=lines, animate=False)
