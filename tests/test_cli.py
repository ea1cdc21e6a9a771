"""The command line end to end: ingest, export, import, stats, and user errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from factcheck.cli import cli
from factcheck.store import Store

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def seeded_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("seeded") / "seeds.db"
    result = run("ingest", str(SEEDS), "--db", str(db))
    assert result.exit_code == 0, result.output
    return db


def copy_db(db: Path, tmp_path: Path) -> Path:
    target = tmp_path / "copy.db"
    with Store(db) as store:
        store.db.execute("pragma wal_checkpoint(truncate)")
    shutil.copy(db, target)
    return target


def export_records(db: Path) -> list[dict]:
    result = run("export", "--db", str(db))
    assert result.exit_code == 0
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_ingest_reports_a_summary(tmp_path: Path) -> None:
    result = run("ingest", str(SEEDS), "--db", str(tmp_path / "x.db"))
    assert "5 article(s) added" in result.stderr
    again = run("ingest", str(SEEDS), "--db", str(tmp_path / "x.db"))
    assert again.exit_code == 0
    assert "0 article(s) added" in again.stderr and "5 already present" in again.stderr


def test_export_has_every_sentence_in_order(seeded_db: Path) -> None:
    records = export_records(seeded_db)
    with Store(seeded_db) as store:
        articles = store.articles()
        assert len(records) == store.count("mentions")
        text = {a.id: a.text for a in articles}
    order = [a.id for a in articles]
    keys = [(order.index(r["article_id"]), r["index"]) for r in records]
    assert keys == sorted(keys)
    for r in records:
        assert text[r["article_id"]][r["start"] : r["end"]] == r["text"]
        assert r["annotations"] == [] and r["gold"] == {}
        assert r["article_path"].endswith(".txt")
    assert {r["article_path"].split("/")[-1][:3] for r in records} == {"000", "001", "002", "003", "004"}


def test_export_holds_no_scraped_noise(seeded_db: Path) -> None:
    text = "\n".join(r["text"] for r in export_records(seeded_db))
    for noise in (
        "Getty Images",
        "Keep Reading",
        "Mamdani",
        "Comment on Global Research",
        "Please let us know",
        "Become a Member",
        "1/36",
        "For Immediate Release",
        "2 min read",
        "Copyright",
        "worldwide movement",
    ):
        assert noise not in text, noise


def test_multi_sentence_quotation_is_split(seeded_db: Path) -> None:
    texts = [r["text"] for r in export_records(seeded_db)]
    assert any(t.startswith("“Entire families have been wiped out") for t in texts)
    assert any(t.startswith("The people of Mosul deserve to know") for t in texts)


def test_source_suggestion_is_exported_not_labelled(seeded_db: Path) -> None:
    records = export_records(seeded_db)
    suggested = [r for r in records if r["suggestions"].get("source")]
    assert suggested and all(r["annotations"] == [] for r in suggested)
    assert any("Maalouf" in r["suggestions"]["source"] for r in suggested)


def test_export_import_round_trip_is_byte_identical(seeded_db: Path, tmp_path: Path) -> None:
    db = copy_db(seeded_db, tmp_path)
    with Store(db) as store:
        first = store.mentions(store.articles()[0].id)
        store.set_label("alice", first[0].id, "stance", "agree")
        store.set_label("alice", first[0].id, "source", "Amnesty [bold] “Int’l”")
        store.set_label("bob", first[1].id, "verification", "refuted")
        store.set_label("bob", first[2].id, "note", "line\nbreak")
    exported = tmp_path / "labels.jsonl"
    assert run("export", "--db", str(db), "--output", str(exported)).exit_code == 0
    fresh = tmp_path / "fresh.db"
    assert run("ingest", str(SEEDS), "--db", str(fresh)).exit_code == 0
    imported = run("import", str(exported), "--db", str(fresh))
    assert imported.exit_code == 0, imported.output
    again = tmp_path / "again.jsonl"
    assert run("export", "--db", str(fresh), "--output", str(again)).exit_code == 0
    assert exported.read_bytes() == again.read_bytes()


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "invalid JSON"),
        ('{"mention_id": "0000000000000000", "annotations": []}', "unknown mention"),
        ('{"mention_id": "MID", "annotations": [{"annotator": "a", "colour": "red"}]}', "unknown field"),
        ('{"mention_id": "MID", "annotations": [{"annotator": "a", "stance": "maybe"}]}', "unknown value"),
        ('{"mention_id": "MID", "annotations": [{"stance": "agree"}]}', "annotator"),
        ('{"mention_id": "MID"}', "annotations"),
    ],
)
def test_bad_import_line_writes_nothing(seeded_db: Path, tmp_path: Path, line: str, message: str) -> None:
    db = copy_db(seeded_db, tmp_path)
    mid = export_records(db)[0]["mention_id"]
    good = json.dumps({"mention_id": mid, "annotations": [{"annotator": "a", "stance": "agree"}]})
    path = tmp_path / "in.jsonl"
    path.write_text(good + "\n" + line.replace("MID", mid) + "\n")
    result = run("import", str(path), "--db", str(db))
    assert result.exit_code == 1
    assert f"{path}:2" in result.stderr and message in result.stderr
    with Store(db) as store:
        assert store.count("annotations") == 0


def test_bad_file_is_named_and_others_ingested(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEEDS / "003_d2c7939062bec8a9.txt", folder / "good.txt")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (folder / "empty.txt").write_text("")
    (folder / "broken.jsonl").write_text('{"text": "One claim here."}\n{oops\n')
    db = tmp_path / "x.db"
    result = run("ingest", str(folder), str(tmp_path / "missing.txt"), "--db", str(db))
    assert result.exit_code == 1
    for name in ("binary.txt", "empty.txt", "broken.jsonl", "missing.txt"):
        assert name in result.stderr
    assert "broken.jsonl" in result.stderr and "line 2" in result.stderr
    with Store(db) as store:
        assert [a.path.endswith("good.txt") for a in store.articles()] == [True]


def test_stats(seeded_db: Path, tmp_path: Path) -> None:
    db = copy_db(seeded_db, tmp_path)
    with Store(db) as store:
        mid = store.mentions(store.articles()[0].id)[0].id
        store.set_label("alice", mid, "stance", "agree")
    data = json.loads(run("stats", "--format", "json", "--db", str(db)).stdout)
    assert data["annotators"]["alice"]["fields"] == {"stance": 1}
    assert "alice" in run("stats", "--db", str(db)).stdout


def test_missing_database_is_a_clear_error(tmp_path: Path) -> None:
    result = run("export", "--db", str(tmp_path / "none.db"))
    assert result.exit_code == 1 and "no such database" in result.stderr


def test_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_text("hello" * 1000)
    result = run("stats", "--db", str(junk))
    assert result.exit_code == 1 and "not an SQLite database" in result.stderr
    assert "Traceback" not in result.output


def test_conflicting_variants_are_exported(tmp_path: Path) -> None:
    one = tmp_path / "one.txt"
    two = tmp_path / "two.txt"
    one.write_text("A US airstrike on the Mosul al-Jadida neighbourhood killed at least 105 civilians.\n")
    two.write_text("A US airstrike on the Mosul al-Jadida neighbourhood killed at least 150 civilians.\n")
    db = tmp_path / "v.db"
    assert run("ingest", str(one), str(two), "--db", str(db)).exit_code == 0
    first, second = export_records(db)
    assert first["claim_id"] != second["claim_id"]
    assert [v["claim_id"] for v in first["variants"]] == [second["claim_id"]]
    assert first["variants"][0]["kind"] == "number"


def test_sentences_left_unclustered_are_clustered_by_the_next_ingest(tmp_path: Path) -> None:
    from factcheck.ingest.pipeline import ingest

    files = [SEEDS / "000_371a958a31df0c96.txt", SEEDS / "004_5de015ed7ff5a471.txt"]
    db = tmp_path / "u.db"
    with Store(db) as store:  # as if a run was killed between storing and clustering
        ingest(store, files)
        assert store.has_unclustered()
    assert run("ingest", *map(str, files), "--db", str(db)).exit_code == 0
    with Store(db) as store:
        assert not store.has_unclustered()
    quote = [r for r in export_records(db) if "The scale and gravity" in r["text"]]
    assert len(quote) == 2 and quote[0]["claim_id"] == quote[1]["claim_id"]


def test_the_wire_a_story_came_from_is_kept_and_exported(tmp_path: Path) -> None:
    source = tmp_path / "wire.jsonl"
    records = [
        {
            "text": "WASHINGTON (AP) — The Senate passed the bill on Tuesday by a vote of 52 to 48.",
            "outlet": "SFGATE",
        },
        {
            "text": "The council approved the new budget of 4 million euros on Monday evening.",
            "wire": "Reuters",
        },
    ]
    source.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    db = tmp_path / "w.db"
    assert run("ingest", str(source), "--db", str(db)).exit_code == 0
    exported = export_records(db)
    assert [(r["article_outlet"], r["article_wire"]) for r in exported] == [
        ("SFGATE", "AP"),
        (None, "Reuters"),
    ]
    articles = run("export", "--format", "articles", "--db", str(db)).output.splitlines()
    assert [json.loads(line)["wire"] for line in articles] == ["AP", "Reuters"]


def test_stats_of_a_team_gives_each_annotator_a_row(seeded_db: Path, tmp_path: Path) -> None:
    db = copy_db(seeded_db, tmp_path)
    with Store(db) as store:
        first = store.mentions(store.articles()[0].id)[0].id
        for who in ("ann", "ben", "cat", "dan", "eve"):
            store.set_label(who, first, "stance", "agree")
    lines = run("stats", "--db", str(db)).output.splitlines()
    rows = [
        line.split() for line in lines if line.split()[:1] in (["ann"], ["ben"], ["cat"], ["dan"], ["eve"])
    ]
    assert [row[0] for row in rows] == ["ann", "ben", "cat", "dan", "eve"]
    assert all(row[1] == "1" for row in rows)  # one sentence labelled each
