"""Merging annotators' databases: check every file first, then union each into the store."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from factcheck.store import MergeReport, StagedMerge, Store, drop_stage


def merge_databases(
    store: Store,
    paths: Sequence[str | Path],
    progress: Callable[[str, MergeReport], None] | None = None,
) -> list[tuple[str, MergeReport]]:
    """Merge each database into ``store``, all or nothing.

    Every file is snapshotted and checked before anything is written, so a bad file
    among several leaves the store untouched. The checked snapshots are then registered
    together and applied in short transactions; from that moment they are completed
    even if the process dies (the next command finishes them).

    Args:
        store: the database merged into.
        paths: the databases to merge, in order.
        progress: called with each path and its report once it is merged.

    Returns:
        (path, report) per database, in order.

    Raises:
        StoreError: a file cannot be merged (missing, not a factcheck database,
            conflicting schema, a bad row); the message names it.
    """
    staged: list[StagedMerge] = []
    try:
        for path in paths:
            staged.append(store.stage_merge(path))
    except BaseException:
        for done in staged:
            drop_stage(done.stage)
        raise
    reports = []
    for done, report in zip(staged, store.apply_merges(staged), strict=True):
        reports.append((done.origin, report))
        if progress is not None:
            progress(done.origin, report)
    return reports
