"""The session journal and applying its entries: once each, never over a newer value, undo per session."""

from __future__ import annotations

import dataclasses
import errno
import os
import sqlite3
from pathlib import Path

import pytest
from tui_helpers import build_db, db_labels

from factcheck.schema import DEFAULT_SCHEMA, Schema
from factcheck.store import (
    Journal,
    JournalEntry,
    JournalError,
    SessionInfo,
    Store,
    StoreBusy,
    journal_dir,
    live_sessions,
    read_journal,
    unapplied_entries,
)
from factcheck.store import journal as journal_module


@pytest.fixture
def db(tmp_path: Path) -> tuple[Path, list[str]]:
    """Three articles; sentence 2 of the first two share a claim. Returns the path and mention ids."""
    path = tmp_path / "test.db"
    ids = build_db(path)
    with Store(path) as store:
        mentions = [m.id for aid in ids for m in store.mentions(aid)]
    return path, mentions


def stance(mention_id: str, value: str | None, ts: str | None = None) -> JournalEntry:
    entry = JournalEntry.set(mention_id, None, {"stance": value})
    return dataclasses.replace(entry, ts=ts) if ts else entry


def test_an_entry_is_applied_once_and_a_replay_never_reverts_a_newer_value(
    db: tuple[Path, list[str]],
) -> None:
    path, mids = db
    alice = SessionInfo.new("alice")
    entry = stance(mids[0], "agree")
    with Store(path) as store:
        first = store.apply_entry(alice, entry)
        assert [c.new for c in first.changes] == ["agree"] and not first.duplicate
        store.import_labels([(mids[0], "alice", "stance", "disagree")])
        again = store.apply_entry(alice, entry)
        assert again.duplicate and again.changes == []
    assert db_labels(path, "alice") == {(mids[0], "stance"): "disagree"}


def test_a_value_changed_elsewhere_after_the_key_is_kept_and_named(db: tuple[Path, list[str]]) -> None:
    path, mids = db
    alice = SessionInfo.new("alice")
    with Store(path) as store:
        store.import_labels([(mids[0], "alice", "stance", "disagree")])
        late = store.apply_entry(alice, stance(mids[0], "agree", ts="2000-01-01T00:00:00.000+00:00"))
        assert late.changes == [] and len(late.kept) == 1
        assert "stance of sentence 1 of article 1" in late.kept[0] and "an import" in late.kept[0]
        # A key pressed after the import (the database was merely busy) wins.
        on_time = store.apply_entry(alice, stance(mids[0], "agree"))
        assert [c.new for c in on_time.changes] == ["agree"]
    assert db_labels(path, "alice") == {(mids[0], "stance"): "agree"}


def test_this_session_always_overwrites_its_own_values(db: tuple[Path, list[str]]) -> None:
    path, mids = db
    alice = SessionInfo.new("alice")
    with Store(path) as store:
        store.apply_entry(alice, stance(mids[0], "agree"))
        # Even stamped earlier (a clock set back), a later key of the same session is applied.
        store.apply_entry(alice, stance(mids[0], "discuss", ts="2000-01-01T00:00:00.000+00:00"))
    assert db_labels(path, "alice") == {(mids[0], "stance"): "discuss"}


def test_a_value_the_schema_in_force_refuses_is_refused_and_recorded(db: tuple[Path, list[str]]) -> None:
    path, mids = db
    alice = SessionInfo.new("alice")
    entry = stance(mids[0], "discuss")
    with Store(path) as writer:
        narrowed = Schema(
            tuple(
                dataclasses.replace(f, values=tuple(v for v in f.values if v != "discuss"))
                if f.name == "stance"
                else f
                for f in DEFAULT_SCHEMA
            )
        )
        Store(path, narrowed).close()  # another process narrows the schema
        outcome = writer.apply_entry(alice, entry)
        assert outcome.refused is not None and "'discuss' is not a value of 'stance'" in outcome.refused
        assert writer.schema == narrowed, "the writer re-read the schema in force"
    assert db_labels(path, "alice") == {}
    conn = sqlite3.connect(path)
    verdict = conn.execute("select outcome from journal_entries where id = ?", [entry.id]).fetchone()[0]
    conn.close()
    assert verdict.startswith("refused:")


