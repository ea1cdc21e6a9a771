"""Flags, splits, joins and conditional clears from the screen while the database is held elsewhere."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_tui_edits import db_flags, db_texts, notes, rows
from tui_helpers import db_labels, locked, screen_of, wait_until

from factcheck.store import Journal, JournalEntry, SessionInfo, Store
from factcheck.tui.app import FactcheckApp
from factcheck.tui.widgets.status_bar import StatusBar

SIZE = (120, 40)


def status(app: FactcheckApp) -> str:
    return str(screen_of(app).query_one(StatusBar).render())


def db_state(path: Path, article_id: str) -> dict[str, Any]:
    """An article as the database holds it for alice: sentence ids, labels, flags."""
    with Store(path) as store:
        return {
            "mentions": [m.id for m in store.mentions(article_id)],
            "labels": store.labels("alice", article_id),
            "flags": store.flagged("alice", article_id),
        }


def shown_state(app: FactcheckApp) -> dict[str, Any]:
    s = screen_of(app).session
    return {"mentions": [m.id for m in s.mentions], "labels": s.mine, "flags": set(s.flags)}


async def test_a_split_and_what_is_done_on_its_parts_stay_shown_until_written(
    db: tuple[Path, list[str]],
) -> None:
    path, ids = db
    before = db_state(path, ids[0])
    app = FactcheckApp(str(path), "alice")
    with locked(path) as holder:
        async with app.run_test(size=SIZE) as pilot:
            s = screen_of(app).session
            await pilot.press("s", "enter", "1")  # split sentence 1, check-worthy on its first part
            await pilot.press("j", "exclamation_mark")  # flag the second part
            await pilot.press("j", "J", "x")  # join sentences 2 and 3 (now 3 and 4), not-factual
            shown = shown_state(app)
            assert len(shown["mentions"]) == 5 and shown["mentions"][0] not in before["mentions"]
            assert shown["labels"] == {
                shown["mentions"][0]: {"checkworthy": "check-worthy"},
                shown["mentions"][2]: {"checkworthy": "not-factual"},
            }
            assert shown["flags"] == {shown["mentions"][1]}
            listed = rows(app)
            assert listed[0].startswith("●   1 ") and listed[0].endswith(" CW")
            assert listed[1].startswith("○!  2 ") and listed[2].endswith(" NF")
            assert s.overall_progress() == (2, 13)
            await wait_until(pilot, lambda: "5 labels waiting for the database" in status(app))
            await pilot.press("right_square_bracket", "left_square_bracket")
            assert shown_state(app) == shown, "read again from the database, the waiting edits laid over"
            assert rows(app) == listed
            assert db_state(path, ids[0]) == before
            holder.execute("rollback")
            await wait_until(pilot, lambda: app.writer.pending == 0)
            assert db_state(path, ids[0]) == shown
            assert shown_state(app) == shown and rows(app) == listed
            await pilot.press("q")


async def test_flag_split_and_join_are_each_undone_by_one_u_while_waiting(db: tuple[Path, list[str]]) -> None:
    path, ids = db
    before = db_state(path, ids[0])
    texts = db_texts(path, ids[0])
    app = FactcheckApp(str(path), "alice")
    with locked(path) as holder:
        async with app.run_test(size=SIZE) as pilot:
            s = screen_of(app).session
            await pilot.press("1", "1")  # check-worthy, agree on sentence 1
            await pilot.press("k", "exclamation_mark", "s", "enter", "J")  # flag, split, join parts back
            assert len(s.mentions) == 5 and s.mentions[0].text == texts[0]
            assert s.mentions[0].id == before["mentions"][0], "the parts joined: the same span, the same id"
            await pilot.press("u")
            assert [m.text for m in s.mentions[:2]] != texts[:2], "the join is undone: two parts"
            await pilot.press("u")
            assert [m.id for m in s.mentions] == before["mentions"], "the split is undone"
            assert s.mine[s.mentions[0].id] == {"checkworthy": "check-worthy", "stance": "agree"}
            assert s.flags == {s.mentions[0].id}
            await pilot.press("u")
            assert s.flags == set() and rows(app)[0].startswith("●   1 ")
            holder.execute("rollback")
            await wait_until(pilot, lambda: app.writer.pending == 0)
            assert not [n for n in notes(app) if n.startswith(("Not undone", "Not saved"))]
            assert db_state(path, ids[0]) == {**before, "labels": s.mine}
            assert not db_flags(path)
            await pilot.press("q")


async def test_not_factual_and_what_it_clears_are_one_key_shown_and_undone_together(
    db: tuple[Path, list[str]],
) -> None:
    path, ids = db
    with Store(path) as store:
        first = store.mentions(ids[0])[0].id
        store.set_labels(
            "alice", first, {"checkworthy": "check-worthy", "stance": "agree", "source": "Amnesty"}
        )
    app = FactcheckApp(str(path), "alice")
    with locked(path) as holder:
        async with app.run_test(size=SIZE) as pilot:
            s = screen_of(app).session
            await pilot.press("k", "x")
            assert s.mine[first] == {"checkworthy": "not-factual"}
            assert rows(app)[0].endswith(" NF"), "the cleared values leave the summary at once"
            await pilot.press("right_square_bracket", "left_square_bracket")
            assert s.mine[first] == {"checkworthy": "not-factual"}, "and stay cleared over the database's"
            assert rows(app)[0].endswith(" NF")
            await pilot.press("u")
            assert s.mine[first] == {"checkworthy": "check-worthy", "stance": "agree", "source": "Amnesty"}
            assert rows(app)[0].endswith(" CW agree Amnesty")
            holder.execute("rollback")
            await wait_until(pilot, lambda: app.writer.pending == 0)
            await pilot.press("q")
    with Store(path) as store:
        events = store.events_for("alice", limit=10)
    x_batch = {e["batch"] for e in events if e["kind"] == "label" and e["new"] == "not-factual"}
    cleared = [e["field"] for e in events if e["batch"] in x_batch]
    assert sorted(cleared) == ["checkworthy", "source", "stance"], "one batch: one u undoes it"
    undone = [e["field"] for e in events if e["kind"] == "undo" and e["undoes"] in x_batch]
    assert sorted(undone) == ["checkworthy", "source", "stance"]
    assert db_labels(path, "alice") == {
        (first, "checkworthy"): "check-worthy",
        (first, "stance"): "agree",
        (first, "source"): "Amnesty",
    }


async def test_undo_of_a_split_labelled_since_in_another_session_is_refused_and_shown_back(
    db: tuple[Path, list[str]],
) -> None:
    path, ids = db
    app = FactcheckApp(str(path), "alice")
    async with app.run_test(size=SIZE) as pilot:
        s = screen_of(app).session
        await pilot.press("s", "enter")
        await wait_until(pilot, lambda: len(db_texts(path, ids[0])) == 6)
        part = s.mentions[1].id
        with Store(path) as store:  # another session of alice's labels the second part
            store.set_label("alice", part, "stance", "discuss")
        with locked(path):
            await pilot.press("u")
            assert len(s.mentions) == 5, "shown undone at once"
        await wait_until(pilot, lambda: any(n.startswith("Not undone") for n in notes(app)))
        refused = next(n for n in notes(app) if n.startswith("Not undone"))
        assert "your stance of sentence 2 of article 1 was changed since" in refused
        assert len(s.mentions) == 6 and s.mine[part] == {"stance": "discuss"}, "the database's state again"
        assert len(db_texts(path, ids[0])) == 6
        await pilot.press("q")


async def test_another_annotators_split_replayed_from_a_journal_left_behind_is_shown(
    db: tuple[Path, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, ids = db
    monkeypatch.setattr("factcheck.tui.writer.ORPHAN_CHECK_S", 0.1)
    app = FactcheckApp(str(path), "alice")
    async with app.run_test(size=SIZE) as pilot:
        s = screen_of(app).session
        assert len(s.mentions) == 5
        first = s.mentions[0]
        left = Journal(path, SessionInfo.new("bob"))  # bob's session, killed after one key
        left.append(JournalEntry.split(first.id, first.start + 40, (None, None)))
        left.close()
        await wait_until(pilot, lambda: len(s.mentions) == 6)
        assert [m.id for m in s.mentions] == db_state(path, ids[0])["mentions"]
        await pilot.press("q")


async def test_a_split_waiting_for_the_database_keeps_both_parts_in_the_plan(
    db: tuple[Path, list[str]],
) -> None:
    from factcheck.plan import PlanRequest, plan_rows
    from factcheck.tui.planned import PlannedSession

    path, ids = db
    request = PlanRequest(("alice", "bob"))
    with Store(path) as store:
        store.replan("sentence", lambda state: plan_rows(state, request), request.settings())
    app = FactcheckApp(str(path), "alice")
    with locked(path) as holder:
        async with app.run_test(size=SIZE) as pilot:
            s = screen_of(app).session
            assert isinstance(s, PlannedSession) and s.article is not None and s.article.id == ids[0]
            mine = [m.id for m in s.mentions if s.assigned(m)]
            done, total = s.plan_progress()
            at = s.current
            assert at is not None and s.mentions[at].id in mine and done == 0
            await pilot.press("s", "enter")
            assert s.plan_progress() == (0, total + 1)
            parts = s.mentions[at : at + 2]
            assert all(s.assigned(m) for m in parts)
            await pilot.press("x")
            assert s.current == at + 1, "the next assigned sentence: the second part"
            await pilot.press("right_square_bracket", "left_square_bracket")
            assert all(s.assigned(m) for m in s.mentions[at : at + 2]) and s.plan_progress() == (1, total + 1)
            holder.execute("rollback")
            await wait_until(pilot, lambda: app.writer.pending == 0)
            assert s.plan_progress() == (1, total + 1)
            assert [m.id for m in s.mentions if s.assigned(m)] == [
                m.id for m in s.mentions if m.id in mine or m in parts
            ]
            await pilot.press("q")
    with Store(path) as store:
        given = {
            who
            for (who,) in store.db.execute(
                "select annotator from assignments where item_id = ?", [parts[1].id]
            )
        }
    assert given == {"alice"}
