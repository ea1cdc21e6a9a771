"""Flags, splits, joins and the values a condition clears, through the session journal like labels."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from test_segments import built, consistent, dump
from tui_helpers import db_labels

from factcheck.store import FLAG, SEGMENT, Journal, JournalEntry, SessionInfo, Store, read_journal


@pytest.fixture
def db(tmp_path: Path) -> tuple[Path, list[str]]:
    """Three articles; returns the path and the first article's mention ids."""
    path = tmp_path / "test.db"
    ids = built(path)
    with Store(path) as store:
        return path, [m.id for m in store.mentions(ids[0])]


def flags(path: Path) -> set[str]:
    with Store(path) as store:
        return set(store.all_flags())


def texts(path: Path) -> list[str]:
    with Store(path) as store:
        return [m.text for m in store.mentions(store.articles()[0].id)]


def test_flag_split_and_join_entries_read_back_from_the_journal(db: tuple[Path, list[str]]) -> None:
    path, mids = db
    info = SessionInfo.new("alice")
    journal = Journal(path, info)
    entries = [
        JournalEntry.flag(mids[0], True),
        JournalEntry.split(mids[1], 40, ("Amnesty", None)),
        JournalEntry.join(mids[2], "[/] ünï"),
        JournalEntry.undo(None),
    ]
    for entry in entries:
        journal.append(entry)
    assert not journal.close()
    assert read_journal(journal.path) == (info, entries)


def test_each_entry_is_applied_once_and_named_by_its_batch(db: tuple[Path, list[str]]) -> None:
    path, mids = db
    alice = SessionInfo.new("alice")
    flag, join = JournalEntry.flag(mids[0], True), JournalEntry.join(mids[2], None)
    with Store(path) as store:
        assert [(c.field, c.new) for c in store.apply_entry(alice, flag).changes] == [(FLAG, "flagged")]
        edit = store.apply_entry(alice, join).segment
        assert edit is not None and edit.removed == (mids[2], mids[3])
        assert store.apply_entry(alice, flag).duplicate and store.apply_entry(alice, join).duplicate
        rows = store.db.execute("select kind, batch, session from events order by id").fetchall()
        assert rows == [("flag", flag.id, alice.id), ("segment", join.id, alice.id)]
        consistent(store)
    assert len(texts(path)) == 4 and flags(path) == {mids[0]}


def test_a_split_written_late_keeps_the_time_of_its_key(db: tuple[Path, list[str]]) -> None:
    """The labels it moves are stamped with its key's time: a label pressed after it is not "newer"."""
    path, mids = db
    alice = SessionInfo.new("alice")
    with Store(path) as store:
        store.apply_entry(alice, JournalEntry.set(mids[0], None, {"stance": "agree"}))
        split = dataclasses.replace(
            JournalEntry.split(mids[0], 40, (None, None)), ts="2001-01-01T00:00:00.000+00:00"
        )
        edit = store.apply_entry(alice, split).segment
        assert edit is not None
        later = JournalEntry.set(edit.added[0], None, {"stance": "discuss"})
        later = dataclasses.replace(
            later, ts="2001-01-01T00:00:01.000+00:00"
        )  # pressed right after, written now
        outcome = store.apply_entry(alice, later)
        assert outcome.kept == [] and [c.new for c in outcome.changes] == ["discuss"]


def test_undo_of_a_flag_is_per_session_and_refused_once_it_changed_elsewhere(
    db: tuple[Path, list[str]],
) -> None:
    path, mids = db
    one, two = SessionInfo.new("alice"), SessionInfo.new("alice")
    with Store(path) as store:
        mine, theirs = JournalEntry.flag(mids[0], True), JournalEntry.flag(mids[1], True)
        store.apply_entry(one, mine)
        store.apply_entry(two, theirs)
        undone = store.apply_entry(one, JournalEntry.undo(mine.id))
        assert [(c.mention_id, c.field, c.new) for c in undone.changes] == [(mids[0], FLAG, None)]
        assert flags(path) == {mids[1]}, "the other session's flag stays"
        store.apply_entry(one, JournalEntry.flag(mids[1], False))
        refused = store.apply_entry(two, JournalEntry.undo(theirs.id))
        assert refused.refused is not None
        assert refused.refused.startswith(
            "the flag of sentence 2 of article 1 was changed since by another annotation session"
        )
    assert flags(path) == set()


