"""TUI writers beside bulk commands: every label shown is found, and how long a label waited.

Four annotators label through the annotation screen's own write path (``LabelWriter``:
journal, then the database), at a person's pace, first on an idle database, then while a
large ``factcheck import`` and a full ``factcheck dedup`` run at once. One of the
contended writers is SIGKILLed halfway; its journal is replayed as the next session's
start would. Every label a writer's ``submit`` returned for (the screen would show it)
must be in the database at the end. Prints, per phase: labels written and found, lost,
and the time from key to commit (p50/p99/max), and how long the key itself took
(journal append, what the screen waits for).

Used by ``bench/stress.py``; ``--full`` imports 1,000,000 labels.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import random
import signal
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from textual.message import Message

from bench.dedup_corpus import build as corpus
from factcheck.store import NewArticle, Store
from factcheck.tui.requests import SetLabel
from factcheck.tui.writer import LabelSaved, LabelWriter

CHOICES = ("agree", "disagree", "discuss")
WRITERS = 4
PACE_S = 0.1
"""Mean time between two keys of one annotator."""


@dataclass(frozen=True)
class Size:
    """How big the run is."""

    mentions: int
    import_annotators: int
    labels_per_writer: int

    @property
    def import_labels(self) -> int:
        return self.mentions * self.import_annotators * 2


QUICK = Size(mentions=3_000, import_annotators=4, labels_per_writer=40)
FULL = Size(mentions=100_000, import_annotators=5, labels_per_writer=150)


def build(db: Path, mentions: int) -> list[str]:
    """A database of ``mentions`` sentences in articles of 50; returns the mention ids.

    The sentences are the clustering bench's corpus (copies with an outlet's edits,
    variants, look-alikes), shuffled across articles, so ``dedup`` has real work.
    """
    texts = list(corpus(mentions).texts[:mentions])
    random.Random(7).shuffle(texts)
    with Store(db) as store:
        for a in range(0, len(texts), 50):
            sentences = [t.replace("\n", " ") for t in texts[a : a + 50]]
            text = " ".join(sentences)
            spans, pos = [], 0
            for s in sentences:
                spans.append((pos, pos + len(s)))
                pos += len(s) + 1
            store.add_article(NewArticle(f"a{a}.txt", text, text, spans, [None] * len(spans)))
        return [m.id for m in store.iter_mentions()]


def import_file(path: Path, ids: list[str], annotators: int) -> None:
    """An export-format JSONL file: every mention labelled by ``annotators`` others, two fields each."""
    rng = random.Random(11)
    worthy = ("check-worthy", "unimportant")
    with path.open("w", encoding="utf-8") as out:
        for mid in ids:
            labels = [
                {"annotator": f"imp{a}", "stance": rng.choice(CHOICES), "checkworthy": rng.choice(worthy)}
                for a in range(annotators)
            ]
            out.write(json.dumps({"mention_id": mid, "annotations": labels}) + "\n")


class Arrivals:
    """Stands in for the screen: when each entry's result arrived."""

    def __init__(self) -> None:
        self.at: dict[str, float] = {}
        self.refused: list[str] = []

    def post_message(self, message: Message) -> bool:
        if isinstance(message, LabelSaved):
            self.at[message.entry.id] = time.perf_counter()
            if message.outcome.refused or message.outcome.kept:
                self.refused.append(str(message.outcome.refused or message.outcome.kept))
        return True


def tui_writer(
    db: str, who: str, ids: list[str], count: int, stop: object, die_after: int | None, log: str
) -> None:
    """Label ``count`` sentences (more while ``stop`` is unset) through the screen's writer.

    Each label is logged to ``log`` once ``submit`` returned: what the screen would show.
    With ``die_after``, the process SIGKILLs itself after that many labels.
    """
    rng = random.Random(who)
    writer, arrivals = LabelWriter(db, who), Arrivals()
    writer.start(arrivals)  # type: ignore[arg-type]
    submitted: dict[str, float] = {}
    keys: list[float] = []
    n = 0
    with open(log, "w", encoding="utf-8") as shown:
        while n < count or not stop.is_set():  # type: ignore[attr-defined]
            mid, value = rng.choice(ids), rng.choice(CHOICES)
            started = time.perf_counter()
            entry = writer.submit(SetLabel(mid, "stance", value))
            keys.append(time.perf_counter() - started)
            submitted[entry.id] = started
            shown.write(f"{mid}\t{value}\n")
            shown.flush()
            n += 1
            if die_after is not None and n >= die_after:
                os.kill(os.getpid(), signal.SIGKILL)
            time.sleep(rng.uniform(0.5, 1.5) * PACE_S)
    writer.close(timeout=3600)
    waits = [arrivals.at[e] - t for e, t in submitted.items() if e in arrivals.at]
    with open(log + ".json", "w", encoding="utf-8") as out:
        json.dump({"waits": waits, "keys": keys, "refused": arrivals.refused[:5]}, out)


def expected(log: Path) -> dict[str, str]:
    """The last value shown per sentence in a writer's log."""
    found: dict[str, str] = {}
    for line in log.read_text(encoding="utf-8").splitlines():
        mid, value = line.split("\t")
        found[mid] = value
    return found


