"""The review help screen: every key, and the label guidelines of the schema in force."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.content import Content
from textual.widgets import Static

from factcheck.schema import Schema
from factcheck.tui.keymap import keymap_of
from factcheck.tui.review.keys import help_rows
from factcheck.tui.screens.help import KeysHelpScreen, help_bindings

INTRO = (
    "Each item is one field of one sentence (or of one claim, for claim-scoped fields) "
    "on which annotators gave different values. The value you pick becomes its gold "
    "label, recorded with your name and the time."
)
"""What the review screen is for."""


class ReviewHelpScreen(KeysHelpScreen):
    """Keys and guidelines; escape, q or ? closes it."""

    PREFIX = "review-help"
    """The ids and classes review.tcss styles."""

    BINDINGS: ClassVar[list[BindingType]] = help_bindings("review-help")
    """Keys of the help screen."""

    def __init__(self, schema: Schema) -> None:
        """Every key of the review screen, then the guidelines of ``schema``."""
        super().__init__(schema, help_rows(keymap_of(self.app)))

    def compose_intro(self) -> ComposeResult:
        """A heading and what review is."""
        yield Static(Content.from_markup("[b]Reviewing disagreements[/b]"), classes="review-help-heading")
        yield Static(Content(INTRO), id="review-help-intro")
