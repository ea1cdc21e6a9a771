"""Merging annotators' databases: check every file first, then union each into the store."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from factcheck.store import MergeReport, Store


def merge_databases(
    store: Store,
    paths: Sequence[str | Path],
    progress: Callable[[str, MergeReport], None] | None = None,
) -> list[tuple[str, MergeReport]]:
    """Merge each database into ``store``, each in its own all-or-nothing transaction.

    Every file is checked before anything is written, so a bad file among several
    leaves the store untouched.

    Args:
        store: the database merged into.
        paths: the databases to merge, in order.
        progress: called with each path and its report once it is merged.

    Returns:
        (path, report) per database, in order.

    Raises:
        StoreError: a file cannot be merged (missing, not a factcheck database,
            conflicting schema); the message names it.
    """
    for path in paths:
        store.check_mergeable(path)
    reports = []
    for path in paths:
        report = store.merge_from(path)
        reports.append((str(path), report))
        if progress is not None:
            progress(str(path), report)
    return reports
