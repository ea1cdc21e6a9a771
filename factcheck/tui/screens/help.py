"""The help screens' base, and the annotation help: every key, and the label guidelines in force."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from factcheck.schema import Field, Schema
from factcheck.tui.keymap import help_rows, keymap_of


def condition_text(schema: Schema, field: Field) -> str:
    """When a field is asked, in words: ``asked when Check-worthiness is check-worthy or unimportant``."""
    parts = [f"{schema[name].label} is {' or '.join(allowed)}" for name, allowed in field.when.items()]
    return f"asked when {' and '.join(parts)} (or not yet given)"


def guidelines_text(schema: Schema) -> Content:
    """Each field's title, scope, guideline and values with their keys and guidelines."""
    lines = [Content.from_markup("[b]Label guidelines[/b]")]
    for f in schema:
        scope = " (whole claim: set once, applies to every mention)" if f.scope == "claim" else ""
        lines.append(Content(""))
        lines.append(Content.from_markup("[b]$title[/b][dim]$scope[/dim]", title=f.label, scope=scope))
        if f.when:
            lines.append(Content("  " + condition_text(schema, f)))
        if f.help:
            lines.append(Content("  " + f.help))
        if not f.is_choice:
            lines.append(Content("  free text: enter edits, enter accepts, escape cancels"))
        for number, value in enumerate(f.values, 1):
            hint = f.value_help.get(value, "")
            lines.append(Content.assemble(f"  {number} ", (value, "bold"), f"  {hint}" if hint else ""))
    return Content("\n").join(lines)


def help_bindings(prefix: str) -> list[BindingType]:
    """Close and scroll keys of a help screen, with ids ``{prefix}-close``, ``-down`` and ``-up``."""
    return [
        Binding("escape,q,question_mark", "dismiss", "close", id=f"{prefix}-close"),
        Binding("j,down", "scroll(1)", "down", show=False, id=f"{prefix}-down"),
        Binding("k,up", "scroll(-1)", "up", show=False, id=f"{prefix}-up"),
    ]


class KeysHelpScreen(ModalScreen[None]):
    """A scrolling list of keys, then the label guidelines; escape, q or ? closes it.

    Subclasses set ``PREFIX`` (the ids and classes their stylesheet uses), ``BINDINGS``
    (from ``help_bindings``) and what comes before the keys (``compose_intro``).
    """

    PREFIX: ClassVar[str] = "help"
    """Prefix of every id and class in the screen."""

    def __init__(self, schema: Schema, rows: list[tuple[str, str]]) -> None:
        """Show ``rows`` of (keys, what they do), then the guidelines of ``schema``."""
        super().__init__()
        self._schema = schema
        self._rows = rows

    def compose(self) -> ComposeResult:
        """The introduction, the keys, then the guidelines."""
        p = self.PREFIX
        with VerticalScroll(id=f"{p}-box"):
            yield from self.compose_intro()
            with Grid(id=f"{p}-keys"):
                for keys, description in self._rows:
                    yield Static(Content(keys), classes=f"{p}-key")
                    yield Static(Content(description), classes=f"{p}-description")
            yield Static(guidelines_text(self._schema), id=f"{p}-guidelines")
        yield Footer()

    def compose_intro(self) -> ComposeResult:
        """What stands above the keys: a heading."""
        yield Static(Content.from_markup("[b]Keys[/b]"), classes=f"{self.PREFIX}-heading")

    def action_scroll(self, lines: int) -> None:
        """Scroll the help text."""
        self.query_one(f"#{self.PREFIX}-box", VerticalScroll).scroll_relative(y=lines, animate=False)


class HelpScreen(KeysHelpScreen):
    """The annotation screen's keys and the label guidelines."""

    BINDINGS: ClassVar[list[BindingType]] = help_bindings("help")
    """Keys of the help screen."""

    def __init__(self, schema: Schema) -> None:
        """Every key of the annotation screen, then the guidelines of ``schema``."""
        super().__init__(schema, help_rows(schema, keymap_of(self.app)))
