"""Bulk writes beside an annotator: how long `import` and `merge` hold the write lock.

Builds a database of M mentions (fast, with executemany), writes an import file of N labels
and a second database holding N labels, then runs, each in its own child process:

1. baseline: an annotator process writing one label every 20 ms through ``Store.set_label``
   (the TUI writer's path) on an idle database;
2. the same annotator while ``factcheck import`` runs;
3. the same annotator while ``factcheck merge`` runs (the merge itself, not the clustering after).

It prints the annotator's write latencies (p50, p99, max) for each run, measured in the same
run as its baseline, and the wall time of the bulk command. The team's policy: no command
holds the write lock for more than about 0.25 s at a time, so p99 stays under 1 s.

    python bench/bulk.py                        # 200,000 labels
    python bench/bulk.py --labels 1000000       # the full size
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from factcheck.store import Store, ids

STAMP = "2025-01-01T00:00:00.000+00:00"
SPY = (
    "import sys, json\n"
    "seen = []\n"
    "try:\n"
    "    from factcheck.store import bulk\n"
    "    real = bulk.in_short_transactions\n"
    "    def spy(db, step, stats):\n"
    "        seen.append(stats)\n"
    "        real(db, step, stats)\n"
    "    bulk.in_short_transactions = spy\n"
    "except ImportError:\n"
    "    pass  # one transaction per operation\n"
)
REPORT = (
    "\nlongest = max((s.longest_s for s in seen), default=None)\n"
    "unique = list({id(s): s for s in seen}.values())\n"
    "count = sum(s.transactions for s in unique)\n"
    "holds = sorted(h for s in unique for h in s.holds)\n"
    "p99 = holds[min(len(holds) - 1, int(len(holds) * 0.99))] if holds else None\n"
    "over = sum(h > 0.25 for h in holds)\n"
    "print(json.dumps({'transactions': count or 1, 'longest_s': longest, 'p99_s': p99, 'over': over}))\n"
)
IMPORT = (
    SPY + "from factcheck.importer import import_file; from factcheck.store import Store\n"
    "import_file(sys.argv[1], Store(sys.argv[2]))" + REPORT
)
MERGE = (
    SPY + "from factcheck.merge import merge_databases; from factcheck.store import Store\n"
    "merge_databases(Store(sys.argv[2]), [sys.argv[1]])" + REPORT
)
"""What `factcheck import` and `factcheck merge` run, without the clustering `merge` does after
(clustering 40,000 look-alike sentences is another benchmark's business)."""
PER_ARTICLE = 20
ANNOTATORS = ("ann1", "ann2", "ann3", "ann4", "ann5")
STANCES = ("agree", "disagree", "discuss")


def build(db: Path, mentions: int) -> list[str]:
    """A database of ``mentions`` sentences; return their ids."""
    store = Store(db)
    articles, rows = [], []
    for i in range(max(1, mentions // PER_ARTICLE)):
        sentences = [
            f"Sentence {j} of story {i} says {i * 7 + j} people were hurt." for j in range(PER_ARTICLE)
        ]
        text = " ".join(sentences)
        aid, start = ids.article_id(text), 0
        articles.append((aid, i + 1, f"s{i}.txt", f"Story {i}", None, None, None, text, text, STAMP))
        for j, sentence in enumerate(sentences):
            mid = ids.mention_id(aid, start, start + len(sentence))
            rows.append((mid, aid, j, start, start + len(sentence), sentence, ids.claim_id(mid), None))
            start += len(sentence) + 1
    with store.transaction():
        conn = store.db.conn
        conn.executemany("insert into articles values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", articles)
        conn.executemany("insert into mentions values (?, ?, ?, ?, ?, ?, ?, ?)", rows)
        conn.executemany("insert into claims values (?, ?, 1)", ((r[6], r[0]) for r in rows))
    store.close()
    return [r[0] for r in rows]


def write_import(path: Path, mention_ids: list[str], labels: int) -> None:
    """An import file with ``labels`` labels: several annotators per mention."""
    per = len(ANNOTATORS)
    with open(path, "w", encoding="utf-8") as out:
        for n, mid in enumerate(mention_ids):
            if n * per >= labels:
                break
            people = [{"annotator": who, "stance": STANCES[(n + k) % 3]} for k, who in enumerate(ANNOTATORS)]
            out.write(json.dumps({"mention_id": mid, "annotations": people}) + "\n")


def annotator(db: str, mention_ids: list[str], stop: mp.Event, out: mp.Queue) -> None:
    """Write a label every 20 ms until told to stop; send back the latencies (seconds)."""
    rng = random.Random(7)
    latencies = []
    with Store(db) as store:
        while not stop.is_set():
            started = time.perf_counter()
            store.set_label("live", rng.choice(mention_ids), "stance", rng.choice(STANCES))
            latencies.append(time.perf_counter() - started)
            time.sleep(0.02)
    out.put(latencies)


def beside(
    db: Path, mention_ids: list[str], command: list[str] | None, seconds: float
) -> tuple[list[float], float, str]:
    """Run the annotator while ``command`` runs (or for ``seconds`` when None)."""
    stop, out = mp.Event(), mp.Queue()
    proc = mp.Process(target=annotator, args=(str(db), mention_ids, stop, out))
    proc.start()
    time.sleep(0.3)
    started = time.perf_counter()
    holds = ""
    if command is None:
        time.sleep(seconds)
    else:
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode:
            print(done.stderr, file=sys.stderr)
        else:
            found = json.loads(done.stdout.splitlines()[-1])
            if found["longest_s"] is None:
                holds = "1 transaction: the lock held the whole run"
            else:
                holds = (
                    f"{found['transactions']} transactions; lock held p99 {found['p99_s'] * 1000:.0f} ms, "
                    f"longest {found['longest_s'] * 1000:.0f} ms, {found['over']} over 250 ms"
                )
    wall = time.perf_counter() - started
    stop.set()
    latencies = out.get()
    proc.join()
    return latencies, wall, holds


def describe(name: str, latencies: list[float], wall: float, holds: str = "") -> str:
    ms = sorted(x * 1000 for x in latencies)
    p99 = ms[min(len(ms) - 1, int(len(ms) * 0.99))]
    line = f"{name:<22} {len(ms):>7} {statistics.median(ms):>8.1f} {p99:>8.1f} {ms[-1]:>8.1f} {wall:>9.1f}"
    return f"{line}  {holds}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--labels", type=int, default=200_000)
    args = parser.parse_args()
    mentions = max(PER_ARTICLE, args.labels // len(ANNOTATORS))
    library = [sys.executable, "-c"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = folder / "main.db"
        mention_ids = build(db, mentions)
        shutil.copy(db, folder / "pristine.db")
        write_import(folder / "labels.jsonl", mention_ids, args.labels)
        other = folder / "other.db"
        shutil.copy(db, other)
        subprocess.run(
            [*library, IMPORT, str(folder / "labels.jsonl"), str(other)], check=True, capture_output=True
        )
        print(f"{len(mention_ids)} mentions, {args.labels} labels to import or merge")
        print(f"{'run':<22} {'writes':>7} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} {'wall s':>9}")
        print(describe("baseline (idle)", *beside(db, mention_ids, None, 5.0)), flush=True)
        cmd = [*library, IMPORT, str(folder / "labels.jsonl"), str(db)]
        print(describe("beside import", *beside(db, mention_ids, cmd, 0)), flush=True)
        os.remove(db)
        for suffix in ("-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
        shutil.copy(folder / "pristine.db", db)
        cmd = [*library, MERGE, str(other), str(db)]
        print(describe("beside merge", *beside(db, mention_ids, cmd, 0)), flush=True)


if __name__ == "__main__":
    main()
