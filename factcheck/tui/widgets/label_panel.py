"""The label panel: every field of the schema, its values and keys, the focused field lit."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.style import Style
from textual.widgets import Input

from factcheck.schema import Field, Schema
from factcheck.tui.display import one_line
from factcheck.tui.keymap import keymap_of, value_keys
from factcheck.tui.widgets.content_static import ContentStatic

INDENT = 4
"""Indent of a focused field's values, suggestion and guideline."""


class FieldEditor(Input):
    """In-place editor of a text field: enter (or tab) accepts, escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "cancel", id="editor-cancel"),
        Binding("tab", "submit", "accept", show=False, id="editor-accept"),
    ]
    """Keys of the editor (enter is Input's own submit)."""

    class Cancelled(Message):
        """The edit was abandoned."""

    def action_cancel(self) -> None:
        """Abandon the edit."""
        self.post_message(self.Cancelled())


class LabelPanel(Vertical, can_focus=False):
    """All fields of the schema in force, in order, drawn as one block of lines.

    The block keeps one height for a given width (the tallest any focused field
    needs), so moving between fields and labelling redraw it without a new
    layout of the screen.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "label-panel--focused",
        "label-panel--key",
        "label-panel--chosen",
        "label-panel--muted",
    }
    """Styles of the focused field, value keys, the chosen value and secondary text."""

    def __init__(self, schema: Schema, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.schema = schema
        """The schema shown."""
        self.lines: list[Content] = []
        """The lines last drawn (for tests and for placing the editor)."""
        self._title_width = max(len(f.label) for f in schema)
        self._state: tuple[dict[str, str], int | None, str | None] = ({}, None, None)
        self._height_for = -1
        self._tallest = 0

    def set_schema(self, schema: Schema) -> None:
        """Show the fields of ``schema`` from now on (the database's schema changed)."""
        self.schema = schema
        self._title_width = max(len(f.label) for f in schema)
        self._height_for = -1

    def compose(self) -> ComposeResult:
        """The block of field lines."""
        yield ContentStatic(id="label-fields")

    def on_resize(self) -> None:
        """Redraw for the new width."""
        self.show(*self._state)

    def show(self, values: dict[str, str], focused: int | None, suggestion: str | None) -> None:
        """Present ``values`` (field -> value) with field number ``focused`` expanded."""
        self._state = (dict(values), focused, suggestion)
        width = self.content_region.width
        if width <= 0:
            return
        if width != self._height_for:
            self._height_for = width
            # Measured with every field shown: the tallest the block can be.
            self._tallest = max(len(self._lines({}, f, None, width)) for f in range(len(self.schema)))
            self.query_one("#label-fields").styles.height = self._tallest
        self.lines = self._lines(values, focused, suggestion, width)
        self.query_one("#label-fields", ContentStatic).show_content(
            Content("\n").join(self.lines), layout=False
        )

    def _style(self, name: str) -> Style:
        return self.get_visual_style(f"label-panel--{name}", partial=True)

    def _lines(
        self, values: dict[str, str], focused: int | None, suggestion: str | None, width: int
    ) -> list[Content]:
        lines: list[Content] = []
        hidden = [f.label for f in self.schema if not f.applies(values)]
        for number, field in enumerate(self.schema):
            if not field.applies(values):
                continue
            is_focused = number == focused
            title = self._title(field, values.get(field.name), is_focused).truncate(width, ellipsis=True)
            if is_focused:
                title = title.pad_right(width - title.cell_length).stylize(self._style("focused"))
            lines.append(title)
            if is_focused:
                lines += [
                    Content(" " * INDENT) + part for part in self._details(field, values, suggestion, width)
                ]
        if hidden and len(lines) < self._tallest:
            note = Content.styled(f"  not asked here: {', '.join(hidden)}", self._style("muted"))
            lines.append(note.truncate(width, ellipsis=True))
        return lines

    def _title(self, field: Field, value: str | None, focused: bool) -> Content:
        muted = self._style("muted")
        shown = Content(one_line(value, 200)) if value is not None else Content.styled("·", muted)
        line = Content.assemble("▶ " if focused else "  ", field.label.ljust(self._title_width), "  ", shown)
        if field.scope == "claim":
            line = line.append(Content.styled("  (claim)", muted))
        return line

    def _details(
        self, field: Field, values: dict[str, str], suggestion: str | None, width: int
    ) -> list[Content]:
        inner = max(width - INDENT, 10)
        if field.is_choice:
            lines = self._choices(field, values.get(field.name), inner)
        else:
            lines = [self._text_hint(suggestion).truncate(inner, ellipsis=True)]
        if field.help:
            lines += Content.styled(field.help, self._style("muted")).wrap(inner)
        return lines

    def _choices(self, field: Field, value: str | None, width: int) -> list[Content]:
        """The values with their keys, never splitting a key from its value."""
        key, chosen = self._style("key"), self._style("chosen")
        lines = [Content("")]
        names = value_keys(keymap_of(self.app), "choose")
        for number, option in enumerate(field.values, 1):
            text = Content.styled(option, chosen) if option == value else Content(option)
            piece = Content.assemble((names[number - 1], key), " ", text)
            if lines[-1].cell_length and lines[-1].cell_length + 2 + piece.cell_length > width:
                lines.append(Content(""))
            gap = "  " if lines[-1].cell_length else ""
            lines[-1] = lines[-1] + gap + piece
        return lines

    def _text_hint(self, suggestion: str | None) -> Content:
        muted = self._style("muted")
        if suggestion:
            return Content.assemble(("suggested: ", muted), one_line(suggestion, 200), ("  ⏎ accepts", muted))
        return Content.styled("⏎ to type a value", muted)

    async def open_editor(self, focused: int, value: str) -> FieldEditor:
        """Show an editor over the hint line of field number ``focused``, pre-filled, and focus it."""
        await self.close_editor()
        editor = FieldEditor(value=value, select_on_focus=False, compact=True, id="field-editor")
        shown = self._state[0]
        hint_line = sum(1 for f in self.schema.fields[:focused] if f.applies(shown)) + 1
        editor.styles.offset = (INDENT, hint_line - self._tallest)
        editor.styles.width = max(self.content_region.width - INDENT, 10)
        await self.mount(editor)
        editor.focus()
        return editor

    async def close_editor(self) -> None:
        """Remove the editor if one is open."""
        await self.query(FieldEditor).remove()
