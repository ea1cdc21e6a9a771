"""Flags, and correcting segmentation in the store: split and join, labels moved or flagged, undo."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from tui_helpers import ARTICLE_A, build_db

from factcheck.store import FLAG, SEGMENT, Store
from factcheck.store.ids import mention_id

TABLES = {
    "mentions": "id",
    "annotations": "mention_id, annotator, field",
    "flags": "mention_id, annotator",
    "claims": "id",
    "gold": "target_id, field",
    "claim_links": "claim_a, claim_b",
}


def dump(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the tables an edit touches, in a stable order."""
    conn = sqlite3.connect(path)
    try:
        return {t: conn.execute(f"select * from {t} order by {key}").fetchall() for t, key in TABLES.items()}
    finally:
        conn.close()


def consistent(store: Store) -> None:
    """Indices run 0..n-1 per article; every mention's claim exists with the right size."""
    for article in store.articles():
        assert [m.index for m in store.mentions(article.id)] == list(range(len(store.mentions(article.id))))
    sql = (
        "select c.id, c.size, (select count(*) from mentions m where m.claim_id = c.id), "
        "exists (select 1 from mentions m where m.id = c.canonical_mention_id and m.claim_id = c.id) "
        "from claims c"
    )
    for cid, size, members, canonical in store.db.execute(sql):
        assert size == members and members > 0 and canonical, cid
    orphan = (
        "select count(*) from mentions m where not exists (select 1 from claims c where c.id = m.claim_id)"
    )
    assert store.db.execute(orphan).fetchone()[0] == 0


def built(path: Path) -> list[str]:
    """The three-article test database, its shared claim's row made to fit its mentions."""
    ids = build_db(path)
    with Store(path) as store, store.transaction():
        store.db.execute(
            "update claims set size = (select count(*) from mentions m where m.claim_id = claims.id)"
        )
        store.db.execute("delete from claims where size = 0")
    return ids


@pytest.fixture
def db(tmp_path: Path) -> tuple[Path, list[str]]:
    path = tmp_path / "t.db"
    return path, built(path)


def test_split_moves_labels_to_the_first_part_and_flags_them_for_others(db: tuple[Path, list[str]]) -> None:
    path, ids = db
    with Store(path) as store:
        a = store.mentions(ids[0])
        store.set_label("alice", a[0].id, "stance", "agree")
        store.set_label("bob", a[0].id, "stance", "discuss")
        store.set_label("bob", a[2].id, "stance", "agree")
        at = a[0].start + ARTICLE_A.index(" into civilian") + 1  # "...investigation | into civilian deaths"
        edit = store.split_mention("alice", a[0].id, at, ("Amnesty International", None))
        after = store.mentions(ids[0])
        assert [m.text for m in after[:2]] == [
            "Amnesty International called for an independent investigation",
            "into civilian deaths in Mosul.",
        ]
        assert edit.removed == (a[0].id,) and edit.added == (after[0].id, after[1].id)
        assert after[0].id == mention_id(ids[0], after[0].start, after[0].end), "ids stay content-addressed"
        assert [m.id for m in after[2:]] == [m.id for m in a[1:]], "untouched sentences keep their ids"
        assert store.labels("alice", ids[0]) == {after[0].id: {"stance": "agree"}}
        assert store.labels("bob", ids[0]) == {
            after[0].id: {"stance": "discuss"},
            a[2].id: {"stance": "agree"},
        }
        assert store.flagged("bob", ids[0]) == {after[0].id}, "bob's labels moved to a changed sentence"
        assert store.flagged("alice", ids[0]) == set()
        assert after[0].suggested_source == "Amnesty International" and after[1].suggested_source is None
        assert edit.flagged == ((after[0].id, "bob"),)
        event = store.events_for("alice", limit=1)[0]
        assert (event["kind"], event["field"], event["mention_id"]) == ("segment", "split", a[0].id)
        consistent(store)


def test_undo_of_a_split_restores_every_row(db: tuple[Path, list[str]]) -> None:
    path, ids = db
    with Store(path) as store:
        a = store.mentions(ids[0])
        store.set_label("alice", a[1].id, "verification", "refuted")  # the claim shared with article B
        store.set_label("bob", a[1].id, "stance", "discuss")
        store.set_flag("carol", a[1].id, True)
        store.set_gold("mention", a[1].id, "stance", "discuss", "dave")
    before = dump(path)
    with Store(path) as store:
        at = a[1].text.index(" between") + a[1].start
        edit = store.split_mention("alice", a[1].id, at)
        consistent(store)
        claim = store.mentions(ids[1])[1].claim_id
        assert store.db.execute("select size from claims where id = ?", [claim]).fetchone()[0] == 1
        assert store.gold_for(edit.added[0]) == {"stance": "discuss"}
        assert dump(path) != before
        changes = store.undo("alice")
        assert [(c.field, c.old) for c in changes] == [(SEGMENT, "split"), ("verification", None)]
        consistent(store)
    assert dump(path) == before


def test_join_merges_labels_and_flags_conflicts(db: tuple[Path, list[str]]) -> None:
    path, ids = db
    with Store(path) as store:
        a = store.mentions(ids[0])
        store.set_label("alice", a[2].id, "stance", "agree")
        store.set_label("alice", a[3].id, "stance", "disagree")
        store.set_label("alice", a[3].id, "note", "question")
        store.set_label("bob", a[3].id, "checkworthy", "unimportant")
    before = dump(path)
    with Store(path) as store:
        edit = store.join_mentions("alice", a[2].id)
        joined = store.mentions(ids[0])[2]
        assert joined.text == a[2].text + " " + a[3].text
        assert (joined.start, joined.end) == (a[2].start, a[3].end)
        assert len(store.mentions(ids[0])) == 4 and store.mentions(ids[0])[3].id == a[4].id
        assert store.labels("alice", ids[0])[joined.id] == {"stance": "agree", "note": "question"}
        assert store.labels("bob", ids[0])[joined.id] == {"checkworthy": "unimportant"}
        assert edit.flagged == ((joined.id, "alice"), (joined.id, "bob")), "a conflict, and someone else's"
        consistent(store)
        store.undo("alice")
        consistent(store)
    assert dump(path) == before


