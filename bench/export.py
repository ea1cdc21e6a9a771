"""Export benchmark: time and peak memory of every format at two database sizes.

Builds a database of N labelled mentions in a temporary folder (fast, with executemany),
then exports it in every format to a discarding sink, each in a fresh child process so
the peak memory of one format does not hide another's. Memory that stays flat while N
grows shows the exporters stream.

    python bench/export.py                      # 20,000 and 80,000 mentions
    python bench/export.py --tracemalloc        # also the Python heap peak (a second, slower pass)
    python bench/export.py --mentions 100000 1000000   # up to the full size
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

from factcheck.export import EXPORTERS, ExportOptions, ExportSummary, export_parquet, write_export
from factcheck.store import Store, ids

PER_ARTICLE = 20
ANNOTATORS = ("alice", "bob")
WORTHY = ("check-worthy", "unimportant", "not-factual")
STANCES = ("agree", "disagree", "discuss")
VERDICTS = ("supported", "refuted", "conflicting", "not-enough-evidence")
STAMP = "2025-01-01T00:00:00.000+00:00"
HEADER = (
    f"{'mentions':>9} {'format':<15} {'records':>9} {'seconds':>8} {'out MB':>8} "
    f"{'RSS MB':>7} {'+MB':>5} {'heap peak MB':>13}"
)
"""RSS MB: the child's peak resident size; +MB: its growth during the export."""


class Sink:
    """A file that keeps nothing but a byte count."""

    def __init__(self) -> None:
        self.size = 0

    def write(self, text: str) -> int:
        self.size += len(text)
        return len(text)


def sentences(article: int) -> list[str]:
    return [
        f"Sentence {j} of story {article} says {article * 7 + j} people were hurt."
        for j in range(PER_ARTICLE)
    ]


def article_rows(count: int) -> Iterator[tuple[object, ...]]:
    for i in range(count):
        text = " ".join(sentences(i))
        published = f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}"
        yield (
            ids.article_id(text),
            i + 1,
            f"story{i}.txt",
            f"Story {i}",
            "Outlet",
            None,
            published,
            text,
            text,
            STAMP,
        )


def mention_rows(count: int) -> Iterator[tuple[object, ...]]:
    """Mentions; the first sentence of each odd story joins the claim of the story before."""
    first_claim = ""
    for i in range(count):
        text = " ".join(sentences(i))
        aid, start = ids.article_id(text), 0
        for j, sentence in enumerate(sentences(i)):
            mid = ids.mention_id(aid, start, start + len(sentence))
            claim = ids.claim_id(mid)
            if j == 0 and i % 2 == 1:
                claim = first_claim
            first_claim = claim if j == 0 and i % 2 == 0 else first_claim
            yield (
                mid,
                aid,
                j,
                start,
                start + len(sentence),
                sentence,
                claim,
                "Officials" if j % 4 == 0 else None,
            )
            start += len(sentence) + 1


