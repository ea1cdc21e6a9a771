"""The writer thread: applies requests in order, reports failures without dying, drains on close."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from textual.message import Message
from tui_helpers import build_db, db_labels

from factcheck.store import Store
from factcheck.tui.requests import SetLabel, SetLabels, Undo
from factcheck.tui.writer import LabelSaved, LabelWriter, WriteFailed


class Collector:
    """Stands in for the screen: keeps what the writer posts."""

    def __init__(self) -> None:
        self.messages: list[Message] = []

    def post_message(self, message: Message) -> bool:
        self.messages.append(message)
        return True


def test_writer_applies_in_order_reports_failures_and_drains(tmp_path: Path) -> None:
    path = tmp_path / "test.db"
    ids = build_db(path)
    with Store(path) as store:
        first, second = (m.id for m in store.mentions(ids[0])[:2])
    writer, collector = LabelWriter(str(path), "alice"), Collector()
    writer.start(collector)  # type: ignore[arg-type]
    writer.submit(SetLabel(first, "stance", "agree", 1234))
    writer.submit(SetLabel(first, "stance", "not-a-stance"))
    writer.submit(SetLabel("no-such-mention", "stance", "agree"))
    writer.submit(SetLabels(second, {"stance": "discuss", "source": "[/]"}))
    writer.submit(Undo())
    writer.close()
    assert not writer.alive
    kinds = [type(m) for m in collector.messages]
    assert kinds == [LabelSaved, WriteFailed, WriteFailed, LabelSaved, LabelSaved]
    undo = collector.messages[-1]
    assert isinstance(undo, LabelSaved) and {c.field for c in undo.changes} == {"stance", "source"}
    assert db_labels(path, "alice") == {(first, "stance"): "agree"}
    conn = sqlite3.connect(path)
    assert conn.execute("select dwell_ms from events order by id limit 1").fetchone() == (1234,)
    conn.close()


def test_writer_reports_a_database_it_cannot_open(tmp_path: Path) -> None:
    path = tmp_path / "not.db"
    path.write_text("this is not a database")
    writer, collector = LabelWriter(str(path), "alice"), Collector()
    writer.start(collector)  # type: ignore[arg-type]
    writer.close()
    assert not writer.alive
    assert [type(m) for m in collector.messages] == [WriteFailed]
