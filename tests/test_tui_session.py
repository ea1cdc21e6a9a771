"""The annotation session without a screen: resuming, next-unlabelled with wrap-round, filters."""

from __future__ import annotations

from pathlib import Path

from tui_helpers import build_db

from factcheck.store import Store
from factcheck.tui.session import Session


def label_all(store: Store, annotator: str, article_id: str, skip: tuple[int, ...] = ()) -> None:
    for m in store.mentions(article_id):
        if m.index not in skip:
            store.set_label(annotator, m.id, "checkworthy", "unimportant")


def test_start_resumes_at_the_first_unlabelled_sentence(tmp_path: Path) -> None:
    path = tmp_path / "test.db"
    ids = build_db(path)
    with Store(path) as store:
        label_all(store, "alice", ids[0], skip=(3,))
        session = Session(store, "alice")
        session.start()
        assert (session.article and session.article.id, session.current) == (ids[0], 3)
        assert session.overall_progress() == (4, 13)


def test_next_unlabelled_wraps_round_and_stops_when_all_are_done(tmp_path: Path) -> None:
    path = tmp_path / "test.db"
    ids = build_db(path)
    with Store(path) as store:
        label_all(store, "alice", ids[1])
        label_all(store, "alice", ids[2])
        label_all(store, "alice", ids[0], skip=(1,))
        session = Session(store, "alice")
        session.open_article(ids[2], 4)
        assert session.next_unlabelled()
        assert (session.article and session.article.id, session.current) == (ids[0], 1)
        request = session.set_value(session.schema["stance"], "agree")
        assert request is not None and request.field == "stance"
        assert not session.next_unlabelled(), "the label in memory counts before it is written"


def test_filters_keep_the_current_sentence_visible(tmp_path: Path) -> None:
    path = tmp_path / "test.db"
    ids = build_db(path)
    with Store(path) as store:
        first = store.mentions(ids[0])[0]
        store.set_label("bob", first.id, "source", "Amnesty ")
        store.set_label("alice", first.id, "source", "amnesty")
        session = Session(store, "alice")
        session.open_article(ids[0], 2)
        session.cycle_filter()
        assert (session.filter, session.visible, session.current) == ("unlabelled", [1, 2, 3, 4], 2)
        session.cycle_filter()
        assert session.visible == [], "text values equal after case and space folding"
        assert session.current is None
        assert session.move(1), "with nothing shown, the next sentence is in the next article"
        assert session.article is not None and session.article.id == ids[1]
