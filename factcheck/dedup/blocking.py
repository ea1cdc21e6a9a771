"""Candidate pairs by blocking: each text looks up earlier ones with its rarest words; rapidfuzz verifies."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain, islice

from rapidfuzz import fuzz, process

from factcheck.dedup.index import WordIndex
from factcheck.dedup.match import LENGTH_RATIO, SCORER, Scorer, comparable, judge
from factcheck.dedup.normalise import Key
from factcheck.workers import forked

WINDOW = 50_000
"""Nodes indexed at a time before their candidates are gathered (see :func:`candidate_lists`)."""

FORK_FROM = 10_000
"""From this many nodes in a window, their candidates are gathered by forked processes."""

GATHER = 2_000
"""Nodes whose candidates a process gathers at a time."""


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
            one); once the pairs are all taken it indexes every node.
        scorer: the rapidfuzz scorer.
    """
    index = index or count_all(keys)
    lengths = [len(k.text) for k in keys]
    for q, others in candidate_lists(index, ((q, words_of(key)) for q, key in enumerate(keys))):
        if others:
            low, high = length_bounds(lengths[q], threshold, scorer)
            others = [c for c in others if low <= lengths[c] <= high]
        if others:
            yield from verify(q, keys[q], [(c, keys[c]) for c in others], threshold, scorer)


def candidate_lists(
    index: WordIndex, nodes: Iterable[tuple[int, set[str]]]
) -> Iterator[tuple[int, list[int]]]:
    """Each node with words (in ascending order, all counted) and its candidates among the
    nodes numbered before it; every node is indexed.

    Nodes are indexed :data:`WINDOW` at a time, then their candidates gathered: a node
    looks up only the nodes numbered below it, so those indexed after it are never found
    and the order of the two steps does not matter. Gathering is most of the work and only
    reads the index, so for a large window it is shared out to processes forked with the
    index as it is, while this one indexes the next window, then takes their results in
    order (and scores them).
    """
    nodes = iter(nodes)
    lookups = _index_window(index, nodes)
    while lookups:
        ranges = [(i, i + GATHER) for i in range(0, len(lookups), GATHER)]
        gathered = forked(_gather, (index, lookups), ranges, None if len(lookups) >= FORK_FROM else 1)
        lookups = _index_window(index, nodes)
        for found in gathered:
            yield from found


def _index_window(index: WordIndex, nodes: Iterator[tuple[int, set[str]]]) -> list[tuple[int, list[str]]]:
    """Index the next :data:`WINDOW` nodes with words; their lookup words."""
    found: list[tuple[int, list[str]]] = []
    for first in nodes:
        window = chain([first], islice(nodes, WINDOW - 1))
        found = index.index_all((node, words) for node, words in window if words)
        if found:
            break
    return found


Lookups = tuple[WordIndex, list[tuple[int, list[str]]]]
"""An index and the lookup words of the nodes of a window."""


def _gather(state: Lookups, bounds: tuple[int, int]) -> list[tuple[int, list[int]]]:
    index, lookups = state
    return [(node, index.candidates(words, node)) for node, words in lookups[bounds[0] : bounds[1]]]


def length_bounds(length: int, threshold: float, scorer: Scorer = SCORER) -> tuple[float, float]:
    """The lengths a text may have to score ``threshold`` against one of ``length`` characters.

    The length-ratio guard asks for :data:`~factcheck.dedup.match.LENGTH_RATIO`; ``fuzz.ratio``
    (and ``token_sort_ratio``, on the same characters) is at most
    ``200 * shorter / (shorter + longer)``, which is tighter at usual thresholds.
    """
    ratio = LENGTH_RATIO
    if scorer in (fuzz.ratio, fuzz.token_sort_ratio) and threshold < 100:
        ratio = max(ratio, threshold / (200 - threshold))
    # Widened by a hair: at the bound itself the product may round up (77 * 90 / 110 is
    # 63.00000000000001), which dropped pairs scoring exactly the threshold.
    return length * ratio * _HAIR_BELOW, length / ratio * _HAIR_ABOVE


_HAIR_BELOW, _HAIR_ABOVE = 1 - 1e-9, 1 + 1e-9


def verify(
    q: int, query: Key, others: Sequence[tuple[int, Key]], threshold: float, scorer: Scorer = SCORER
) -> Iterator[Pair]:
    """Score a query against its candidates, those of a plausible length (see
    :func:`length_bounds`: the callers have their lengths at hand); judge those above threshold."""
    if not others:
        return
    choices = [k.text for _c, k in others]
    for _text, score, position in process.extract(
        query.text, choices, scorer=scorer, score_cutoff=threshold, limit=None
    ):
        other, key = others[position]
        verdict = judge(query, key, score) if comparable(query, key) else None
        if verdict is not None:
            yield Pair(min(q, other), max(q, other), verdict.kind, float(score))
