"""The factcheck annotation app: wires the store, the writer thread and the screens together."""

from __future__ import annotations

import gc
from pathlib import Path

from textual.app import App

from factcheck.store import Store
from factcheck.tui.screens.annotate import AnnotateScreen
from factcheck.tui.session import Session
from factcheck.tui.writer import LabelWriter


class FactcheckApp(App[None]):
    """Annotate the sentences of a factcheck database as one annotator."""

    CSS_PATH = Path(__file__).with_name("app.tcss")
    """All styling lives in app.tcss."""

    TITLE = "factcheck"
    """Terminal title."""

    ENABLE_COMMAND_PALETTE = False
    """Every action has a key; the palette would only get in the way of typing labels."""

    def __init__(self, db_path: str, annotator: str) -> None:
        """Open ``db_path`` for reading; the writer thread opens its own connection.

        Raises:
            StoreError: the database cannot be opened.
        """
        super().__init__()
        self.db_path = db_path
        """The database file."""
        self.annotator = annotator
        """Whose labels are shown and written."""
        self.store = Store(db_path)
        """Main-thread connection, for reads."""
        self.writer = LabelWriter(db_path, annotator)
        """The one thread that writes labels."""

    def on_mount(self) -> None:
        """Start where the annotator left off, and start the writer."""
        session = Session(self.store, self.annotator)
        session.start()
        screen = AnnotateScreen(session, self.writer)
        self.writer.start(screen)
        self.push_screen(screen)
        # The widgets, styles and caches made at start-up live as long as the app: kept out
        # of the collector's full passes, which otherwise stall a key press for ~100 ms.
        self.call_after_refresh(gc.freeze)

    def on_unmount(self) -> None:
        """Write whatever is still queued before the process ends."""
        self.writer.close()
        self.store.close()


def run_annotate(db_path: str, annotator: str) -> None:
    """Run the annotation TUI on ``db_path`` as ``annotator`` until the user quits.

    Raises:
        StoreError: the database cannot be opened.
    """
    FactcheckApp(db_path, annotator).run()
