"""The factcheck annotation app: wires the store, the writer thread and the screens together."""

from __future__ import annotations

import gc
from pathlib import Path

from factcheck.tui.planned import make_session
from factcheck.tui.screens.annotate import AnnotateScreen
from factcheck.tui.store_app import StoreApp
from factcheck.tui.writer import LabelWriter


class FactcheckApp(StoreApp[LabelWriter]):
    """Annotate the sentences of a factcheck database as one annotator."""

    CSS_PATH = Path(__file__).with_name("app.tcss")
    """All styling lives in app.tcss."""

    TITLE = "factcheck"
    """Terminal title."""

    def __init__(
        self, db_path: str, annotator: str, follow_plan: bool = True, keymap: dict[str, str] | None = None
    ) -> None:
        """Open ``db_path`` for reading; the writer thread opens its own connection.

        Args:
            db_path: the database file.
            annotator: whose labels are shown and written.
            follow_plan: follow the annotator's share of the assignment plan (False: ``--all``).
            keymap: binding id -> keys, replacing the default keys.

        Raises:
            StoreError: the database cannot be opened.
        """
        super().__init__(db_path, LabelWriter(db_path, annotator), keymap)
        self.annotator = annotator
        """Whose labels are shown and written."""
        self.follow_plan = follow_plan
        """Whether ``n`` and the start follow the plan."""

    def on_mount(self) -> None:
        """Start where the annotator left off, and start the writer."""
        session, note = make_session(self.store, self.annotator, self.follow_plan)
        session.start()
        self.open_screen(AnnotateScreen(session, self.writer))
        if note is not None:
            self.notify(note, markup=False)
        # The widgets, styles and caches made at start-up live as long as the app: kept out
        # of the collector's full passes, which otherwise stall a key press for ~100 ms.
        self.call_after_refresh(gc.freeze)


def run_annotate(
    db_path: str, annotator: str, follow_plan: bool = True, keymap: dict[str, str] | None = None
) -> None:
    """Run the annotation TUI on ``db_path`` as ``annotator`` until the user quits.

    Raises:
        StoreError: the database cannot be opened.
    """
    FactcheckApp(db_path, annotator, follow_plan, keymap).run()
