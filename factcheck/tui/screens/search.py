"""Search across every sentence of the database."""

from __future__ import annotations

from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from factcheck.store import Mention, Store
from factcheck.tui.display import one_line

LIMIT = 200
"""Most results shown."""


class SearchScreen(ModalScreen[Mention | None]):
    """Type, enter to search, pick a result; dismissed with the mention, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_none", "close", id="search-close"),
        Binding("down", "results", "results", show=False),
    ]
    """Keys of the search screen."""

    def __init__(self, db_path: str, seqs: dict[str, int]) -> None:
        super().__init__()
        self._db_path = db_path
        self._seqs = seqs
        self.results: list[Mention] = []
        """The mentions found by the last search."""

    def compose(self) -> ComposeResult:
        """The query box and the results."""
        with Vertical(id="search-box"):
            yield Input(placeholder="search sentences (enter)", id="search-input")
            yield Static(Content(""), id="search-status")
            yield OptionList(markup=False, id="search-results")
        yield Footer()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Search for the text typed."""
        if event.value.strip():
            self.query_one("#search-status", Static).update(Content("searching…"))
            self.run_search(event.value)

    @work(thread=True, exclusive=True)
    def run_search(self, needle: str) -> None:
        """Search in a thread with its own connection: a scan of every sentence."""
        with Store(self._db_path) as store:
            found = store.search(needle, limit=LIMIT)
        self.app.call_from_thread(self.show_results, needle, found)

    def show_results(self, needle: str, found: list[Mention]) -> None:
        """List the results and move the cursor to them."""
        self.results = found
        more = "+" if len(found) >= LIMIT else ""
        status = f"{len(found)}{more} sentence(s) contain {one_line(needle, 40)!r}"
        self.query_one("#search-status", Static).update(Content(status))
        options = self.query_one("#search-results", OptionList)
        options.set_options(
            Option(Content(f"#{self._seqs.get(m.article_id, 0)}:{m.index + 1}  {one_line(m.text)}"))
            for m in found
        )
        if found:
            options.highlighted = 0
            options.focus()

    def action_results(self) -> None:
        """Move from the query box to the results."""
        if self.results:
            self.query_one("#search-results", OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Go to the chosen sentence."""
        self.dismiss(self.results[event.option_index])

    def action_dismiss_none(self) -> None:
        """Close without choosing."""
        self.dismiss(None)
