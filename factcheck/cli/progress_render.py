"""Rich rendering of progress against the plan, pace, time left, and sentences labelled per day."""

from __future__ import annotations

from datetime import date, timedelta

from rich.console import Console
from rich.table import Table
from rich.text import Text

from factcheck.cli.safe import escape_controls
from factcheck.plan import AnnotatorReport, TeamReport

BLOCKS = " ▏▎▍▌▋▊▉█"
"""Eighths of a cell, for bars finer than a character."""


def print_progress(report: TeamReport, console: Console | None = None) -> None:
    """One row per annotator: their share of the plan, pace, and the time what is left takes."""
    console = console or Console()
    if not report.annotators:
        return
    title = "progress against the plan" if report.unit else "progress (no plan: every sentence counts)"
    table = Table(title=title, title_justify="left")
    table.add_column("")
    table.add_column("done", justify="right")
    table.add_column("left", justify="right")
    table.add_column("s/sentence", justify="right")
    table.add_column("labels/h", justify="right")
    table.add_column("time left", justify="right")
    for who, r in report.annotators.items():
        table.add_row(Text(escape_controls(who)), _done(r), str(r.remaining), *_pace(r))
    console.print(table)
    console.print(
        "s/sentence: median time on screen until a sentence's last label.\n"
        "labels/h: per hour of work (pauses over 5 minutes left out).\n"
        "time left: what is left, at the median pace.",
        style="dim",
    )


def _done(r: AnnotatorReport) -> str:
    if r.plan is None:
        return str(r.labelled)
    share = r.plan.sentences
    percent = f" ({100 * r.plan.done / share:.0f}%)" if share else ""
    return f"{r.plan.done}/{share}{percent}"


def _pace(r: AnnotatorReport) -> tuple[str, str, str]:
    p = r.pace
    median = "—" if p.median_seconds is None else f"{p.median_seconds:.0f}"
    rate = "—" if p.labels_per_hour is None else f"{p.labels_per_hour:.0f}"
    left = r.seconds_left
    return median, rate, "—" if left is None else hours(left)


def hours(seconds: float) -> str:
    """A duration for the table: ``0h 12m``, ``7h 05m``, ``31h``."""
    minutes = round(seconds / 60)
    whole, rest = divmod(minutes, 60)
    return f"{whole}h" if whole >= 24 else f"{whole}h {rest:02d}m"


def print_days(report: TeamReport, days: int, today: date, console: Console | None = None) -> None:
    """Sentences labelled per day over the last ``days`` days up to ``today``, a bar per annotator."""
    console = console or Console()
    people = [(who, r.pace.days) for who, r in report.annotators.items() if r.pace.days]
    if not people:
        return
    shown = [(today - timedelta(days=n)).isoformat() for n in range(days - 1, -1, -1)]
    first = min(day for _who, counts in people for day in counts)
    shown = [day for day in shown if day >= first] or shown[-1:]
    peak = max((counts.get(day, 0) for _who, counts in people for day in shown), default=0)
    # The day column and the borders take 16 cells; each annotator's column its count and padding.
    width = max(6, min(40, (console.width - 16) // len(people) - 8))
    table = Table(title=f"sentences labelled per day, last {days} days", title_justify="left")
    table.add_column("day", no_wrap=True, min_width=10)
    for who, _counts in people:
        table.add_column(Text(escape_controls(who)), no_wrap=True)
    for day in shown:
        cells = [_bar(counts.get(day, 0), peak, width) for _who, counts in people]
        table.add_row(day, *cells)
    console.print(table)


def _bar(count: int, peak: int, width: int) -> Text:
    if not count:
        return Text("·", style="dim")
    eighths = round(8 * width * count / peak) if peak else 0
    full, part = divmod(max(eighths, 1), 8)
    bar = "█" * full + (BLOCKS[part] if part else "")
    return Text.assemble((bar, "cyan"), f" {count}")
