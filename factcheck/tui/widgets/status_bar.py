"""The status line: who, which database, where, and how far."""

from __future__ import annotations

from pathlib import Path

from textual.content import Content

from factcheck.tui.display import one_line
from factcheck.tui.session import Session
from factcheck.tui.widgets.content_static import ContentStatic


class StatusBar(ContentStatic):
    """One line of state: annotator, database, article n of N, progress, filter."""

    def show(self, session: Session) -> None:
        """Present the session's state, short enough for 80 columns."""
        here, here_total = session.article_progress()
        done, total = session.overall_progress()
        position = session.position + 1 if session.index else 0
        parts = [
            Content(one_line(session.annotator, 20)),
            Content(one_line(Path(session.store.path).name, 24)),
            Content.from_markup("[dim]article[/dim] $n/$of", n=position, of=len(session.index)),
            Content.from_markup("[dim]here[/dim] $n/$of", n=here, of=here_total),
            Content.from_markup("[dim]all[/dim] $n/$of", n=done, of=total),
        ]
        if session.filter != "all":
            parts.append(Content.from_markup("[b]$name only[/b]", name=session.filter))
        self.show_content(Content(" │ ").join(parts), layout=False)
