"""Opening the database: WAL, busy timeout, retried write transactions and migrations."""

from __future__ import annotations

import functools
import inspect
import os
import random
import sqlite3
import time
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import sqlite_utils

T = TypeVar("T")

BUSY_TIMEOUT_S = 10.0
"""How long SQLite itself waits on a lock before answering 'database is locked'."""

RETRY_DEADLINE_S = 60.0
"""How long a write keeps retrying (with backoff) before the error reaches the user."""


CHUNK = 500
"""Ids bound per ``in (...)`` query, well under SQLite's limit on host parameters."""


class StoreError(Exception):
    """A database problem a user can cause or fix (not SQLite, read-only, locked, full)."""


class StoreBusy(StoreError):
    """Another process held the write lock for longer than a write keeps retrying."""


def _store_error(err: sqlite3.Error) -> StoreError:
    transient = isinstance(err, sqlite3.OperationalError) and _is_transient(err)
    return (StoreBusy if transient else StoreError)(describe(err))


C = TypeVar("C", bound=type)


def sqlite_errors_as_store_errors(cls: C) -> C:
    """Make every public method of ``cls`` (and of its bases) raise :class:`StoreError` where
    SQLite raises: a damaged file, a full disk or a lock that never clears is then one
    message for the user, and no code outside the store needs to know about sqlite3.

    Generators are guarded while they are iterated, not only when created.
    """
    for name in dir(cls):
        attr = inspect.getattr_static(cls, name)
        if name.startswith("_") or not inspect.isfunction(attr):
            continue
        setattr(cls, name, _guard_generator(attr) if inspect.isgeneratorfunction(attr) else _guard(attr))
    return cls


def _guard(func: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(func)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except sqlite3.Error as err:
            raise _store_error(err) from err

    return guarded


def _guard_generator(func: Callable[..., Iterator[Any]]) -> Callable[..., Iterator[Any]]:
    @functools.wraps(func)
    def guarded(*args: Any, **kwargs: Any) -> Iterator[Any]:
        try:
            yield from func(*args, **kwargs)
        except sqlite3.Error as err:
            raise _store_error(err) from err

    return guarded


def now() -> str:
    """The current UTC time as an ISO 8601 string with milliseconds: every stored timestamp."""
    return stamp(datetime.now(UTC))


def stamp(moment: datetime) -> str:
    """A time written as stored timestamps are, so that they compare as strings; naive is UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


def chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    """``items`` in consecutive slices of at most ``size``."""
    for i in range(0, len(items), size):
        yield items[i : i + size]


def connect(path: str | Path) -> sqlite_utils.Database:
    """Open (creating if needed) a database file in WAL mode with a busy timeout.

    Raises:
        StoreError: the file is not an SQLite database or cannot be opened.
    """
    conn = None
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S, check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        db = sqlite_utils.Database(conn)
        mode = _retry(lambda: conn.execute("PRAGMA journal_mode").fetchone()[0])
        if mode != "wal" and str(path) != ":memory:":
            _retry(lambda: conn.execute("PRAGMA journal_mode=wal").fetchone())
        # NORMAL is durable in WAL mode except for the last commits on power loss,
        # never corrupting; a process crash (SIGKILL) loses nothing committed.
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=ON")
        # Clustering builds small temporary tables in every short write: keep them off disk.
        conn.execute("PRAGMA temp_store=MEMORY")
        # Ids are content hashes, so large writes land all over the indexes: a page cache of
        # up to 128 MB (SQLite's default is 2 MB) spares re-reading the same pages (clustering
        # 300k sentences 108 -> 98 s). It grows only as far as the database does.
        conn.execute("PRAGMA cache_size=-131072")
    except (sqlite3.DatabaseError, UnicodeDecodeError) as err:
        if conn is not None:
            conn.close()  # an open connection would keep its locks on the file
        reason = describe(err) if isinstance(err, sqlite3.Error) else "the database is damaged"
        raise StoreError(f"{path}: cannot open database: {reason}") from None
    return db


def connect_read_only(path: str | Path) -> sqlite_utils.Database:
    """Open a database for reading when it cannot be opened as usual (a full disk, a read-only
    folder): the usual WAL index file (``-shm``) cannot be created or grown there.

    Tries, in order: read-only mode (works when the index exists); exclusive locking, which
    keeps the WAL index in memory and so reads every committed change without the ``-shm``
    file (but needs no one else to have the database open); and ``immutable=1``, which reads
    the main file alone and so is used only when no WAL file holds changes.

    Raises:
        StoreError: none of these can read it; the message says why.
    """
    base = "file:" + urllib.request.pathname2url(os.path.abspath(path))
    wal = Path(str(path) + "-wal")
    attempts: list[tuple[str, str | None]] = [(base + "?mode=ro", None), (base, "exclusive")]
    if not wal.exists() or wal.stat().st_size == 0:
        attempts.append((base + "?immutable=1", None))
    last = "cannot be read"
    for uri, locking in attempts:
        conn = None
        try:
            conn = sqlite3.connect(uri, uri=True, timeout=1.0, check_same_thread=False)
            if locking:
                conn.execute(f"pragma locking_mode = {locking}")
            conn.execute("pragma query_only = on")
            conn.execute("select count(*) from sqlite_master").fetchone()
            return sqlite_utils.Database(conn)
        except sqlite3.Error as err:
            last = describe(err)
            if conn is not None:
                conn.close()
    raise StoreError(f"{path}: cannot be read, even read-only: {last}")


def describe(err: sqlite3.Error) -> str:
    """A short, user-readable explanation of an SQLite error."""
    text = str(err)
    if "file is not a database" in text or "file is encrypted" in text:
        return "not an SQLite database"
    if "readonly" in text:
        return "the database is read-only"
    if "disk is full" in text or "database or disk is full" in text:
        return "the disk is full"
    if "disk I/O error" in text:
        return "disk I/O error (is the disk full?)"
    if "unable to open" in text:
        return "unable to open the file (does its folder exist, and may you write there?)"
    return text


def _is_transient(err: sqlite3.OperationalError) -> bool:
    text = str(err)
    return "locked" in text or "busy" in text


def _retry(action: Callable[[], T], patience: float = RETRY_DEADLINE_S) -> T:
    """Run ``action``, retrying with jittered backoff while the database is locked."""
    deadline = time.monotonic() + patience
    delay = 0.005
    while True:
        try:
            return action()
        except sqlite3.OperationalError as err:
            if not _is_transient(err) or time.monotonic() > deadline:
                raise
        time.sleep(delay * (0.5 + random.random()))
        delay = min(delay * 2, 0.5)


@contextmanager
def write_transaction(
    db: sqlite_utils.Database, patience: float = RETRY_DEADLINE_S
) -> Iterator[sqlite_utils.Database]:
    """A write transaction that takes the write lock up front (``BEGIN IMMEDIATE``).

    Taking the lock at the start means a busy database is met before any work
    is done, where it can be retried, rather than at commit time.

    Raises:
        StoreBusy: another process held the lock for ``patience`` seconds.
        StoreError: the database is read-only or full.
    """
    conn = db.conn
    if conn.in_transaction:
        with db.atomic():
            yield db
        return
    try:
        _retry(lambda: conn.execute("BEGIN IMMEDIATE"), patience)
    except sqlite3.OperationalError as err:
        raise _store_error(err) from None
    try:
        yield db
        _retry(lambda: conn.execute("COMMIT"))
    except BaseException as err:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        if isinstance(err, sqlite3.Error):
            raise _store_error(err) from err
        raise
