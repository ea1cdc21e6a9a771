"""The current article's sentences, each with this annotator's label state and a summary of its labels."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, cast

from rich.segment import Segment
from textual.content import Content
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from factcheck.store import Mention
from factcheck.tui.display import one_line
from factcheck.tui.summary import Piece

if TYPE_CHECKING:
    from textual.css.styles import RulesMap

INDENT = 6
"""Width of the mark, flag and number before a sentence; wrapped lines hang under the text."""

MARKS = {"labelled": "●", "unlabelled": "○", "claim": "◌", "disagree": "≠"}
"""The mark before a sentence for each state ("claim": only values that came with its claim)."""

FLAG = "!"
"""Shown after the mark of a sentence this annotator flagged."""


@dataclass(frozen=True)
class Row:
    """What a row shows besides the sentence: its state, whether flagged, and its labels."""

    state: str
    """``labelled``, ``unlabelled``, ``claim`` (only values that came with its claim) or ``disagree``."""
    flagged: bool = False
    """Flagged by this annotator (unsure, to come back to)."""
    summary: tuple[Piece, ...] = ()
    """Its labels, shortened, in schema order."""


class SentenceRow(Visual):
    """A sentence hanging under its number, its label summary at the right of its last line.

    Wrapped for whatever width it is drawn at (the list's width changes when a scrollbar
    comes or goes, or the article pane is hidden), and remembered for the last width.
    """

    def __init__(self, head: Content, text: Content, tail: Content) -> None:
        self._head, self._text, self._tail = head, text, tail
        self._laid_out: tuple[int, list[Content]] = (-1, [])

    def __str__(self) -> str:
        return f"{self._head.plain}{self._text.plain}  {self._tail.plain}".rstrip()

    def lines(self, width: int) -> list[Content]:
        """The row's lines at ``width`` cells."""
        if self._laid_out[0] == width:
            return self._laid_out[1]
        inner = width - INDENT
        wrapped = (self._text.wrap(inner) or [self._text]) if inner >= 10 else [self._text]
        pad = Content(" " * INDENT)
        lines = [self._head + wrapped[0], *(pad + line for line in wrapped[1:])]
        if self._tail:
            room = width - lines[-1].cell_length - 2
            if self._tail.cell_length <= room:
                gap = width - lines[-1].cell_length - self._tail.cell_length
                lines[-1] = lines[-1] + " " * gap + self._tail
            else:
                tail = self._tail.truncate(max(inner, 1), ellipsis=True)
                lines.append(pad + " " * max(inner - tail.cell_length, 0) + tail)
        self._laid_out = (width, lines)
        return lines

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        """The lines as strips, cropped and padded to ``width``."""
        base = style.rich_style
        strips = []
        for line in self.lines(width)[:height]:
            segments = [Segment(t, s.rich_style) for t, s in line.render(style, "", options.get_style)]
            strips.append(Strip(segments).crop(0, width).extend_cell_length(width, base))
        return strips

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        """One line holding everything."""
        return self._head.cell_length + self._text.cell_length + 2 + self._tail.cell_length

    def get_height(self, rules: RulesMap, width: int) -> int:
        """The number of lines at ``width``."""
        return len(self.lines(width))


class SentenceList(OptionList, can_focus=False):
    """One option per visible sentence; the screen moves the highlight, keys never reach it.

    Sentence text is never parsed as markup: rows are built from plain Content.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "sentence-list--labelled",
        "sentence-list--unlabelled",
        "sentence-list--claim",
        "sentence-list--disagree",
        "sentence-list--flag",
        "sentence-list--summary",
        "sentence-list--summary-claim",
    }
    """Styles of the state marks, the flag, the label summary and its claim-wide values."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.indices: list[int] = []
        """Mention index shown by each option."""
        self.rows: list[Row] = []
        """What each option shows besides its sentence."""
        self._mentions: list[Mention] = []

    def show(self, mentions: list[Mention], indices: list[int], rows: list[Row]) -> None:
        """Replace the options by ``mentions[i]`` for ``i`` in ``indices``, as ``rows`` say."""
        self._mentions = mentions
        self.indices = list(indices)
        self.rows = list(rows)
        if not indices:
            self.set_options([Option(Content("(no sentences match the filter)"), disabled=True)])
            return
        self.set_options([Option(self._row(i, r)) for i, r in zip(indices, rows, strict=True)])

    def update_rows(self, rows: list[Row]) -> None:
        """Redraw only the options whose row changed."""
        for number, (old, new) in enumerate(zip(self.rows, rows, strict=True)):
            if old != new:
                self._replace_row(number, self._row(self.indices[number], new))
        self.rows = list(rows)

    def _replace_row(self, number: int, prompt: SentenceRow) -> None:
        """Give option ``number`` a new prompt, redrawing only its lines when its height stays.

        ``replace_option_prompt_at_index`` throws away every option's rendered lines; with a
        summary that changes on every label key, redrawing the whole list costs more than
        the rest of the key. So when the row keeps its height, only its own rendered lines
        are dropped (OptionList keys them by the option) and only its lines repainted.
        """
        option = self.get_option_at_index(number)
        width, rules = self.scrollable_content_region.width, cast("RulesMap", self.styles)
        height = prompt.get_height(rules, width)
        was = option.prompt
        if not isinstance(was, SentenceRow) or was.get_height(rules, width) != height:
            self.replace_option_prompt_at_index(number, prompt)
            return
        option._set_prompt(prompt)
        rendered = self._option_render_cache
        keys = rendered.keys()
        for key in [key for key in keys if key[0] is option]:
            rendered.discard(key)
        self.refresh_lines(self._index_to_line[number], height)

    def select_mention(self, index: int | None) -> None:
        """Highlight the option of mention ``index`` (None: no highlight)."""
        row = self.indices.index(index) if index in self.indices else None
        if row != self.highlighted:
            self.highlighted = row
        if row is not None:
            self.scroll_to_highlight()

    def watch_show_vertical_scrollbar(self) -> None:
        """A scrollbar came or went: the rows are laid out again for the new width."""
        self._clear_caches()

    def _style(self, name: str) -> Style:
        return self.get_visual_style(f"sentence-list--{name}", partial=True)

    def _row(self, index: int, row: Row) -> SentenceRow:
        flag = (FLAG, self._style("flag")) if row.flagged else " "
        head = Content.assemble((MARKS[row.state], self._style(row.state)), flag, f"{index + 1:>3} ")
        summary, claim = self._style("summary"), self._style("summary-claim")
        pieces = [Content.styled(text, claim if whole else summary) for text, whole in row.summary]
        tail = Content(" ").join(pieces)
        return SentenceRow(head, Content(one_line(self._mentions[index].text)), tail)
