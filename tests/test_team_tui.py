"""The annotation screen with a plan (n follows it, the status line counts it), --all, keymaps and pace."""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_helpers import build_db, db_labels, wait_until

from factcheck.plan import PlanRequest, plan_rows
from factcheck.store import Store
from factcheck.tui.app import FactcheckApp
from factcheck.tui.planned import PlannedSession
from factcheck.tui.screens.annotate import AnnotateScreen
from factcheck.tui.screens.help import HelpScreen
from factcheck.tui.widgets.content_static import ContentStatic
from factcheck.tui.widgets.label_panel import LabelPanel
from factcheck.tui.widgets.status_bar import StatusBar

SIZE = (120, 40)


def plan(path: Path, unit: str, team: tuple[str, ...] = ("alice", "bob")) -> set[tuple[str, str]]:
    request = PlanRequest(team)
    with Store(path) as store:
        store.replan(unit, lambda state: plan_rows(state, request), request.settings())
        return set(store.db.execute("select item_id, annotator from assignments").fetchall())


def screen_of(app: FactcheckApp) -> AnnotateScreen:
    return next(s for s in app.screen_stack if isinstance(s, AnnotateScreen))


def status_text(app: FactcheckApp) -> str:
    return str(screen_of(app).query_one(StatusBar).render())


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "test.db"
    build_db(path)
    return path


async def test_n_follows_the_sentences_the_plan_gives_this_annotator(db: Path) -> None:
    rows = plan(db, "sentence")
    mine = {item for item, who in rows if who == "alice"}
    app = FactcheckApp(str(db), "alice")
    async with app.run_test(size=SIZE) as pilot:
        s = screen_of(app).session
        assert isinstance(s, PlannedSession)
        assert s.mention is not None and s.mention.id in mine
        assert f"assigned 0/{len(mine)}" in status_text(app)
        visited = [s.mention.id]
        for _ in range(len(mine) - 1):
            await pilot.press("n")
            assert s.mention is not None
            visited.append(s.mention.id)
        assert set(visited) == mine, "n visits every assigned sentence and nothing else"
        await pilot.press("x")
        await wait_until(pilot, lambda: len(db_labels(db, "alice")) == 1)
        assert f"assigned 1/{len(mine)}" in status_text(app)


async def test_a_plan_by_article_opens_at_the_first_assigned_article(db: Path) -> None:
    rows = plan(db, "article")
    bobs = {item for item, who in rows if who == "bob"}
    app = FactcheckApp(str(db), "bob")
    async with app.run_test(size=SIZE) as pilot:
        s = screen_of(app).session
        assert s.article is not None and s.article.id in bobs
        total = sum(s.sizes[a] for a in bobs)
        assert f"assigned 0/{total}" in status_text(app)
        for _ in range(total):
            await pilot.press("x")
        await wait_until(pilot, lambda: len(db_labels(db, "bob")) >= total)
        assert f"assigned {total}/{total}" in status_text(app)
        await pilot.press("n")
        assert "Every sentence has a label from you." in [n.message for n in app._notifications]


async def test_all_ignores_the_plan(db: Path) -> None:
    plan(db, "sentence")
    app = FactcheckApp(str(db), "alice", follow_plan=False)
    async with app.run_test(size=SIZE):
        s = screen_of(app).session
        assert not isinstance(s, PlannedSession)
        assert s.position == 0 and s.current == 0
        assert "all 0/13" in status_text(app)


async def test_a_plan_without_this_annotator_says_so_and_shows_everything(db: Path) -> None:
    plan(db, "article")
    app = FactcheckApp(str(db), "zoe")
    async with app.run_test(size=SIZE):
        assert not isinstance(screen_of(app).session, PlannedSession)
        assert any("assigns nothing to zoe" in n.message for n in app._notifications)


async def test_a_keymap_remaps_keys_and_the_screen_says_so(db: Path) -> None:
    keymap = {"choose-1": "a", "choose-2": "s", "undo": "ctrl+z", "help": "h"}
    app = FactcheckApp(str(db), "alice", keymap=keymap)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")
        await pilot.pause()
        assert db_labels(db, "alice") == {}, "the default key no longer chooses"
        await pilot.press("a")
        await wait_until(pilot, lambda: len(db_labels(db, "alice")) == 1)
        assert set(db_labels(db, "alice").values()) == {"check-worthy"}
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: db_labels(db, "alice") == {})
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = " ".join(str(w.render()) for w in app.screen.query(".help-key"))
        assert "a s 3 4" in text and "ctrl+z" in text and "h" in text.split()


async def test_the_value_keys_shown_beside_the_values_follow_the_keymap(db: Path) -> None:
    app = FactcheckApp(str(db), "alice", keymap={"choose-1": "a", "choose-3": "d"})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        panel = screen_of(app).query_one(LabelPanel)
        shown = " ".join(str(w.render()) for w in panel.query(ContentStatic))
        assert "a check-worthy" in shown and "2 unimportant" in shown and "d not-factual" in shown


async def test_the_status_line_shows_pace_and_time_left(db: Path) -> None:
    plan(db, "sentence")
    with Store(db) as store:
        mids = [m.id for m in store.iter_mentions()]
        mine = {i for i, w in store.db.execute("select item_id, annotator from assignments") if w == "alice"}
        first = store.schema.names[0]
        for n, mid in enumerate(m for m in mids if m in mine):
            if n < 2:
                store.set_label("alice", mid, first, "unimportant", dwell_ms=12_000 + 2_000 * n)
    app = FactcheckApp(str(db), "alice")
    async with app.run_test(size=SIZE) as pilot:
        bar = screen_of(app).query_one(StatusBar)
        await wait_until(pilot, lambda: bar.pace is not None)
        left = len(mine) - 2
        minutes = round(left * 13 / 60)
        text = status_text(app)
        assert "13 s/sentence" in text
        assert (f"~{minutes}m left" if minutes else "left") in text


async def test_the_status_line_keeps_progress_at_80_columns(db: Path) -> None:
    plan(db, "sentence")
    app = FactcheckApp(str(db), "alice")
    async with app.run_test(size=(80, 24)):
        text = status_text(app)
        assert "alice" in text and "assigned 0/" in text and len(text) <= 80


async def test_moving_and_labelling_stay_on_the_assigned_sentences(db: Path) -> None:
    rows = plan(db, "sentence")
    mine = {item for item, who in rows if who == "alice"}
    app = FactcheckApp(str(db), "alice")
    async with app.run_test(size=SIZE) as pilot:
        s = screen_of(app).session
        seen = []
        for _ in range(len(mine) + 2):
            assert s.mention is not None
            seen.append(s.mention.id)
            await pilot.press("j")
        assert set(seen) == mine, "j walks alice's sentences only"
        for _ in range(len(mine) + 2):
            await pilot.press("k")
        for _ in range(len(mine)):
            await pilot.press("x")
        await wait_until(pilot, lambda: len(db_labels(db, "alice")) == len(mine))
        assert {mid for mid, _field in db_labels(db, "alice")} == mine, "x moves on to her next sentence"
        s.open_position(0)
        await pilot.press("right_square_bracket")
        await pilot.press("right_square_bracket")
        assert s.position == 2, "] still reaches every article"
