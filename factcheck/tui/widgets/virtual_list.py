"""A one-line-per-row list of any length that asks for rows only when they are drawn."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.segment import Segment
from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip


class VirtualList(ScrollView, can_focus=True):
    """Rows come from a callback, so a list of 100,000 articles costs what one screenful does."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "move(1)", "down", show=False),
        Binding("up,k", "move(-1)", "up", show=False),
        Binding("pagedown", "page(1)", "page down", show=False),
        Binding("pageup", "page(-1)", "page up", show=False),
        Binding("home", "jump(0)", "first", show=False),
        Binding("end", "jump(-1)", "last", show=False),
        Binding("enter", "select", "open", id="list-select"),
    ]
    """Cursor keys."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"virtual-list--cursor"}
    """Style of the row under the cursor."""

    cursor: reactive[int] = reactive(0)
    """Index of the row under the cursor."""

    class Selected(Message):
        """A row was chosen with enter or a click."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index
            """The chosen row."""

    def __init__(self, count: int, row: Callable[[int], Content], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.count = count
        """Number of rows."""
        self._row = row

    def on_mount(self) -> None:
        """Size the virtual canvas: one line per row."""
        self.virtual_size = Size(self.scrollable_content_region.width, self.count)
        self.call_after_refresh(self._keep_in_view)

    def validate_cursor(self, cursor: int) -> int:
        """Keep the cursor on a row."""
        return max(0, min(cursor, self.count - 1))

    def watch_cursor(self) -> None:
        """Redraw and keep the cursor row in view."""
        self._keep_in_view()
        self.refresh()

    def _keep_in_view(self) -> None:
        height = self.scrollable_content_region.height
        top = int(self.scroll_offset.y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False)
        elif height and self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False)

    def action_move(self, delta: int) -> None:
        """Move the cursor by ``delta`` rows."""
        self.cursor += delta

    def action_page(self, direction: int) -> None:
        """Move the cursor by a screenful."""
        self.cursor += direction * max(self.scrollable_content_region.height - 1, 1)

    def action_jump(self, index: int) -> None:
        """Move the cursor to row ``index`` (negative counts from the end)."""
        self.cursor = index if index >= 0 else self.count + index

    def action_select(self) -> None:
        """Choose the row under the cursor."""
        if self.count:
            self.post_message(self.Selected(self.cursor))

    def on_click(self, event: events.Click) -> None:
        """Choose the clicked row."""
        index = event.y + int(self.scroll_offset.y)
        if 0 <= index < self.count:
            self.cursor = index
            self.action_select()

    def render_line(self, y: int) -> Strip:
        """Row ``y`` of the view."""
        index = y + int(self.scroll_offset.y)
        width = self.scrollable_content_region.width
        if index >= self.count:
            return Strip([Segment(" " * width, self.rich_style)], width)
        content = self._row(index).truncate(width, ellipsis=True)
        if index == self.cursor:
            lit = self.get_visual_style("virtual-list--cursor", partial=True)
            content = content.pad_right(max(width - content.cell_length, 0)).stylize(lit)
        segments = content.render_segments(self.get_visual_style())
        return Strip(segments).extend_cell_length(width, self.rich_style).crop(0, width)