def test_a_sentence_no_longer_in_the_database_is_refused(db: tuple[Path, list[str]]) -> None:
    path, _mids = db
    with Store(path) as store:
        outcome = store.apply_entry(SessionInfo.new("alice"), stance("gone", "agree"))
    assert outcome.refused == "that sentence is no longer in the database (it was split or joined since)"


def test_undo_reverts_only_this_sessions_action(db: tuple[Path, list[str]]) -> None:
    path, mids = db
    one, two = SessionInfo.new("alice"), SessionInfo.new("alice")
    with Store(path) as store:
        mine = stance(mids[0], "agree")
        store.apply_entry(one, mine)
        store.apply_entry(two, stance(mids[1], "disagree"))
        undone = store.apply_entry(one, JournalEntry.undo(mine.id))
        assert [(c.mention_id, c.new) for c in undone.changes] == [(mids[0], None)]
        again = store.apply_entry(one, JournalEntry.undo(mine.id))
        assert again.refused == "that change is already undone"
    assert db_labels(path, "alice") == {(mids[1], "stance"): "disagree"}


def test_undo_refuses_a_value_changed_since_by_an_import_or_another_session(
    db: tuple[Path, list[str]],
) -> None:
    path, mids = db
    one, two = SessionInfo.new("alice"), SessionInfo.new("alice")
    with Store(path) as store:
        first, second = stance(mids[0], "agree"), stance(mids[1], "agree")
        store.apply_entry(one, first)
        store.apply_entry(one, second)
        store.import_labels([(mids[0], "alice", "stance", "discuss")])
        refused = store.apply_entry(one, JournalEntry.undo(first.id))
        assert refused.refused is not None
        assert refused.refused.startswith("stance of sentence 1 of article 1 was changed since by an import")
        store.apply_entry(two, stance(mids[1], "disagree"))
        refused = store.apply_entry(one, JournalEntry.undo(second.id))
        assert refused.refused is not None and "another annotation session" in refused.refused
    assert db_labels(path, "alice") == {(mids[0], "stance"): "discuss", (mids[1], "stance"): "disagree"}


def test_undo_after_a_restart_reaches_ended_sessions_on_this_host_only(db: tuple[Path, list[str]]) -> None:
    path, mids = db
    ended, running, now = SessionInfo.new("alice"), SessionInfo.new("alice"), SessionInfo.new("alice")
    elsewhere = dataclasses.replace(SessionInfo.new("alice"), host="another-host")
    journal = Journal(path, running)  # a session still open in another terminal
    try:
        with Store(path) as store:
            store.apply_entry(ended, stance(mids[0], "agree"))
            store.apply_entry(elsewhere, stance(mids[1], "agree"))
            store.apply_entry(running, stance(mids[2], "agree"))
            assert live_sessions(path) == {running.id}
            undone = store.apply_entry(now, JournalEntry.undo(None))
            assert [c.mention_id for c in undone.changes] == [mids[0]]
            assert store.apply_entry(now, JournalEntry.undo(None)).refused == "nothing to undo"
    finally:
        journal.close()
    assert set(db_labels(path, "alice")) == {(mids[1], "stance"), (mids[2], "stance")}


def test_claim_scoped_values_reach_the_claim_and_undo_together(db: tuple[Path, list[str]]) -> None:
    path, mids = db
    alice = SessionInfo.new("alice")
    with Store(path) as store:
        shared = store.mention(mids[1])
        assert shared is not None
        entry = JournalEntry.set(mids[1], shared.claim_id, {"verification": "refuted"})
        assert len(store.apply_entry(alice, entry).changes) == 2
        assert len(store.apply_entry(alice, JournalEntry.undo(entry.id)).changes) == 2
    assert db_labels(path, "alice") == {}


