"""Merging databases: union, conflicts, idempotence, refusals, all or nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from factcheck.merge import merge_databases
from factcheck.schema import DEFAULT_SCHEMA, Field, Schema
from factcheck.store import NewArticle, Store, StoreError
from factcheck.store.merge import MergeReport

TEXTS = [
    "Amnesty said 105 civilians were killed. The coalition denied it.",
    "Officials said the port reopened. Ships docked on Monday.",
    "A third story arrived late. Its second sentence.",
]


def new_article(text: str, path: str) -> NewArticle:
    cut = text.index(". ") + 1
    return NewArticle(
        path=path, raw=text, text=text, spans=[(0, cut), (cut + 1, len(text))], sources=[None, None]
    )


def make(path: Path, texts: list[str], schema: Schema | None = None) -> Store:
    store = Store(path, schema)
    for i, text in enumerate(texts):
        store.add_article(new_article(text, f"{i}.txt"))
    return store


def ids(store: Store) -> list[str]:
    return [m.id for m in store.iter_mentions()]


def stamp(store: Store, mention_id: str, annotator: str, field: str, when: str) -> None:
    """Back-date a label, so which side is newer does not depend on the clock."""
    with store.transaction():
        store.db.execute(
            "update annotations set updated_at = ? where mention_id = ? and annotator = ? and field = ?",
            [when, mention_id, annotator, field],
        )


def dump(store: Store) -> list[str]:
    return list(store.db.conn.iterdump())


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Store, Store]:
    ours = make(tmp_path / "ours.db", TEXTS[:2])
    theirs = make(tmp_path / "theirs.db", [TEXTS[1], TEXTS[0], TEXTS[2]])
    a, b = ids(ours), ids(theirs)
    ours.set_label("alice", a[0], "stance", "agree")
    theirs.set_label("bob", a[0], "stance", "discuss")
    theirs.set_label("bob", b[4], "checkworthy", "unimportant")  # on the article only they have
    ours.set_label("carol", a[1], "stance", "agree")
    theirs.set_label("carol", a[1], "stance", "disagree")
    stamp(ours, a[1], "carol", "stance", "2024-01-01T00:00:00.000+00:00")
    stamp(theirs, a[1], "carol", "stance", "2024-06-01T00:00:00.000+00:00")
    theirs.set_gold("mention", a[0], "stance", "discuss", "dave")
    return ours, theirs


def test_merge_is_a_union(pair: tuple[Store, Store]) -> None:
    ours, theirs = pair
    report = ours.merge_from(theirs.path)
    assert (report.articles_added, report.mentions_added) == (1, 2)
    assert [a.path for a in ours.articles()] == ["0.txt", "1.txt", "2.txt"]
    assert [a.seq for a in ours.articles()] == [1, 2, 3]
    assert ours.count("claims") == 6
    a = ids(ours)
    assert ours.all_labels([a[0]])[a[0]] == {"alice": {"stance": "agree"}, "bob": {"stance": "discuss"}}
    assert ours.labels("bob", ours.articles()[2].id) == {a[4]: {"checkworthy": "unimportant"}}
    assert ours.gold_for(a[0]) == {"stance": "discuss"}
    assert (report.labels_added, report.gold_added) == (2, 1)
    assert report.events_added == theirs.count("events")


def test_a_conflict_keeps_the_newest_and_logs_the_other(pair: tuple[Store, Store]) -> None:
    ours, theirs = pair
    report = ours.merge_from(theirs.path)
    a = ids(ours)
    assert (report.conflicts, report.labels_updated) == (1, 1)
    assert ours.labels("carol", ours.articles()[0].id)[a[1]] == {"stance": "disagree"}
    merged = [e for e in ours.events_for("carol") if e["kind"] == "merge"]
    assert [(e["old"], e["new"]) for e in merged] == [("agree", "disagree")]


def test_an_older_value_from_the_other_side_loses_but_is_logged(tmp_path: Path) -> None:
    ours = make(tmp_path / "ours.db", TEXTS[:1])
    theirs = make(tmp_path / "theirs.db", TEXTS[:1])
    mid = ids(ours)[0]
    ours.set_label("alice", mid, "stance", "agree")
    theirs.set_label("alice", mid, "stance", "disagree")
    stamp(theirs, mid, "alice", "stance", "2000-01-01T00:00:00.000+00:00")
    report = ours.merge_from(theirs.path)
    assert (report.conflicts, report.labels_updated) == (1, 0)
    assert ours.all_labels([mid])[mid] == {"alice": {"stance": "agree"}}
    assert ours.merge_from(theirs.path).conflicts == 0


def test_merging_twice_changes_nothing(pair: tuple[Store, Store]) -> None:
    ours, theirs = pair
    assert ours.merge_from(theirs.path).changed
    before = dump(ours)
    again = ours.merge_from(theirs.path)
    assert again == MergeReport()
    assert dump(ours) == before


def test_merging_back_and_forth_converges(pair: tuple[Store, Store]) -> None:
    ours, theirs = pair
    ours.merge_from(theirs.path)
    theirs.merge_from(ours.path)
    ours.merge_from(theirs.path)
    labels = "select mention_id, annotator, field, value from annotations order by 1, 2, 3"
    gold = "select target_id, field, value from gold order by 1, 2"
    for sql in (labels, gold):
        assert ours.db.execute(sql).fetchall() == theirs.db.execute(sql).fetchall()


def test_gold_conflict_newest_wins(pair: tuple[Store, Store]) -> None:
    ours, theirs = pair
    mid = ids(ours)[0]
    ours.set_gold("mention", mid, "stance", "agree", "erin")
    with theirs.transaction():  # theirs is older, whatever the clock did
        theirs.db.execute("update gold set updated_at = '2000-01-01T00:00:00.000+00:00'")
    report = ours.merge_from(theirs.path)
    assert (report.gold_conflicts, report.gold_updated, report.gold_added) == (1, 0, 0)
    assert ours.gold_for(mid) == {"stance": "agree"}
    assert ours.merge_from(theirs.path).gold_conflicts == 0


def test_merge_refuses_a_conflicting_schema(tmp_path: Path) -> None:
    ours = make(tmp_path / "ours.db", TEXTS[:1])
    fields = tuple(Field("stance", kind="text") if f.name == "stance" else f for f in DEFAULT_SCHEMA)
    make(tmp_path / "theirs.db", TEXTS[:1], Schema(fields))
    with pytest.raises(StoreError, match="'stance' is choice here but text there"):
        ours.merge_from(tmp_path / "theirs.db")


def test_merge_refuses_labels_this_schema_lacks(tmp_path: Path) -> None:
    ours = make(tmp_path / "ours.db", TEXTS[:1])
    extra = Schema((*DEFAULT_SCHEMA.fields, Field("topic", values=("war", "economy"))))
    theirs = make(tmp_path / "theirs.db", TEXTS[:1], extra)
    make(tmp_path / "unused.db", TEXTS[:1], extra)
    theirs.set_label("bob", ids(theirs)[0], "topic", "war")
    with pytest.raises(StoreError, match="annotations row 1: field 'topic' is not in this schema"):
        ours.merge_from(theirs.path)
    assert not ours.merge_from(tmp_path / "unused.db").changed  # an unused extra field is fine
    Store(ours.path, extra).close()  # extend this schema, then it merges
    assert Store(ours.path).merge_from(theirs.path).labels_added == 1


@pytest.mark.parametrize("content", [b"plain text, not a database" * 50, b""])
def test_merge_refuses_what_is_not_a_factcheck_database(tmp_path: Path, content: bytes) -> None:
    ours = make(tmp_path / "ours.db", TEXTS[:1])
    other = tmp_path / "other.db"
    other.write_bytes(content)
    with pytest.raises(StoreError, match="not a"):
        ours.merge_from(other)


def test_merge_refuses_another_sqlite_database_missing_files_and_itself(tmp_path: Path) -> None:
    ours = make(tmp_path / "ours.db", TEXTS[:1])
    conn = sqlite3.connect(tmp_path / "notes.db")
    conn.execute("create table notes (body text)")
    conn.close()
    with pytest.raises(StoreError, match="not a factcheck database"):
        ours.merge_from(tmp_path / "notes.db")
    with pytest.raises(StoreError, match="no such database"):
        ours.merge_from(tmp_path / "missing.db")
    with pytest.raises(StoreError, match="itself"):
        ours.merge_from(ours.path)


def test_a_merge_that_fails_while_checking_writes_nothing(
    pair: tuple[Store, Store], monkeypatch: pytest.MonkeyPatch
) -> None:
    ours, theirs = pair
    before = dump(ours)

    def broken(*_args: object) -> None:
        raise RuntimeError("disk gone")

    monkeypatch.setattr("factcheck.store.merge.their_states", broken)
    with pytest.raises(RuntimeError):
        ours.merge_from(theirs.path)
    assert dump(ours) == before
    assert "merge_src" not in [row[1] for row in ours.db.execute("pragma database_list")]
    assert not [p for p in Path(ours.path).parent.iterdir() if ".bulk-" in p.name]


def test_merge_databases_checks_every_file_first(pair: tuple[Store, Store], tmp_path: Path) -> None:
    ours, theirs = pair
    before = dump(ours)
    with pytest.raises(StoreError, match=r"missing\.db"):
        merge_databases(ours, [theirs.path, tmp_path / "missing.db"])
    assert dump(ours) == before
    seen: list[str] = []
    reports = merge_databases(ours, [theirs.path], progress=lambda path, _report: seen.append(path))
    assert seen == [theirs.path] and reports[0][1].articles_added == 1


def test_undo_still_works_after_a_merge(pair: tuple[Store, Store]) -> None:
    ours, theirs = pair
    ours.merge_from(theirs.path)
    mid = ids(ours)[0]
    ours.set_label("alice", mid, "stance", "disagree")
    ours.undo("alice")
    assert ours.all_labels([mid])[mid]["alice"] == {"stance": "agree"}
