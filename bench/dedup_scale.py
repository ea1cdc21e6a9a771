"""Claim clustering at scale through the command line, beside datasketch MinHash LSH on the same texts.

Usage::

    python bench/dedup_scale.py                       # 100,000 mentions
    python bench/dedup_scale.py --mentions 1000000    # the scale goal
    python bench/dedup_scale.py --no-minhash          # factcheck only

The corpus is ``dedup_corpus.py``'s (known groups, planted variants and look-alikes), written
as JSONL files of articles of :data:`ARTICLE_SIZE` sentences, one paragraph each. Measured,
each in its own process (wall and CPU seconds of it and its children, the peak RSS of the
largest of them, and the peak PSS of all of them together, sampled every half second: the
clustering forks processes that share its memory):

1. ``factcheck ingest`` of every article but the last 51 (read, segment, store, cluster);
2. ``factcheck ingest`` of one more article, then of 50 more (incremental clustering);
3. ``factcheck dedup`` (a full re-clustering);
4. datasketch MinHash LSH over the same texts: MinHash of word bigrams
   (``--num-perm``, Jaccard ``--lsh-threshold``), every text queried, clusters as connected
   components of the candidate pairs (LSH has no verification step).

Quality is pairwise precision and recall against the generator's truth, for factcheck on
the mentions whose text is a generated text (segmentation may split a few differently).
datasketch is a bench-only comparison (``pip install datasketch``), never a dependency.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dedup import in_child, pairs_within, report, rss_mb, truth_scores
from dedup_corpus import Corpus, build

from factcheck.store import Store

ARTICLE_SIZE = 30
FILE_ARTICLES = 1000
"""Articles per JSONL file (a corpus arrives as many files)."""
FACTCHECK = [sys.executable, "-m", "factcheck"]


def write_articles(texts: Sequence[str], folder: Path, first: int) -> int:
    """Write ``texts`` as JSONL files of articles into ``folder``; return the articles written."""
    folder.mkdir(parents=True, exist_ok=True)
    articles = [texts[i : i + ARTICLE_SIZE] for i in range(0, len(texts), ARTICLE_SIZE)]
    for f, start in enumerate(range(0, len(articles), FILE_ARTICLES)):
        with (folder / f"{f:05d}.jsonl").open("w", encoding="utf-8") as handle:
            for n, sentences in enumerate(articles[start : start + FILE_ARTICLES], first + start):
                record = {"text": "\n\n".join(sentences), "title": f"Article {n}", "id": f"bench-{n}"}
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return len(articles)


def tree_pss_mb(root: int) -> float:
    """Proportional set size of a process and all its descendants, in MB: pages forked
    children share with their parent are counted once, split between them (Linux only)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
    tree, frontier = {root}, {root}
    while frontier:
        frontier = {pid for pid, parent in parents.items() if parent in frontier} - tree
        tree |= frontier
    total = 0
    for pid in tree:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


class TreeMemory:
    """Samples :func:`tree_pss_mb` of a running process every half second; keeps the peak."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak = pid, 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.wait(0.5):
            self.peak = max(self.peak, tree_pss_mb(self.pid))

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.peak


def run(args: list[str]) -> dict[str, Any]:
    """Run one command; its wall and CPU seconds, peak RSS (MB) of its largest process, peak
    PSS (MB) of all its processes together, and its stderr's last line."""
    wall = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        child = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=err)
        memory = TreeMemory(child.pid)
        _pid, status, usage = os.wait4(child.pid, 0)
        tree_peak = memory.stop()
        child.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        lines = err.read().decode(errors="replace").strip().splitlines()
    if child.returncode:
        raise SystemExit(f"{' '.join(args)} failed ({child.returncode}): {lines[-5:]}")
    found: dict[str, Any] = {
        "seconds": time.perf_counter() - wall,
        "cpu_seconds": usage.ru_utime + usage.ru_stime,
        "peak_rss_mb": usage.ru_maxrss / 1024,
        "peak_pss_all_processes_mb": tree_peak,
    }
    for line in lines:
        clustered = re.match(
            r"clustered (\d+) sentence\(s\) into claims in ([\d.]+)s .*longest ([\d.]+)s", line
        )
        if clustered:
            found["clustering_seconds"] = float(clustered[2])
            found["longest_write_seconds"] = float(clustered[3])
    return found | {"said": lines[-1] if lines else ""}


