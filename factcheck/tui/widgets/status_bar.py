"""The status line: who, which database, where, how far, at what pace; labels waiting for the database."""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.content import Content

from factcheck.plan import Pace, pace_by_annotator
from factcheck.store import Store, label_events
from factcheck.tui.display import one_line
from factcheck.tui.progress_line import PACE_EVERY_S, pace_part, progress_part, remaining
from factcheck.tui.session import Session
from factcheck.tui.widgets.content_static import ContentStatic

SEPARATOR = Content(" │ ")


class StatusBar(ContentStatic):
    """One line of state: annotator, database, article n of N, progress, pace, filter; labels waiting."""

    pace: Pace | None = None
    """This annotator's pace, re-read from the event log in a thread now and then."""

    waiting: int = 0
    """Labels on screen the database has not taken yet (said first, never left out)."""

    quitting: bool = False
    """Quit was asked for while labels wait: the line says what it waits for and how to quit now."""

    _session: Session | None = None

    def show_waiting(self, session: Session, waiting: int, quitting: bool) -> None:
        """Say how many labels wait for the database, and whether quitting waits for them."""
        self.waiting, self.quitting = waiting, quitting
        self.show(session)

    def show(self, session: Session) -> None:
        """Present the session's state; the least needed parts give way on a narrow screen."""
        if self._session is None:
            self._session = session
            self.refresh_pace()
            self.set_interval(PACE_EVERY_S, self.refresh_pace)
        if self.quitting:
            text = "[b]Quitting: $labels to write[/b], database busy · [b]q[/b] again: quit now (labels kept)"
            self.show_content(Content.from_markup(text, labels=labels(self.waiting)), layout=False)
            return
        here, here_total = session.article_progress()
        position = session.position + 1 if session.index else 0
        # (part, the order in which parts give way when the line is too long; 0 never does)
        parts: list[tuple[Content, int]] = [
            (Content(one_line(session.annotator, 20)), 0),
            (Content(one_line(Path(session.store.path).name, 24)), 1),
            (Content.from_markup("[dim]article[/dim] $n/$of", n=position, of=len(session.index)), 3),
            (Content.from_markup("[dim]here[/dim] $n/$of", n=here, of=here_total), 2),
            (progress_part(session), 0),
        ]
        pace = pace_part(self.pace, remaining(session))
        if pace is not None:
            parts.append((pace, 4))
        if session.filter != "all":
            parts.append((Content.from_markup("[b]$name only[/b]", name=session.filter), 0))
        if self.waiting:
            waiting = Content.from_markup(
                "[b]$labels waiting for the database[/b]", labels=labels(self.waiting)
            )
            parts.insert(0, (waiting, 0))
        self.show_content(_fit(parts, self.size.width or self.app.size.width), layout=False)

    @work(thread=True, exclusive=True, group="pace")
    def refresh_pace(self) -> None:
        """Re-read this annotator's pace in a thread, with its own connection."""
        session = self._session
        if session is None:
            return
        with Store(session.store.path) as store:
            found = pace_by_annotator(label_events(store, session.annotator)).get(session.annotator)
        self.app.call_from_thread(self._set_pace, found)

    def _set_pace(self, pace: Pace | None) -> None:
        self.pace = pace
        if self._session is not None:
            self.show(self._session)


def _fit(parts: list[tuple[Content, int]], width: int) -> Content:
    """Join the parts, leaving out those that give way first until the line fits ``width``."""
    kept = list(parts)
    while sum(p.cell_length for p, _ in kept) + SEPARATOR.cell_length * (len(kept) - 1) > width:
        droppable = [entry for entry in kept if entry[1] > 0]
        if not droppable:
            break
        kept.remove(min(droppable, key=lambda entry: entry[1]))
    return SEPARATOR.join(p for p, _ in kept)


def labels(count: int) -> str:
    """``1 label``, ``3 labels``."""
    return f"{count} label" + ("" if count == 1 else "s")
