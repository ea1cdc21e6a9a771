"""Candidate pairs by blocking: each text looks up earlier ones with its rarest words; rapidfuzz verifies."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from factcheck.dedup.index import WordIndex
from factcheck.dedup.match import LENGTH_RATIO, SCORER, Scorer, comparable, judge
from factcheck.dedup.normalise import Key


@dataclass(frozen=True, slots=True)
class Pair:
    """Two texts that match: the same claim, or conflicting variants of one."""

    a: int
    b: int
    kind: str
    score: float


def words_of(key: Key) -> set[str]:
    """The distinct words a node is indexed and looked up by (none for a short key)."""
    return set() if key.short else set(key.text.split())


def count_all(keys: Iterable[Key]) -> WordIndex:
    """An index that has counted the words of every key and indexed none yet."""
    index = WordIndex()
    for key in keys:
        index.count(words_of(key))
    return index


def find_pairs(
    keys: Sequence[Key], threshold: float, *, index: WordIndex | None = None, scorer: Scorer = SCORER
) -> Iterator[Pair]:
    """Matching pairs between each node and the nodes numbered before it, each pair once.

    Args:
        keys: the comparison key of each node, by number.
        threshold: the score at which wordings match.
        index: a word index that has counted every key and indexed none (default: a new
            one); each node is indexed as it is reached, so once the pairs are all taken
            it indexes every node.
        scorer: the rapidfuzz scorer.
    """
    index = index or count_all(keys)
    lengths = [len(k.text) for k in keys]
    for q, query in enumerate(keys):
        words = words_of(query)
        if not words:
            continue
        others = index.match_and_index(q, words)
        if others:
            low, high = length_bounds(lengths[q], threshold, scorer)
            others = [c for c in others if low <= lengths[c] <= high]
        if others:
            yield from verify(q, query, [(c, keys[c]) for c in others], threshold, scorer)


def length_bounds(length: int, threshold: float, scorer: Scorer = SCORER) -> tuple[float, float]:
    """The lengths a text may have to score ``threshold`` against one of ``length`` characters.

    The length-ratio guard asks for :data:`~factcheck.dedup.match.LENGTH_RATIO`; ``fuzz.ratio``
    (and ``token_sort_ratio``, on the same characters) is at most
    ``200 * shorter / (shorter + longer)``, which is tighter at usual thresholds.
    """
    ratio = LENGTH_RATIO
    if scorer in (fuzz.ratio, fuzz.token_sort_ratio) and threshold < 100:
        ratio = max(ratio, threshold / (200 - threshold))
    return length * ratio, length / ratio


def verify(
    q: int, query: Key, others: Sequence[tuple[int, Key]], threshold: float, scorer: Scorer = SCORER
) -> Iterator[Pair]:
    """Score a query against the candidates of a plausible length; judge those above threshold."""
    low, high = length_bounds(len(query.text), threshold, scorer)
    kept = [(c, k) for c, k in others if low <= len(k.text) <= high]
    if not kept:
        return
    choices = [k.text for _c, k in kept]
    for _text, score, position in process.extract(
        query.text, choices, scorer=scorer, score_cutoff=threshold, limit=None
    ):
        other, key = kept[position]
        verdict = judge(query, key, score) if comparable(query, key) else None
        if verdict is not None:
            yield Pair(min(q, other), max(q, other), verdict.kind, float(score))
