"""The factcheck review app: adjudicate disagreements into gold labels."""

from __future__ import annotations

from pathlib import Path

from textual.app import App

from factcheck.store import Store
from factcheck.tui.review.screen import ReviewScreen
from factcheck.tui.review.state import ReviewState
from factcheck.tui.review.writer import GoldWriter


class ReviewApp(App[None]):
    """Walk the items annotators disagree on and pick each one's gold value."""

    CSS_PATH = Path(__file__).with_name("review.tcss")
    """All styling of the review screens."""

    TITLE = "factcheck review"
    """Terminal title."""

    ENABLE_COMMAND_PALETTE = False
    """Every action has a key."""

    def __init__(self, db_path: str, adjudicator: str) -> None:
        """Open ``db_path`` for reading; the writer thread opens its own connection.

        Raises:
            StoreError: the database cannot be opened.
        """
        super().__init__()
        self.db_path = db_path
        """The database file."""
        self.adjudicator = adjudicator
        """Recorded with every gold value."""
        self.store = Store(db_path)
        """Main-thread connection, for reading the context of the item shown."""
        self.writer = GoldWriter(db_path, adjudicator)
        """The one thread that reads the queue and writes gold."""

    def on_mount(self) -> None:
        """Start the writer thread and show the review screen."""
        screen = ReviewScreen(ReviewState(self.store.schema, self.adjudicator), self.store, self.writer)
        self.writer.start(screen)
        self.push_screen(screen)

    def on_unmount(self) -> None:
        """Finish whatever is still queued before the process ends."""
        self.writer.close()
        self.store.close()


def run_review(db_path: str, adjudicator: str) -> None:
    """Run the review TUI on ``db_path`` as ``adjudicator`` until the user quits.

    Raises:
        StoreError: the database cannot be opened.
    """
    ReviewApp(db_path, adjudicator).run()
