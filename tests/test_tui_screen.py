"""The annotation screen as a user finds it: row summaries, keeping the place, conditions, keys, feedback."""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_helpers import db_labels, mention_ids, screen_of, wait_until

from factcheck.store import NewArticle, Store
from factcheck.tui.app import FactcheckApp
from factcheck.tui.review.app import ReviewApp
from factcheck.tui.review.screen import ReviewScreen
from factcheck.tui.screens.annotate import AnnotateScreen
from factcheck.tui.screens.help import HelpScreen
from factcheck.tui.widgets.article_view import ArticleView
from factcheck.tui.widgets.key_bar import KeyBar
from factcheck.tui.widgets.label_panel import LabelPanel
from factcheck.tui.widgets.sentence_list import SentenceList

SIZE = (120, 40)


def panel_text(screen: AnnotateScreen) -> str:
    return "\n".join(line.plain for line in screen.query_one(LabelPanel).lines)


def row_text(screen: AnnotateScreen, row: int, width: int | None = None) -> list[str]:
    """The lines of one row of the sentence list, as drawn at the list's width."""
    listing = screen.query_one(SentenceList)
    width = width or listing.scrollable_content_region.width
    return [line.plain for line in listing.options[row].prompt.lines(width)]  # type: ignore[union-attr]


def notes(app: FactcheckApp) -> list[str]:
    return [n.message for n in app._notifications]


def long_article(path: Path, sentences: int = 40) -> str:
    """One article of ``sentences`` numbered sentences; returns its id."""
    texts = [
        f"Sentence number {i} says that {i * 7} people were counted in the town square."
        for i in range(sentences)
    ]
    text = " ".join(texts)
    spans, at = [], 0
    for t in texts:
        spans.append((at, at + len(t)))
        at += len(t) + 1
    with Store(path) as store:
        aid = store.add_article(NewArticle("long.txt", text, text, spans, [None] * sentences, "Long"))
    assert aid is not None
    return aid


# -- the row summary --------------------------------------------------------------------


async def test_each_row_shows_a_summary_of_its_labels(db: tuple[Path, list[str]]) -> None:
    path, ids = db
    app = FactcheckApp(str(path), "alice")
    async with app.run_test(size=SIZE) as pilot:
        screen = screen_of(app)
        await pilot.press("1", "1", "enter")
        await pilot.press("enter", "4")  # accept the suggested source, eyewitness
        await pilot.press("2")  # verification: refuted
        await pilot.press("j", "2", "tab", "tab", "tab", "1")  # unimportant; the shared claim is supported
        await pilot.press("j", "x")
        first, second, third = mention_ids(path, ids[0])[:3]
        await wait_until(pilot, lambda: (third, "checkworthy") in db_labels(path, "alice"))
        assert db_labels(path, "alice")[(first, "source")] == "Amnesty International"
        assert "".join(row_text(screen, 0)).endswith("CW agree Amnesty Interna… eyewitness refuted")
        assert "".join(row_text(screen, 1)).endswith(" unimportant supported")
        assert "".join(row_text(screen, 2)).endswith("NF"), "only what applies to a not-factual sentence"
        assert row_text(screen, 3)[0].startswith("○   4 ")
        assert db_labels(path, "alice")[(second, "verification")] == "supported"
        # The claim-wide verdict reached the same claim in article B: shown there, alone.
        await pilot.press("right_square_bracket")
        assert row_text(screen, 1)[-1].split() == ["between", "February", "and", "June.", "supported"]


async def test_a_summary_too_long_for_the_last_line_gets_its_own(db: tuple[Path, list[str]]) -> None:
    path, _ids = db
    app = FactcheckApp(str(path), "alice")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = screen_of(app)
        await pilot.press("1", "1", "enter", "enter", "4")
        lines = row_text(screen, 0)
        width = screen.query_one(SentenceList).scrollable_content_region.width
        assert all(len(line) <= width for line in lines)
        assert lines[-1].strip().startswith("CW agree"), "the summary on a line of its own"
        assert lines[-1].startswith(" " * 6), "hanging under the text"


# -- keeping the place ----------------------------------------------------------------------


async def test_the_article_opens_scrolled_to_the_first_unlabelled_sentence(tmp_path: Path) -> None:
    path = tmp_path / "long.db"
    aid = long_article(path)
    with Store(path) as store:
        for m in store.mentions(aid)[:30]:
            store.set_label("alice", m.id, "checkworthy", "unimportant")
        start = store.mentions(aid)[30].start
    app = FactcheckApp(str(path), "alice")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = screen_of(app).query_one(ArticleView)
        assert screen_of(app).session.current == 30
        top, height = int(view.scroll_offset.y), view.scrollable_content_region.height
        assert top <= view.line_of(start) < top + height, "the highlighted sentence is in view"
        listing = screen_of(app).query_one(SentenceList)
        assert listing.highlighted == 30
        assert listing.scroll_offset.y > 0


