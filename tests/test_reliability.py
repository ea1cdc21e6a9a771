"""Concurrent writers and SIGKILL: every committed label survives, the file stays sound."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from factcheck.store import Store

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import stress  # noqa: E402


def test_eight_concurrent_writers_lose_nothing() -> None:
    result = stress.run(processes=8, labels=60, mentions=200)
    assert result["errors"] == 0, result["error_samples"]
    assert result["labels_lost"] == 0
    assert result["integrity"] == "ok"
    assert result["writes"] == 8 * 60


KILLED_WRITER = textwrap.dedent(
    """
    import sys
    from factcheck.store import Store
    store = Store(sys.argv[1])
    ids = [m.id for m in store.iter_mentions()]
    n = 0
    while True:
        mid = ids[n % len(ids)]
        store.set_label("k", mid, "note", f"value {n}")
        print(mid, n, flush=True)
        n += 1
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_while_writing_keeps_every_committed_label(tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    stress.build(db, 100)
    proc = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(db)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    committed: dict[str, int] = {}
    deadline = time.monotonic() + 60
    while True:
        line = proc.stdout.readline()
        mid, n = line.split()
        committed[mid] = int(n)
        if int(n) >= 400 or time.monotonic() > deadline:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with Store(db) as store:
        assert store.db.execute("pragma integrity_check").fetchone()[0] == "ok"
        rows = dict(
            store.db.execute("select mention_id, value from annotations where annotator = 'k'").fetchall()
        )
    for mid, n in committed.items():
        # The writer may have committed one more label after its last printed line.
        assert int(rows[mid].split()[1]) >= n


KILLED_INGEST = textwrap.dedent(
    """
    import sys
    from factcheck.ingest.pipeline import ingest
    from factcheck.store import Store
    ingest(Store(sys.argv[1]), [sys.argv[2]], progress=lambda done, total: print(done, flush=True))
    """
)


def test_ingest_killed_half_way_leaves_no_half_article(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    seed = (ROOT / "seeds" / "004_5de015ed7ff5a471.txt").read_text(encoding="utf-8")
    for n in range(60):
        (folder / f"{n:03d}.txt").write_text(f"Copy {n} of the release.\n\n{seed}", encoding="utf-8")
    db = tmp_path / "i.db"
    proc = subprocess.Popen(
        [sys.executable, "-c", KILLED_INGEST, str(db), str(folder)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    while int(proc.stdout.readline() or 60) < 20:
        pass
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with Store(db) as store:
        assert store.db.execute("pragma integrity_check").fetchone()[0] == "ok"
        partial = store.count("articles")
        orphans = store.db.execute(
            "select count(*) from articles a where not exists "
            "(select 1 from mentions m where m.article_id = a.id)"
        ).fetchone()[0]
        assert orphans == 0
    assert partial < 60
    again = subprocess.run(
        [sys.executable, "-m", "factcheck", "ingest", str(folder), "--db", str(db)],
        capture_output=True,
        text=True,
    )
    assert again.returncode == 0, again.stderr
    with Store(db) as store:
        assert store.count("articles") == 60
