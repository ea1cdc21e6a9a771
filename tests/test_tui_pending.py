"""The screen while the database is busy, undo per session, own work, and a schema changed under it."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from tui_helpers import db_labels, locked, mention_ids, screen_of, wait_until

from factcheck.schema import DEFAULT_SCHEMA, Schema
from factcheck.store import Store
from factcheck.tui.app import FactcheckApp
from factcheck.tui.requests import SetLabel
from factcheck.tui.widgets.sentence_list import SentenceList
from factcheck.tui.widgets.status_bar import StatusBar
from factcheck.tui.writer import LabelWriter

SIZE = (120, 40)


@pytest.fixture(autouse=True)
def no_writer_left_behind() -> Iterator[None]:
    """Every test's writer threads have stopped by the time it ends."""
    yield
    for thread in threading.enumerate():
        if thread.name == "factcheck-writer":
            thread.join(10)
            assert not thread.is_alive()


def status(app: FactcheckApp) -> str:
    return str(screen_of(app).query_one(StatusBar).render())


def notes(app: FactcheckApp) -> list[str]:
    return [n.message for n in app._notifications]


async def test_labels_stay_shown_and_counted_while_they_wait(db: tuple[Path, list[str]]) -> None:
    path, ids = db
    first = mention_ids(path, ids[0])
    app = FactcheckApp(str(path), "alice")
    with locked(path) as holder:
        async with app.run_test(size=SIZE) as pilot:
            s = screen_of(app).session
            await pilot.press("x", "x")
            await wait_until(pilot, lambda: "2 labels waiting for the database" in status(app))
            await pilot.press("right_square_bracket", "left_square_bracket")
            assert s.labelled(s.mentions[0]) and s.labelled(s.mentions[1]), "re-read, still shown"
            assert s.counts[ids[0]] == 2 and s.overall_progress()[0] == 2
            assert (s.article and s.article.id, s.current) == (ids[0], 0)
            await pilot.press("n")
            assert s.current == 2, "n skips sentences whose labels are still waiting"
            await pilot.press("f")
            assert s.visible == [2, 3, 4], "the unlabelled filter hides them too"
            assert db_labels(path, "alice") == {}
            holder.execute("rollback")
            await wait_until(pilot, lambda: len(db_labels(path, "alice")) == 2)
            await wait_until(pilot, lambda: "waiting" not in status(app))
    assert set(db_labels(path, "alice")) == {(first[0], "checkworthy"), (first[1], "checkworthy")}


async def test_n_across_articles_counts_labels_still_waiting(db: tuple[Path, list[str]]) -> None:
    path, ids = db
    app = FactcheckApp(str(path), "alice")
    with locked(path):
        async with app.run_test(size=SIZE) as pilot:
            s = screen_of(app).session
            await pilot.press("x", "x", "right_square_bracket", *"xxx", *"xxxxx")
            assert s.article is not None and s.article.id == ids[2]
            await pilot.press("n")
            assert (s.article and s.article.id, s.current) == (ids[0], 2)
            await pilot.press("q", "q")


async def test_quit_waits_visibly_for_the_database(db: tuple[Path, list[str]]) -> None:
    path, _ids = db
    app = FactcheckApp(str(path), "alice")
    with locked(path) as holder:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("x", "x", "x", "q")
            await wait_until(pilot, lambda: "Quitting: 3 labels to write" in status(app))
            assert app.is_running
            holder.execute("rollback")
            await wait_until(pilot, lambda: not app.is_running)
    assert app.unwritten == 0
    assert len(db_labels(path, "alice")) == 3


async def test_quit_twice_leaves_the_labels_for_the_next_start(db: tuple[Path, list[str]]) -> None:
    path, _ids = db
    app = FactcheckApp(str(path), "alice")
    with locked(path):
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("x", "x", "q")
            await wait_until(pilot, lambda: "q again: quit now" in status(app))
            await pilot.press("q")
            await wait_until(pilot, lambda: not app.is_running)
        assert app.unwritten == 2
        restarted = FactcheckApp(str(path), "alice")
        async with restarted.run_test(size=SIZE) as pilot:
            s = screen_of(restarted).session
            assert s.overall_progress()[0] == 2, "the earlier session's labels show while they wait"
            assert s.current == 2
            await wait_until(pilot, lambda: "2 labels waiting for the database" in status(restarted))
            await pilot.press("j")
    # The lock is gone: the next start writes them.
    again = FactcheckApp(str(path), "alice")
    async with again.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: len(db_labels(path, "alice")) == 2)


async def test_undo_is_this_sessions_with_the_same_annotator_elsewhere(db: tuple[Path, list[str]]) -> None:
    path, ids = db
    first, second = mention_ids(path, ids[0])[:2]
    other = LabelWriter(str(path), "alice")  # alice's second terminal, through the same writer
    app = FactcheckApp(str(path), "alice")
    async with app.run_test(size=SIZE) as pilot:
        s = screen_of(app).session
        other.start(screen_of(app))
        await pilot.press("tab", "1")
        other.submit(SetLabel(second, "stance", "disagree"))
        await wait_until(pilot, lambda: len(db_labels(path, "alice")) == 2)
        await pilot.press("u")
        await wait_until(pilot, lambda: len(db_labels(path, "alice")) == 1)
        assert db_labels(path, "alice") == {(second, "stance"): "disagree"}, "the other session's label stays"
        assert (s.current, s.field.name) == (0, "stance")
        await pilot.press("2")
        await wait_until(pilot, lambda: db_labels(path, "alice").get((first, "stance")) == "disagree")
        other.submit(SetLabel(first, "stance", "discuss"))
        await wait_until(pilot, lambda: db_labels(path, "alice").get((first, "stance")) == "discuss")
        await pilot.press("u")
        await wait_until(
            pilot, lambda: any(n.startswith("Not undone: stance of sentence 1") for n in notes(app))
        )
        assert "another annotation session" in next(n for n in notes(app) if n.startswith("Not undone"))
        assert s.mine[first]["stance"] == "discuss", "the screen shows what the database kept"
        assert other.close()
    assert db_labels(path, "alice") == {(first, "stance"): "discuss", (second, "stance"): "disagree"}


