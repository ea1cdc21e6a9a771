"""The review TUI driven headless: gold picked and typed by key, undo, progress, filter, nasty text."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from tui_helpers import NASTY_PATH, build_db, wait_until

from factcheck.review import accept_unanimous, choices, typing_default
from factcheck.store import Store
from factcheck.store.label_groups import LabelGroup
from factcheck.tui.review.app import ReviewApp
from factcheck.tui.review.help import ReviewHelpScreen
from factcheck.tui.review.screen import ReviewScreen
from factcheck.tui.review.widgets import GoldPanel, ItemHeader, ReviewProgress, ReviewStatus
from factcheck.tui.review.writer import GoldFailed, LoadQueue, SetGold
from factcheck.tui.widgets.article_view import ArticleView
from factcheck.tui.widgets.label_panel import FieldEditor

SIZES = [(120, 40), (80, 24)]
ADJUDICATOR = "dave"
NASTY_NOTE = "[bold]loud[/] note \x07"
NASTY_NOTE_2 = "[/ oops \x1b[31m red"
NASTY_ANNOTATOR = "[/]mallory"
ITEMS = ["stance", "source", "verification", "source_type", "note"]
"""The fields of the five disagreements, in the order the queue shows them."""


@pytest.fixture(autouse=True)
def no_writer_left_behind() -> Iterator[None]:
    """Every test's writer threads have stopped by the time it ends."""
    yield
    assert not [t for t in threading.enumerate() if t.name == "factcheck-gold-writer"]


def label(path: Path) -> dict[str, str]:
    """Five disagreements (choice, text, claim, and two on the nasty article), one unanimous item.

    Returns:
        Names -> ids: ``a0`` (article A, sentence 1), ``claim``, ``n0`` (nasty, sentence 1).
    """
    ids = build_db(path)
    with Store(path) as s:
        a, b, n = (s.mentions(i) for i in ids)
        for who, mention, field, value in [
            ("alice", a[0], "stance", "agree"),
            ("bob", a[0], "stance", "discuss"),
            ("alice", a[0], "checkworthy", "check-worthy"),
            ("bob", a[0], "checkworthy", "check-worthy"),
            ("alice", a[0], "source", "Amnesty International"),
            ("bob", a[0], "source", "amnesty  international"),
            ("carol", a[0], "source", "the group"),
            ("alice", a[1], "verification", "supported"),
            ("bob", b[1], "verification", "refuted"),
            ("alice", n[0], "source_type", "official"),
            (NASTY_ANNOTATOR, n[0], "source_type", "ngo"),
            ("alice", n[0], "note", NASTY_NOTE),
            (NASTY_ANNOTATOR, n[0], "note", NASTY_NOTE_2),
        ]:
            s.set_label(who, mention.id, field, value)
        return {"a0": a[0].id, "claim": str(a[1].claim_id), "n0": n[0].id}


