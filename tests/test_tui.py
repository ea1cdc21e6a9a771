"""The annotation TUI driven headless, key by key, checked against the database."""

from __future__ import annotations

from pathlib import Path

from tui_helpers import build_db, db_count, db_labels, mention_ids, screen_of, wait_until

from factcheck.store import Store
from factcheck.tui.app import FactcheckApp
from factcheck.tui.widgets.cluster_panel import ClusterPanel

SIZE = (120, 40)


async def test_value_keys_write_labels_and_move_through_fields(db: tuple[Path, list[str]]) -> None:
    path, ids = db
    app = FactcheckApp(str(path), "alice")
    async with app.run_test(size=SIZE) as pilot:
        s = screen_of(app).session
        assert (s.article and s.article.id, s.current, s.field.name) == (ids[0], 0, "checkworthy")
        await pilot.press("1")
        assert s.field.name == "stance"
        await pilot.press("3")
        assert s.field.name == "source"
        first = mention_ids(path, ids[0])[0]
        await wait_until(pilot, lambda: len(db_labels(path, "alice")) == 2)
        assert db_labels(path, "alice") == {
            (first, "checkworthy"): "check-worthy",
            (first, "stance"): "discuss",
        }
        assert db_count(path, "events") == 2


async def test_choice_keys_are_disabled_on_a_text_field(db: tuple[Path, list[str]]) -> None:
    path, _ids = db
    app = FactcheckApp(str(path), "alice")
    async with app.run_test(size=SIZE) as pilot:
        s = screen_of(app).session
        await pilot.press("tab", "tab")
        assert s.field.name == "source"
        await pilot.press("1", "2")
        await pilot.pause()
        assert s.field.name == "source"
        assert db_count(path, "events") == 0


async def test_sentence_and_article_navigation(db: tuple[Path, list[str]]) -> None:
    path, ids = db
    app = FactcheckApp(str(path), "alice")
    async with app.run_test(size=SIZE) as pilot:
        s = screen_of(app).session
        await pilot.press("j", "down", "tab")
        assert (s.current, s.field_index) == (2, 1)
        await pilot.press("j")
        assert s.field_index == 0, "moving to a sentence focuses its first field"
        await pilot.press("k", "up")
        assert s.current == 1
        await pilot.press("j", "j", "j", "j")
        assert (s.article and s.article.id, s.current) == (ids[1], 0), "j crosses into the next article"
        await pilot.press("k")
        assert (s.article and s.article.id, s.current) == (ids[0], 4)
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert s.article and s.article.id == ids[2]
        await pilot.press("left_square_bracket")
        assert s.article and s.article.id == ids[1]


async def test_x_marks_not_factual_and_moves_on(db: tuple[Path, list[str]]) -> None:
    path, ids = db
    app = FactcheckApp(str(path), "alice")
    async with app.run_test(size=SIZE) as pilot:
        s = screen_of(app).session
        await pilot.press("j", "j", "j", "x")
        assert s.current == 4
        question = mention_ids(path, ids[0])[3]
        await wait_until(pilot, lambda: db_labels(path, "alice"))
        assert db_labels(path, "alice") == {(question, "checkworthy"): "not-factual"}


async def test_last_field_moves_to_the_next_sentence(tmp_path: Path) -> None:
    from factcheck.schema import Field, Schema

    schema = Schema(
        (Field("stance", values=("agree", "disagree")), Field("certainty", values=("low", "high")))
    )
    path = tmp_path / "test.db"
    build_db(path, schema)
    app = FactcheckApp(str(path), "alice")
    async with app.run_test(size=SIZE) as pilot:
        s = screen_of(app).session
        await pilot.press("1", "2")
        assert (s.current, s.field_index) == (1, 0)
        await wait_until(pilot, lambda: len(db_labels(path, "alice")) == 2)


async def test_copy_previous_copies_mention_scoped_values(db: tuple[Path, list[str]]) -> None:
    path, ids = db
    app = FactcheckApp(str(path), "alice")
    async with app.run_test(size=SIZE) as pilot:
        s = screen_of(app).session
        await pilot.press("1", "3", "tab", "tab", "1")  # check-worthy, discuss, skip source, verification
        await pilot.press("j")
        await pilot.press("full_stop")
        second = mention_ids(path, ids[0])[1]
        assert s.mine[second] == {"checkworthy": "check-worthy", "stance": "discuss"}
        await wait_until(pilot, lambda: (second, "stance") in db_labels(path, "alice"))
        labels = db_labels(path, "alice")
        assert labels[(second, "checkworthy")] == "check-worthy"
        assert (second, "verification") not in labels, "claim-scoped fields are not copied"
        await pilot.press("u")
        await wait_until(pilot, lambda: (second, "stance") not in db_labels(path, "alice"))
        assert (second, "checkworthy") not in db_labels(path, "alice"), "one undo reverts the copy"