def measure_cli(n: int, dedup: bool = True) -> dict[str, Any]:
    """Ingest ``n`` generated mentions through the CLI, then 1 and 50 articles, then dedup."""
    corpus = build(n)
    tail = 51 * ARTICLE_SIZE
    out: dict[str, Any] = {"mentions_generated": len(corpus.texts)}
    with tempfile.TemporaryDirectory() as tmp:
        root, db = Path(tmp), str(Path(tmp) / "bench.db")
        count = write_articles(corpus.texts[:-tail], root / "base", 0)
        write_articles(corpus.texts[-tail : -tail + ARTICLE_SIZE], root / "one", count)
        write_articles(corpus.texts[-tail + ARTICLE_SIZE :], root / "fifty", count + 1)
        for name, args in [
            ("ingest", ["ingest", str(root / "base")]),
            ("ingest_1_article", ["ingest", str(root / "one")]),
            ("ingest_50_articles", ["ingest", str(root / "fifty")]),
            *([("dedup", ["dedup"])] if dedup else []),
        ]:
            for key, value in run([*FACTCHECK, *args, "--db", db]).items():
                out[f"{name}_{key}"] = value
        out |= quality(corpus, db)
    return out


def quality(corpus: Corpus, db: str) -> dict[str, Any]:
    """Pairwise precision/recall of the stored claims on the mentions that are generated texts."""
    group_of: dict[str, int] = {}
    for text, group in zip(corpus.texts, corpus.group, strict=True):
        group_of.setdefault(text, group)  # a text generated twice is one claim anyway
    truth: list[int] = []
    claims: list[str] = []
    with Store(db) as store:
        for mention in store.iter_mentions():
            if mention.text in group_of:
                truth.append(group_of[mention.text])
                claims.append(mention.claim_id or mention.id)
    matched = Corpus(texts=[""] * len(truth), group=truth)
    return {"mentions_scored": len(truth), "claims": len(set(claims))} | truth_scores(matched, claims)


def measure_minhash(n: int, num_perm: int, threshold: float) -> dict[str, Any]:
    """Cluster the same texts with datasketch MinHash LSH (bench-only dependency)."""
    from datasketch import MinHash, MinHashLSH
    from rapidfuzz.utils import default_process

    corpus = build(n)
    base = rss_mb()
    wall, cpu = time.perf_counter(), time.process_time()
    shingles = []
    for text in corpus.texts:
        words = default_process(text).split()
        grams = {" ".join(words[i : i + 2]) for i in range(len(words) - 1)} or set(words)
        shingles.append([g.encode() for g in grams])
    hashes = MinHash.bulk(shingles, num_perm=num_perm)
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    with lsh.insertion_session() as session:
        for i, minhash in enumerate(hashes):
            session.insert(i, minhash, check_duplication=False)
    parent = list(range(len(hashes)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, minhash in enumerate(hashes):
        for j in lsh.query(minhash):
            a, b = find(i), find(j)
            if a != b:
                parent[max(a, b)] = min(a, b)
    labels = [find(i) for i in range(len(hashes))]
    out = {
        "texts": len(corpus.texts),
        "seconds": time.perf_counter() - wall,
        "cpu_seconds": time.process_time() - cpu,
        "clusters": len(set(labels)),
        "pairs": pairs_within(labels),
        "peak_rss_mb": rss_mb(),
        "rss_before_mb": base,
    }
    return out | truth_scores(corpus, labels)


def main(argv: Sequence[str] | None = None) -> None:
    """Run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mentions", type=int, default=100_000)
    parser.add_argument("--no-minhash", action="store_true", help="skip the datasketch comparison")
    parser.add_argument("--no-cli", action="store_true", help="skip factcheck")
    parser.add_argument("--no-dedup", action="store_true", help="skip the full re-clustering")
    parser.add_argument("--num-perm", type=int, default=128)
    parser.add_argument("--lsh-threshold", type=float, default=0.5)
    args = parser.parse_args(argv)
    cli: dict[str, Any] = {}
    if not args.no_cli:
        cli = measure_cli(args.mentions, not args.no_dedup)
        report(f"factcheck through the CLI, {args.mentions:,} mentions", cli)
    if not args.no_minhash:
        lsh = in_child(measure_minhash, args.mentions, args.num_perm, args.lsh_threshold)
        report(f"datasketch MinHash LSH, {args.mentions:,} texts", lsh)
        if cli:
            wall = cli["ingest_seconds"] / lsh["seconds"]
            cpu = cli["ingest_cpu_seconds"] / lsh["cpu_seconds"]
            print("\nfactcheck ingest (read, segment, store, cluster) / MinHash LSH:", end=" ")
            print(f"wall {wall:.2f}x, cpu {cpu:.2f}x")
            if "ingest_clustering_seconds" in cli:
                alone = cli["ingest_clustering_seconds"] / lsh["seconds"]
                print(f"factcheck clustering alone / MinHash LSH wall time: {alone:.2f}x")


if __name__ == "__main__":
    main()
