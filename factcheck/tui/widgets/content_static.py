"""A Static that shows Content and skips updates that would change nothing."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


class ContentStatic(Static):
    """Shows plain Content (never parsed as markup); an unchanged update costs nothing.

    ``Static.update`` always asks for a new layout, the costliest step of a key
    press, so widgets redrawn on every key go through :meth:`show_content`.
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, markup=False)
        self._shown: Content | None = None

    def show_content(self, content: Content, layout: bool = True) -> None:
        """Show ``content`` unless it is what is shown already."""
        if self._shown is not None and self._shown.is_same(content):
            return
        self._shown = content
        self.update(content, layout=layout)
