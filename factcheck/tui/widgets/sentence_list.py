"""The current article's sentences, each with this annotator's label state."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from factcheck.store import Mention
from factcheck.tui.display import one_line

if TYPE_CHECKING:
    from textual.css.styles import RulesMap

INDENT = 6
"""Width of the mark and number before a sentence; wrapped lines hang under the text."""

MARKS = {"labelled": "●", "unlabelled": "○", "claim": "◌", "disagree": "≠"}
"""The mark before a sentence for each state ("claim": only values that came with its claim)."""


class Prompt(Content):
    """A sentence already wrapped into lines: its height needs no second wrap."""

    def __init__(self, content: Content, count: int, widest: int) -> None:
        super().__init__(content.plain, list(content.spans), content.cell_length, False)
        self._count = count
        """Number of lines."""
        self._widest = widest
        """Cells of the longest line."""

    def get_height(self, rules: RulesMap, width: int) -> int:
        """The number of lines, when every line fits in ``width`` as is."""
        if width >= self._widest and not rules.get("line_pad", 0):
            return self._count
        return super().get_height(rules, width)


class SentenceList(OptionList, can_focus=False):
    """One option per visible sentence; the screen moves the highlight, keys never reach it.

    Options are plain Content, so sentence text is never parsed as markup.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "sentence-list--labelled",
        "sentence-list--unlabelled",
        "sentence-list--claim",
        "sentence-list--disagree",
    }
    """Styles of the state marks."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.indices: list[int] = []
        """Mention index shown by each option."""
        self._states: list[str] = []
        self._mentions: list[Mention] = []
        self._wrapped_at = 0

    def show(self, mentions: list[Mention], indices: list[int], states: list[str]) -> None:
        """Replace the options by ``mentions[i]`` for ``i`` in ``indices``, marked by ``states``."""
        self._mentions = mentions
        self.indices = list(indices)
        self._states = list(states)
        if not indices:
            self.set_options([Option(Content("(no sentences match the filter)"), disabled=True)])
            return
        self.set_options([Option(self._prompt(i, s)) for i, s in zip(indices, states, strict=True)])

    def update_states(self, states: list[str]) -> None:
        """Re-mark only the options whose state changed."""
        for row, (old, new) in enumerate(zip(self._states, states, strict=True)):
            if old != new:
                self.replace_option_prompt_at_index(row, self._prompt(self.indices[row], new))
        self._states = list(states)

    def select_mention(self, index: int | None) -> None:
        """Highlight the option of mention ``index`` (None: no highlight)."""
        row = self.indices.index(index) if index in self.indices else None
        if row != self.highlighted:
            self.highlighted = row
        if row is not None:
            self.scroll_to_highlight()

    def on_resize(self) -> None:
        """Re-wrap the sentences for the new width (they hang under their numbers)."""
        width = self.scrollable_content_region.width
        if width != self._wrapped_at and self.indices:
            highlighted = self.highlighted
            self.show(self._mentions, self.indices, self._states)
            self.highlighted = highlighted

    def _prompt(self, index: int, state: str) -> Content:
        style = self.get_visual_style(f"sentence-list--{state}", partial=True)
        text = Content(one_line(self._mentions[index].text))
        self._wrapped_at = width = self.scrollable_content_region.width
        lines = (text.wrap(width - INDENT) or [text]) if width > INDENT + 10 else [text]
        head = Content.assemble((MARKS[state], style), f" {index + 1:>3} ")
        widest = max(head.cell_length + lines[0].cell_length, *(INDENT + x.cell_length for x in lines))
        content = head + Content("\n" + " " * INDENT).join(lines)
        return Prompt(content, len(lines), widest)
