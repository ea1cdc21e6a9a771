"""Writing an export where the user points: a file replaced whole, or a pipe or device written into.

- A regular file (or a new one) is written through a temporary file with a unique name in the
  same folder, renamed over it at the end: a failure part-way (a full disk, an interrupt)
  leaves the previous file as it was, and a file of the user's own is never overwritten.
  The new file keeps the old one's permissions.
- A symbolic link is followed: its target is written, the link stays.
- A FIFO or a device (``/dev/stdout``, a named pipe a reader waits on) is written into,
  never replaced.
- The database itself, its ``-wal``, ``-shm`` or ``-journal`` file, and any file that is an
  SQLite database are refused before anything is written.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path
from typing import IO, TYPE_CHECKING

from factcheck.export.base import ExportError, ExportOptions, ExportSummary
from factcheck.export.jsonl import export

if TYPE_CHECKING:
    from factcheck.store import Store

SQLITE_MAGIC = b"SQLite format 3\x00"
DATABASE_SUFFIXES = ("", "-wal", "-shm", "-journal")


def check_output(path: str, db_path: str) -> None:
    """Refuse an output path that is the database, one of its files, or any SQLite database.

    Raises:
        ExportError: the path would destroy a database.
    """
    target = os.path.realpath(path)
    for suffix in DATABASE_SUFFIXES:
        if target == os.path.realpath(db_path + suffix):
            what = f"the database's {suffix[1:]} file" if suffix else "the database"
            raise ExportError(f"{path}: that is {what}; choose another output file")
    try:
        if not stat.S_ISREG(os.stat(target).st_mode):
            return  # a FIFO must not be opened here: that would wait for a writer
        with open(target, "rb") as existing:
            header = existing.read(len(SQLITE_MAGIC))
    except OSError:
        return  # missing or unreadable: writing it will say why
    if header == SQLITE_MAGIC:
        raise ExportError(f"{path}: that is an SQLite database; choose another output file")


def export_to_file(
    store: Store, fmt: str, path: str, gold_only: bool = False, options: ExportOptions | None = None
) -> ExportSummary:
    """Stream an export into ``path`` (see the module's description for what is done where).

    Raises:
        OSError: the file cannot be written (its ``filename`` is the path given).
        ExportError: the path is a database, or the format needs a field this database's
            schema lacks.
    """
    check_output(path, store.path)
    try:
        mode = os.stat(path).st_mode  # follows links, /dev/stdout's too
    except FileNotFoundError:
        mode = None
    except OSError as err:
        raise OSError(err.errno, err.strerror, path) from None
    target = os.path.realpath(path)
    if mode is not None and (not stat.S_ISREG(mode) or target.startswith("/proc/")):
        # A FIFO, a device, or a descriptor (/dev/stdout, /dev/fd/N): written into as it is.
        return _into(store, fmt, path, path, gold_only, options)
    return _replacing(store, fmt, path, target, mode, gold_only, options)


def _into(
    store: Store, fmt: str, path: str, target: str, gold_only: bool, options: ExportOptions | None
) -> ExportSummary:
    """Write into a FIFO or a device as it is."""
    try:
        with open(target, "w", encoding="utf-8", newline="\n") as out:
            return _export(store, fmt, out, gold_only, options)
    except OSError as err:
        raise OSError(err.errno, err.strerror, path) from None


def _replacing(
    store: Store,
    fmt: str,
    path: str,
    target: str,
    mode: int | None,
    gold_only: bool,
    options: ExportOptions | None,
) -> ExportSummary:
    """Write a temporary file beside ``target`` and rename it over ``target`` once complete."""
    folder, name = os.path.split(target)
    try:
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, renamed or removed
            "w",
            encoding="utf-8",
            newline="\n",
            dir=folder or ".",
            prefix=f".{name}.",
            suffix=".tmp",
            delete=False,
        )
    except OSError as err:
        raise OSError(err.errno, err.strerror, path) from None
    try:
        with handle:
            summary = _export(store, fmt, handle, gold_only, options)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(handle.name, stat.S_IMODE(mode) if mode is not None else _default_mode())
        os.replace(handle.name, target)
    except BaseException as err:
        Path(handle.name).unlink(missing_ok=True)
        if isinstance(err, OSError) and not isinstance(err, BrokenPipeError):
            raise OSError(err.errno, err.strerror, path) from None
        raise
    return summary


def _export(
    store: Store, fmt: str, out: IO[str], gold_only: bool, options: ExportOptions | None
) -> ExportSummary:
    return export(store, fmt, out, gold_only, options)


def _default_mode() -> int:
    """The permissions a new file gets here (0666 less the umask), as ``open`` would give it."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask
