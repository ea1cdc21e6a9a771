"""Flags and segmentation fixes from the annotation screen, key by key, checked against the database."""

from __future__ import annotations

import io
import json
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import TextArea
from tui_helpers import db_labels, screen_of, wait_until

from factcheck.export import export
from factcheck.review import load_items
from factcheck.store import Store
from factcheck.tui.app import FactcheckApp
from factcheck.tui.review.app import ReviewApp
from factcheck.tui.review.screen import ReviewScreen
from factcheck.tui.review.widgets import ItemHeader
from factcheck.tui.screens.annotate import AnnotateScreen
from factcheck.tui.screens.split import SplitScreen, first_guess, index_of, location_of
from factcheck.tui.widgets.sentence_list import SentenceList

SIZE = (120, 40)


@pytest.fixture(autouse=True)
def no_writer_left_behind() -> Iterator[None]:
    """Every test's writer threads have stopped by the time it ends."""
    yield
    assert not [t for t in threading.enumerate() if t.name in ("factcheck-writer", "factcheck-gold-writer")]


def db_flags(path: Path) -> set[tuple[str, str]]:
    conn = sqlite3.connect(path)
    try:
        return set(conn.execute("select mention_id, annotator from flags").fetchall())
    finally:
        conn.close()


def db_texts(path: Path, article_id: str) -> list[str]:
    with Store(path) as store:
        return [m.text for m in store.mentions(article_id)]


def rows(app: FactcheckApp) -> list[str]:
    listing = screen_of(app).query_one(SentenceList)
    return [str(option.prompt) for option in listing.options]


def notes(app: FactcheckApp) -> list[str]:
    return [n.message for n in app._notifications]


async def test_flag_is_shown_filtered_saved_undone_and_exported(db: tuple[Path, list[str]]) -> None:
    path, ids = db
    with Store(path) as store:
        second = store.mentions(ids[0])[1].id
    app = FactcheckApp(str(path), "alice")
    async with app.run_test(size=SIZE) as pilot:
        s = screen_of(app).session
        await pilot.press("j", "exclamation_mark")
        assert rows(app)[1].startswith("○!  2 ")
        await wait_until(pilot, lambda: db_flags(path) == {(second, "alice")})
        assert any(n.startswith("Flagged:") for n in notes(app))
        await pilot.press("j", "j", "f", "f")  # unlabelled, then flagged: only sentence 2, and we go there
        assert (s.filter, s.visible, s.current) == ("flagged", [1], 1)
        assert "flagged only" in str(screen_of(app).query_one("#status").render())
        await pilot.press("f", "f")
        assert s.filter == "all"
        await pilot.press("u")
        await wait_until(pilot, lambda: not db_flags(path))
        await wait_until(pilot, lambda: "Undone: the flag of sentence 2." in notes(app))
        assert rows(app)[1].startswith("○   2 ")
        await pilot.press("exclamation_mark", "exclamation_mark")  # on, then off again
        await pilot.press("exclamation_mark")
        await wait_until(pilot, lambda: db_flags(path) == {(second, "alice")})
    out = io.StringIO()
    with Store(path) as store:
        export(store, "jsonl", out)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["flagged_by"] for r in records[:3]] == [[], ["alice"], []]


async def test_a_flagged_sentence_is_left_for_review(db: tuple[Path, list[str]]) -> None:
    path, ids = db
    with Store(path) as store:
        first, second = store.mentions(ids[0])[:2]
        store.set_label("alice", first.id, "stance", "agree")
        store.set_flag("alice", first.id, True)
        store.set_flag("bob", second.id, True)  # flagged without a label
        items = load_items(store)
    assert [(i.group.target_id, i.field, i.flagged_by) for i in items] == [
        (first.id, "stance", ("alice",)),
        (second.id, "checkworthy", ("bob",)),
    ]
    app = ReviewApp(str(path), "dave")
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, ReviewScreen) and app.screen.state.loaded)
        header = str(app.screen.query_one(ItemHeader).render())
        assert "flagged by alice" in header
        await pilot.press("1")  # agree is gold
        await pilot.press("q")
    with Store(path) as store:
        assert store.gold_for(first.id) == {"stance": "agree"}


