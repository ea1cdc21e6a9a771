"""``factcheck ingest`` and the ingest-then-cluster step ``annotate`` shares."""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from factcheck.cli.main import cli
from factcheck.cli.options import UserError, db_option, open_store, say, schema_option, user_errors
from factcheck.store import Store


def run_ingest(store: Store, paths: tuple[str, ...]) -> bool:
    """Ingest with a progress bar on stderr; print errors and a summary. True if all went well."""
    from factcheck.ingest import ingest

    bar = _Progress()
    try:
        report = ingest(store, paths, progress=bar.update)
    finally:
        bar.close()
    for error in report.errors:
        say(f"skipped {error.path}: {error.reason}")
    cluster_pending(store)
    say(report.summary())
    return not report.errors


def cluster_pending(store: Store) -> None:
    """Cluster mentions not clustered yet: new ones, merged ones, or those an interrupted run left."""
    if not store.has_unclustered():
        return
    from factcheck.dedup import cluster_store

    result = cluster_store(store, waiting=say_waiting)
    for conflict in result.conflicts:
        say(f"conflict: {conflict}")
    say(
        f"clustered {result.mentions} sentence(s) into claims in {result.seconds:.2f}s "
        f"({result.transactions} write(s), the longest {result.longest_write:.2f}s)"
    )


def say_waiting(holder: str) -> None:
    say(f"waiting for another clustering run to finish ({holder})")


class _Progress:
    """A progress bar on stderr, shown only for runs long enough to need one."""

    MIN_FILES = 20

    def __init__(self) -> None:
        self._bar: Any = None
        self._done = 0

    def update(self, done: int, total: int) -> None:
        if total < self.MIN_FILES:
            return
        if self._bar is None:
            self._bar = click.progressbar(length=total, label="ingesting", file=sys.stderr, show_pos=True)
            self._bar.__enter__()
        self._bar.update(done - self._done)
        self._done = done

    def close(self) -> None:
        if self._bar is not None:
            self._bar.update(self._bar.length - self._done)
            self._bar.__exit__(None, None, None)


@cli.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@schema_option
@db_option
@user_errors
def ingest_cmd(paths: tuple[str, ...], schema_path: str | None, db_path: str) -> None:
    """Read, clean and segment articles (.txt, .md, .html, .jsonl, folders) into the database.

    Re-ingesting the same content adds nothing. A bad file is reported and skipped,
    and the exit status is then 1.

    Example: factcheck ingest seeds/ --db project.db
    """
    if not any(os.path.lexists(p) for p in paths):
        # Nothing to read: do not create an empty database.
        raise UserError("; ".join(f"{p}: no such file or folder" for p in paths))
    with open_store(db_path, schema_path) as store:
        ok = run_ingest(store, paths)
    if not ok:
        sys.exit(1)