async def test_filter_keeps_the_place(db: tuple[Path, list[str]]) -> None:
    path, ids = db
    with Store(path) as store:
        for m in store.mentions(ids[0])[:3]:
            store.set_label("alice", m.id, "checkworthy", "unimportant")
    app = FactcheckApp(str(path), "alice")
    async with app.run_test(size=SIZE) as pilot:
        s = screen_of(app).session
        assert s.current == 3, "opens at the first unlabelled sentence"
        await pilot.press("k")
        await pilot.press("f")  # unlabelled: sentence 3 is hidden, the next shown one is 4
        assert (s.filter, s.current) == ("unlabelled", 3)
        await pilot.press("j")
        await pilot.press("f", "f")  # flagged (none), disagree (none): nowhere to be
        await pilot.press("f")  # all again: still on sentence 5
        assert (s.filter, s.current) == ("all", 4)
        assert screen_of(app).query_one(SentenceList).highlighted == 4


async def test_review_filter_keeps_the_place(db: tuple[Path, list[str]]) -> None:
    path, ids = db
    with Store(path) as store:
        a0, n0 = store.mentions(ids[0])[0], store.mentions(ids[2])[0]
        for mention, field, values in [
            (a0, "stance", ("agree", "discuss")),
            (n0, "stance", ("agree", "disagree")),
        ]:
            for who, value in zip(["alice", "bob"], values, strict=True):
                store.set_label(who, mention.id, field, value)
        store.set_label("alice", n0.id, "note", "x")
        store.set_label("bob", n0.id, "note", "y")
    app = ReviewApp(str(path), "dave")
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, ReviewScreen) and app.screen.state.loaded)
        state = app.screen.state  # type: ignore[attr-defined]
        await pilot.press("j", "j")
        assert (state.current.group.target_id, state.current.field) == (n0.id, "note")
        await pilot.press("f")  # stance only: the stance item of the same sentence, not the first one
        assert (state.filter, state.current.group.target_id) == ("stance", n0.id)
        assert "Showing Stance: 0 of 2 adjudicated." in notes(app)  # type: ignore[arg-type]
        await pilot.press("f", "f")  # note only, then every field: still on the nasty article
        assert (state.filter, state.current.group.target_id, state.current.field) == (None, n0.id, "note")
        await pilot.press("q")


# -- conditions ---------------------------------------------------------------------------------


async def test_not_factual_hides_and_clears_what_no_longer_applies(db: tuple[Path, list[str]]) -> None:
    path, ids = db
    first = mention_ids(path, ids[0])[0]
    app = FactcheckApp(str(path), "alice")
    async with app.run_test(size=SIZE) as pilot:
        screen = screen_of(app)
        s = screen.session
        await pilot.press("1", "1", "tab", "tab", "3")  # check-worthy, agree, verification conflicting
        await wait_until(pilot, lambda: len(db_labels(path, "alice")) >= 2)
        assert "Stance" in panel_text(screen)
        await pilot.press("shift+tab", "shift+tab", "shift+tab", "shift+tab", "shift+tab")
        assert s.field.name == "checkworthy"
        await pilot.press("3")  # not-factual
        assert s.field.name == "note", "the next field that applies"
        shown = panel_text(screen)
        assert (
            "Stance" not in shown.split("not asked here")[0]
            and "Verification" not in shown.split("not asked")[0]
        )
        assert "not asked here: Stance, Source, Source" in shown
        await wait_until(pilot, lambda: (first, "stance") not in db_labels(path, "alice"))
        labels = db_labels(path, "alice")
        assert labels[(first, "checkworthy")] == "not-factual"
        assert labels[(first, "verification")] == "conflicting", "the claim's value stays"
        await pilot.press("tab")
        assert s.field.name == "checkworthy", "tab skips the hidden fields"
        await pilot.press("u")
        await wait_until(pilot, lambda: (first, "stance") in db_labels(path, "alice"))
        assert s.mine[first]["stance"] == "agree" and s.mine[first]["checkworthy"] == "check-worthy"
        await wait_until(pilot, lambda: "Undone: Check-worthiness, Stance of sentence 1." in notes(app))
        assert "Stance" in panel_text(screen).split("not asked")[0]


async def test_x_clears_the_stance_too(db: tuple[Path, list[str]]) -> None:
    path, ids = db
    first = mention_ids(path, ids[0])[0]
    app = FactcheckApp(str(path), "alice")
    async with app.run_test(size=SIZE) as pilot:
        s = screen_of(app).session
        await pilot.press("2", "3", "k", "x")
        assert s.mine[first] == {"checkworthy": "not-factual"}
        await wait_until(pilot, lambda: db_labels(path, "alice") == {(first, "checkworthy"): "not-factual"})


# -- wrapping --------------------------------------------------------------------------------