def test_labelled_means_a_mention_scoped_value(db: tuple[Path, list[str]]) -> None:
    path, mids = db
    with Store(path) as store:
        articles = [a.id for a in store.articles()]
        store.set_label("alice", mids[1], "verification", "refuted")  # reaches article 2 too
        assert store.labelled_counts("alice") == {}
        assert store.first_unlabelled("alice", articles[1]) == 0
        store.set_label("alice", mids[0], "checkworthy", "not-factual")
        assert store.labelled_counts("alice") == {articles[0]: 1}
        assert store.first_unlabelled("alice", articles[0]) == 1


def test_journal_lines_survive_and_a_cut_last_line_is_skipped(db: tuple[Path, list[str]]) -> None:
    path, mids = db
    info = SessionInfo.new("alice")
    journal = Journal(path, info)
    entries = [stance(mids[0], "agree"), JournalEntry.set(mids[1], None, {"note": "[/] \x1b ünï"})]
    for entry in entries:
        journal.append(entry)
    with journal.path.open("ab") as raw:
        raw.write(b'{"id": "cut", "ts": "2')
    assert journal.path.parent == journal_dir(path)
    assert read_journal(journal.path) == (info, entries)
    assert unapplied_entries(path, "alice") == [], "a running session's entries are its own business"
    assert not journal.close(), "unapplied entries are kept"
    assert journal.path.exists()
    assert unapplied_entries(path, "alice") == entries
    assert unapplied_entries(path, "bob") == []


def test_replay_applies_ended_sessions_journals_and_leaves_running_ones(db: tuple[Path, list[str]]) -> None:
    path, mids = db
    ended, running = Journal(path, SessionInfo.new("alice")), Journal(path, SessionInfo.new("bob"))
    ended.append(stance(mids[0], "agree"))
    ended.close()  # like a killed process: the file stays, nobody holds it
    running.append(stance(mids[1], "agree"))
    try:
        with Store(path) as store:
            seen: list[str] = []
            assert store.replay_journals(each=lambda info, entry, outcome: seen.append(info.annotator)) == 1
            assert seen == ["alice"]
            assert store.replay_journals() == 0
    finally:
        running.close()
    assert not ended.path.exists() and running.path.exists()
    assert db_labels(path, "alice") == {(mids[0], "stance"): "agree"}
    assert db_labels(path, "bob") == {}


def test_a_journal_cut_back_once_everything_is_applied_and_removed_at_close(
    db: tuple[Path, list[str]],
) -> None:
    path, mids = db
    journal = Journal(path, SessionInfo.new("alice"))
    header = journal.path.stat().st_size
    journal.append(stance(mids[0], "agree"))
    assert journal.unapplied == 1 and journal.path.stat().st_size > header
    journal.applied()
    assert journal.unapplied == 0 and journal.path.stat().st_size == header
    assert journal.close() and not journal.path.exists()


def test_a_write_waits_at_most_its_patience_for_the_lock(db: tuple[Path, list[str]]) -> None:
    path, mids = db
    holder = sqlite3.connect(path)
    holder.execute("begin immediate")
    try:
        with Store(path) as store:
            store.set_patience(0.05)
            with pytest.raises(StoreBusy):
                store.apply_entry(SessionInfo.new("alice"), stance(mids[0], "agree"))
    finally:
        holder.rollback()
        holder.close()


def test_a_write_cut_short_by_a_full_disk_is_taken_back(
    db: tuple[Path, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, mids = db
    journal = Journal(path, SessionInfo.new("alice"))
    kept = stance(mids[0], "agree")
    journal.append(kept)
    real_write = os.write

    def half_then_full(fd: int, data: memoryview | bytes) -> int:
        if len(data) > 10:
            return real_write(fd, bytes(data[: len(data) // 2]))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(journal_module.os, "write", half_then_full)
    with pytest.raises(JournalError, match="No space left on device"):
        journal.append(stance(mids[1], "agree"))
    monkeypatch.undo()
    later = stance(mids[2], "agree")
    journal.append(later)
    assert read_journal(journal.path)[1] == [kept, later]
    assert journal.unapplied == 2
    journal.close()
