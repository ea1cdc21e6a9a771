"""Concurrent writers on one database: every label arrives, nobody sees 'database is locked'.

Two scenarios, both by default:

- ``store``: P processes each write L labels through the store's own write paths
  (``Store.set_label`` and ``Store.import_labels`` as ``factcheck import`` does), then
  every label, the event log and ``PRAGMA integrity_check`` are checked.
- ``tui``: four annotators label through the annotation screen's writer (journal, then
  database) on an idle database, then while a large ``factcheck import`` and a full
  ``factcheck dedup`` run (one writer SIGKILLed halfway, its journal replayed): labels
  shown vs found, lost, and how long a label waited (see ``bench/stress_tui.py``).

Usage: python bench/stress.py [--scenario store|tui|all] [--full] [--processes 8] [--labels 200]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from factcheck.store import NewArticle, Store

CHOICES = ("agree", "disagree", "discuss")


def build(db: Path, mentions: int) -> list[str]:
    """A database with ``mentions`` sentences in articles of 50; return the mention ids."""
    with Store(db) as store:
        for a in range(0, mentions, 50):
            sentences = [f"Claim {a + i} says {i} people were counted." for i in range(min(50, mentions - a))]
            text = " ".join(sentences)
            spans, pos = [], 0
            for s in sentences:
                spans.append((pos, pos + len(s)))
                pos += len(s) + 1
            store.add_article(NewArticle(f"a{a}.txt", text, text, spans, [None] * len(spans)))
        return [m.id for m in store.iter_mentions()]


def writer(db: str, who: str, ids: list[str], count: int, seed: int, out: mp.Queue) -> None:
    """Write ``count`` labels as annotator ``who``; half by set_label, half by import."""
    rng = random.Random(seed)
    latencies: list[float] = []
    errors: list[str] = []
    expected: dict[str, str] = {}
    with Store(db) as store:
        for n in range(count):
            mid, value = rng.choice(ids), rng.choice(CHOICES)
            started = time.perf_counter()
            try:
                if n % 2:
                    store.import_labels([(mid, who, "stance", value)])
                else:
                    store.set_label(who, mid, "stance", value)
                expected[mid] = value
            except Exception as err:
                errors.append(f"{type(err).__name__}: {err}")
            latencies.append(time.perf_counter() - started)
    out.put((who, expected, latencies, errors))


def run(processes: int, labels: int, mentions: int) -> dict[str, object]:
    """Run the stress test in a temporary folder and return its numbers."""
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "stress.db"
        ids = build(db, mentions)
        queue: mp.Queue = mp.Queue()
        procs = [
            mp.Process(target=writer, args=(str(db), f"w{p}", ids, labels, p, queue))
            for p in range(processes)
        ]
        started = time.perf_counter()
        for p in procs:
            p.start()
        results = [queue.get(timeout=600) for _ in procs]
        for p in procs:
            p.join()
        wall = time.perf_counter() - started
        return check(db, results, wall)


def check(db: Path, results: list, wall: float) -> dict[str, object]:
    """Compare the database with what every writer believes it wrote."""
    lost = 0
    latencies: list[float] = []
    errors: list[str] = []
    with Store(db) as store:
        for who, expected, lat, errs in results:
            latencies += lat
            errors += errs
            for mid, value in expected.items():
                row = store.db.execute(
                    "select value from annotations where mention_id=? and annotator=? and field='stance'",
                    [mid, who],
                ).fetchone()
                lost += row is None or row[0] != value
        integrity = store.db.execute("pragma integrity_check").fetchone()[0]
        events = store.count("events")
    latencies.sort()
    return {
        "writes": len(latencies),
        "labels_expected": sum(len(r[1]) for r in results),
        "labels_lost": lost,
        "errors": len(errors),
        "error_samples": errors[:3],
        "events": events,
        "integrity": integrity,
        "wall_s": round(wall, 2),
        "p50_ms": round(1000 * statistics.median(latencies), 2) if latencies else None,
        "p99_ms": round(1000 * latencies[int(0.99 * (len(latencies) - 1))], 2) if latencies else None,
        "max_ms": round(1000 * latencies[-1], 2) if latencies else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", choices=("store", "tui", "all"), default="all")
    parser.add_argument("--processes", type=int, default=8, help="store scenario: writer processes")
    parser.add_argument("--labels", type=int, default=200, help="store scenario: labels per process")
    parser.add_argument("--mentions", type=int, default=500, help="store scenario: sentences")
    parser.add_argument("--full", action="store_true", help="tui scenario: import 1,000,000 labels")
    args = parser.parse_args()
    failed = False
    if args.scenario in ("store", "all"):
        result = run(args.processes, args.labels, args.mentions)
        print("store writers:")
        for key, value in result.items():
            print(f"{key:>16}: {value}")
        failed |= bool(result["labels_lost"] or result["errors"] or result["integrity"] != "ok")
    if args.scenario in ("tui", "all"):
        from bench.stress_tui import FULL, QUICK
        from bench.stress_tui import run as run_tui

        with tempfile.TemporaryDirectory() as tmp:
            rows = run_tui(FULL if args.full else QUICK, Path(tmp))
        for row in rows:
            print(f"TUI writers, {row.pop('phase')}:")
            for key, value in row.items():
                print(f"{key:>24}: {value}")
            failed |= bool(row["lost"]) or row.get("integrity", "ok") != "ok"
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
