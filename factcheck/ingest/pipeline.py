"""The ingest pipeline: files -> read -> clean -> segment -> pre-annotate -> store."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from factcheck.ingest.attribution import suggest_sources
from factcheck.ingest.clean import clean
from factcheck.ingest.readers import (
    FORMATS,
    RawArticle,
    ReadError,
    Skipped,
    iter_files,
    read_file,
)
from factcheck.ingest.readers import MAX_ARTICLE_BYTES as MAX_ARTICLE_BYTES
from factcheck.ingest.segment import segment
from factcheck.store import NewArticle, Store, StoreError
from factcheck.workers import Workers
from factcheck.workers import workers as worker_pool


@dataclass(frozen=True)
class FileError:
    """A file that was skipped, and why."""

    path: str
    reason: str


@dataclass
class IngestReport:
    """What one ingest run did."""

    files: int = 0
    articles_added: int = 0
    articles_existing: int = 0
    mentions_added: int = 0
    errors: list[FileError] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        """A one-line summary for people."""
        parts = [
            f"{self.files} file(s)",
            f"{self.articles_added} article(s) added",
            f"{self.mentions_added} sentence(s)",
        ]
        if self.articles_existing:
            parts.append(f"{self.articles_existing} already present")
        if self.errors:
            parts.append(f"{len(self.errors)} skipped (files or records)")
        return "ingested " + ", ".join(parts) + f" in {self.seconds:.2f}s"


def prepare(raw: RawArticle) -> NewArticle | None:
    """Clean, segment and pre-annotate one article; None when nothing is left to label."""
    cleaned = clean(raw)
    spans = segment(cleaned.text)
    if not spans:
        return None
    return NewArticle(
        path=raw.path,
        raw=raw.raw,
        text=cleaned.text,
        spans=spans,
        sources=suggest_sources(cleaned.text, spans, cleaned.outlet),
        title=cleaned.title or raw.title,
        outlet=cleaned.outlet or raw.outlet,
        wire=cleaned.wire,
        url=cleaned.url or raw.url,
        published=cleaned.published or raw.published,
    )


@dataclass(frozen=True)
class Between:
    """Work an ingest does between files, while its workers prepare the files ahead: ``run`` is
    called each time ``every`` more sentences have been stored since it last was, until every
    file is started (the command clusters them, so that the cleaning and segmenting of the
    next files overlaps it)."""

    every: int
    run: Callable[[], None]


AHEAD_ARTICLES = 4000
"""Articles whose cleaning and segmenting is under way beyond the file being stored, at most
(a file is started whole): the work the workers can do while the ingest stores and clusters."""

PARALLEL_ARTICLES = 200
"""A file of at least this many articles is cleaned and segmented by worker processes, one
per core (starting them costs about a second; below this, one process is as fast)."""

CHUNK = 32
"""Articles handed to a worker at a time."""


def _prepare_record(raw: RawArticle) -> tuple[NewArticle | None, str]:
    """:func:`prepare`, with the reason when nothing is kept (run in a worker or here)."""
    try:
        new = prepare(raw)
    except ReadError as err:
        return None, str(err)
    return new, "no text left to label after cleaning"


Prepared = Callable[[], tuple[list[NewArticle], list[str]]]
"""A file being prepared: the call waits for its articles and the reasons records were skipped."""


def _prepare_file(path: Path, pool: Workers | None = None) -> tuple[Prepared, int]:
    """Start preparing every article of one file: the call that waits for them, and how many
    articles the workers were given (none when the file is small: the call prepares them).

    The call returns the articles ready to store and the reasons records were skipped: a
    JSONL record that cleans to nothing is skipped with its line number, the file's other
    records are kept. It raises ReadError (or OSError) for a bad file. With workers, they go
    on with this file while the caller stores the ones before.
    """
    try:
        raws = list(read_file(path))
    except (ReadError, OSError, UnicodeError) as err:
        failure = err

        def failed() -> tuple[list[NewArticle], list[str]]:
            raise failure

        return failed, 0
    if pool is None or len(raws) < PARALLEL_ARTICLES:
        return lambda: _collect(raws, [_prepare_record(raw) for raw in raws]), 0
    results = pool.start(_prepare_record, raws, CHUNK)
    return lambda: _collect(raws, results()), len(raws)


def _collect(
    raws: list[RawArticle], results: list[tuple[NewArticle | None, str]]
) -> tuple[list[NewArticle], list[str]]:
    prepared, skipped = [], []
    for raw, (new, reason) in zip(raws, results, strict=True):
        if new is not None:
            prepared.append(new)
        elif raw.line is None:
            raise ReadError(reason)
        else:
            skipped.append(f"line {raw.line}: {reason}; the record was skipped")
    return prepared, skipped


def _store_file(store: Store, articles: Sequence[NewArticle], report: IngestReport) -> None:
    """Store every article of one file in a single transaction (all or nothing)."""
    stored = store.add_articles(articles)
    added = sum(1 for aid in stored if aid is not None)
    existing = len(stored) - added
    mentions = sum(len(new.spans) for new, aid in zip(articles, stored, strict=True) if aid is not None)
    report.articles_added += added
    report.articles_existing += existing
    report.mentions_added += mentions


def ingest(
    store: Store,
    paths: Iterable[str | Path],
    progress: Callable[[int, int], None] | None = None,
    workers: int | None = None,
    between: Between | None = None,
) -> IngestReport:
    """Ingest files and folders; a bad file is recorded in the report and skipped.

    Args:
        store: the database.
        paths: files and folders (searched recursively).
        progress: called with (files done, files in all) as each file starts.
        workers: processes that clean and segment a large file (default: one per core;
            1 for none). The result is the same whatever their number.
        between: work to do between files as sentences are stored, while files are still
            to be started, so that their cleaning and segmenting overlaps it. Once every file
            is started, nothing is left to overlap it with, and the rest waits for the caller
            to do in one go after the last file. Its time is not counted in the report's
            seconds.

    Raises:
        StoreError: the database cannot be written (read-only, full); nothing of the
            file being written is kept.
    """
    report = IngestReport()
    started = time.perf_counter()
    files, missing = _expand(paths)
    report.errors.extend(missing)
    aside = 0.0  # seconds spent on the work between files
    since = 0  # sentences stored since the work between files was last done
    ahead: list[tuple[Path, Prepared, int]] = []  # started, not stored yet

    def store_first(then: Between | None) -> None:
        nonlocal aside, since
        path_done, finish, _ = ahead.pop(0)
        before = report.mentions_added
        _finish_file(store, path_done, finish, report)
        since += report.mentions_added - before
        if then is not None and since >= then.every:
            began = time.perf_counter()
            then.run()
            aside += time.perf_counter() - began
            since = 0

    with worker_pool(workers) as pool:
        for done, path in enumerate(files, 1):
            report.files += 1
            if progress is not None:
                progress(done, len(files))
            ahead.append((path, *_prepare_file(path, pool)))
            # The files after the first are prepared while it is stored: those on the workers
            # up to AHEAD_ARTICLES, a small file alone (nothing prepares it meanwhile).
            while len(ahead) > 1 and (
                ahead[-1][2] == 0 or sum(articles for _, _, articles in ahead[1:]) >= AHEAD_ARTICLES
            ):
                store_first(between)
        while ahead:  # every file is started: nothing is left to prepare during the work between
            store_first(None)
    report.seconds = time.perf_counter() - started - aside
    return report


def _finish_file(store: Store, path: Path, finish: Prepared, report: IngestReport) -> None:
    """Store one prepared file, or record why it was skipped."""
    try:
        articles, skipped = finish()
        _store_file(store, articles, report)
        report.errors.extend(FileError(str(path), reason) for reason in skipped)
    except ReadError as err:
        report.errors.append(FileError(str(path), str(err)))
    except (OSError, UnicodeError) as err:
        reason = getattr(err, "strerror", None) or str(err)
        report.errors.append(FileError(str(path), reason))
    except StoreError as err:
        raise StoreError(f"{path}: {err}") from None


def _expand(paths: Iterable[str | Path]) -> tuple[list[Path], list[FileError]]:
    files: list[Path] = []
    missing: list[FileError] = []
    for path in paths:
        if not Path(path).exists() and not Path(path).is_symlink():
            missing.append(FileError(str(path), "no such file or directory"))
            continue
        try:
            found = list(iter_files([path]))
        except ReadError as err:
            missing.append(FileError(str(path), str(err)))
            continue
        missing.extend(FileError(item.path, item.reason) for item in found if isinstance(item, Skipped))
        readable = [item for item in found if not isinstance(item, Skipped)]
        if not found and Path(path).is_dir():
            missing.append(FileError(str(path), f"no {_SUFFIXES} files in this folder"))
        files.extend(readable)
    return files, missing


_SUFFIXES = ", ".join(sorted(set(FORMATS)))
