"""The factcheck review app: adjudicate disagreements into gold labels."""

from __future__ import annotations

from pathlib import Path

from factcheck.tui.review.screen import ReviewScreen
from factcheck.tui.review.state import ReviewState
from factcheck.tui.review.writer import GoldWriter
from factcheck.tui.store_app import StoreApp


class ReviewApp(StoreApp[GoldWriter]):
    """Walk the items annotators disagree on and pick each one's gold value."""

    CSS_PATH = Path(__file__).with_name("review.tcss")
    """All styling of the review screens."""

    TITLE = "factcheck review"
    """Terminal title."""

    def __init__(self, db_path: str, adjudicator: str, keymap: dict[str, str] | None = None) -> None:
        """Open ``db_path`` for reading; the writer thread opens its own connection.

        Raises:
            StoreError: the database cannot be opened.
        """
        super().__init__(db_path, GoldWriter(db_path, adjudicator), keymap)
        self.adjudicator = adjudicator
        """Recorded with every gold value."""

    def on_mount(self) -> None:
        """Start the writer thread and show the review screen."""
        state = ReviewState(self.store.schema, self.adjudicator)
        self.open_screen(ReviewScreen(state, self.store, self.writer))


def run_review(db_path: str, adjudicator: str, keymap: dict[str, str] | None = None) -> None:
    """Run the review TUI on ``db_path`` as ``adjudicator`` until the user quits.

    Raises:
        StoreError: the database cannot be opened.
    """
    ReviewApp(db_path, adjudicator, keymap).run()
