"""Ingest quality on real news pages: what factcheck keeps of each page, next to plain trafilatura.

Each page of ``bench/data/pages.jsonl.xz`` (real pages in many languages and scripts, with a
reference body text; see ``bench/data/README.md``) goes through factcheck's cleaning and
segmentation, and through ``trafilatura.extract`` with its defaults (segmented the same way).
Printed per extractor: pages refused, mean token F1 against the reference (characters for
scripts written without spaces), junk (share of output sentences not in the reference), lost
(share of reference sentences missing from the output), lost prose (the same over reference
sentences of four words or more that end with sentence punctuation: captions, credits, list
labels and headings left out) and pages losing over 10% of their prose.

Usage: ``python bench/pages.py [--show N] [--page NAME] [--unseen]`` (``--show`` lists the junk
and lost sentences of the N worst pages; ``--unseen`` scores ``pages_unseen.jsonl.xz`` instead,
pages kept apart from the work on the cleaner).
"""

from __future__ import annotations

import argparse
import json
import lzma
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import trafilatura  # noqa: E402

from factcheck.ingest.boilerplate import word_count  # noqa: E402
from factcheck.ingest.pipeline import prepare  # noqa: E402
from factcheck.ingest.readers import RawArticle, ReadError  # noqa: E402
from factcheck.ingest.segment import segment  # noqa: E402

PAGES = REPO / "bench" / "data" / "pages.jsonl.xz"
UNSEEN = REPO / "bench" / "data" / "pages_unseen.jsonl.xz"
# Scripts written without spaces between words are compared character by character.
_TOKEN = re.compile(
    r"[\u0e00-\u0e7f\u0e80-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
    r"\uf900-\ufaff\uff66-\uff9f]|[^\W_]+"
)
_SHINGLE = 5
_PROSE_END = re.compile(r"[.!?…。！？؟۔।॥][\"'”’»)\]」』]*$")
MATCH = 0.5
"""A sentence counts as found when at least this share of its character 5-grams are found."""

Extractor = Callable[[str], list[str] | None]
"""Page HTML in, the sentences kept out (None when the page is refused)."""


def load_pages(name: str | None = None, path: Path = PAGES) -> Iterator[dict[str, str]]:
    """The pages, or only those whose name contains ``name``."""
    with lzma.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            page = json.loads(line)
            if name is None or name in page["name"]:
                yield page


def factcheck_sentences(html: str) -> list[str] | None:
    """The sentences factcheck would ask an annotator to label."""
    try:
        new = prepare(RawArticle(path="page.html", raw=html, fmt="html"))
    except ReadError:
        return None
    return None if new is None else [new.text[start:end] for start, end in new.spans]


def trafilatura_sentences(html: str) -> list[str] | None:
    """Plain ``trafilatura.extract`` (its defaults), segmented as factcheck segments."""
    text = trafilatura.extract(html)
    return None if not text else split(text)


def split(text: str) -> list[str]:
    """Sentences of a text, by factcheck's segmenter."""
    return [text[start:end] for start, end in segment(text)]


def tokens(text: str) -> list[str]:
    """Lower-cased words, and single characters of scripts without spaces."""
    return _TOKEN.findall(text.lower())


def token_f1(output: str, reference: str) -> float:
    """Bag-of-tokens F1 of the output against the reference."""
    got, want = Counter(tokens(output)), Counter(tokens(reference))
    common = sum((got & want).values())
    if not common:
        return 0.0
    precision, recall = common / sum(got.values()), common / sum(want.values())
    return 2 * precision * recall / (precision + recall)


def shingles(text: str) -> set[str]:
    """Character 5-grams of the text's tokens run together."""
    joined = "".join(tokens(text))
    return {joined[i : i + _SHINGLE] for i in range(max(1, len(joined) - _SHINGLE + 1))}


def is_prose(sentence: str) -> bool:
    """A sentence of running text: four words or more, ending with sentence punctuation."""
    return word_count(sentence) >= 4 and _PROSE_END.search(sentence) is not None


def found(sentence: str, pool: set[str], joined: str) -> bool:
    """Whether most of a sentence's 5-grams occur in the pool.

    Args:
        sentence: The sentence looked for.
        pool: The 5-grams of the text it is looked for in.
        joined: That text's tokens run together: a sentence shorter than a 5-gram ("Sim.",
            "错了。") is found when it occurs in it.
    """
    short = "".join(tokens(sentence))
    if len(short) < _SHINGLE:
        return short in joined
    grams = shingles(sentence)
    return len(grams & pool) / len(grams) >= MATCH


