"""Bulk writes (import, merge) in short transactions, completed after a kill.

A bulk operation never holds the write lock for long, so annotators' label writes get
through while it runs. It goes in three steps:

1. **Stage**: everything it will write is validated and copied into a private SQLite file
   beside the database (``annotations.db.bulk-<pid>-<token>``). Nothing is written to the
   database; a bad input stops here, and the stage file is deleted.
2. **Register**: one short transaction records the operation in ``bulk_ops``. From this
   commit on, the operation will be completed.
3. **Apply** in short transactions (each holds the lock for about :data:`TARGET_HOLD_S`,
   with a pause after each so waiting writers get in), then delete the record and the file.

Every apply step is idempotent (a union where the newest value wins), so an operation
killed part-way is completed by running it again from the start: whoever opens the
database next through the command line finds the record, sees that its process is gone,
and finishes it. A stage file left by a process killed before step 2 is deleted then.
"""

from __future__ import annotations

import os
import secrets
import socket
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from factcheck.store.connection import StoreError, describe, now, write_transaction

TARGET_HOLD_S = 0.08
"""How long one apply transaction aims to hold the write lock (the policy's ceiling is 0.25 s;
a chunk can take twice as long as the one before it on a busy machine)."""
MAX_PAUSE_S = 0.1
"""The longest pause between two transactions. SQLite's busy handler polls a waiting writer
at growing intervals (1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, then 100 ms), so a writer that
has waited ``t`` polls again within about ``t / 2``: a pause of half the hold (at most 100 ms)
lets in any writer that began waiting during it."""
FIRST_CHUNK = 200
"""Items in the first transaction, before the rate is known."""
STAGE_ALIAS = "bulk_src"
"""The name a stage file is attached under while it is applied."""
STAGE_MARK = ".bulk-"


@dataclass
class HoldStats:
    """How long the write lock was held by the transactions of one operation."""

    transactions: int = 0
    longest_s: float = 0.0
    total_s: float = 0.0
    holds: list[float] = field(default_factory=list)

    def add(self, seconds: float) -> None:
        """Count one transaction that held the lock ``seconds``."""
        self.transactions += 1
        self.total_s += seconds
        self.longest_s = max(self.longest_s, seconds)
        self.holds.append(seconds)


def in_short_transactions(db: sqlite_utils.Database, step: Callable[[int], int], stats: HoldStats) -> None:
    """Call ``step(size)`` in one write transaction after another until it returns 0.

    ``step`` does up to ``size`` items of work and returns how many it did; ``size`` is
    adapted so that each transaction holds the lock about :data:`TARGET_HOLD_S`. After each
    commit the lock is left free for half as long as it was held (at most :data:`MAX_PAUSE_S`).

    The WAL is checkpointed in those pauses (passively, outside the write lock) rather than
    by SQLite at a commit, so no commit of this operation, and no annotator's commit after
    it, has a large checkpoint to do.
    """
    automatic = db.execute("pragma wal_autocheckpoint").fetchone()[0]
    db.execute("pragma wal_autocheckpoint = 0")
    try:
        size = FIRST_CHUNK
        while True:
            with write_transaction(db):
                started = time.perf_counter()
                done = step(size)
            held = time.perf_counter() - started
            stats.add(held)
            if not done:
                return
            rate = done / max(held, 1e-4)
            size = max(1, min(int(rate * TARGET_HOLD_S), size * 2, 100_000))
            paused = time.perf_counter()
            db.execute("pragma wal_checkpoint(passive)")
            rest = min(max(held / 2, 0.002), MAX_PAUSE_S) - (time.perf_counter() - paused)
            time.sleep(max(rest, 0.002))
    finally:
        db.execute(f"pragma wal_autocheckpoint = {int(automatic)}")


def owner() -> str:
    """This process, as recorded on the operations it registers: ``host:pid``."""
    return f"{socket.gethostname()}:{os.getpid()}"