def test_undo_of_a_split_or_join_is_per_session_and_refused_once_its_sentences_changed(
    db: tuple[Path, list[str]],
) -> None:
    path, mids = db
    one, two = SessionInfo.new("alice"), SessionInfo.new("alice")
    before = dump(path)
    with Store(path) as store:
        split, join = JournalEntry.split(mids[0], 40, (None, None)), JournalEntry.join(mids[3], None)
        made = store.apply_entry(one, split).segment
        store.apply_entry(two, join)
        assert made is not None
        undone = store.apply_entry(one, JournalEntry.undo(split.id))
        assert [(c.field, c.old) for c in undone.changes[:1]] == [(SEGMENT, "split")]
        assert len(texts(path)) == 4, "the other session's join stays"
        joined = store.mentions(store.articles()[0].id)[3].id
        store.apply_entry(one, JournalEntry.set(joined, None, {"stance": "agree"}))
        refused = store.apply_entry(two, JournalEntry.undo(join.id))
        assert refused.refused is not None
        assert refused.refused.startswith(
            "your stance of sentence 4 of article 1 was changed since by another annotation session"
        )
        own = JournalEntry.set(joined, None, {"stance": "discuss"})
        store.apply_entry(two, own)
        refused = store.apply_entry(two, JournalEntry.undo(join.id))
        assert refused.refused is not None and refused.refused.endswith("(undo that first)")
        store.apply_entry(two, JournalEntry.undo(own.id))
        store.apply_entry(one, JournalEntry.set(joined, None, {"stance": None}))
        assert store.apply_entry(two, JournalEntry.undo(join.id)).refused is None
        consistent(store)
    assert dump(path) == before


def test_undo_after_a_restart_reaches_flags_splits_and_joins_of_ended_sessions(
    db: tuple[Path, list[str]],
) -> None:
    path, mids = db
    ended, now = SessionInfo.new("alice"), SessionInfo.new("alice")
    before = dump(path)
    with Store(path) as store:
        store.apply_entry(ended, JournalEntry.flag(mids[4], True))
        store.apply_entry(ended, JournalEntry.split(mids[0], 40, (None, None)))
        store.apply_entry(ended, JournalEntry.join(mids[2], None))
        kinds = []
        for _ in range(3):
            outcome = store.apply_entry(now, JournalEntry.undo(None))
            assert outcome.refused is None
            kinds.append(next(c.old if c.field == SEGMENT else c.field for c in outcome.changes))
        assert kinds == ["join", "split", FLAG], "newest first"
        assert store.apply_entry(now, JournalEntry.undo(None)).refused == "nothing to undo"
        consistent(store)
    assert dump(path) == before


def test_what_a_condition_clears_is_in_the_keys_batch_and_one_undo_restores_it(
    db: tuple[Path, list[str]],
) -> None:
    path, mids = db
    alice = SessionInfo.new("alice")
    with Store(path) as store:
        given = JournalEntry.set(
            mids[0], None, {"checkworthy": "check-worthy", "stance": "agree", "source": "Amnesty"}
        )
        store.apply_entry(alice, given)
        x = JournalEntry.set(mids[0], None, {"checkworthy": "not-factual"})
        outcome = store.apply_entry(alice, x)
        assert {(c.field, c.new) for c in outcome.changes} == {
            ("checkworthy", "not-factual"),
            ("stance", None),
            ("source", None),
        }
        batches = store.db.execute(
            "select distinct batch, session from events where batch = ?", [x.id]
        ).fetchall()
        assert batches == [(x.id, alice.id)]
        assert db_labels(path, "alice") == {(mids[0], "checkworthy"): "not-factual"}
        undone = store.apply_entry(alice, JournalEntry.undo(x.id))
        assert len(undone.changes) == 3
    assert db_labels(path, "alice") == {
        (mids[0], "checkworthy"): "check-worthy",
        (mids[0], "stance"): "agree",
        (mids[0], "source"): "Amnesty",
    }