async def test_undo_never_reverts_a_value_an_import_changed(db: tuple[Path, list[str]]) -> None:
    path, ids = db
    first = mention_ids(path, ids[0])[0]
    app = FactcheckApp(str(path), "alice")
    async with app.run_test(size=SIZE) as pilot:
        s = screen_of(app).session
        await pilot.press("tab", "1")
        await wait_until(pilot, lambda: len(db_labels(path, "alice")) == 1)
        with Store(path) as store:
            store.import_labels([(first, "alice", "stance", "discuss")])
        await pilot.press("u")
        await wait_until(pilot, lambda: any(n.startswith("Not undone") for n in notes(app)))
        assert "was changed since by an import" in next(n for n in notes(app) if n.startswith("Not undone"))
        assert s.mine[first] == {"stance": "discuss"}
    assert db_labels(path, "alice") == {(first, "stance"): "discuss"}


async def test_undo_after_a_restart_takes_this_annotators_last_action(db: tuple[Path, list[str]]) -> None:
    path, ids = db
    first = mention_ids(path, ids[0])[0]
    app = FactcheckApp(str(path), "alice")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "2", "q")
    assert len(db_labels(path, "alice")) == 2
    app = FactcheckApp(str(path), "alice")
    async with app.run_test(size=SIZE) as pilot:
        s = screen_of(app).session
        await pilot.press("u")
        await wait_until(pilot, lambda: len(db_labels(path, "alice")) == 1)
        assert (s.current, s.field.name) == (0, "stance")
        await wait_until(pilot, lambda: "Undone: Stance of sentence 1." in notes(app))
        await pilot.press("u", "u")
        await wait_until(pilot, lambda: "Not undone: nothing to undo." in notes(app))
    assert db_labels(path, "alice") == {}
    assert first not in s.mine


async def test_a_claim_value_from_another_article_is_shown_but_not_own_work(
    db: tuple[Path, list[str]],
) -> None:
    path, ids = db
    in_a = mention_ids(path, ids[0])[1]
    with Store(path) as store:
        store.set_label("alice", in_a, "verification", "refuted")
    app = FactcheckApp(str(path), "alice")
    async with app.run_test(size=SIZE) as pilot:
        s = screen_of(app).session
        assert s.overall_progress()[0] == 0
        await pilot.press("right_square_bracket")
        listing = screen_of(app).query_one(SentenceList)
        assert listing.rows[1].state == "claim"
        assert s.mine[s.mentions[1].id] == {"verification": "refuted"}
        await pilot.press("n")
        assert s.current == 1, "n stops at the sentence that only has the claim's value"
        await pilot.press("f")
        assert 1 in s.visible
        await pilot.press("x")
        assert s.labelled(s.mentions[1]) and s.counts[ids[1]] == 1


def narrowed() -> Schema:
    """The default schema without stance 'discuss'."""
    return Schema(
        tuple(
            dataclasses.replace(f, values=tuple(v for v in f.values if v != "discuss"))
            if f.name == "stance"
            else f
            for f in DEFAULT_SCHEMA
        )
    )


async def test_a_pending_label_the_new_schema_refuses_is_named_not_dropped_silently(
    db: tuple[Path, list[str]],
) -> None:
    path, ids = db
    first = mention_ids(path, ids[0])[0]
    app = FactcheckApp(str(path), "alice")
    with locked(path) as holder:
        async with app.run_test(size=SIZE) as pilot:
            s = screen_of(app).session
            await pilot.press("1", "3")
            assert s.mine[first]["stance"] == "discuss"
            # The schema is narrowed while the label waits (by the process holding the lock).
            holder.execute("update meta set value = ? where key = 'schema'", [narrowed().to_json()])
            holder.execute("commit")
            await wait_until(pilot, lambda: any(n.startswith("Not saved: 'discuss'") for n in notes(app)))
            await wait_until(pilot, lambda: any("schema of this database changed" in n for n in notes(app)))
            change = next(n for n in notes(app) if "schema of this database changed" in n)
            assert "stance: 'discuss' removed" in change
            assert s.schema == narrowed() and "stance" not in s.mine.get(first, {})
            await pilot.press("shift+tab")
            assert s.field.name == "stance"
            assert not screen_of(app).check_action("choose", (3,)), "the removed value has no key now"
            assert db_labels(path, "alice") == {(first, "checkworthy"): "check-worthy"}
            await pilot.press("u")
            await wait_until(pilot, lambda: not db_labels(path, "alice"))
            await wait_until(pilot, lambda: "Undone: Check-worthiness of sentence 1." in notes(app))


async def test_an_idle_screen_notices_a_schema_change(db: tuple[Path, list[str]]) -> None:
    path, _ids = db
    app = FactcheckApp(str(path), "alice")
    async with app.run_test(size=SIZE) as pilot:
        s = screen_of(app).session
        Store(path, narrowed()).close()
        await wait_until(pilot, lambda: s.schema == narrowed())
        await wait_until(pilot, lambda: any("stance: 'discuss' removed" in n for n in notes(app)))
