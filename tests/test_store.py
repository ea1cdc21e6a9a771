"""The store: migrations, content ids, labels with events, undo, schema changes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from factcheck.schema import DEFAULT_SCHEMA, Field, Schema
from factcheck.store import NewArticle, Store, StoreError

TEXT = "Amnesty said 105 were killed. The coalition denied it.\n\nA third [bold] sentence."
SPANS = [(0, 29), (30, 54), (56, 80)]


def new_article(text: str = TEXT, spans: list[tuple[int, int]] = SPANS, path: str = "a.txt") -> NewArticle:
    return NewArticle(path=path, raw=text, text=text, spans=spans, sources=["Amnesty", None, None], title="T")


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "t.db")
    s.add_article(new_article())
    return s


def test_tables_and_wal(store: Store) -> None:
    names = set(store.db.table_names())
    assert {"articles", "mentions", "claims", "annotations", "events", "gold", "meta"} <= names
    assert store.db.execute("pragma journal_mode").fetchone()[0] == "wal"
    assert store.schema == DEFAULT_SCHEMA


def test_mentions_slice_the_text(store: Store) -> None:
    article = store.articles()[0]
    mentions = store.mentions(article.id)
    assert [m.text for m in mentions] == [TEXT[s:e] for s, e in SPANS]
    assert mentions[0].suggested_source == "Amnesty"


def test_same_content_adds_nothing_and_ids_agree(tmp_path: Path, store: Store) -> None:
    assert store.add_article(new_article(path="other.txt")) is None
    assert store.count("articles") == 1
    other = Store(tmp_path / "other.db")
    other.add_article(new_article(path="elsewhere/a.txt"))
    ids = [m.id for m in store.mentions(store.articles()[0].id)]
    assert ids == [m.id for m in other.mentions(other.articles()[0].id)]


def test_articles_stored_together_are_those_stored_one_by_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file's articles are written together, a few thousand mentions at a time; a copy
    of one stored before, or earlier in the same file, adds nothing."""
    from factcheck.store import core

    monkeypatch.setattr(core, "ROWS_AT_ONCE", 4)  # written in several goes
    second = TEXT.replace("105", "106")
    third = TEXT.replace("105", "107")
    together = Store(tmp_path / "together.db")
    found = together.add_articles(
        [new_article(), new_article(second, path="b.txt"), new_article(path="a copy.txt"), new_article(third)]
    )
    assert found[2] is None and None not in (found[0], found[1], found[3])
    one_by_one = Store(tmp_path / "one.db")
    singly = [one_by_one.add_article(new_article(text)) for text in (TEXT, second, third)]
    assert singly == [found[0], found[1], found[3]]
    assert together.add_articles([new_article(path="again.txt")]) == [None]
    assert [(a.id, a.seq) for a in together.articles()] == [(a.id, a.seq) for a in one_by_one.articles()]
    assert [m.id for m in together.iter_mentions()] == [m.id for m in one_by_one.iter_mentions()]
    assert together.count("claims") == one_by_one.count("claims") == 9
    assert together.check() == []


def test_label_event_and_undo_survive_reopen(tmp_path: Path, store: Store) -> None:
    aid = store.articles()[0].id
    first = store.mentions(aid)[0]
    store.set_label("alice", first.id, "stance", "agree", dwell_ms=1200)
    store.set_label("alice", first.id, "stance", "discuss")
    events = store.events_for("alice")
    assert [(e["old"], e["new"]) for e in events] == [("agree", "discuss"), (None, "agree")]
    assert events[1]["dwell_ms"] == 1200
    store.close()
    reopened = Store(tmp_path / "t.db")
    assert reopened.undo("alice")[0].new == "agree"
    assert reopened.labels("alice", aid) == {first.id: {"stance": "agree"}}
    reopened.undo("alice")
    assert reopened.labels("alice", aid) == {}
    assert reopened.undo("alice") == []


def test_undo_is_per_annotator(store: Store) -> None:
    aid = store.articles()[0].id
    mid = store.mentions(aid)[0].id
    store.set_label("alice", mid, "stance", "agree")
    store.set_label("bob", mid, "stance", "disagree")
    store.undo("alice")
    assert store.labels("bob", aid) == {mid: {"stance": "disagree"}}
    assert store.labels("alice", aid) == {}


