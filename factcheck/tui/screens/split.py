"""Where to split a sentence: its text with a cursor, and the two parts the split would give."""

from __future__ import annotations

import re
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Static, TextArea

from factcheck.store import Mention, split_spans
from factcheck.tui.display import one_line, visible
from factcheck.tui.widgets.content_static import ContentStatic

BREAK = re.compile(r"[.;:?!,]\s+\S")
"""A likely place for a second claim to begin: after punctuation and white space."""

HELP = (
    "Move the cursor to where the second part begins (←/→, ctrl+←/→ by word, home/end), "
    "then press enter to split there; escape cancels. Labels stay with the first part."
)


def first_guess(text: str) -> int:
    """Where the cursor starts: after the first punctuation inside, else at the word nearest mid-way."""
    for found in BREAK.finditer(text):
        if found.end() - 1 < len(text.rstrip()) - 1:
            return found.end() - 1
    middle = len(text) // 2
    starts = [i + 1 for i, char in enumerate(text[:-1]) if char == " "]
    return min(starts, key=lambda i: abs(i - middle), default=middle)


def location_of(text: str, index: int) -> tuple[int, int]:
    """(line, column) of character ``index`` of ``text``, as the text area counts them."""
    before = text[:index]
    return before.count("\n"), index - (before.rfind("\n") + 1)


def index_of(text: str, location: tuple[int, int]) -> int:
    """The character index of a (line, column) location in ``text``."""
    line, column = location
    lines = text.split("\n")
    return sum(len(x) + 1 for x in lines[:line]) + min(column, len(lines[line]) if line < len(lines) else 0)


class SplitScreen(ModalScreen[int | None]):
    """Dismissed with the article offset to split at, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "split", "split here", priority=True, id="split-here"),
        Binding("escape", "cancel", "cancel", id="split-cancel"),
    ]
    """Keys of the split screen (the cursor keys are the text area's own)."""

    def __init__(self, mention: Mention, text: str) -> None:
        """Split ``mention``, whose article text is ``text``."""
        super().__init__()
        self.mention = mention
        """The sentence to split."""
        self._text = text

    def compose(self) -> ComposeResult:
        """Help, the sentence with a cursor, the parts it would give."""
        with Vertical(id="split-box"):
            yield Static(Content(HELP), id="split-help")
            # Control characters are made visible one for one, so offsets still apply.
            yield TextArea(
                visible(self.mention.text), read_only=True, soft_wrap=True, compact=True, id="split-text"
            )
            yield ContentStatic(id="split-preview")
        yield Footer()

    def on_mount(self) -> None:
        """Put the cursor at a likely place and focus the text."""
        area = self.query_one(TextArea)
        area.cursor_location = location_of(self.mention.text, first_guess(self.mention.text))
        area.focus()
        self.preview()

    @property
    def split_at(self) -> int:
        """The article offset under the cursor."""
        area = self.query_one(TextArea)
        return self.mention.start + index_of(self.mention.text, area.cursor_location)

    def on_text_area_selection_changed(self) -> None:
        """Show the parts for the new cursor position."""
        self.preview()

    def preview(self) -> None:
        """The two parts a split here would give, or why there would be none."""
        parts = split_spans(self._text, self.mention.start, self.mention.end, self.split_at)
        if parts is None:
            shown = Content("Here one part would be empty: move the cursor inside the sentence.")
        else:
            first, second = (one_line(self._text[s:e], 200) for s, e in parts)
            shown = Content.assemble(("1 ", "bold"), first, "\n", ("2 ", "bold"), second)
        self.query_one("#split-preview", ContentStatic).show_content(shown)

    def action_split(self) -> None:
        """Split where the cursor is."""
        if split_spans(self._text, self.mention.start, self.mention.end, self.split_at) is None:
            self.notify("Both parts need some text: move the cursor inside the sentence.", markup=False)
            return
        self.dismiss(self.split_at)

    def action_cancel(self) -> None:
        """Leave the sentence as it is."""
        self.dismiss(None)
