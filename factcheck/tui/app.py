"""The factcheck annotation app: wires the store, the writer thread and the screens together."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import signal
import sys
from pathlib import Path

from factcheck.store import JournalError, journal_dir, unapplied_entries
from factcheck.tui.planned import make_session
from factcheck.tui.screens.annotate import AnnotateScreen
from factcheck.tui.store_app import StoreApp
from factcheck.tui.widgets.status_bar import labels
from factcheck.tui.writer import LabelWriter

EXIT_DRAIN_S = 3.0
"""How long leaving without ``q`` (a closed terminal, SIGTERM, ctrl+q) waits for the writer.

What is still unwritten then stays in the journal for the next session: nothing is dropped.
"""

LEAVE_SIGNALS = ("SIGHUP", "SIGTERM")
"""Signals that end the app the way quitting does (a closed terminal, ``kill``)."""


class FactcheckApp(StoreApp[LabelWriter]):
    """Annotate the sentences of a factcheck database as one annotator."""

    CSS_PATH = Path(__file__).with_name("app.tcss")
    """All styling lives in app.tcss."""

    TITLE = "factcheck"
    """Terminal title."""

    DRAIN_S = EXIT_DRAIN_S
    """Leaving waits a few seconds for the writer at most: the journal keeps the rest."""

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
        self.unwritten = 0
        """Labels still unwritten when the app ended (kept in the journal)."""
        self._signals: list[signal.Signals] = []

    def on_mount(self) -> None:
        """Start where the annotator left off, and start the writer."""
        session, note = make_session(self.store, self.annotator, self.follow_plan)
        try:
            self.writer.open_journal()
        except JournalError as err:
            self.notify(f"Labels cannot be kept: {err.strerror}", severity="error", markup=False, timeout=30)
        session.add_unwritten(unapplied_entries(self.db_path, self.annotator, self.writer.info.id))
        session.start()
        self.open_screen(AnnotateScreen(session, self.writer))
        if note is not None:
            self.notify(note, markup=False)
        self._catch_signals()
        # The widgets, styles and caches made at start-up live as long as the app: kept out
        # of the collector's full passes, which otherwise stall a key press for ~100 ms.
        self.call_after_refresh(gc.freeze)

    def _catch_signals(self) -> None:
        """A closed terminal or ``kill`` ends the app like ctrl+q: labels are written or kept."""
        loop = asyncio.get_running_loop()
        for name in LEAVE_SIGNALS:
            number = getattr(signal, name, None)
            if number is None:
                continue
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(number, self.exit)
                self._signals.append(number)

    def writer_closed(self) -> None:
        """Note what is left unwritten (kept in the journal); stop catching the signals."""
        self.unwritten = self.writer.pending
        with contextlib.suppress(RuntimeError):
            loop = asyncio.get_running_loop()
            for number in self._signals:
                loop.remove_signal_handler(number)


def run_annotate(
    db_path: str, annotator: str, follow_plan: bool = True, keymap: dict[str, str] | None = None
) -> None:
    """Run the annotation TUI on ``db_path`` as ``annotator`` until the user quits.

    Raises:
        StoreError: the database cannot be opened.
    """
    app = FactcheckApp(db_path, annotator, follow_plan, keymap)
    app.run()
    if app.unwritten:
        # After a closed terminal there is nobody to tell; the labels are kept all the same.
        with contextlib.suppress(OSError):
            print(
                f"{labels(app.unwritten)} could not be written yet (the database was busy); kept in "
                f"{journal_dir(db_path)}, they are written the next time factcheck annotate opens {db_path}.",
                file=sys.stderr,
            )
