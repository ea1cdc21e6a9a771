"""Benchmark of factcheck assign: how long a plan takes and holds the write lock, and stats after it.

Usage:
    python bench/assign.py                     # 10,000 sentences, runs in seconds
    python bench/assign.py --mentions 100000   # the full size (2,000 articles x 50 sentences)

The baseline, measured in the same run: inserting the same number of rows as the plan
into a plain table in one transaction (the floor of writing any plan of that size).
"""

from __future__ import annotations

import argparse
import contextlib
import random
import tempfile
import time
from pathlib import Path

from factcheck.plan import PlanRequest, plan_rows, team_report
from factcheck.store import NewArticle, Store

TEAM = ("alice", "bob", "carol", "dan", "erin")


def build(path: Path, mentions: int, per_article: int = 50) -> None:
    """Articles of ``per_article`` short synthetic sentences, ``mentions`` sentences in all."""
    rng = random.Random(7)
    with Store(path) as store:
        for a in range(mentions // per_article):
            parts = [
                f"Article {a} sentence {n} says {rng.randint(0, 10**6)} people." for n in range(per_article)
            ]
            text = " ".join(parts)
            spans, at = [], 0
            for part in parts:
                spans.append((at, at + len(part)))
                at += len(part) + 1
            store.add_article(NewArticle(f"a{a}.txt", text, text, spans, [None] * len(spans)))


HELD: list[float] = []
"""How long each write transaction held the lock."""


def watch_locks(store: Store) -> None:
    """Record how long every write transaction of ``store`` lasts."""
    original = store.transaction

    @contextlib.contextmanager
    def timed_transaction():  # type: ignore[no-untyped-def]
        with original() as db:
            start = time.perf_counter()
            yield db
        HELD.append(time.perf_counter() - start)

    store.transaction = timed_transaction  # type: ignore[method-assign]


def timed(label: str, action):  # type: ignore[no-untyped-def]
    HELD.clear()
    start = time.perf_counter()
    result = action()
    held = f", write lock held {max(HELD):.2f}s" if HELD else ""
    print(f"  {label}: {time.perf_counter() - start:.2f}s{held}")
    HELD.clear()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mentions", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        build(path, args.mentions)
        request = PlanRequest(TEAM, overlap=0.2)
        print(f"{args.mentions} sentences, {len(TEAM)} annotators, overlap 0.2")
        with Store(path) as store:
            watch_locks(store)
            rows = 0
            for unit in ("sentence", "article"):
                store.clear_plan()
                print(f"plan by {unit}:")
                change = timed(
                    "first plan",
                    lambda u=unit: store.replan(
                        u, lambda state: plan_rows(state, request), request.settings()
                    ),
                )
                timed(
                    "re-run, nothing changed",
                    lambda u=unit: store.replan(
                        u, lambda state: plan_rows(state, request), request.settings()
                    ),
                )
                print(f"  {change.rows} assignments")
                rows = max(rows, change.rows)
            timed("stats against the plan", lambda: team_report(store, {}))
            print("baseline:")
            with store.transaction():
                store.db.execute("create temp table floor (a text, b text, c text, d text)")

            def floor() -> None:
                with store.transaction():
                    store.db.conn.executemany(
                        "insert into temp.floor values (?, ?, ?, ?)",
                        ((f"item{i:08d}", TEAM[i % 5], "sentence", "2024") for i in range(rows)),
                    )

            timed(f"insert {rows} plain rows in one transaction", floor)


if __name__ == "__main__":
    main()