def test_claim_scope_reaches_every_mention_and_undoes_together(store: Store) -> None:
    aid = store.articles()[0].id
    first, second, _ = store.mentions(aid)
    with store.transaction():
        store.db.execute("update mentions set claim_id = ? where id = ?", [first.claim_id, second.id])
    store.set_label("alice", first.id, "verification", "refuted")
    labels = store.labels("alice", aid)
    assert labels[first.id]["verification"] == labels[second.id]["verification"] == "refuted"
    store.set_label("alice", first.id, "stance", "agree")
    assert second.id not in {m for m, v in store.labels("alice", aid).items() if "stance" in v}
    store.undo("alice")
    store.undo("alice")
    assert store.labels("alice", aid) == {}


def test_bad_values_are_refused(store: Store) -> None:
    mid = store.mentions(store.articles()[0].id)[0].id
    with pytest.raises(ValueError):
        store.set_label("alice", mid, "stance", "maybe")
    with pytest.raises(ValueError):
        store.set_label("alice", mid, "colour", "red")


def test_first_unlabelled(store: Store) -> None:
    aid = store.articles()[0].id
    mentions = store.mentions(aid)
    store.set_label("alice", mentions[0].id, "stance", "agree")
    assert store.first_unlabelled("alice", aid) == 1
    assert store.first_unlabelled("alice", aid, after=1) == 2
    assert store.first_unlabelled("bob", aid) == 0
    store.set_label("alice", mentions[2].id, "note", "x")
    assert store.first_unlabelled("alice", aid, after=1) is None


def test_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match="not an SQLite database"):
        Store(path)


def test_foreign_sqlite_database_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("create table stuff (x)")
    with pytest.raises(StoreError, match="not a factcheck database"):
        Store(path)


def test_schema_extension_keeps_labels_and_orphans_are_refused(tmp_path: Path, store: Store) -> None:
    mid = store.mentions(store.articles()[0].id)[0].id
    store.set_label("alice", mid, "stance", "agree")
    store.close()
    extended = Schema((*DEFAULT_SCHEMA.fields, Field("topic", values=("war", "law"))))
    with Store(tmp_path / "t.db", extended) as s:
        assert s.schema.get("topic") is not None
        assert s.labels("alice", s.articles()[0].id) == {mid: {"stance": "agree"}}
    narrowed = Schema((Field("stance", values=("agree", "disagree")),))
    Store(tmp_path / "t.db", narrowed).close()  # 'discuss' unused: allowed
    with pytest.raises(StoreError, match="orphan"):
        Store(tmp_path / "t.db", Schema((Field("rating", values=("1", "2")),)))


def test_a_database_made_with_an_older_default_schema_gains_the_evidence_field(
    tmp_path: Path, store: Store
) -> None:
    mid = store.mentions(store.articles()[0].id)[0].id
    store.set_label("alice", mid, "verification", "refuted")
    old = Schema(tuple(f for f in DEFAULT_SCHEMA if f.name != "evidence"))
    with store.transaction():
        store.db.execute("update meta set value = ? where key = 'schema'", [old.to_json()])
    store.close()
    with Store(tmp_path / "t.db") as s:
        assert s.schema == DEFAULT_SCHEMA
        assert s.labels("alice", s.articles()[0].id) == {mid: {"verification": "refuted"}}
        s.set_label("alice", mid, "evidence", "https://example.org/report")
    raw = sqlite3.connect(tmp_path / "t.db").execute("select value from meta where key = 'schema'")
    assert Schema.from_json(raw.fetchone()[0]) == DEFAULT_SCHEMA  # written once, not on every open


def test_custom_schema_on_new_database(tmp_path: Path) -> None:
    schema = Schema((Field("rating", values=("1", "2", "3", "4", "5"), ordered=True),))
    Store(tmp_path / "c.db", schema).close()
    assert Store(tmp_path / "c.db").schema == schema


