"""The writer thread: journals first, applies in order, waits out a lock, keeps what it cannot write."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest
from textual.message import Message
from tui_helpers import build_db, db_labels, locked

from factcheck.store import Journal, JournalEntry, SessionInfo, Store, journal_dir, read_journal
from factcheck.tui import writer as writer_module
from factcheck.tui.requests import SetLabel, SetLabels, Undo
from factcheck.tui.writer import LabelSaved, LabelWriter, WriteFailed


class Collector:
    """Stands in for the screen: keeps what the writer posts."""

    def __init__(self) -> None:
        self.messages: list[Message] = []

    def post_message(self, message: Message) -> bool:
        self.messages.append(message)
        return True

    def outcomes(self) -> list[str]:
        return [
            "refused" if m.outcome.refused else "saved" for m in self.messages if isinstance(m, LabelSaved)
        ]


def first_two(path: Path, article_id: str) -> tuple[str, str]:
    with Store(path) as store:
        first, second = (m.id for m in store.mentions(article_id)[:2])
    return first, second


def test_writer_applies_in_order_reports_refusals_and_drains(tmp_path: Path) -> None:
    path = tmp_path / "test.db"
    first, second = first_two(path, build_db(path)[0])
    writer, collector = LabelWriter(str(path), "alice"), Collector()
    writer.start(collector)  # type: ignore[arg-type]
    agree = writer.submit(SetLabel(first, "stance", "agree", 1234))
    writer.submit(SetLabel(first, "stance", "not-a-stance"))
    writer.submit(SetLabel("no-such-mention", "stance", "agree"))
    writer.submit(SetLabels(second, {"stance": "discuss", "source": "[/]"}))
    writer.submit(Undo(agree.id))
    assert writer.close()
    assert not writer.alive and writer.pending == 0
    assert collector.outcomes() == ["saved", "refused", "refused", "saved", "saved"]
    assert db_labels(path, "alice") == {(second, "stance"): "discuss", (second, "source"): "[/]"}
    conn = sqlite3.connect(path)
    assert conn.execute("select dwell_ms from events order by id limit 1").fetchone() == (1234,)
    conn.close()
    assert writer.journal is not None and not writer.journal.path.exists(), "all written: journal removed"


def test_a_label_is_in_the_journal_when_submit_returns(tmp_path: Path) -> None:
    path = tmp_path / "test.db"
    first, _second = first_two(path, build_db(path)[0])
    writer = LabelWriter(str(path), "alice")
    entry = writer.submit(SetLabel(first, "stance", "agree"))
    assert writer.journal is not None
    assert read_journal(writer.journal.path)[1] == [entry]
    assert writer.pending == 1
    assert not writer.close(timeout=0), "never started: the label stays in the journal"
    assert read_journal(writer.journal.path)[1] == [entry]


def test_a_locked_database_keeps_labels_for_the_next_session(tmp_path: Path) -> None:
    path = tmp_path / "test.db"
    first, second = first_two(path, build_db(path)[0])
    writer = LabelWriter(str(path), "alice")
    writer.start(Collector())  # type: ignore[arg-type]
    with locked(path):
        writer.submit(SetLabel(first, "stance", "agree"))
        writer.submit(SetLabel(second, "checkworthy", "not-factual"))
        assert not writer.close(timeout=0.2)
        assert writer.pending == 2
        writer._thread.join(10)
    assert not writer.alive
    assert db_labels(path, "alice") == {}
    later, collector = LabelWriter(str(path), "alice"), Collector()
    later.start(collector)  # type: ignore[arg-type]
    assert later.close()
    assert db_labels(path, "alice") == {(first, "stance"): "agree", (second, "checkworthy"): "not-factual"}
    assert collector.outcomes() == ["saved", "saved"]
    assert list(journal_dir(path).iterdir()) == []


def test_writer_waits_for_a_lock_held_longer_than_its_patience(tmp_path: Path) -> None:
    path = tmp_path / "test.db"
    first, _second = first_two(path, build_db(path)[0])
    writer, collector = LabelWriter(str(path), "alice"), Collector()
    writer.start(collector)  # type: ignore[arg-type]
    with locked(path) as holder:
        writer.submit(SetLabel(first, "stance", "agree"))
        writer._thread.join(1.5)  # three times the writer's patience: it keeps waiting, silently
        assert writer.pending == 1 and collector.messages == []
        holder.execute("rollback")
        assert writer.close()
    assert db_labels(path, "alice") == {(first, "stance"): "agree"}


def test_writer_reports_a_database_it_cannot_open(tmp_path: Path) -> None:
    path = tmp_path / "not.db"
    path.write_text("this is not a database")
    writer, collector = LabelWriter(str(path), "alice"), Collector()
    writer.start(collector)  # type: ignore[arg-type]
    writer.close()
    assert not writer.alive
    assert [type(m) for m in collector.messages] == [WriteFailed]


def test_an_idle_writer_writes_what_a_killed_session_left_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "test.db"
    first, _second = first_two(path, build_db(path)[0])
    monkeypatch.setattr(writer_module, "ORPHAN_CHECK_S", 0.05)
    writer, collector = LabelWriter(str(path), "alice"), Collector()
    writer.start(collector)  # type: ignore[arg-type]
    killed = Journal(path, SessionInfo.new("alice"))  # alice's other terminal, killed with a label unwritten
    killed.append(JournalEntry.set(first, None, {"stance": "agree"}))
    killed.close()
    deadline = time.monotonic() + 30
    while not db_labels(path, "alice") and time.monotonic() < deadline:
        time.sleep(0.02)
    assert writer.close()
    assert db_labels(path, "alice") == {(first, "stance"): "agree"}
    assert collector.outcomes() == ["saved"] and not killed.path.exists()
