"""The database as a documented dataset: foreign keys, views, search, metadata; older ones upgraded."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner
from test_export_formats import build, run

from factcheck.cli import cli
from factcheck.schema import DEFAULT_SCHEMA, Field, Schema
from factcheck.store import Store, StoreError, datasette_metadata
from factcheck.store.migrations import MIGRATIONS
from factcheck.store.relations import REFERENCES


@pytest.fixture
def built(tmp_path: Path) -> tuple[Store, list[str], str]:
    return build(tmp_path / "docs.db")


def columns(conn: sqlite3.Connection, name: str) -> list[str]:
    return [r[1] for r in conn.execute(f"pragma table_info({name})")]


def keys(conn: sqlite3.Connection, table: str) -> set[tuple[str, str]]:
    return {(r[3], r[2]) for r in conn.execute(f"pragma foreign_key_list({table})")}


def test_rows_that_reference_each_other_have_foreign_keys(built: tuple[Store, list[str], str]) -> None:
    conn = built[0].db.conn
    for table, wanted in REFERENCES.items():
        assert {(column, parent) for column, parent, _ in wanted} <= keys(conn, table)
    assert ("mention_id", "mentions") in keys(conn, "annotations")
    assert conn.execute("pragma foreign_key_check").fetchall() == []


def test_a_reference_to_nothing_is_refused_at_commit(built: tuple[Store, list[str], str]) -> None:
    store, ids, _ = built
    with pytest.raises(StoreError, match="FOREIGN KEY"), store.transaction():
        store.db.execute("update mentions set claim_id = 'nowhere' where id = ?", [ids[0]])
    assert store.mention(ids[0]).claim_id != "nowhere"  # type: ignore[union-attr]


def test_labels_wide_has_one_row_per_sentence_and_annotator(built: tuple[Store, list[str], str]) -> None:
    store, ids, _ = built
    rows = list(store.db.query("select * from labels_wide where mention_id = ? order by annotator", [ids[0]]))
    assert [r["annotator"] for r in rows] == ["alice", "bob"]
    assert rows[0]["checkworthy"] == "check-worthy" and rows[0]["source"] == "Amnesty"
    assert rows[0]["source_type"] == "ngo" and rows[1]["source_type"] is None
    assert set(DEFAULT_SCHEMA.names) <= set(rows[0])


def test_final_labels_agree_with_the_dataset_export_on_choice_fields(
    built: tuple[Store, list[str], str],
) -> None:
    store = built[0]
    exported = {r["mention_id"]: r for r in map(json.loads, run(store, "dataset")[0].splitlines())}
    view = {r["mention_id"]: r for r in store.db.query("select * from final_labels")}
    assert set(view) == set(exported)
    for mid, row in view.items():
        for f in DEFAULT_SCHEMA:
            if f.is_choice:
                assert (row[f.name], row[f.name + "_basis"]) == (
                    exported[mid][f.name],
                    exported[mid][f.name + "_basis"],
                ), (mid, f.name)


def test_sentences_can_be_searched_and_the_index_follows_changes(built: tuple[Store, list[str], str]) -> None:
    store, ids, _ = built
    db = sqlite_utils.Database(store.db.conn)
    assert db.table("mentions").detect_fts() == "mentions_fts"
    found = [r["id"] for r in db.table("mentions").search("civilians")]
    assert sorted(found) == sorted([ids[0], ids[3]])
    with store.transaction():
        store.db.execute("update mentions set text = 'Rain stopped.' where id = ?", [ids[2]])
    assert [r["id"] for r in db.table("mentions").search("stopped")] == [ids[2]]
    assert list(db.table("mentions").search("fell")) == []


def test_a_schema_extension_adds_its_columns_to_the_views(
    tmp_path: Path, built: tuple[Store, list[str], str]
) -> None:
    built[0].close()
    extended = Schema((*DEFAULT_SCHEMA.fields, Field("topic", values=("war", "law"))))
    with Store(tmp_path / "docs.db", extended) as store:
        assert "topic" in columns(store.db.conn, "labels_wide")
        assert "topic_basis" in columns(store.db.conn, "final_labels")


def test_datasette_metadata_describes_every_table_view_and_column(
    built: tuple[Store, list[str], str],
) -> None:
    store = built[0]
    meta = datasette_metadata(store)
    tables = meta["databases"]["docs"]["tables"]
    names = [r[0] for r in store.db.execute("select name from sqlite_master where type in ('table', 'view')")]
    shadow = {n for n in names if n.startswith("mentions_fts_")}  # FTS5's own storage
    undescribed = []
    for name in set(names) - shadow:
        if name not in tables or not tables[name]["description"]:
            undescribed.append(name)
            continue
        for column in columns(store.db.conn, name):
            if not tables[name]["columns"].get(column):
                undescribed.append(f"{name}.{column}")
    assert undescribed == []
    assert tables["mentions"]["fts_table"] == "mentions_fts"


def test_the_datasette_metadata_command(built: tuple[Store, list[str], str], tmp_path: Path) -> None:
    built[0].close()
    result = CliRunner().invoke(cli, ["datasette-metadata", "--db", str(tmp_path / "docs.db")])
    assert result.exit_code == 0
    assert "final_labels" in json.loads(result.stdout)["databases"]["docs"]["tables"]
    missing = CliRunner().invoke(cli, ["datasette-metadata", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 1 and missing.stderr.startswith("Error: ")
    assert not (tmp_path / "none.db").exists()


def _older_database(path: Path) -> None:
    """A database as the version before foreign keys wrote it, with the older default schema
    and the dangling rows older versions could leave."""
    db = sqlite_utils.Database(path)
    for migration in MIGRATIONS[:2]:
        migration(db)
    old = Schema(tuple(f for f in DEFAULT_SCHEMA if f.name != "evidence"))
    db.table("meta").insert_all(
        [{"key": "format_version", "value": "2"}, {"key": "schema", "value": old.to_json()}], pk="key"
    )
    db.table("articles").insert({"id": "a1", "seq": 1, "path": "a.txt", "text": "Troops left. Rain fell."})
    db.table("mentions").insert_all(
        [
            {
                "id": "m1",
                "article_id": "a1",
                "idx": 0,
                "start": 0,
                "end": 12,
                "text": "Troops left.",
                "claim_id": "c1",
            },
            {
                "id": "m2",
                "article_id": "a1",
                "idx": 1,
                "start": 13,
                "end": 23,
                "text": "Rain fell.",
                "claim_id": "c2",
            },
        ]
    )
    db.table("claims").insert({"id": "c1", "canonical_mention_id": "gone", "size": 1})  # c2 has no row
    db.table("claim_links").insert({"claim_a": "c1", "claim_b": "c9", "kind": "number", "score": 90.0})
    db.table("annotations").insert(
        {"mention_id": "m1", "annotator": "alice", "field": "stance", "value": "agree", "updated_at": "2024"}
    )
    db.conn.commit()
    db.close()


def test_an_older_database_is_upgraded_with_its_labels_intact(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _older_database(path)
    with Store(path) as store:
        assert store.schema == DEFAULT_SCHEMA
        version = store.db.execute("select value from meta where key = 'format_version'").fetchone()[0]
        assert int(version) == len(MIGRATIONS)
        assert store.db.execute("pragma foreign_key_check").fetchall() == []
        plan = store.db.execute("explain query plan select 1 from articles where path = 'x' and raw = 'y'")
        assert "articles_path" in " ".join(str(row) for row in plan)
        claims = dict(store.db.execute("select id, canonical_mention_id from claims").fetchall())
        assert claims == {"c1": "m1", "c2": "m2"}
        assert store.db.execute("select count(*) from claim_links").fetchone()[0] == 0
        assert store.labels("alice", "a1") == {"m1": {"stance": "agree"}}
        assert [r["id"] for r in sqlite_utils.Database(store.db.conn).table("mentions").search("troops")] == [
            "m1"
        ]
        assert store.db.execute(
            "select stance, stance_basis from final_labels where mention_id = 'm1'"
        ).fetchone() == (
            "agree",
            "majority",
        )
        store.add_article(build_article())  # writing after the upgrade works
    with Store(path) as again:  # and opening again changes nothing
        assert again.count("mentions") == 4


def build_article():  # type: ignore[no-untyped-def]
    from test_export_formats import SENTENCES_B, TEXT_B, new_article

    return new_article(TEXT_B[: TEXT_B.index("Prices")].strip(), SENTENCES_B[:2], path="b.txt")


def test_views_made_by_another_version_are_made_again_on_open(tmp_path: Path) -> None:
    store = build(tmp_path / "v.db")[0]
    with store.transaction():
        store.db.execute("drop view final_labels")
        store.db.execute("create view final_labels as select 1 as stale")
    store.close()
    with Store(tmp_path / "v.db") as again:
        assert "checkworthy_basis" in columns(again.db.conn, "final_labels")
