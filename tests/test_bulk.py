"""Bulk writes in short transactions: the lock is free between them, and a killed import or merge
is completed (or, before it was registered, forgotten) by the next command."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from factcheck.importer import import_file
from factcheck.store import NewArticle, Store

SENTENCES = [f"Claim number {i} says {i * 7} people were counted." for i in range(60)]
TEXT = " ".join(SENTENCES)


def build(path: Path) -> list[str]:
    spans, pos = [], 0
    for s in SENTENCES:
        spans.append((pos, pos + len(s)))
        pos += len(s) + 1
    with Store(path) as store:
        store.add_article(NewArticle("a.txt", TEXT, TEXT, spans, [None] * len(spans)))
        return [m.id for m in store.iter_mentions()]


def write_labels(path: Path, mention_ids: list[str]) -> None:
    people = ("ann", "ben", "cat")
    lines = [
        {
            "mention_id": mid,
            "annotations": [
                {"annotator": who, "stance": ("agree", "discuss")[(i + k) % 2]}
                for k, who in enumerate(people)
            ],
        }
        for i, mid in enumerate(mention_ids)
    ]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n")


def labels(path: Path) -> list[tuple[str, ...]]:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute(
            "select mention_id, annotator, field, value from annotations order by 1, 2, 3"
        ).fetchall()


def pending(path: Path) -> int:
    with closing(sqlite3.connect(path)) as conn:
        return int(conn.execute("select count(*) from bulk_ops").fetchone()[0])


def stages(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".bulk-" in p.name)


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Path, Path, list[tuple[str, ...]]]:
    """A database, an import file of 180 labels, and the labels a complete import gives."""
    db = tmp_path / "main.db"
    write_labels(tmp_path / "labels.jsonl", build(db))
    reference = tmp_path / "reference.db"
    shutil.copy(db, reference)
    with Store(reference) as store:
        import_file(tmp_path / "labels.jsonl", store)
    expected = labels(reference)
    reference.unlink()
    assert len(expected) == 180
    return db, tmp_path / "labels.jsonl", expected


KILLED = """
import os, signal, sys
from factcheck.store import bulk, import_stage, merge

bulk.FIRST_CHUNK = 10
bulk.MAX_PAUSE_S = 0
where, calls = sys.argv[1], [0]

def killing(real):
    def step(*args, **kwargs):
        calls[0] += 1
        if calls[0] == 3:
            if where == "inside":  # after writing, before the commit
                real(*args, **kwargs)
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **kwargs)
    return step

if where == "staging":
    import_stage.ImportStage.seal = lambda *a, **k: os.kill(os.getpid(), signal.SIGKILL)
else:
    import_stage._ImportApplier.labels_step = killing(import_stage._ImportApplier.labels_step)
    merge._MergeApplier._labels = killing(merge._MergeApplier._labels)
from factcheck.cli import main
sys.argv = ["factcheck", *sys.argv[2:]]
main()
"""


def killed(where: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", KILLED, where, *args], capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("where", ["between", "inside"])
def test_an_import_killed_part_way_is_completed_by_the_next_command(
    setup: tuple[Path, Path, list[tuple[str, ...]]], where: str
) -> None:
    db, file, expected = setup
    proc = killed(where, "import", str(file), "--db", str(db))
    assert proc.returncode == -9, proc.stderr
    part = labels(db)
    assert 0 < len(part) < len(expected)  # killed part-way: some chunks were committed
    assert pending(db) == 1 and len(stages(db.parent)) == 1
    proc = subprocess.run(
        [sys.executable, "-m", "factcheck", "stats", "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "completing an interrupted import of" in proc.stderr and "labels.jsonl" in proc.stderr
    assert labels(db) == expected
    assert pending(db) == 0 and stages(db.parent) == []


def test_an_import_killed_while_staging_writes_nothing_and_its_stage_is_swept(
    setup: tuple[Path, Path, list[tuple[str, ...]]],
) -> None:
    db, file, _expected = setup
    with closing(sqlite3.connect(db)) as conn:
        before = list(conn.iterdump())
    proc = killed("staging", "import", str(file), "--db", str(db))
    assert proc.returncode == -9
    assert len(stages(db.parent)) == 1 and pending(db) == 0
    with closing(sqlite3.connect(db)) as conn:
        assert list(conn.iterdump()) == before
    assert (
        subprocess.run(
            [sys.executable, "-m", "factcheck", "stats", "--db", str(db)], capture_output=True
        ).returncode
        == 0
    )
    assert stages(db.parent) == []


def test_a_merge_killed_part_way_is_completed_by_the_next_command(
    setup: tuple[Path, Path, list[tuple[str, ...]]], tmp_path: Path
) -> None:
    db, file, expected = setup
    other = tmp_path / "other.db"
    shutil.copy(db, other)
    with Store(other) as store:
        import_file(file, store)
    proc = killed("between", "merge", str(other), "--db", str(db))
    assert proc.returncode == -9, proc.stderr
    assert 0 < len(labels(db)) < len(expected) and pending(db) == 1
    proc = subprocess.run(
        [sys.executable, "-m", "factcheck", "export", "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0 and "completing an interrupted merge" in proc.stderr
    assert labels(db) == expected and pending(db) == 0 and stages(db.parent) == []


def test_the_write_lock_is_free_between_the_transactions_of_an_import(
    setup: tuple[Path, Path, list[tuple[str, ...]]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Between two transactions another writer that does not wait at all gets the lock."""
    db, file, expected = setup
    monkeypatch.setattr("factcheck.store.bulk.FIRST_CHUNK", 10)
    assert labels(db) == []
    writes: list[str] = []
    other = sqlite3.connect(db, timeout=0, isolation_level=None)

    def pause(_seconds: float) -> None:
        other.execute("begin immediate")  # raises 'database is locked' if the import still held it
        other.execute("insert into meta (key, value) values (?, 'x')", [f"between-{len(writes)}"])
        other.execute("commit")
        writes.append("ok")

    monkeypatch.setattr("factcheck.store.bulk.time.sleep", pause)
    with Store(db) as store:
        report = import_file(file, store)
    other.close()
    assert report.inserted == 180
    assert len(writes) >= 3  # the import took several transactions, and the lock was free after each
    assert labels(db) == expected
