"""Rich tables for the commands' terminal output."""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from factcheck.cli.safe import escape_controls
from factcheck.store import Stats

MAX_ANNOTATOR_COLUMNS = 4
"""Up to this many annotators get a column each (fields as rows); more get a row each."""


def print_stats(stats: Stats, fields: list[str], console: Console | None = None) -> None:
    """Progress per annotator (columns) and field (rows), fitting 80 columns for a few annotators."""
    console = console or Console()
    total = stats.mentions
    title = f"{stats.articles} articles, {total} sentences, {stats.claims} claims, {stats.gold} gold"
    if not stats.annotators:
        console.print(Text(title + "; nobody has labelled anything yet"))
        return
    table = Table(title=title, title_justify="left", min_width=min(len(title), 100))
    people = list(stats.annotators.items())

    def share(n: int) -> str:
        return f"{n} ({100 * n / total:.0f}%)" if total else str(n)

    if len(people) > MAX_ANNOTATOR_COLUMNS:
        # A team: one row per annotator, so the table grows down, not off the screen; light
        # rules leave room for a column per field at 80 columns.
        table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, padding=(0, 0, 0, 1))
        table.add_column("annotator", no_wrap=True)
        table.add_column("sentences", justify="right", no_wrap=True)
        for name in fields:
            table.add_column(Text(escape_controls(name)), justify="right", overflow="fold")
        for who, p in people:
            cells = [str(p.fields.get(name, 0)) for name in fields]
            table.add_row(Text(escape_controls(who)), share(p.mentions_labelled), *cells)
    else:
        table.add_column("")
        for who, _progress in people:
            table.add_column(Text(escape_controls(who)), justify="right")
        table.add_row("sentences labelled", *(share(p.mentions_labelled) for _w, p in people))
        for name in fields:
            table.add_row(Text(escape_controls(name)), *(str(p.fields.get(name, 0)) for _w, p in people))
    console.print(table)