async def test_rows_are_rewrapped_when_the_article_pane_is_hidden_and_shown(
    db: tuple[Path, list[str]],
) -> None:
    path, _ids = db
    app = FactcheckApp(str(path), "alice")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = screen_of(app)
        listing = screen.query_one(SentenceList)
        for key in ["t", "t", "t"]:
            await pilot.press(key)
            await pilot.pause()
            width = listing.scrollable_content_region.width
            for row in range(listing.option_count):
                lines = row_text(screen, row, width)
                assert all(len(line) <= width for line in lines), lines
                assert all(line.startswith(" " * 6) for line in lines[1:]), (
                    "wrapped lines hang under the text"
                )
                drawn = listing.render_line(0).text
                assert len(drawn) == width


async def test_rows_are_rewrapped_when_a_scrollbar_appears(tmp_path: Path) -> None:
    path = tmp_path / "long.db"
    long_article(path, sentences=6)
    app = FactcheckApp(str(path), "alice")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = screen_of(app)
        listing = screen.query_one(SentenceList)
        await pilot.press("t")
        await pilot.pause()
        assert not listing.show_vertical_scrollbar
        await pilot.press("t")  # the list shrinks: a scrollbar appears
        await pilot.pause()
        assert listing.show_vertical_scrollbar
        width = listing.scrollable_content_region.width
        for y in range(listing.scrollable_content_region.height):
            assert listing.render_line(y).cell_length == width
        heights = [len(row_text(screen, row, width)) for row in range(listing.option_count)]
        assert listing.virtual_size.height == sum(heights), "heights measured at the width drawn"


# -- quitting, the footer and small terminals ---------------------------------------------------------


async def test_ctrl_c_quits_like_q(db: tuple[Path, list[str]]) -> None:
    path, _ids = db
    app = FactcheckApp(str(path), "alice")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "1", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("ctrl+c")
    assert not app.writer.alive
    assert len(db_labels(path, "alice")) == 2, "every label was written before quitting"


@pytest.mark.parametrize("size", [(80, 24), (64, 16), (120, 40)])
async def test_the_key_bar_shows_every_key_uncut(db: tuple[Path, list[str]], size: tuple[int, int]) -> None:
    path, _ids = db
    app = FactcheckApp(str(path), "alice")
    async with app.run_test(size=size) as pilot:
        await pilot.pause(0.5)
        bar = screen_of(app).query_one(KeyBar)
        width = bar.content_region.width
        lines = [line.plain for line in bar.lines]
        assert all(len(line) <= width for line in lines)
        shown = " ".join(lines)
        for entry in ["1-3 label", "x not factual", "j k sentence", "tab field", "[ ] article"]:
            assert entry in shown
        for entry in ["n unlabelled", "! flag", "u undo", "f filter", "p articles", "t article pane"]:
            assert entry in shown
        assert "? help" in shown and "q quit" in shown
        assert len(lines) <= (2 if size[0] >= 80 else 3)
        assert bar.size.height == len(lines)
        await pilot.press("tab", "tab")  # a text field: enter edits, the value keys do not apply
        await pilot.pause(0.5)
        assert screen_of(app).query_one(KeyBar).entries[0].enabled is False


async def test_a_terminal_too_small_says_so(db: tuple[Path, list[str]]) -> None:
    path, _ids = db
    app = FactcheckApp(str(path), "alice")
    async with app.run_test(size=(40, 12)) as pilot:
        screen = screen_of(app)
        await pilot.pause()
        assert screen.has_class("-too-small")
        message = str(screen.query_one("#too-small").render())
        assert "too small (40x12)" in message and "at least 64x16" in message
        assert not screen.query_one("#main").display
        app.screen.refresh()
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert not screen.has_class("-too-small") and screen.query_one("#main").display
        await pilot.press("q")


# -- names and feedback --------------------------------------------------------------------------


async def test_help_uses_human_names(db: tuple[Path, list[str]]) -> None:
    path, _ids = db
    app = FactcheckApp(str(path), "alice")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        text = str(app.screen.query_one("#help-guidelines").render())
        assert "Source type" in text and "source_type" not in text
        assert "asked when Check-worthiness is check-worthy or unimportant" in text


async def test_keys_that_do_nothing_say_why(db: tuple[Path, list[str]]) -> None:
    path, _ids = db
    app = FactcheckApp(str(path), "alice")
    async with app.run_test(size=SIZE) as pilot:
        s = screen_of(app).session
        await pilot.press("1", "5")  # stance has three values
        assert "Stance has 3 values: press 1-3." in notes(app)
        await pilot.press("enter")
        assert "Stance is a choice: press 1-3 (agree, disagree, discuss)." in notes(app)
        await pilot.press("tab", "2")
        assert "Source is free text: press enter to type it." in notes(app)
        assert s.field.name == "source"
        await pilot.press("j", "full_stop")
        assert "Copied Check-worthiness from sentence 1." in notes(app)
        await pilot.press("j", "j", "full_stop")
        assert "The previous sentence has no labels to copy." in notes(app)
        await wait_until(pilot, lambda: len(db_labels(path, "alice")) == 2)
