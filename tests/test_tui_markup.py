"""User text full of markup and control characters is shown literally and never crashes the TUI."""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_helpers import NASTY_PATH, build_db, db_labels, wait_until

from factcheck.store import Store
from factcheck.tui.app import FactcheckApp
from factcheck.tui.screens.annotate import AnnotateScreen
from factcheck.tui.screens.help import HelpScreen
from factcheck.tui.screens.picker import ArticlePicker
from factcheck.tui.screens.search import SearchScreen
from factcheck.tui.widgets.article_view import ArticleHeader, ArticleView
from factcheck.tui.widgets.label_panel import LabelPanel
from factcheck.tui.widgets.sentence_list import SentenceList
from factcheck.tui.widgets.virtual_list import VirtualList
from factcheck.tui.writer import WriteFailed


def annotate_screen(app: FactcheckApp) -> AnnotateScreen:
    return next(s for s in app.screen_stack if isinstance(s, AnnotateScreen))


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_nasty_article_is_shown_literally(tmp_path: Path, size: tuple[int, int]) -> None:
    path = tmp_path / "test.db"
    ids = build_db(path)
    app = FactcheckApp(str(path), "alice")
    async with app.run_test(size=size) as pilot:
        screen = annotate_screen(app)
        s = screen.session
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert s.article is not None and s.article.id == ids[2]
        header = str(screen.query_one(ArticleHeader).render())
        assert "[bold]Breaking[/] ␛[31m[/ news[link=x] ␇" in header
        assert NASTY_PATH in header and "[/]" in header
        view = screen.query_one(ArticleView)
        shown = "".join(view._content.plain[a:b] for a, b in view.lines)
        assert "[link=x]here[/link]" in shown and "␛[31mred␛[0m" in shown and "\x1b" not in shown
        prompts = [str(o.prompt) for o in screen.query_one(SentenceList).options]
        assert any("[bold]Unclosed markup[/]" in p for p in prompts)
        assert any("[/ with nothing" in p for p in prompts)
        for _ in range(len(s.mentions) - 1):
            await pilot.press("j")
            await pilot.press("tab", "tab")
            lines = "\n".join(line.plain for line in screen.query_one(LabelPanel).lines)
            assert "\x1b" not in lines and "\x07" not in lines
        assert s.current == len(s.mentions) - 1
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "p")
        assert isinstance(app.screen, ArticlePicker)
        rows = app.screen.query_one(VirtualList)
        assert "[bold]Breaking[/]" in rows._row(2).plain
        await pilot.press("escape", "slash", "left_square_bracket", "slash", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        assert {m.article_id for m in app.screen.results} == {ids[2]}
        await pilot.press("down", "enter")
        assert isinstance(app.screen, AnnotateScreen) and s.current == 1
        screen.post_message(WriteFailed(None, "[/ broken [bold] \x1b[31m"))
        await pilot.pause()
        app.notify("[/", markup=False)
        await pilot.pause()


async def test_nasty_suggestion_is_edited_and_stored_literally(tmp_path: Path) -> None:
    path = tmp_path / "test.db"
    ids = build_db(path)
    with Store(path) as store:
        third = store.mentions(ids[2])[2]
    app = FactcheckApp(str(path), "alice")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = annotate_screen(app)
        await pilot.press("right_square_bracket", "right_square_bracket", "j", "j", "tab", "tab")
        lines = "\n".join(line.plain for line in screen.query_one(LabelPanel).lines)
        assert "suggested: [link=x]src" in lines
        await pilot.press("enter", "end", *"[/]", "enter")
        await wait_until(pilot, lambda: db_labels(path, "alice"))
        assert db_labels(path, "alice") == {(third.id, "source"): "[link=x]src[/]"}
        await pilot.press("shift+tab")
        lines = "\n".join(line.plain for line in screen.query_one(LabelPanel).lines)
        assert "[link=x]src[/]" in lines