async def test_split_at_the_cursor_then_undo(db: tuple[Path, list[str]]) -> None:
    path, ids = db
    before = db_texts(path, ids[0])
    app = FactcheckApp(str(path), "alice")
    async with app.run_test(size=SIZE) as pilot:
        s = screen_of(app).session
        await pilot.press("1", "1")  # check-worthy, agree on sentence 1
        await pilot.press("s")
        assert isinstance(app.screen, SplitScreen)
        area = app.screen.query_one(TextArea)
        assert area.cursor_location == (0, len("Amnesty International called for an independent "))
        await pilot.press("ctrl+right")  # past "investigation"
        preview = str(app.screen.query_one("#split-preview").render())
        assert "1 Amnesty International called for an independent investigation" in preview
        assert "2 into civilian deaths in Mosul." in preview
        await pilot.press("enter")
        assert len(s.mentions) == 6, "shown at once"
        await wait_until(pilot, lambda: len(db_texts(path, ids[0])) == 6)
        assert [m.text for m in s.mentions[:2]] == [
            "Amnesty International called for an independent investigation",
            "into civilian deaths in Mosul.",
        ]
        assert db_texts(path, ids[0])[:2] == [m.text for m in s.mentions[:2]]
        assert s.current == 0 and s.mine[s.mentions[0].id] == {
            "checkworthy": "check-worthy",
            "stance": "agree",
        }
        assert db_labels(path, "alice") == {
            (s.mentions[0].id, "checkworthy"): "check-worthy",
            (s.mentions[0].id, "stance"): "agree",
        }
        assert rows(app)[1].startswith("○   2 into civilian")
        assert s.overall_progress() == (1, 14)
        await pilot.press("u")
        assert len(s.mentions) == 5, "shown at once"
        await wait_until(pilot, lambda: "Undone: the split of sentence 1." in notes(app))
        assert db_texts(path, ids[0]) == before
        assert s.mine[s.mentions[0].id]["stance"] == "agree"


async def test_split_cancelled_or_at_an_end_changes_nothing(db: tuple[Path, list[str]]) -> None:
    path, ids = db
    before = db_texts(path, ids[0])
    app = FactcheckApp(str(path), "alice")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "escape")
        assert isinstance(app.screen, AnnotateScreen)
        await pilot.press("s", "home", "enter")
        assert isinstance(app.screen, SplitScreen), "an empty first part: stays open"
        assert "Both parts need some text" in notes(app)[-1]
        await pilot.press("escape")
        await pilot.pause(0.2)
    assert db_texts(path, ids[0]) == before


async def test_join_with_the_next_then_undo(db: tuple[Path, list[str]]) -> None:
    path, ids = db
    before = db_texts(path, ids[0])
    app = FactcheckApp(str(path), "alice")
    async with app.run_test(size=SIZE) as pilot:
        s = screen_of(app).session
        await pilot.press("j", "j", "2", "k", "x")  # 3: unimportant; 2: not-factual, then on 3
        await pilot.press("k", "J")  # join 2 (not-factual) with 3 (unimportant)
        await wait_until(pilot, lambda: len(s.mentions) == 4)
        joined = s.mentions[1]
        assert joined.text == before[1] + " " + before[2]
        assert s.current == 1
        assert s.mine[joined.id] == {"checkworthy": "not-factual"}
        assert joined.id in s.flags, "the two had different values: flagged to look again"
        await wait_until(pilot, lambda: db_flags(path) == {(joined.id, "alice")})
        assert rows(app)[1].startswith("●!  2 ")
        await pilot.press("j", "j", "J")
        assert "The last sentence of an article has nothing to join with." in notes(app)
        await pilot.press("k", "k", "u")
        assert len(s.mentions) == 5
        await wait_until(pilot, lambda: db_texts(path, ids[0]) == before)
        assert not db_flags(path)
        assert len(db_labels(path, "alice")) == 2


def test_the_split_cursor_starts_after_punctuation_or_mid_way() -> None:
    assert first_guess("He said: prices rose. Others disagreed.") == len("He said: ")
    assert first_guess("One two three four") == len("One two ")
    text = "first line\nsecond line"
    assert location_of(text, 13) == (1, 2) and index_of(text, (1, 2)) == 13


async def test_a_split_under_a_plan_keeps_both_parts_in_the_share(db: tuple[Path, list[str]]) -> None:
    from factcheck.plan import PlanRequest, plan_rows
    from factcheck.tui.planned import PlannedSession

    path, _ids = db
    request = PlanRequest(("alice",))
    with Store(path) as store:
        store.replan("sentence", lambda state: plan_rows(state, request), request.settings())
    app = FactcheckApp(str(path), "alice")
    async with app.run_test(size=SIZE) as pilot:
        s = screen_of(app).session
        assert isinstance(s, PlannedSession)
        assert s.plan_progress() == (0, 13)
        await pilot.press("s", "enter")
        await wait_until(pilot, lambda: len(s.mentions) == 6)
        assert s.plan_progress() == (0, 14)
        assert all(s.assigned(m) for m in s.mentions)
        await pilot.press("x", "n")
        assert s.current == 2 and s.plan_progress() == (1, 14)
        await pilot.press("u")
        await wait_until(pilot, lambda: not s.mine)
        assert s.plan_progress() == (0, 14)
        await pilot.press("u")
        await wait_until(pilot, lambda: len(s.mentions) == 5)
        assert s.plan_progress() == (0, 13)
