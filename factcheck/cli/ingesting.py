"""``factcheck ingest`` and the ingest-then-cluster step ``annotate`` shares."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

import click

from factcheck.cli.main import cli
from factcheck.cli.options import UserError, db_option, open_store, say, schema_option, user_errors
from factcheck.store import Store

if TYPE_CHECKING:
    from factcheck.dedup import DedupReport


def run_ingest(store: Store, paths: tuple[str, ...]) -> bool:
    """Ingest with a progress bar on stderr; print errors and a summary. True if all went well.

    The sentences are clustered into claims a part at a time as they are stored, while the
    workers clean and segment the next files, and the rest after the last file.
    """
    from factcheck.dedup import CHUNK
    from factcheck.ingest import Between, ingest

    bar = _Progress()
    clustering = _Clustering(store)
    between = Between(CHUNK, lambda: clustering.run(CHUNK))
    try:
        report = ingest(store, paths, progress=bar.update, between=between)
    finally:
        bar.close()
    for error in report.errors:
        say(f"skipped {error.path}: {error.reason}")
    clustering.rest()
    say(report.summary())
    return not report.errors


def cluster_pending(store: Store) -> None:
    """Cluster mentions not clustered yet: new ones, merged ones, or those an interrupted run left."""
    _Clustering(store).rest()


class _Clustering:
    """The clustering of one command, in one or several runs, told in one line at the end."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.runs: list[DedupReport] = []

    def rest(self) -> None:
        """Cluster every mention waiting, and say what all the runs did."""
        if self.store.has_unclustered():
            self.run(None)
        if not self.runs:
            return
        for conflict in (c for run in self.runs for c in run.conflicts):
            say(f"conflict: {conflict}")
        mentions = sum(run.mentions for run in self.runs)
        seconds = sum(run.seconds for run in self.runs)
        writes = sum(run.transactions for run in self.runs)
        longest = max(run.longest_write for run in self.runs)
        say(
            f"clustered {mentions} sentence(s) into claims in {seconds:.2f}s "
            f"({writes} write(s), the longest {longest:.2f}s)"
        )

    def run(self, most: int | None) -> None:
        """Cluster the ``most`` earliest mentions waiting (all of them for None), quietly."""
        from factcheck.dedup import cluster_store

        self.runs.append(cluster_store(self.store, waiting=say_waiting, most=most))


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