def test_import_labels_upserts_and_never_deletes(store: Store) -> None:
    aid = store.articles()[0].id
    a, b, _ = (m.id for m in store.mentions(aid))
    store.set_label("alice", a, "note", "keep")
    counts = store.import_labels([(a, "alice", "stance", "agree"), (b, "bob", "stance", "discuss")])
    assert (counts.inserted, counts.updated, counts.unchanged) == (2, 0, 0)
    counts = store.import_labels([(a, "alice", "stance", "agree"), (b, "bob", "stance", "agree")])
    assert (counts.inserted, counts.updated, counts.unchanged) == (0, 1, 1)
    assert store.labels("alice", aid)[a] == {"note": "keep", "stance": "agree"}


def test_every_sqlite_error_leaves_the_store_as_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    store = Store(path)
    other = sqlite3.connect(path)
    other.execute("drop table gold")
    other.execute("pragma legacy_alter_table = on")  # the views name the tables damaged here
    other.execute("alter table mentions rename to gone")
    other.commit()
    other.close()
    with pytest.raises(StoreError, match="no such table"):
        store.mentions("anything")
    with pytest.raises(StoreError, match="no such table"):
        list(store.iter_mentions())  # a generator is guarded while it is iterated
    with pytest.raises(StoreError):
        store.set_label("alice", "m", "stance", "agree")
    store.close()


def _many(count: int) -> list[NewArticle]:
    return [new_article(TEXT.replace("105", str(200 + i)), path=f"{i}.txt") for i in range(count)]


def _one_sentence(text: str, path: str) -> NewArticle:
    return NewArticle(path=path, raw=text, text=text, spans=[(0, len(text))], sources=[None], title="T")


def _triggers(store: Store) -> list[tuple[str, str]]:
    return store.db.execute(
        "select name, sql from sqlite_master where type = 'trigger' order by name"
    ).fetchall()


def test_many_articles_at_once_are_searchable_and_queued_like_one_by_one(tmp_path: Path) -> None:
    from factcheck.store.core import PUT_OFF_ARTICLES

    together, one_by_one = Store(tmp_path / "together.db"), Store(tmp_path / "one.db")
    news = _many(PUT_OFF_ARTICLES + 5)
    before = _triggers(together)
    together.add_articles(news)
    for new in news:
        one_by_one.add_article(new)
    assert _triggers(together) == before == _triggers(one_by_one)
    for store in (together, one_by_one):
        assert store.db.execute("select count(*) from dedup_pending").fetchone()[0] == 3 * len(news)
        found = store.db.execute("select count(*) from mentions_fts where mentions_fts match 'coalition'")
        assert found.fetchone()[0] == len(news)
        assert store.check() == []
    together.add_articles([*_many(PUT_OFF_ARTICLES + 8)[-3:], _one_sentence("Rain fell.", "x.txt")])
    assert (
        together.db.execute("select count(*) from mentions_fts where mentions_fts match 'rain'").fetchone()[0]
        == 1
    )


def test_a_failed_bulk_insert_leaves_the_triggers_and_the_database_as_they_were(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from factcheck.store import core
    from factcheck.store.core import PUT_OFF_ARTICLES

    store = Store(tmp_path / "t.db")
    store.add_article(new_article())
    before = _triggers(store)
    real = core._insert_rows

    def full_disk(conn: sqlite3.Connection, verb: str, rows: object, per: int) -> None:
        if "claims" in verb:  # after the mentions went in, with the triggers dropped
            raise sqlite3.OperationalError("database or disk is full")
        real(conn, verb, rows, per)  # type: ignore[arg-type]

    monkeypatch.setattr(core, "_insert_rows", full_disk)
    with pytest.raises(StoreError, match="full"):
        store.add_articles(_many(PUT_OFF_ARTICLES))
    monkeypatch.undo()
    assert _triggers(store) == before
    assert store.count("mentions") == 3
    assert store.db.execute("select count(*) from dedup_pending").fetchone()[0] == 3
    store.add_article(_one_sentence("Rain fell on the coalition.", "x.txt"))
    assert store.db.execute("select count(*) from dedup_pending").fetchone()[0] == 4
