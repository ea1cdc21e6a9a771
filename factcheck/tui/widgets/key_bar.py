"""The key bar: every key that applies now, on as many lines as the width needs, nothing cut."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby
from typing import ClassVar

from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.style import Style

from factcheck.tui.widgets.content_static import ContentStatic

GAPS = (2, 1)
"""Spaces between entries, tried in turn until the primary keys fit on two lines."""


@dataclass(frozen=True)
class Entry:
    """One entry of the bar: a key (or a group of keys) and what it does."""

    keys: str
    description: str
    action: str
    """The action a click runs (the first binding's)."""
    enabled: bool
    secondary: bool
    """Shown only where it fits without another line."""

    @property
    def width(self) -> int:
        """Cells taken by the entry."""
        return len(self.keys) + 1 + len(self.description)


class KeyBar(ContentStatic):
    """Like Textual's footer, but wrapped instead of cut, and drawn as one block of text.

    Keys of one binding group share an entry (``1-3 value``, ``j k sentence``); keys
    whose binding ids are ``secondary`` are added only where they fit without another
    line; disabled keys are dimmed. A click on an entry runs its action.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-bar--key", "key-bar--description", "key-bar--disabled"}
    """Styles of a key, its description, and a key that does not apply now."""

    def __init__(self, secondary: Iterable[str] = (), *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.secondary = frozenset(secondary)
        """Ids of the bindings shown only where they fit."""
        self.entries: list[Entry] = []
        """The entries last read from the screen's bindings."""
        self.lines: list[Content] = []
        """The lines last drawn."""

    def on_mount(self) -> None:
        """Follow the screen's bindings."""
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self.bindings_changed(self.screen)

    def on_unmount(self) -> None:
        """Stop following the screen's bindings."""
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Read the keys that apply now and redraw."""
        self.entries = list(self._entries(screen))
        self._draw()

    def on_resize(self) -> None:
        """Re-wrap for the new width."""
        self._draw()

    def _entries(self, screen: Screen[object]) -> Iterable[Entry]:
        by_action: dict[str, list[tuple[Binding, bool]]] = {}
        for _node, binding, enabled, _tooltip in screen.active_bindings.values():
            if binding.show:
                by_action.setdefault(binding.action, []).append((binding, enabled))
        firsts = [found[0] for found in by_action.values()]
        for group, members in groupby(firsts, key=lambda pair: pair[0].group):
            items = list(members)
            if group is None:
                yield from (self._entry([item], item[0].description) for item in items)
            else:
                yield self._entry(items, group.description)

    def _entry(self, items: list[tuple[Binding, bool]], description: str) -> Entry:
        enabled = [b for b, on in items if on]
        keys = [self.app.get_key_display(b) for b in (enabled or [b for b, _ in items])]
        digits = len(keys) > 2 and all(k.isdigit() for k in keys)
        shown = f"{keys[0]}-{keys[-1]}" if digits else " ".join(keys)
        secondary = all(b.id in self.secondary for b, _ in items)
        return Entry(shown, description, items[0][0].action, bool(enabled), secondary)

    def _draw(self) -> None:
        width = self.content_region.width
        if width <= 0:
            return
        primary = [e for e in self.entries if not e.secondary]
        for gap in GAPS:
            rows = _wrap(primary, width, gap)
            if len(rows) <= 2:
                break
        for entry in (e for e in self.entries if e.secondary):
            tried = _wrap([*(e for row in rows for e in row), entry], width, gap)
            if len(tried) <= len(rows):
                rows = tried
        self.lines = [self._line(row, gap) for row in rows]
        if self.styles.height is None or self.styles.height.value != len(self.lines):
            self.styles.height = max(len(self.lines), 1)
        self.show_content(Content("\n").join(self.lines), layout=False)

    def _line(self, entries: list[Entry], gap: int) -> Content:
        key, text = self._style("key"), self._style("description")
        dim = self._style("disabled")
        parts = []
        for e in entries:
            click = Style.from_meta({"@click": f"screen.{e.action}"})
            on_key, on_text = (key, text) if e.enabled else (dim, dim)
            parts.append(
                Content.assemble((e.keys, on_key + click), (" ", click), (e.description, on_text + click))
            )
        return Content(" " * gap).join(parts)

    def _style(self, name: str) -> Style:
        return self.get_visual_style(f"key-bar--{name}", partial=True)


def _wrap(entries: list[Entry], width: int, gap: int) -> list[list[Entry]]:
    """Entries in order, as many to a line as fit in ``width``."""
    rows: list[list[Entry]] = [[]]
    used = 0
    for entry in entries:
        need = entry.width + (gap if rows[-1] else 0)
        if rows[-1] and used + need > width:
            rows.append([])
            used, need = 0, entry.width
        rows[-1].append(entry)
        used += need
    return rows
