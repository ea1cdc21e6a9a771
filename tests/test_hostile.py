"""Hostile input: every user mistake gets one clear message, a non-zero exit and no damage."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from factcheck.cli import cli
from factcheck.ingest.pipeline import MAX_ARTICLE_BYTES, ingest
from factcheck.store import Store, StoreError

GOOD = "Amnesty said 426 civilians were killed. The coalition rejected the report.\n"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def dump(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute("select id, text from mentions order by id").fetchall()
        rows += conn.execute("select * from annotations order by 1, 2, 3").fetchall()
    return rows


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "h.db"
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    assert run("ingest", str(good), "--db", str(path)).exit_code == 0
    with Store(path) as store:
        store.set_label("alice", next(store.iter_mentions()).id, "stance", "agree")
    return path


HOSTILE_FILES = {
    "binary.txt": bytes(range(256)) * 64,
    "empty.txt": b"",
    "blank.md": b"   \n\n  \n",
    "nul.txt": b"Some text\x00with a NUL byte in it.",
    "broken.jsonl": b'{"text": "A fine claim here."}\n{"text": broken\n{"text": "Another."}\n',
    "notext.jsonl": b'{"title": "no text key"}\n',
    "image.png": b"\x89PNG\r\n\x1a\n" + bytes(100),
}


@pytest.mark.parametrize("name", sorted(HOSTILE_FILES))
def test_hostile_file_is_named_and_nothing_is_damaged(tmp_path: Path, db: Path, name: str) -> None:
    before = dump(db)
    bad = tmp_path / name
    bad.write_bytes(HOSTILE_FILES[name])
    result = run("ingest", str(bad), "--db", str(db))
    assert result.exit_code == 1
    assert name in result.stderr
    assert "Traceback" not in result.output
    assert dump(db) == before


def test_broken_jsonl_names_the_line(tmp_path: Path, db: Path) -> None:
    bad = tmp_path / "broken.jsonl"
    bad.write_bytes(HOSTILE_FILES["broken.jsonl"])
    assert "line 2" in run("ingest", str(bad), "--db", str(db)).stderr


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("utf16.txt", "\ufeffAmnesty said 426 civilians died in Mosul.\r\n".encode("utf-16-le")),
        ("crlf.txt", b"First claim is here.\r\nSecond claim is there.\r\n"),
        ("latin1.txt", "Le r\xe9sum\xe9 dit que 426 civils sont morts.\n".encode("latin-1")),
        ("invalid-utf8.txt", b"Valid start \xff\xfe then caf\xe9 and more text here.\n"),
    ],
)
def test_odd_encodings_are_read(tmp_path: Path, db: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    result = run("ingest", str(path), "--db", str(db))
    assert result.exit_code == 0, result.stderr
    with Store(db) as store:
        texts = [m.text for m in store.iter_mentions()]
    assert not any("\r" in t or "\ufeff" in t or "\x00" in t for t in texts)


def test_huge_article_is_refused_with_a_reason(tmp_path: Path, db: Path) -> None:
    big = tmp_path / "huge.txt"
    with open(big, "w") as out:
        line = "The report says 426 civilians were killed in west Mosul this year. " * 100 + "\n"
        while out.tell() <= MAX_ARTICLE_BYTES:
            out.write(line)
    result = run("ingest", str(big), "--db", str(db))
    assert result.exit_code == 1
    assert "huge.txt" in result.stderr and "too large" in result.stderr


def test_missing_path(tmp_path: Path, db: Path) -> None:
    result = run("ingest", str(tmp_path / "nope"), "--db", str(db))
    assert result.exit_code == 1 and "nope" in result.stderr and "no such file" in result.stderr


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[field]\n", "not valid TOML"),
        ('[[field]]\nname = "a"\nvalues = ["x"]\n[[field]]\nname = "a"\nvalues = ["y"]\n', "duplicate field"),
        ('[[field]]\nname = "a"\nvalues = ["x", "x"]\n', "duplicate value"),
        ('[[field]]\nname = "a"\nvalues = []\n', "at least one value"),
    ],
)
def test_bad_schema_file(tmp_path: Path, text: str, message: str) -> None:
    schema = tmp_path / "schema.toml"
    schema.write_text(text)
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    result = run("ingest", str(good), "--schema", str(schema), "--db", str(tmp_path / "s.db"))
    assert result.exit_code == 1
    assert "schema.toml" in result.stderr and message in result.stderr
    assert "Traceback" not in result.output


def test_schema_that_orphans_labels_is_refused(tmp_path: Path, db: Path) -> None:
    schema = tmp_path / "narrow.toml"
    schema.write_text('[[field]]\nname = "rating"\nvalues = ["1", "2"]\n')
    before = dump(db)
    result = run("ingest", str(tmp_path / "good.txt"), "--schema", str(schema), "--db", str(db))
    assert result.exit_code == 1 and "orphan" in result.stderr and "stance" in result.stderr
    assert dump(db) == before


def test_import_of_unknown_labels_writes_nothing(tmp_path: Path, db: Path) -> None:
    with Store(db) as store:
        mid = next(store.iter_mentions()).id
    before = dump(db)
    path = tmp_path / "labels.jsonl"
    lines = [
        {"mention_id": mid, "annotations": [{"annotator": "bob", "stance": "agree"}]},
        {"mention_id": mid, "annotations": [{"annotator": "bob", "stance": "sideways"}]},
    ]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    result = run("import", str(path), "--db", str(db))
    assert result.exit_code == 1 and f"{path}:2" in result.stderr and "sideways" in result.stderr
    assert dump(db) == before


def test_not_a_database(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(os.urandom(8192))
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    result = run("ingest", str(good), "--db", str(junk))
    assert result.exit_code == 1 and "junk.db" in result.stderr and "not an SQLite database" in result.stderr


def test_read_only_database(tmp_path: Path, db: Path) -> None:
    before = dump(db)
    other = tmp_path / "other.txt"
    other.write_text("A different article says 12 people were hurt.\n")
    code = (
        "import sys, sqlite3, factcheck.store.connection as c\n"
        "real = sqlite3.connect\n"
        "c.sqlite3 = type('m', (), {**vars(sqlite3), 'connect': staticmethod("
        "lambda p, **k: real(f'file:{p}?mode=ro', uri=True, **k))})\n"
        "from factcheck.cli import main\n"
        "sys.argv = ['factcheck', 'ingest', sys.argv[1], '--db', sys.argv[2]]\n"
        "main()\n"
    )
    proc = subprocess.run([sys.executable, "-c", code, str(other), str(db)], capture_output=True, text=True)
    assert proc.returncode == 1
    assert "read-only" in proc.stderr and "Traceback" not in proc.stderr
    assert dump(db) == before


def test_full_disk_keeps_the_database_sound(tmp_path: Path, db: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(40):
        (folder / f"{n}.txt").write_text(f"Article {n} says {n} people were hurt. " * 400 + "\n")
    before = dump(db)
    with Store(db) as store:
        pages = store.db.execute("pragma page_count").fetchone()[0]
        store.db.execute(f"pragma max_page_count = {pages + 40}")
        with pytest.raises(StoreError, match="disk is full"):
            ingest(store, [folder])
    with Store(db) as store:
        assert store.db.execute("pragma integrity_check").fetchone()[0] == "ok"
        orphans = store.db.execute(
            "select count(*) from articles a where not exists "
            "(select 1 from mentions m where m.article_id = a.id)"
        ).fetchone()[0]
        assert orphans == 0
    assert set(before) <= set(dump(db))


def test_export_to_a_missing_folder(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "out.jsonl"
    result = run("export", "--db", str(db), "--output", str(target))
    assert result.exit_code == 1
    assert str(target) in result.stderr and "No such file" in result.stderr
    assert "Traceback" not in result.output
