"""The review screen's widgets: status and progress lines, item header, and the gold panel."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.style import Style

from factcheck.review import Choice, ReviewItem
from factcheck.schema import Field
from factcheck.store import Article, Mention
from factcheck.tui.display import one_line
from factcheck.tui.keymap import keymap_of, value_keys
from factcheck.tui.review.state import ReviewState
from factcheck.tui.widgets.content_static import ContentStatic

TEXT_LINES = 3
"""Lines a text value may take in the gold panel; the editor shows all of it."""


class ReviewStatus(ContentStatic):
    """One line: who adjudicates, the database, the filter, item n of N and how many are done."""

    def show(self, state: ReviewState, db_path: str) -> None:
        """Present the state, short enough for 80 columns."""
        done, total = state.progress(state.filter)
        position = state.position + 1 if state.position is not None else 0
        parts = [
            Content(one_line(state.adjudicator, 20)),
            Content(one_line(Path(db_path).name, 24)),
            Content.from_markup(
                "[b]$name[/b]", name=f"{state.filter} only" if state.filter else "all fields"
            ),
            Content.from_markup("[dim]item[/dim] $n/$of", n=position, of=len(state.visible)),
            Content.from_markup("[dim]adjudicated[/dim] $n/$of", n=done, of=total),
        ]
        self.show_content(Content(" │ ").join(parts), layout=False)


class ReviewProgress(ContentStatic):
    """Adjudicated / disagreements overall and per field, the filtered field in bold.

    One line, or two when the fields do not fit; a field's count is never split.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"review-progress--done"}
    """Style of a field whose disagreements all have gold."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._parts: list[Content] = []

    def show(self, state: ReviewState) -> None:
        """Present the counts of every field with disagreements."""
        done, total = state.progress()
        parts = [Content.from_markup("[dim]all[/dim] $n/$of", n=done, of=total)]
        for name, field_done, field_total in state.field_progress():
            part = Content(f"{name} {field_done}/{field_total}")
            if field_done == field_total:
                part = part.stylize(self.get_visual_style("review-progress--done", partial=True))
            parts.append(part.stylize("bold underline") if name == state.filter else part)
        self._parts = parts
        self._lay_out()

    def on_resize(self) -> None:
        """Break the line again for the new width."""
        self._lay_out()

    def _lay_out(self) -> None:
        width = self.content_region.width
        lines = [Content("")]
        for part in self._parts:
            gap = " · " if lines[-1] else ""
            if lines[-1] and width and lines[-1].cell_length + len(gap) + part.cell_length > width:
                lines.append(Content(""))
                gap = ""
            lines[-1] = lines[-1] + gap + part
        self.show_content(Content("\n").join(lines))


class ItemHeader(ContentStatic):
    """Two lines: the article's title, then its file, the sentence and the claim's size."""

    def show(
        self, article: Article | None, mention: Mention | None, item: ReviewItem, claim_size: int
    ) -> None:
        """Present where the item's sentence comes from."""
        title = one_line(article.title or "(untitled)") if article is not None else "(article not found)"
        where = [one_line(article.path)] if article is not None else []
        if article is not None and article.outlet:
            where.append(one_line(article.outlet))
        if mention is not None:
            where.append(f"sentence {mention.index + 1}")
        if item.group.target_kind == "claim":
            where.append(f"claim with {claim_size} mention{'s' if claim_size != 1 else ''}: one shown")
        if item.flagged_by:
            where.append("flagged by " + ", ".join(one_line(who, 20) for who in item.flagged_by))
        self.show_content(
            Content.from_markup("[b]$title[/b]\n[dim]$where[/dim]", title=title, where=" · ".join(where)),
            layout=False,
        )


@dataclass(frozen=True)
class PanelView:
    """Everything the gold panel shows for one item."""

    field: Field
    item: ReviewItem
    choices: list[Choice]
    gold: str | None
    credit: str | None
    """Who adjudicated the gold value, when known."""


class GoldPanel(Vertical, can_focus=False):
    """The field, every value given with its key and annotators, and the gold status."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "gold-panel--key",
        "gold-panel--gold",
        "gold-panel--muted",
        "gold-panel--pending",
    }
    """Styles of value keys, the gold value, secondary text and the pending mark."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lines: list[Content] = []
        """The lines last drawn (for tests)."""
        self._view: PanelView | None = None

    def compose(self) -> ComposeResult:
        """The block of lines (the gold editor is mounted below it when open)."""
        yield ContentStatic(id="gold-lines")

    def on_resize(self) -> None:
        """Redraw for the new width."""
        if self._view is not None:
            self.show(self._view)

    def show(self, view: PanelView) -> None:
        """Present one item."""
        self._view = view
        width = self.content_region.width
        if width <= 0:
            return
        self.lines = [self._title(view).truncate(width, ellipsis=True)]
        pad = max((Content(one_line(c.value, 40)).cell_length for c in view.choices), default=0)
        for number, choice in enumerate(view.choices, 1):
            self.lines += self._row(view, number, choice, width, pad)
        if view.gold is not None and all(c.value != view.gold for c in view.choices):
            typed = Content.assemble(
                ("  ✓ ", self._style("gold")), (one_line(view.gold, 200), self._style("gold"))
            )
            self.lines.append(typed.truncate(width, ellipsis=True))
        self.lines.append(self._hint(view.field).truncate(width, ellipsis=True))
        self.query_one("#gold-lines", ContentStatic).show_content(Content("\n").join(self.lines))

    def _style(self, name: str) -> Style:
        return self.get_visual_style(f"gold-panel--{name}", partial=True)

    def _title(self, view: PanelView) -> Content:
        field, group = view.field, view.item.group
        given = len(set(group.values.values())) if field.is_choice else len(view.choices)
        scope = "whole claim" if field.scope == "claim" else "this sentence"
        about = f"  {scope} · {len(group.values)} annotators, {given} values  "
        if view.gold is None:
            status = Content.styled("pending", self._style("pending"))
        else:
            who = f" by {one_line(view.credit, 30)}" if view.credit else ""
            status = Content.styled(f"gold{who}", self._style("gold"))
        return Content.assemble((field.label, "bold"), (about, self._style("muted")), status)

    def _row(self, view: PanelView, number: int, choice: Choice, width: int, pad: int) -> list[Content]:
        is_gold = choice.value == view.gold
        names = value_keys(keymap_of(self.app), "review-pick")
        key = Content.styled(names[number - 1] if number <= len(names) else " ", self._style("key"))
        value = Content(one_line(choice.value, 300 if not view.field.is_choice else 40))
        if is_gold:
            value = value.stylize(self._style("gold"))
        who = ", ".join(one_line(a, 30) for a in choice.annotators) or "·"
        mark = "✓" if is_gold else " "
        if view.field.is_choice:
            body = value.pad_right(pad - value.cell_length) + Content.styled(f"  {who}", self._style("muted"))
            return [Content.assemble(key, f" {mark} ", body).truncate(width, ellipsis=True)]
        body = value + Content.styled(f"  ← {who}", self._style("muted"))
        wrapped = body.wrap(max(width - 4, 10))
        lines = [Content.assemble(key, f" {mark} ", wrapped[0])]
        lines += [Content("    ") + line for line in wrapped[1:TEXT_LINES]]
        if len(wrapped) > TEXT_LINES:
            lines[-1] = lines[-1].truncate(width - 1) + "…"
        return lines

    def _hint(self, field: Field) -> Content:
        muted = self._style("muted")
        if field.is_choice:
            return Content.styled(one_line(field.help, 300) or " ", muted)
        return Content.styled("⏎ type a gold value (pre-filled with the most common one)", muted)