@pytest.fixture
def db(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    path = tmp_path / "test.db"
    return path, label(path)


def gold_rows(path: Path) -> dict[tuple[str, str], tuple[str, str, str, str]]:
    """(target, field) -> (target kind, value, adjudicator, updated at), read with a fresh connection."""
    conn = sqlite3.connect(path)
    try:
        sql = "select target_id, field, target_kind, value, adjudicator, updated_at from gold"
        return {(t, f): (k, v, a, u) for t, f, k, v, a, u in conn.execute(sql)}
    finally:
        conn.close()


async def started(app: ReviewApp, pilot: Pilot[None]) -> ReviewScreen:
    """The review screen once its queue has been read."""
    await wait_until(pilot, lambda: isinstance(app.screen, ReviewScreen) and app.screen.state.loaded)
    await pilot.pause()
    assert isinstance(app.screen, ReviewScreen)
    return app.screen


def panel_text(screen: ReviewScreen) -> str:
    return "\n".join(line.plain for line in screen.query_one(GoldPanel).lines)


def shown(screen: ReviewScreen, widget: type[ReviewStatus | ReviewProgress | ItemHeader]) -> str:
    return str(screen.query_one(widget).render())


def fields_shown(screen: ReviewScreen) -> list[str]:
    s = screen.state
    return [s.items[i].field for i in s.visible]


@pytest.mark.parametrize("size", SIZES)
async def test_a_key_picks_gold_with_the_adjudicator_and_advances(
    db: tuple[Path, dict[str, str]], size: tuple[int, int]
) -> None:
    path, ids = db
    app = ReviewApp(str(path), ADJUDICATOR)
    async with app.run_test(size=size) as pilot:
        screen = await started(app, pilot)
        assert fields_shown(screen) == ITEMS
        assert screen.state.current is not None and screen.state.current.field == "stance"
        text = panel_text(screen)
        assert "1   agree" in text and "alice" in text and "3   discuss" in text and "pending" in text
        await pilot.press("3")
        assert screen.state.current.field == "source"
        await wait_until(pilot, lambda: (ids["a0"], "stance") in gold_rows(path))
    kind, value, who, when = gold_rows(path)[(ids["a0"], "stance")]
    assert (kind, value, who) == ("mention", "discuss", ADJUDICATOR) and when.startswith("20")


async def test_text_gold_is_picked_or_typed(db: tuple[Path, dict[str, str]]) -> None:
    path, ids = db
    app = ReviewApp(str(path), ADJUDICATOR)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await started(app, pilot)
        await pilot.press("j")
        text = panel_text(screen)
        assert "1   Amnesty International  ← alice, bob" in text and "2   the group  ← carol" in text
        await pilot.press("2")
        await wait_until(
            pilot, lambda: gold_rows(path).get((ids["a0"], "source"), ("",) * 4)[1] == "the group"
        )
        await pilot.press("k", "enter")
        editor = screen.query_one(FieldEditor)
        assert editor.value == "the group" and screen.editing
        await pilot.press("ctrl+u", *"Amnesty [/] Intl", "enter")
        assert not screen.query(FieldEditor)
        assert screen.state.current is not None and screen.state.current.field == "verification"
        await wait_until(pilot, lambda: gold_rows(path)[(ids["a0"], "source")][1] == "Amnesty [/] Intl")
        await pilot.press("k")
        assert "✓ Amnesty [/] Intl" in panel_text(screen) and f"gold by {ADJUDICATOR}" in panel_text(screen)
        await pilot.press("enter", "ctrl+u", "enter")
        assert not screen.query(FieldEditor) and screen.state.current.field == "source"
        await pilot.press("enter", "escape")
        assert not screen.query(FieldEditor) and screen.state.current.field == "source"
    assert gold_rows(path)[(ids["a0"], "source")][1] == "Amnesty [/] Intl"


async def test_claim_scoped_gold_is_written_for_the_claim(db: tuple[Path, dict[str, str]]) -> None:
    path, ids = db
    app = ReviewApp(str(path), ADJUDICATOR)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await started(app, pilot)
        await pilot.press("j", "j")
        assert "claim with 2 mentions" in shown(screen, ItemHeader)
        assert "Verification  whole claim" in panel_text(screen)
        view = screen.query_one(ArticleView)
        mention = app.store.mention(screen.state.current.group.mention_id)  # type: ignore[union-attr]
        assert view._current == (mention.start, mention.end)  # type: ignore[union-attr]
        await pilot.press("4")
        await wait_until(pilot, lambda: (ids["claim"], "verification") in gold_rows(path))
    assert gold_rows(path)[(ids["claim"], "verification")][:3] == ("claim", "not-enough-evidence", "dave")


async def test_undo_reverts_the_last_decision_also_after_reopening(db: tuple[Path, dict[str, str]]) -> None:
    path, ids = db
    app = ReviewApp(str(path), ADJUDICATOR)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await started(app, pilot)
        await pilot.press("1", "u")
        await wait_until(pilot, lambda: screen.state.progress() == (0, 5))
        assert screen.state.current is not None and screen.state.current.field == "stance"
        assert not gold_rows(path)
        await pilot.press("u")
        await pilot.pause(0.2)
        await pilot.press("1", "1", "q")
    assert len(gold_rows(path)) == 2
    app = ReviewApp(str(path), ADJUDICATOR)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await started(app, pilot)
        assert screen.state.progress() == (2, 5) and screen.state.current.field == "verification"  # type: ignore[union-attr]
        await pilot.press("u")
        await wait_until(pilot, lambda: screen.state.progress() == (1, 5))
        assert screen.state.current is not None and screen.state.current.field == "source"
        assert "pending" in panel_text(screen)
    assert list(gold_rows(path)) == [(ids["a0"], "stance")]


async def test_progress_is_counted_overall_and_per_field(db: tuple[Path, dict[str, str]]) -> None:
    path, _ids = db
    app = ReviewApp(str(path), ADJUDICATOR)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await started(app, pilot)
        assert "item 1/5" in shown(screen, ReviewStatus) and "adjudicated 0/5" in shown(screen, ReviewStatus)
        assert shown(screen, ReviewProgress) == (
            "all 0/5 · stance 0/1 · source 0/1 · source_type 0/1 · verification 0/1 · note 0/1"
        )
        await pilot.press("1", "1")
        assert "item 3/5" in shown(screen, ReviewStatus) and "adjudicated 2/5" in shown(screen, ReviewStatus)
        assert shown(screen, ReviewProgress).startswith("all 2/5 · stance 1/1 · source 1/1 · source_type 0/1")
        await pilot.press("1", "1", "1")
        assert screen.state.progress() == (5, 5)
        assert "adjudicated 5/5" in shown(screen, ReviewStatus)


async def test_filter_cycles_through_the_fields(db: tuple[Path, dict[str, str]]) -> None:
    path, _ids = db
    app = ReviewApp(str(path), ADJUDICATOR)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await started(app, pilot)
        await pilot.press("f")
        assert fields_shown(screen) == ["stance"] and "stance only" in shown(screen, ReviewStatus)
        await pilot.press("f")
        assert fields_shown(screen) == ["source"] and screen.state.current.field == "source"  # type: ignore[union-attr]
        await pilot.press("1")
        assert "adjudicated 1/1" in shown(screen, ReviewStatus)
        for name in ["source_type", "verification", "note"]:  # schema order
            await pilot.press("f")
            assert fields_shown(screen) == [name]
        await pilot.press("f")
        assert fields_shown(screen) == ITEMS and "all fields" in shown(screen, ReviewStatus)
        assert screen.state.current is not None and screen.state.current.field == "note"


async def test_moving_and_skipping(db: tuple[Path, dict[str, str]]) -> None:
    path, _ids = db
    app = ReviewApp(str(path), ADJUDICATOR)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await started(app, pilot)
        s = screen.state
        await pilot.press("s")
        assert s.current is not None and s.current.field == "source" and s.progress() == (0, 5)
        await pilot.press("space", "down", "up", "k")
        assert s.current.field == "source"
        await pilot.press("j", "j", "j", "j")
        assert s.current.field == "note"
        await pilot.press("1")  # the last pending item wraps around to the first
        assert s.current.field == "stance"
        await pilot.press("1", "2", "1", "1")
        assert s.progress() == (5, 5) and s.current.field == "source_type"
        await pilot.press("question_mark")
        assert isinstance(app.screen, ReviewHelpScreen)
        await pilot.press("escape", "s")
        assert isinstance(app.screen, ReviewScreen) and s.current.field == "source_type"


@pytest.mark.parametrize("unanimous", [False, True])
async def test_nothing_to_review_says_so(tmp_path: Path, unanimous: bool) -> None:
    path = tmp_path / "test.db"
    build_db(path)
    if unanimous:
        with Store(path) as s:
            first = next(s.iter_mentions()).id
            s.set_label("alice", first, "stance", "agree")
            s.set_label("bob", first, "stance", "agree")
    app = ReviewApp(str(path), ADJUDICATOR)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await started(app, pilot)
        message = str(screen.query_one("#review-message").render())
        assert "Nothing to review" in message and "factcheck review --accept-unanimous" in message
        assert screen.has_class("-message") and "item 0/0" in shown(screen, ReviewStatus)
        await pilot.press("1", "j", "s", "f", "enter", "u")
        await wait_until(pilot, lambda: "Nothing to undo." in [n.message for n in app._notifications])
        await pilot.press("q")


@pytest.mark.parametrize("size", SIZES)
async def test_nasty_text_is_shown_literally(db: tuple[Path, dict[str, str]], size: tuple[int, int]) -> None:
    path, ids = db
    app = ReviewApp(str(path), ADJUDICATOR)
    async with app.run_test(size=size) as pilot:
        screen = await started(app, pilot)
        await pilot.press("j", "j", "j")
        header = shown(screen, ItemHeader)
        assert "[bold]Breaking[/] ␛[31m[/ news[link=x] ␇" in header and NASTY_PATH in header
        assert "ngo" in panel_text(screen) and NASTY_ANNOTATOR in panel_text(screen)
        view = screen.query_one(ArticleView)
        article = "".join(view._content.plain[a:b] for a, b in view.lines)
        assert "[link=x]here[/link]" in article and "␛[31mred␛[0m" in article and "\x1b" not in article
        await pilot.press("j")
        text = panel_text(screen)
        assert "[bold]loud[/] note ␇" in text and "[/ oops ␛[31m red" in text and "\x1b" not in text
        await pilot.press("enter")
        assert screen.query_one(FieldEditor).value in (NASTY_NOTE, NASTY_NOTE_2)
        await pilot.press("ctrl+u", *"[/]", "enter")
        await wait_until(pilot, lambda: (ids["n0"], "note") in gold_rows(path))
        screen.post_message(GoldFailed(SetGold("mention", ids["n0"], "note", "[/"), "[/ broken [bold] \x1b"))
        await pilot.pause()
        assert screen.state.gold[(ids["n0"], "note")] == "[/]"
        app.notify("[/", markup=False)
        await pilot.press("question_mark")
        await pilot.pause()
    assert gold_rows(path)[(ids["n0"], "note")][1] == "[/]"


async def test_the_panel_fits_at_80x24(db: tuple[Path, dict[str, str]]) -> None:
    path, _ids = db
    app = ReviewApp(str(path), ADJUDICATOR)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await started(app, pilot)
        await pilot.press("j", "j", "j")
        panel = screen.query_one(GoldPanel)
        assert len(panel.lines) == 10  # title, eight source types, guideline
        assert panel.region.bottom <= 23 and panel.region.height >= len(panel.lines) + 1
        assert screen.query_one(ArticleView).region.height >= 3


async def test_a_failed_write_shows_what_the_database_holds(db: tuple[Path, dict[str, str]]) -> None:
    path, ids = db
    app = ReviewApp(str(path), ADJUDICATOR)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await started(app, pilot)
        screen.state.set_gold((ids["a0"], "stance"), "agree", ADJUDICATOR)
        screen.post_message(GoldFailed(SetGold("mention", ids["a0"], "stance", "agree"), "locked"))
        await pilot.pause()
        assert screen.state.gold[(ids["a0"], "stance")] is None and screen.state.progress() == (0, 5)


def test_accept_unanimous_makes_gold_headless(db: tuple[Path, dict[str, str]]) -> None:
    path, ids = db
    assert accept_unanimous(str(path)) == 1
    assert gold_rows(path)[(ids["a0"], "checkworthy")][1:3] == ("check-worthy", "unanimous")
    assert accept_unanimous(str(path)) == 0
    code = "import sys, factcheck.review; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_choices_offer_schema_values_or_distinct_texts(db: tuple[Path, dict[str, str]]) -> None:
    path, _ids = db
    with Store(path) as store:
        stance, source = store.schema["stance"], store.schema["source"]
    group = LabelGroup("mention", "m", "stance", {"a": "agree", "b": "discuss"}, "m")
    assert [(c.value, c.annotators) for c in choices(group, stance)] == [
        ("agree", ("a",)),
        ("disagree", ()),
        ("discuss", ("b",)),
    ]
    texts = {"a": "the group", "b": "Amnesty", "c": "amnesty ", "d": "Amnesty"}
    group = LabelGroup("mention", "m", "source", texts, "m")
    assert [(c.value, c.annotators) for c in choices(group, source)] == [
        ("Amnesty", ("b", "c", "d")),
        ("the group", ("a",)),
    ]
    assert typing_default(group, source, None) == "Amnesty"
    assert typing_default(group, source, "AI") == "AI"


SETTLE = "wait:400"
"""Let the footer settle after the last key."""


async def loaded(pilot: Pilot[None]) -> None:
    """Wait for the writer thread to read the queue."""
    await wait_until(
        pilot, lambda: isinstance(pilot.app.screen, ReviewScreen) and pilot.app.screen.state.loaded
    )


def test_snapshot_start_at_80x24(db: tuple[Path, dict[str, str]], snap_compare: Any) -> None:
    app = ReviewApp(str(db[0]), ADJUDICATOR)
    assert snap_compare(app, terminal_size=(80, 24), run_before=loaded, press=[SETTLE])


def test_snapshot_text_item_at_120x40(db: tuple[Path, dict[str, str]], snap_compare: Any) -> None:
    app = ReviewApp(str(db[0]), ADJUDICATOR)
    assert snap_compare(app, terminal_size=(120, 40), run_before=loaded, press=["j", SETTLE])


async def test_a_queue_that_cannot_be_read_is_reported_literally(db: tuple[Path, dict[str, str]]) -> None:
    app = ReviewApp(str(db[0]), ADJUDICATOR)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await started(app, pilot)
        screen.post_message(GoldFailed(LoadQueue(), "[/ boom [bold] \x1b"))
        await pilot.pause()
        message = str(screen.query_one("#review-message").render())
        assert "Could not read the disagreements" in message and "[/ boom [bold]" in message
        assert screen.has_class("-message")


def test_snapshot_nothing_to_review_at_80x24(tmp_path: Path, snap_compare: Any) -> None:
    path = tmp_path / "test.db"
    build_db(path)
    app = ReviewApp(str(path), ADJUDICATOR)
    assert snap_compare(app, terminal_size=(80, 24), run_before=loaded, press=[SETTLE])