async def test_undo_reverts_the_last_change_also_after_a_restart(db: tuple[Path, list[str]]) -> None:
    path, ids = db
    first = mention_ids(path, ids[0])[0]
    app = FactcheckApp(str(path), "alice")
    async with app.run_test(size=SIZE) as pilot:
        s = screen_of(app).session
        await pilot.press("1", "2")
        await wait_until(pilot, lambda: len(db_labels(path, "alice")) == 2)
        await pilot.press("u")
        await wait_until(pilot, lambda: len(db_labels(path, "alice")) == 1)
        assert s.mine[first] == {"checkworthy": "check-worthy"}
        assert s.field.name == "stance", "undo focuses the field it reverted"
    app = FactcheckApp(str(path), "alice")
    async with app.run_test(size=SIZE) as pilot:
        s = screen_of(app).session
        await pilot.press("u")
        await wait_until(pilot, lambda: not db_labels(path, "alice"))
        assert not s.mine.get(first)
        await pilot.press("u")
        await pilot.pause(0.2)
        assert not db_labels(path, "alice")


async def test_claim_scoped_field_reaches_every_mention_of_the_claim(db: tuple[Path, list[str]]) -> None:
    path, ids = db
    in_a, in_b = mention_ids(path, ids[0])[1], mention_ids(path, ids[1])[1]
    app = FactcheckApp(str(path), "alice")
    async with app.run_test(size=SIZE) as pilot:
        screen = screen_of(app)
        s = screen.session
        await pilot.press("j")
        panel = screen.query_one(ClusterPanel)
        assert panel.display
        assert "Coalition responds" in str(panel.render())
        assert "article #2, sentence 2" in str(panel.render())
        await pilot.press("tab", "tab", "tab", "tab")
        assert s.field.name == "verification"
        await pilot.press("2")
        await wait_until(pilot, lambda: (in_b, "verification") in db_labels(path, "alice"))
        labels = db_labels(path, "alice")
        assert labels[(in_a, "verification")] == labels[(in_b, "verification")] == "refuted"
        await pilot.press("right_square_bracket", "j")
        assert s.mine[in_b] == {"verification": "refuted"}
        assert "refuted" in str(panel.render())
        # The value came with the claim: article 2's sentence is still to be labelled there.
        await app.workers.wait_for_complete()
        assert s.counts.get(ids[1], 0) == 0
        assert s.unlabelled(s.mentions[1]) and s.from_claim_only(s.mentions[1])


async def test_linked_variant_claims_are_flagged(db: tuple[Path, list[str]]) -> None:
    path, ids = db
    with Store(path) as store:
        a, b = store.mentions(ids[0])[2], store.mentions(ids[1])[0]
        with store.transaction():
            store.db["claim_links"].insert(
                {"claim_a": a.claim_id, "claim_b": b.claim_id, "kind": "negation", "score": 0.9}
            )
    app = FactcheckApp(str(path), "alice")
    async with app.run_test(size=SIZE) as pilot:
        screen = screen_of(app)
        await pilot.press("j", "j")
        text = str(screen.query_one(ClusterPanel).render())
        assert "conflicting variant (negation)" in text
        assert "coalition spokesman rejected" in text
        assert "Appears only here; variants:" in text  # not "in 0 other place(s)"
        assert "0 other place" not in text


async def test_next_unlabelled_crosses_articles(db: tuple[Path, list[str]]) -> None:
    path, ids = db
    app = FactcheckApp(str(path), "alice")
    async with app.run_test(size=SIZE) as pilot:
        s = screen_of(app).session
        await pilot.press("x", "x", "x", "x", "x")
        assert (s.article and s.article.id, s.current) == (ids[1], 0)
        await pilot.press("left_square_bracket")
        assert (s.article and s.article.id, s.current) == (ids[0], 0)
        await pilot.press("n")
        assert (s.article and s.article.id, s.current) == (ids[1], 0)
        await pilot.press("x", "n")
        assert (s.article and s.article.id, s.current) == (ids[1], 2)
        await wait_until(pilot, lambda: len(db_labels(path, "alice")) == 6)
    app = FactcheckApp(str(path), "alice")
    async with app.run_test(size=SIZE) as pilot:
        s = screen_of(app).session
        assert (s.article and s.article.id, s.current) == (ids[1], 1), "reopens at the first unlabelled"