def _is_gone(who: str) -> bool:
    """Whether the process ``host:pid`` is known to be dead (only this host's can be known)."""
    host, _, pid = who.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    if int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def new_stage(db_path: str) -> tuple[Path, sqlite3.Connection]:
    """Create a private stage file beside the database and open it for writing.

    Raises:
        StoreError: the folder cannot be written.
    """
    db = Path(db_path)
    path = db.with_name(f"{db.name}{STAGE_MARK}{os.getpid()}-{secrets.token_hex(6)}")
    try:
        conn = sqlite3.connect(path, isolation_level=None)
        # The file is worthless until registered: no journal, no syncing while it fills.
        conn.execute("pragma journal_mode = off")
        conn.execute("pragma synchronous = off")
    except sqlite3.Error as err:
        path.unlink(missing_ok=True)
        raise StoreError(f"{path}: {describe(err)}") from None
    return path, conn


def seal_stage(conn: sqlite3.Connection, path: Path) -> None:
    """Close a filled stage file and make it durable before it is registered."""
    conn.close()
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def drop_stage(path: Path) -> None:
    """Delete a stage file (and any journal SQLite left beside it)."""
    for suffix in ("", "-journal", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)


@contextmanager
def attached(db: sqlite_utils.Database, path: Path, alias: str = STAGE_ALIAS) -> Iterator[None]:
    """Attach a stage (or snapshot) file for the length of the block."""
    try:
        db.execute(f"attach database ? as {alias}", [str(path)])
    except sqlite3.DatabaseError as err:
        raise StoreError(f"{path}: {describe(err)}") from None
    try:
        yield
    finally:
        if alias in [row[1] for row in db.execute("pragma database_list")]:
            db.execute(f"detach database {alias}")


@dataclass(frozen=True)
class BulkOp:
    """A registered bulk operation."""

    id: str
    kind: str
    stage: str
    origin: str
    """The file imported or the database merged, for messages."""
    owner: str
    started_at: str


def register(db: sqlite_utils.Database, ops: list[tuple[str, Path, str]]) -> list[BulkOp]:
    """Record staged operations ``(kind, stage file, origin)`` in one short transaction.

    From this commit on they will be completed, by this process or the next one.
    """
    me, at = owner(), now()
    made = [BulkOp(secrets.token_hex(8), kind, str(stage), origin, me, at) for kind, stage, origin in ops]
    with write_transaction(db):
        db.conn.executemany(
            "insert into bulk_ops (id, kind, stage, origin, owner, started_at) values (?, ?, ?, ?, ?, ?)",
            [(op.id, op.kind, op.stage, op.origin, op.owner, op.started_at) for op in made],
        )
    return made


def finish(db: sqlite_utils.Database, op: BulkOp) -> None:
    """Forget a completed operation, then delete its stage file."""
    with write_transaction(db):
        db.execute("delete from bulk_ops where id = ?", [op.id])
    drop_stage(Path(op.stage))


def interrupted(db: sqlite_utils.Database) -> list[BulkOp]:
    """Registered operations whose process is gone, taken over by this process.

    Operations of a live process (or of another host) are left to it.
    """
    if "bulk_ops" not in db.table_names():
        return []
    rows = db.execute("select id, kind, stage, origin, owner, started_at from bulk_ops order by started_at")
    found = []
    for op in [BulkOp(*row) for row in rows.fetchall()]:
        if not _is_gone(op.owner):
            continue
        with write_transaction(db):
            taken = db.conn.execute(
                "update bulk_ops set owner = ? where id = ? and owner = ?", [owner(), op.id, op.owner]
            ).rowcount
        if taken:
            found.append(op)
    return found


def sweep_stages(db_path: str, keep: set[str]) -> int:
    """Delete stage files beside the database left by dead processes and never registered."""
    db = Path(db_path)
    removed = 0
    prefix = f"{db.name}{STAGE_MARK}"
    try:
        candidates = [db.parent / n for n in os.listdir(db.parent or ".") if n.startswith(prefix)]
    except OSError:
        return 0
    for path in candidates:
        pid = path.name[len(db.name) + len(STAGE_MARK) :].split("-")[0]
        base = str(path).removesuffix("-journal")
        if base in keep or not pid.isdigit() or not _is_gone(f"{socket.gethostname()}:{pid}"):
            continue
        path.unlink(missing_ok=True)
        removed += 1
    return removed