def test_the_same_edit_gives_the_same_ids_everywhere(tmp_path: Path) -> None:
    made = []
    for name in ["one.db", "two.db"]:
        ids = built(tmp_path / name)
        with Store(tmp_path / name) as store:
            first = store.mentions(ids[0])[0]
            store.split_mention("x", first.id, first.start + 20)
            store.join_mentions("x", store.mentions(ids[0])[2].id)
            made.append([m.id for m in store.mentions(ids[0])])
    assert made[0] == made[1]


@pytest.mark.parametrize("where", ["start", "end", "space"])
def test_a_split_must_leave_text_on_both_sides(db: tuple[Path, list[str]], where: str) -> None:
    path, ids = db
    before = dump(path)
    with Store(path) as store:
        first = store.mentions(ids[0])[0]
        at = {"start": first.start, "end": first.end, "space": first.start + 1}[where]
        if where == "space":
            store.db.execute("update articles set text = ' ' || substr(text, 2) where id = ?", [ids[0]])
        with pytest.raises(ValueError, match="text on both sides"):
            store.split_mention("alice", first.id, at)
        if where == "space":
            store.db.execute("update articles set text = ? where id = ?", [ARTICLE_A, ids[0]])
    assert dump(path) == before


def test_the_last_sentence_has_nothing_to_join(db: tuple[Path, list[str]]) -> None:
    path, ids = db
    before = dump(path)
    with Store(path) as store:
        last = store.mentions(ids[0])[-1]
        with pytest.raises(ValueError, match="nothing to join"):
            store.join_mentions("alice", last.id)
        with pytest.raises(ValueError, match="no longer exists"):
            store.join_mentions("alice", "nope")
    assert dump(path) == before


def test_an_edit_whose_sentences_changed_since_is_not_undone(db: tuple[Path, list[str]]) -> None:
    path, ids = db
    with Store(path) as store:
        first = store.mentions(ids[0])[0]
        edit = store.split_mention("alice", first.id, first.start + 35)
        store.set_label("bob", edit.added[1], "stance", "agree")
        before = dump(path)
        with pytest.raises(ValueError, match="bob's stance of sentence 2 of article 1 was changed since"):
            store.undo("alice")
        assert dump(path) == before, "a refused undo writes nothing"
        store.set_flag("carol", edit.added[0], True)
        store.set_label("bob", edit.added[1], "stance", None)
        with pytest.raises(ValueError, match="carol's flag on sentence 1 of article 1"):
            store.undo("alice")
        store.set_flag("carol", edit.added[0], False)
        store.undo("alice")
        assert store.mentions(ids[0])[0].id == first.id
        consistent(store)


def test_an_edit_edited_again_is_not_undone(db: tuple[Path, list[str]]) -> None:
    path, ids = db
    with Store(path) as store:
        first = store.mentions(ids[0])[0]
        edit = store.split_mention("alice", first.id, first.start + 35)
        store.join_mentions("bob", edit.added[0])
        with pytest.raises(ValueError, match="split or joined since"):
            store.undo("alice")


def test_flags_are_logged_and_undone(db: tuple[Path, list[str]]) -> None:
    path, ids = db
    with Store(path) as store:
        first, second = store.mentions(ids[0])[:2]
        store.set_label("alice", first.id, "stance", "agree")
        assert [(c.field, c.new) for c in store.set_flag("alice", second.id, True)] == [(FLAG, "flagged")]
        assert store.set_flag("alice", second.id, True) == []
        assert store.flagged_by([first.id, second.id]) == {second.id: ["alice"]}
        assert store.events_for("alice", limit=1)[0]["kind"] == "flag"
        undone = store.undo("alice")
        assert [(c.field, c.old, c.new) for c in undone] == [(FLAG, "flagged", None)]
        assert store.flagged("alice", ids[0]) == set()
        store.undo("alice")
        assert store.labels("alice", ids[0]) == {}, "the label before the flag is undone next"


def test_a_planned_sentence_stays_planned_when_split_or_joined(db: tuple[Path, list[str]]) -> None:
    path, ids = db
    from factcheck.plan import PlanRequest, plan_rows

    request = PlanRequest(("alice", "bob"))
    with Store(path) as store:
        store.replan("sentence", lambda state: plan_rows(state, request), request.settings())
        first = store.mentions(ids[0])[0]
        given = {
            who
            for (who,) in store.db.execute("select annotator from assignments where item_id = ?", [first.id])
        }
        assert given
    before = dump(path)
    with Store(path) as store:
        edit = store.split_mention("carol", first.id, first.start + 35)
        for mid in edit.added:
            sql = "select annotator from assignments where item_id = ?"
            assert {who for (who,) in store.db.execute(sql, [mid])} == given
        sql = "select count(*) from assignments where item_id = ?"
        assert store.db.execute(sql, [first.id]).fetchone()[0] == 0
        store.undo("carol")
    assert dump(path) == before
    with Store(path) as store:
        assert {
            who
            for (who,) in store.db.execute("select annotator from assignments where item_id = ?", [first.id])
        } == given
