"""The App base both TUIs share: a main-thread Store for reads and one writer thread."""

from __future__ import annotations

from typing import Any, ClassVar, Generic, TypeVar

from textual.app import App
from textual.screen import Screen

from factcheck.store import Store
from factcheck.tui.writer import WriterThread

W = TypeVar("W", bound=WriterThread[Any])
"""The kind of writer thread the app runs."""


class StoreApp(App[None], Generic[W]):
    """Opens the database for reading and owns the writer thread; subclasses add the screen.

    A subclass's ``on_mount`` builds its screen and hands it to ``open_screen``; the
    writer is drained and the database closed when the app unmounts.
    """

    ENABLE_COMMAND_PALETTE = False
    """Every action has a key; the palette would only get in the way of typing labels."""

    def __init__(self, db_path: str, writer: W, keymap: dict[str, str] | None = None) -> None:
        """Open ``db_path`` for reading; ``writer`` opens its own connection when started.

        Args:
            db_path: the database file.
            writer: the writer thread (not started yet).
            keymap: binding id -> keys, replacing the default keys (a user's keymap file).

        Raises:
            StoreError: the database cannot be opened.
        """
        super().__init__()
        self.user_keymap = dict(keymap or {})
        """The user's keymap (binding id -> keys), for the help screen and the value hints."""
        if keymap:
            self.set_keymap(keymap)
        self.db_path = db_path
        """The database file."""
        self.store = Store(db_path)
        """Main-thread connection, for reads."""
        self.writer = writer
        """The one thread that writes."""

    def open_screen(self, screen: Screen[Any]) -> None:
        """Start the writer, posting its results to ``screen``, and show ``screen``."""
        self.writer.start(screen)
        self.push_screen(screen)

    def action_help_quit(self) -> None:
        """Ctrl+C quits as ``q`` does (every label is already saved), from any screen."""
        for screen in reversed(self.screen_stack):
            quit_screen = getattr(screen, "action_quit", None)
            if callable(quit_screen):
                quit_screen()
                return
        self.exit()

    DRAIN_S: ClassVar[float] = 60.0
    """How long the app waits at exit for the writer to write what is queued."""

    def on_unmount(self) -> None:
        """Write whatever is still queued before the process ends."""
        self.writer.close(timeout=self.DRAIN_S)
        self.writer_closed()
        self.store.close()

    def writer_closed(self) -> None:
        """Called at exit once the writer has stopped (or ``DRAIN_S`` has passed)."""
