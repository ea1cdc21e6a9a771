"""The plan and pace parts of the status line: "assigned 120/400", "14 s/sentence, ~1h 33m left"."""

from __future__ import annotations

from textual.content import Content

from factcheck.plan import Pace
from factcheck.tui.planned import PlannedSession
from factcheck.tui.session import Session

PACE_EVERY_S = 60.0
"""How often the status line re-reads this annotator's pace from the event log."""


def progress_part(session: Session) -> Content:
    """Progress over the plan's share ("assigned"), or over the whole database ("all")."""
    if isinstance(session, PlannedSession):
        done, total = session.plan_progress()
        return Content.from_markup("[dim]assigned[/dim] $n/$of", n=done, of=total)
    done, total = session.overall_progress()
    return Content.from_markup("[dim]all[/dim] $n/$of", n=done, of=total)


def remaining(session: Session) -> int:
    """Sentences this annotator still has to label: of their share, or of the whole database."""
    done, total = (
        session.plan_progress() if isinstance(session, PlannedSession) else session.overall_progress()
    )
    return max(0, total - done)


def pace_part(pace: Pace | None, left: int) -> Content | None:
    """Median seconds per sentence and the time ``left`` sentences take at that pace."""
    if pace is None or pace.median_seconds is None:
        return None
    seconds = pace.seconds_left(left) or 0.0
    return Content.from_markup(
        "$s [dim]s/sentence[/dim] ~$left [dim]left[/dim]",
        s=f"{pace.median_seconds:.0f}",
        left=duration(seconds),
    )


def duration(seconds: float) -> str:
    """A duration as people read it: ``45s``, ``12m``, ``1h 33m``, ``52h``."""
    minutes = round(seconds / 60)
    if seconds < 60:
        return f"{seconds:.0f}s"
    if minutes < 60:
        return f"{minutes}m"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h" if hours >= 10 else f"{hours}h {minutes:02d}m"