def run_writers(db: Path, ids: list[str], tag: str, count: int, bulk: list[subprocess.Popen[bytes]]) -> dict:
    """Run the four writers (one killed halfway when ``bulk`` runs) and gather their numbers."""
    ctx = mp.get_context("spawn")
    stop = ctx.Event()
    logs = [db.parent / f"{tag}-w{i}.log" for i in range(WRITERS)]
    procs = []
    for i, log in enumerate(logs):
        die = count // 2 if bulk and i == WRITERS - 1 else None
        args = (str(db), f"{tag}{i}", ids, count, stop, die, str(log))
        procs.append(ctx.Process(target=tui_writer, args=args))
    for p in procs:
        p.start()
    started = time.perf_counter()
    took: dict[int, float] = {}
    while len(took) < len(bulk):
        for i, b in enumerate(bulk):
            if i not in took and b.poll() is not None:
                took[i] = time.perf_counter() - started
        time.sleep(0.1)
    stop.set()
    for p in procs:
        p.join()
    killed = sum(p.exitcode == -signal.SIGKILL for p in procs)
    waits: list[float] = []
    keys: list[float] = []
    refused: list[str] = []
    for log in logs:
        numbers = log.with_name(log.name + ".json")
        if numbers.exists():
            data = json.loads(numbers.read_text())
            waits += data["waits"]
            keys += data["keys"]
            refused += data["refused"]
    bulk_s = [round(took[i], 1) for i in range(len(bulk))]
    return {
        "logs": logs,
        "waits": waits,
        "keys": keys,
        "killed": killed,
        "refused": refused,
        "bulk_s": bulk_s,
    }


def replay(db: Path) -> int:
    """What the next session's start does: replay journals left behind."""
    with Store(db) as store:
        return store.replay_journals()


def check(db: Path, tag: str, logs: list[Path]) -> tuple[int, int, int, int]:
    """(keys pressed, labels shown, found, lost) of the writers with ``tag``.

    A label is a (sentence, annotator) value: the last one shown must be in the database.
    """
    shown = found = 0
    keys = sum(len(log.read_text(encoding="utf-8").splitlines()) for log in logs)
    with Store(db) as store:
        for i, log in enumerate(logs):
            want = expected(log)
            shown += len(want)
            who = f"{tag}{i}"
            for mid, value in want.items():
                row = store.db.execute(
                    "select value from annotations where mention_id=? and annotator=? and field='stance'",
                    [mid, who],
                ).fetchone()
                found += row is not None and row[0] == value
    return keys, shown, found, shown - found


def ms(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return round(1000 * ordered[min(int(q * len(ordered)), len(ordered) - 1)], 1)


def report(name: str, numbers: dict, pressed: int, shown: int, found: int, lost: int) -> dict[str, object]:
    waits, keys = numbers["waits"], numbers["keys"]
    return {
        "phase": name,
        "keys pressed": pressed,
        "labels shown": shown,
        "found": found,
        "lost": lost,
        "writers SIGKILLed": numbers["killed"],
        "wait p50 ms": round(1000 * statistics.median(waits), 1) if waits else None,
        "wait p99 ms": ms(waits, 0.99),
        "wait max ms": ms(waits, 1.0),
        "key p99 ms": ms(keys, 0.99),
        "key max ms": ms(keys, 1.0),
        "kept/refused": len(numbers["refused"]),
    }


def run(size: Size, workdir: Path) -> list[dict[str, object]]:
    """Both phases in ``workdir``; returns one row of numbers per phase (and the bulk timings)."""
    db = workdir / "stress-tui.db"
    started = time.perf_counter()
    ids = build(db, size.mentions)
    labels_file = workdir / "labels.jsonl"
    import_file(labels_file, ids, size.import_annotators)
    print(
        f"built {len(ids)} sentences and {size.import_labels} labels to import in "
        f"{time.perf_counter() - started:.0f} s",
        file=sys.stderr,
    )
    rows = []
    idle = run_writers(db, ids, "idle", size.labels_per_writer, [])
    rows.append(report("idle database", idle, *check(db, "idle", idle["logs"])))
    command = [sys.executable, "-m", "factcheck"]
    bulk = [
        subprocess.Popen([*command, "import", str(labels_file), "--db", str(db)], stderr=subprocess.DEVNULL),
        subprocess.Popen([*command, "dedup", "--db", str(db)], stderr=subprocess.DEVNULL),
    ]
    busy = run_writers(db, ids, "busy", size.labels_per_writer, bulk)
    replayed = replay(db)
    row = report("import + dedup running", busy, *check(db, "busy", busy["logs"]))
    row["import, dedup s"] = busy["bulk_s"]
    row["import, dedup exit"] = [b.returncode for b in bulk]
    row["replayed at next start"] = replayed
    with Store(db) as store:
        row["imported labels"] = store.db.execute(
            "select count(*) from annotations where annotator like 'imp%'"
        ).fetchone()[0]
        row["integrity"] = store.db.execute("pragma integrity_check").fetchone()[0]
    rows.append(row)
    return rows