@dataclass
class Score:
    """One extractor's results over the pages."""

    refused: list[str] = field(default_factory=list)
    f1: list[float] = field(default_factory=list)
    sentences: int = 0
    junk: list[tuple[str, str]] = field(default_factory=list)
    reference: int = 0
    lost: list[tuple[str, str]] = field(default_factory=list)
    prose: int = 0
    lost_prose: int = 0
    lossy_pages: int = 0
    seconds: float = 0.0
    per_page: dict[str, tuple[float, list[str], list[str]]] = field(default_factory=dict)

    def add(self, name: str, output: list[str] | None, reference: str, wanted: list[str]) -> None:
        """Score one page's output."""
        if output is None:
            self.refused.append(name)
            output = []
        f1 = token_f1("\n".join(output), reference)
        self.f1.append(f1)
        out_text = "\n".join(output)
        ref_pool, out_pool = shingles(reference), shingles(out_text)
        ref_joined, out_joined = "".join(tokens(reference)), "".join(tokens(out_text))
        junk = [s for s in output if tokens(s) and not found(s, ref_pool, ref_joined)]
        lost = [s for s in wanted if not found(s, out_pool, out_joined)]
        self.sentences += sum(1 for s in output if tokens(s))
        self.reference += len(wanted)
        self.junk += [(name, s) for s in junk]
        self.lost += [(name, s) for s in lost]
        prose = [s for s in wanted if is_prose(s)]
        lost_prose = [s for s in lost if is_prose(s)]
        self.prose += len(prose)
        self.lost_prose += len(lost_prose)
        self.lossy_pages += len(lost_prose) > 0.1 * len(prose)
        self.per_page[name] = (f1, junk, lost)

    def row(self, label: str) -> str:
        """One printed line: shares, each with its count of sentences and the total it is out of."""
        mean = sum(self.f1) / len(self.f1)
        junk = _share(len(self.junk), self.sentences)
        lost = _share(len(self.lost), self.reference)
        prose = _share(self.lost_prose, self.prose)
        return (
            f"{label:<12} {len(self.refused):>7} {mean:>9.3f} {junk:>17} {lost:>17} {prose:>17}"
            f" {self.lossy_pages:>11} {self.seconds:>8.1f}"
        )


def _share(part: int, whole: int) -> str:
    return f"{part / max(1, whole):.1%} ({part}/{whole})"


def main(argv: list[str] | None = None) -> None:
    """Score factcheck and plain trafilatura on every page."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=0, help="list junk and lost sentences of N worst pages")
    parser.add_argument("--page", help="only pages whose name contains this")
    parser.add_argument("--unseen", action="store_true", help="score the pages kept apart")
    args = parser.parse_args(argv)
    extractors: dict[str, Extractor] = {
        "factcheck": factcheck_sentences,
        "trafilatura": trafilatura_sentences,
    }
    scores = {label: Score() for label in extractors}
    pages = list(load_pages(args.page, UNSEEN if args.unseen else PAGES))
    langs = Counter(page["lang"] or "?" for page in pages)
    print(f"{len(pages)} pages; languages: " + ", ".join(f"{k} {v}" for k, v in langs.most_common()))
    for page in pages:
        wanted = [s for s in split(page["reference"]) if tokens(s)]
        for label, extract in extractors.items():
            began = time.perf_counter()
            output = extract(page["html"])
            scores[label].seconds += time.perf_counter() - began
            scores[label].add(page["name"], output, page["reference"], wanted)
    print(
        f"{'extractor':<12} {'refused':>7} {'token F1':>9} {'junk':>17} {'lost':>17} {'lost prose':>17}"
        f" {'pages >10%':>11}"
        f" {'seconds':>8}"
    )
    for label, score in scores.items():
        print(score.row(label))
    ours = scores["factcheck"]
    if ours.refused:
        print("refused by factcheck: " + ", ".join(ours.refused))
    worst = sorted(ours.per_page.items(), key=lambda item: item[1][0])[: args.show]
    for name, (f1, junk, lost) in worst:
        print(f"\n== {name}: F1 {f1:.3f} (trafilatura {scores['trafilatura'].per_page[name][0]:.3f})")
        for sentence in junk:
            print(f"  + {sentence[:160]}")
        for sentence in lost:
            print(f"  {'-' if is_prose(sentence) else '~'} {sentence[:160]}")


if __name__ == "__main__":
    main()
