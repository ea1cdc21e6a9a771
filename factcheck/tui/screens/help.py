"""The help screen: every key, and the label guidelines of the schema in force."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from factcheck.schema import Schema
from factcheck.tui.keymap import help_rows


def guidelines_text(schema: Schema) -> Content:
    """Each field's title, scope, guideline and values with their keys and guidelines."""
    lines = [Content.from_markup("[b]Label guidelines[/b]")]
    for f in schema:
        scope = " (whole claim: set once, applies to every mention)" if f.scope == "claim" else ""
        lines.append(Content(""))
        lines.append(
            Content.from_markup(
                "[b]$title[/b] [dim]$name$scope[/dim]", title=f.label, name=f.name, scope=scope
            )
        )
        if f.help:
            lines.append(Content("  " + f.help))
        if not f.is_choice:
            lines.append(Content("  free text: enter edits, enter accepts, escape cancels"))
        for number, value in enumerate(f.values, 1):
            hint = f.value_help.get(value, "")
            lines.append(Content.assemble(f"  {number} ", (value, "bold"), f"  {hint}" if hint else ""))
    return Content("\n").join(lines)


class HelpScreen(ModalScreen[None]):
    """Keys and guidelines; any of escape, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "close", id="help-close"),
        Binding("j,down", "scroll(1)", "down", show=False),
        Binding("k,up", "scroll(-1)", "up", show=False),
    ]
    """Keys of the help screen."""

    def __init__(self, schema: Schema) -> None:
        super().__init__()
        self._schema = schema

    def compose(self) -> ComposeResult:
        """The keys, then the guidelines."""
        with VerticalScroll(id="help-box"):
            yield Static(Content.from_markup("[b]Keys[/b]"), classes="help-heading")
            with Grid(id="help-keys"):
                for keys, description in help_rows(self._schema):
                    yield Static(Content(keys), classes="help-key")
                    yield Static(Content(description), classes="help-description")
            yield Static(guidelines_text(self._schema), id="help-guidelines")
        yield Footer()

    def action_scroll(self, lines: int) -> None:
        """Scroll the help text."""
        self.query_one("#help-box", VerticalScroll).scroll_relative(y=lines, animate=False)
