"""A label shown is a label kept: the app in its own process, killed or ended while the database is held."""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from tui_helpers import build_db, db_labels, locked, wait_until

from factcheck.store import Store, journal_dir
from factcheck.tui.app import FactcheckApp
from factcheck.tui.screens.annotate import AnnotateScreen

CHILD = Path(__file__).with_name("tui_child.py")
COUNT = 5
"""Sentences the app labels before it is killed or ended."""


class Child:
    """The app in a subprocess, and the lines it prints."""

    def __init__(self, db: Path, mode: str, keys: list[str] | None = None) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(CHILD), str(db), str(COUNT), mode, *([",".join(keys)] if keys else [])],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def expect(self, word: str, timeout: float = 120.0) -> str:
        """The rest of the next line starting with ``word`` (fails if the process ends first)."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self.lines.get(timeout=max(deadline - time.monotonic(), 0.01))
            except queue.Empty:
                self.proc.kill()
                raise AssertionError(f"no {word} line from the app") from None
            if line is None:
                _out, err = self.proc.communicate()
                raise AssertionError(f"the app ended before {word}: {err[-2000:]}")
            if line.startswith(word):
                return line[len(word) :].strip()

    def end(self) -> int:
        return self.proc.wait(timeout=120)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "test.db"
    build_db(path)
    return path


async def restart_and_count(db: Path) -> None:
    """Open the app again, as the annotator would, and see every label written."""
    app = FactcheckApp(str(db), "alice")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: len(db_labels(db, "alice")) == COUNT, timeout=60)
        await pilot.press("q")
    assert list(journal_dir(db).iterdir()) == []


async def test_sigkill_while_another_process_holds_the_database_loses_nothing(db: Path) -> None:
    with locked(db):
        child = Child(db, "wait")
        shown = child.expect("SHOWN")
        assert f"{COUNT} labels waiting for the database" in shown
        child.proc.send_signal(signal.SIGKILL)
        assert child.end() == -signal.SIGKILL
        assert db_labels(db, "alice") == {}
    await restart_and_count(db)


async def test_q_waits_visibly_then_writes_everything_once_the_database_is_free(db: Path) -> None:
    with locked(db) as holder:
        child = Child(db, "quit")
        child.expect("SHOWN")
        assert child.expect("QUITTING").startswith(f"Quitting: {COUNT} labels to write")
        assert child.proc.poll() is None, "still waiting for the database"
        holder.execute("rollback")
        assert child.expect("EXITED") == "0"
    assert child.end() == 0
    assert len(db_labels(db, "alice")) == COUNT
    assert list(journal_dir(db).iterdir()) == []


async def test_q_twice_quits_now_and_the_next_start_writes_the_labels(db: Path) -> None:
    with locked(db):
        child = Child(db, "quit-now")
        child.expect("QUITTING")
        assert child.expect("EXITED") == str(COUNT)
        assert child.end() == 0
    await restart_and_count(db)


@pytest.mark.parametrize("name", ["SIGHUP", "SIGTERM"])
async def test_a_closed_terminal_or_sigterm_keeps_every_label(db: Path, name: str) -> None:
    with locked(db):
        child = Child(db, "wait")
        assert f"{COUNT} labels waiting" in child.expect("SHOWN")
        child.proc.send_signal(getattr(signal, name))
        assert child.expect("EXITED") == str(COUNT), "left for the next start, not dropped"
        assert child.end() == 0
        assert db_labels(db, "alice") == {}
    await restart_and_count(db)


def test_sigterm_on_a_free_database_leaves_nothing_behind(db: Path) -> None:
    child = Child(db, "wait")
    child.expect("SHOWN")
    os.kill(child.proc.pid, signal.SIGTERM)
    assert child.expect("EXITED") == "0"
    assert child.end() == 0
    assert len(db_labels(db, "alice")) == COUNT
    assert list(journal_dir(db).iterdir()) == []


EDITS = ["exclamation_mark", "j", "s", "enter", "1", "j", "j", "J", "x", "u"]
"""Flag sentence 1; split sentence 2 and label its first part; join the next two, mark the joined
sentence not-factual and undo that."""


def db_state(db: Path) -> dict[str, Any]:
    """The first article as the database holds it, in the shape of the child's STATE line."""
    with Store(db) as store:
        aid = store.articles()[0].id
        return {
            "mentions": [m.id for m in store.mentions(aid)],
            "labels": store.labels("alice", aid),
            "flags": sorted(store.flagged("alice", aid)),
        }


async def test_flags_splits_joins_and_undo_survive_sigkill_while_the_database_is_held(db: Path) -> None:
    before = db_state(db)
    with locked(db):
        child = Child(db, "wait", EDITS)
        assert "waiting for the database" in child.expect("SHOWN")
        shown = json.loads(child.expect("STATE"))
        child.proc.send_signal(signal.SIGKILL)
        assert child.end() == -signal.SIGKILL
        assert db_state(db) == before, "nothing could be written"
        assert len(shown["mentions"]) == len(before["mentions"]), "one split, one join"
        assert shown["mentions"][0] == before["mentions"][0] and shown["flags"] == [before["mentions"][0]]
        assert shown["labels"] == {shown["mentions"][1]: {"checkworthy": "check-worthy"}}
        # The next start, the database still held: the killed session's actions are shown as they were.
        app = FactcheckApp(str(db), "alice")
        async with app.run_test(size=(120, 40)) as pilot:
            screen = next(s for s in app.screen_stack if isinstance(s, AnnotateScreen))
            session = screen.session
            session.open_position(0)
            assert [m.id for m in session.mentions] == shown["mentions"]
            assert (session.mine, sorted(session.flags)) == (shown["labels"], shown["flags"])
            app.writer.leave()
    app = FactcheckApp(str(db), "alice")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: app.writer.pending == 0 and db_state(db) == shown, timeout=60)
        await pilot.press("q")
    assert list(journal_dir(db).iterdir()) == []


def test_any_command_writes_what_a_killed_screen_left_before_it_reads(db: Path) -> None:
    with locked(db):
        child = Child(db, "wait")
        child.expect("SHOWN")
        child.proc.send_signal(signal.SIGKILL)
        assert child.end() == -signal.SIGKILL
    out = subprocess.run(
        [sys.executable, "-m", "factcheck", "export", "--db", str(db)],
        capture_output=True,
        text=True,
        check=True,
    )
    labelled = [r for r in map(json.loads, out.stdout.splitlines()) if r["annotations"]]
    assert len(labelled) == COUNT
    assert f"wrote {COUNT} label action(s) left by ended annotation sessions" in out.stderr
    assert list(journal_dir(db).iterdir()) == []
