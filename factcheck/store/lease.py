"""One clustering run at a time per database: a lease row in ``meta``, renewed while the run lives."""

from __future__ import annotations

import os
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager

import sqlite_utils

from factcheck.store.connection import connect, write_transaction

LEASE_KEY = "dedup_lease"
LEASE_TTL_S = 60.0
"""A lease not renewed for this long is abandoned (its run died on another machine)."""

HEARTBEAT_S = 10.0
"""How often a running clustering renews its lease."""

POLL_S = 0.2
"""How often a waiting run looks whether the lease is free."""


class LeaseMixin:
    """The clustering lease of :class:`factcheck.store.Store`."""

    db: sqlite_utils.Database
    path: str
    transaction: Callable[[], AbstractContextManager[sqlite_utils.Database]]

    @contextmanager
    def clustering_lease(self, waiting: Callable[[str], None] | None = None) -> Iterator[None]:
        """Hold the database's clustering lease: another run waits until it is released.

        Two clustering runs (two ``dedup``, or a ``dedup`` beside the clustering step of an
        ``ingest`` or ``merge``) then run one after the other. A run killed by SIGKILL
        leaves a lease that the next run on the same machine takes over at once (its
        process is gone), or after :data:`LEASE_TTL_S` from another machine.

        Args:
            waiting: told once, with who holds the lease, when this run has to wait.
        """
        token = f"{socket.gethostname()} {os.getpid()} {uuid.uuid4().hex}"
        told = False
        while not self._take_lease(token):
            if waiting is not None and not told:
                waiting(self._lease_holder())
                told = True
            time.sleep(POLL_S)
        stop = threading.Event()
        beat = threading.Thread(target=self._heartbeat, args=(token, stop), daemon=True)
        if self.path != ":memory:":
            beat.start()
        try:
            yield
        finally:
            stop.set()
            if beat.is_alive():
                beat.join()
            with self.transaction():
                self.db.execute("delete from meta where key = ? and value like ?", [LEASE_KEY, token + " %"])

    def _lease_holder(self) -> str:
        row = self.db.execute("select value from meta where key = ?", [LEASE_KEY]).fetchone()
        if row is None:
            return "nobody"
        host, pid = row[0].split()[:2]
        return f"process {pid} on {host}"

    def _take_lease(self, token: str) -> bool:
        with self.transaction():
            row = self.db.execute("select value from meta where key = ?", [LEASE_KEY]).fetchone()
            if row is not None and _alive(row[0]):
                return False
            _renew(self.db, token)
        return True

    def _heartbeat(self, token: str, stop: threading.Event) -> None:
        """Renew the lease from a connection of this thread until ``stop`` is set."""
        db = connect(self.path)
        try:
            while not stop.wait(HEARTBEAT_S):
                with write_transaction(db):
                    _renew(db, token)
        finally:
            db.close()


def _renew(db: sqlite_utils.Database, token: str) -> None:
    value = f"{token} {time.time() + LEASE_TTL_S:.3f}"
    db.execute("insert or replace into meta (key, value) values (?, ?)", [LEASE_KEY, value])


def _alive(value: str) -> bool:
    """Whether a stored lease still holds: not expired, and its process alive if it is ours."""
    host, pid, _token, expires = value.split()
    if time.time() > float(expires):
        return False
    if host != socket.gethostname():
        return True
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a killed process its parent has not reaped yet is a zombie: dead all the same
        with open(f"/proc/{int(pid)}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return True