def label_rows(mentions: list[tuple[object, ...]]) -> Iterator[tuple[object, ...]]:
    """Two annotators on every other mention; they disagree now and then."""
    for n, m in enumerate(mentions):
        if n % 2:
            continue
        for k, who in enumerate(ANNOTATORS):
            shift = k * (n % 5 == 0)
            yield (m[0], who, "checkworthy", WORTHY[(n + shift) % 3], STAMP)
            yield (m[0], who, "stance", STANCES[(n // 2 + shift) % 3], STAMP)
            yield (m[0], who, "source", "Officials" if shift == 0 else "officials ", STAMP)
            yield (m[0], who, "verification", VERDICTS[(int(str(m[6])[:6], 16) + shift) % 4], STAMP)
            if n % 4 == 0:
                yield (m[0], who, "evidence", f"https://evidence.example/{n}; Report {n % 97}", STAMP)


def build(path: Path, count: int) -> None:
    """A database of ``count`` mentions with labels and some gold."""
    store = Store(path)
    conn = store.db.conn
    conn.execute("pragma synchronous = off")
    articles = max(1, count // PER_ARTICLE)
    mentions = list(mention_rows(articles))
    with store.transaction():
        conn.executemany("insert into articles values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", article_rows(articles))
        conn.executemany("insert into mentions values (?, ?, ?, ?, ?, ?, ?, ?)", mentions)
        claims = {m[6]: m[0] for m in reversed(mentions)}
        conn.executemany("insert into claims values (?, ?, 1)", claims.items())
        conn.executemany("insert or ignore into annotations values (?, ?, ?, ?, ?)", label_rows(mentions))
        gold = [("mention", m[0], "checkworthy", "check-worthy", "carol", STAMP) for m in mentions[::20]]
        gold += [("claim", c, "verification", "refuted", "carol", STAMP) for c in list(claims)[::15]]
        conn.executemany("insert into gold values (?, ?, ?, ?, ?, ?)", gold)
    store.close()


def maxrss_mb() -> float:
    """This process's peak resident size in MB.

    ``VmHWM`` where Linux has it: unlike ``ru_maxrss`` it starts afresh at exec, so the
    child does not inherit the peak of the parent that built the database.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


PARQUET = "dataset.parquet"
"""The dataset written as Parquet (to a file: Parquet is binary)."""
FORMATS = [*EXPORTERS, PARQUET]
OPTIONS = ExportOptions(review_url="https://checks.example/{claim_id}")


def run_once(store: Store, db: str, fmt: str, summary: ExportSummary) -> int:
    """Export once; return the output size in bytes."""
    if fmt == PARQUET:
        path = Path(db + ".parquet")
        summary.records = export_parquet(store, str(path), options=OPTIONS).records
        size = path.stat().st_size
        path.unlink()
        return size
    sink = Sink()
    write_export(store, fmt, sink, summary=summary, options=OPTIONS)  # type: ignore[arg-type]
    return sink.size


def measure(db: str, fmt: str, trace: bool) -> dict[str, object]:
    """One export in this process: seconds, output size, RSS growth, Python heap peak."""
    with Store(db) as store:
        store.db.execute("select count(*) from mentions").fetchone()
        if fmt == PARQUET:
            import pyarrow.parquet  # noqa: F401  (the library's own memory is not the export's)
        before, summary = maxrss_mb(), ExportSummary()
        started = time.perf_counter()
        size = run_once(store, db, fmt, summary)
        seconds = time.perf_counter() - started
        rss_growth = maxrss_mb() - before
        peak = None
        if trace:
            tracemalloc.start()
            run_once(store, db, fmt, ExportSummary())
            peak = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
    return {
        "seconds": seconds,
        "mb": size / 2**20,
        "records": summary.records,
        "rss": maxrss_mb(),
        "growth": rss_growth,
        "peak": peak,
    }


def child(db: str, fmt: str, trace: bool) -> dict[str, object]:
    argv = [sys.executable, __file__, "--child", db, fmt] + (["--tracemalloc"] if trace else [])
    out = subprocess.run(argv, capture_output=True, text=True, check=True)
    return dict(json.loads(out.stdout))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mentions", type=int, nargs="+", default=[20_000, 80_000])
    parser.add_argument(
        "--tracemalloc", action="store_true", help="also measure the Python heap peak (slower)"
    )
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child[0], args.child[1], args.tracemalloc)))
        return
    print(HEADER)
    with tempfile.TemporaryDirectory() as folder:
        for count in args.mentions:
            db = Path(folder) / f"bench{count}.db"
            started = time.perf_counter()
            build(db, count)
            print(f"built {count:,} mentions in {time.perf_counter() - started:.1f} s", file=sys.stderr)
            for fmt in FORMATS:
                r = child(str(db), fmt, args.tracemalloc)
                peak = "-" if r["peak"] is None else f"{r['peak']:.1f}"
                print(
                    f"{count:>9,} {fmt:<15} {r['records']:>9,} {r['seconds']:>8.2f} {r['mb']:>8.1f} "
                    f"{r['rss']:>7.1f} {r['growth']:>5.1f} {peak:>13}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
