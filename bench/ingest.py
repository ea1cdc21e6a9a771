"""Ingest throughput: read, clean, segment and store a corpus, next to pysbd alone.

Builds a corpus of distinct articles from the seed articles (each copy's paragraphs are
rotated and numbered so every article has its own content hash), then times:

- factcheck's whole ingest (read, clean, segment, pre-annotate, store) into a new database;
- the same followed by claim clustering, as ``factcheck ingest`` does;
- pysbd segmenting the same raw text alone.

Usage: python bench/ingest.py [--mb 2.0]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from factcheck.ingest.pipeline import ingest
from factcheck.store import Store

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def build_corpus(folder: Path, megabytes: float) -> list[str]:
    """Write distinct article files totalling about ``megabytes``; return their texts."""
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    texts: list[str] = []
    size = 0
    copy = 0
    while size < megabytes * 1_000_000:
        for seed in seeds:
            paragraphs = [p for p in seed.split("\n\n") if p.strip()]
            shift = copy % max(1, len(paragraphs) - 1)
            body = paragraphs[:1] + paragraphs[1 + shift :] + paragraphs[1 : 1 + shift]
            # The numbered sentence goes first: cleaning cuts what follows a "Latest news" marker.
            text = f"This is copy number {copy} of the report.\n\n" + "\n\n".join(body) + "\n"
            (folder / f"{copy:05d}_{len(texts):06d}.txt").write_text(text, encoding="utf-8")
            texts.append(text)
            size += len(text.encode("utf-8"))
        copy += 1
    return texts


def time_pysbd(texts: list[str]) -> tuple[float, int] | None:
    """Seconds pysbd needs to segment the texts, and the sentence count."""
    try:
        import pysbd
    except ImportError:
        return None
    segmenter = pysbd.Segmenter(language="en", clean=False)
    started = time.perf_counter()
    count = sum(len(segmenter.segment(t)) for t in texts)
    return time.perf_counter() - started, count


def time_ingest(folder: Path, cluster: bool) -> tuple[float, int, int]:
    """Seconds for a whole ingest into a new database, with articles and sentences stored."""
    db = folder.parent / f"bench-{cluster}.db"
    started = time.perf_counter()
    with Store(db) as store:
        report = ingest(store, [folder])
        if cluster:
            from factcheck.dedup import cluster_store

            cluster_store(store)
    return time.perf_counter() - started, report.articles_added, report.mentions_added


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=2.0, help="corpus size in MB (default 2)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        texts = build_corpus(folder, args.mb)
        mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
        print(f"corpus: {len(texts)} articles, {mb:.2f} MB")
        seconds, articles, mentions = time_ingest(folder, cluster=False)
        print(
            f"factcheck ingest (read+clean+segment+store): {seconds:6.2f} s "
            f"({articles} articles, {mentions} sentences, {mentions / seconds:,.0f} sentences/s)"
        )
        try:
            seconds_c, _, _ = time_ingest(folder, cluster=True)
            print(f"factcheck ingest + claim clustering:          {seconds_c:6.2f} s")
        except ImportError:
            print("factcheck ingest + claim clustering:          (dedup not available)")
        pysbd_result = time_pysbd(texts)
        if pysbd_result is None:
            print("pysbd: not installed (pip install pysbd)")
            return
        p_seconds, p_count = pysbd_result
        print(f"pysbd segmentation alone:                    {p_seconds:6.2f} s ({p_count} sentences)")
        print(f"ratio ingest / pysbd: {seconds / p_seconds:.2f} (goal: below 0.5)")


if __name__ == "__main__":
    main()