async def test_search_goes_to_the_sentence(db: tuple[Path, list[str]]) -> None:
    path, ids = db
    app = FactcheckApp(str(path), "alice")
    async with app.run_test(size=SIZE) as pilot:
        s = screen_of(app).session
        await pilot.press("slash", *"rejected", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        results = app.screen.results  # type: ignore[attr-defined]
        assert [m.article_id for m in results] == [ids[1]]
        await pilot.press("enter")
        assert (s.article and s.article.id, s.current) == (ids[1], 0)


async def test_filters_unlabelled_and_disagreement(db: tuple[Path, list[str]]) -> None:
    path, ids = db
    first, second = mention_ids(path, ids[0])[:2]
    with Store(path) as store:
        store.set_label("alice", first, "stance", "agree")
        store.set_label("bob", first, "stance", "disagree")
        store.set_label("alice", second, "stance", "agree")
        store.set_label("bob", second, "stance", "agree")
    app = FactcheckApp(str(path), "alice")
    async with app.run_test(size=SIZE) as pilot:
        s = screen_of(app).session
        await pilot.press("left_square_bracket")
        assert s.visible == [0, 1, 2, 3, 4]
        await pilot.press("f")
        assert (s.filter, s.visible, s.current) == ("unlabelled", [2, 3, 4], 2)
        await pilot.press("f")
        assert (s.filter, s.visible, s.current) == ("flagged", [], None)
        await pilot.press("f")
        assert (s.filter, s.visible, s.current) == ("disagree", [0], 0)
        await pilot.press("f")
        assert s.filter == "all"


async def test_text_field_edit_accepts_the_suggestion(db: tuple[Path, list[str]]) -> None:
    path, ids = db
    first = mention_ids(path, ids[0])[0]
    app = FactcheckApp(str(path), "alice")
    async with app.run_test(size=SIZE) as pilot:
        s = screen_of(app).session
        await pilot.press("tab", "tab", "enter")
        assert screen_of(app).editing
        await pilot.press("j", "escape")
        assert not screen_of(app).editing and s.current == 0
        await pilot.press("enter", "enter")
        assert s.field.name == "source_type"
        await wait_until(pilot, lambda: db_labels(path, "alice"))
        assert db_labels(path, "alice") == {(first, "source"): "Amnesty International"}
        await pilot.press("shift+tab", "enter", "ctrl+u", *"Lynn", "enter")
        await wait_until(pilot, lambda: db_labels(path, "alice")[(first, "source")] == "Lynn")


async def test_quit_and_reopen_keeps_everything(db: tuple[Path, list[str]]) -> None:
    path, _ids = db
    app = FactcheckApp(str(path), "alice")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "1", "j", "2", "j", "x", "q")
    assert not app.writer.alive
    assert len(db_labels(path, "alice")) == 4
    app = FactcheckApp(str(path), "alice")
    async with app.run_test(size=SIZE) as pilot:
        s = screen_of(app).session
        assert (s.current, s.field_index) == (3, 0)
        assert len(s.mine) == 3
        assert s.overall_progress()[0] == 3


async def test_custom_schema_shows_its_fields(tmp_path: Path) -> None:
    from factcheck.schema import Field, Schema
    from factcheck.tui.widgets.label_panel import LabelPanel

    rating = Field("rating", values=("1", "2", "3", "4", "5"), ordered=True, title="Truth rating")
    path = tmp_path / "test.db"
    build_db(path, Schema((rating,)))
    app = FactcheckApp(str(path), "alice")
    async with app.run_test(size=SIZE) as pilot:
        screen = screen_of(app)
        shown = "\n".join(line.plain for line in screen.query_one(LabelPanel).lines)
        assert "Truth rating" in shown and "5 5" in shown
        assert "Stance" not in shown
        await pilot.press("x")  # the schema has no not-factual: nothing happens
        await pilot.press("6")  # no sixth value
        await pilot.pause()
        assert screen.session.current == 0
        await pilot.press("5")
        assert screen.session.current == 1, "after the only field, the next sentence"
        await wait_until(pilot, lambda: list(db_labels(path, "alice").values()) == ["5"])


async def test_empty_database_opens(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    Store(path).close()
    app = FactcheckApp(str(path), "alice")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "k", "n", "1", "x", "enter", "full_stop", "u", "f", "right_square_bracket")
        await pilot.press("p", "escape", "question_mark", "escape", "slash", "escape")
        await pilot.pause(0.2)
        assert screen_of(app).session.mention is None


async def test_layout_responds_to_width(db: tuple[Path, list[str]]) -> None:
    path, _ids = db
    for size, expected in [((80, 24), "-narrow"), ((120, 40), "-normal"), ((200, 60), "-wide")]:
        app = FactcheckApp(str(path), "alice")
        async with app.run_test(size=size) as pilot:
            screen = screen_of(app)
            assert screen.has_class(expected)
            pane = screen.query_one("#article-pane")
            assert pane.display and pane.size.height > 0
            await pilot.press("t")
            await pilot.pause()
            assert pane.size.height == 0 or not pane.display
            assert screen.query_one("#labels").size.height > 0


async def test_clicks_go_to_the_sentence(db: tuple[Path, list[str]]) -> None:
    path, _ids = db
    app = FactcheckApp(str(path), "alice")
    async with app.run_test(size=SIZE) as pilot:
        screen = screen_of(app)
        s = screen.session
        listing = screen.query_one("#sentences")
        await pilot.click(listing, offset=(10, 5))  # row 0 is the border
        assert s.current == 2
        view = screen.query_one("#article-view")
        await pilot.click(view, offset=(2, 0))
        assert s.current == 0
