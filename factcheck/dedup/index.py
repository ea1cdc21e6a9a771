"""The blocking index: each word's document frequency and the nodes indexed under it, grown batch by batch."""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

import numpy as np

RARE_KEYS = 4
"""A text is looked up under its rarest words: this many, plus one per :data:`KEYS_PER_WORDS`."""

KEYS_PER_WORDS = 10
"""One more lookup word per this many words: long texts lose more words to an edit."""

RARE = 50
"""A word in at most this many nodes is rare: every node that has it is indexed under it."""

INDEXED = 8
"""A node is also indexed under this many of its rarest words, however common."""

SPARE = 1
"""Lookup words a candidate may lack beyond half of them (see :func:`needed`)."""

CROWDED = 200
"""When more than this many nodes share a lookup word with a text, each must share one more:
one common word in common means little, and scoring them all would grow with the square of
the corpus."""

LONG = 1000
"""A lookup word listing more nodes than this is left out of a crowded lookup, longest first,
while more lists than the needed share remain. Copies of a text share its rarer words as
well, so such words only add look-alikes to score: at 650,000 sentences, leaving them out
cut the candidates of 40,000 new ones from 536,000 to 70,000 and lost no matching pair."""


def postings(nodes: Iterable[int] = ()) -> array[int]:
    """A node list: ascending node numbers."""
    return array("i", nodes)


def decode(segments: Iterable[bytes]) -> array[int]:
    """A node list from its stored segments (each appended later than the one before)."""
    found = postings()
    for blob in segments:
        found.frombytes(blob)
    return found


class WordIndex:
    """Document frequency of every word and the nodes indexed under it.

    A node is indexed under every word that is still rare when it is indexed (in at most
    :data:`RARE` nodes), and under its :data:`INDEXED` rarest words whatever their counts.
    A text is looked up under its rarest words by the counts of the moment. Counts only
    grow, so a word rare now was rare when earlier nodes were indexed, and they were
    indexed under it; a text made of common words finds its copies among the nodes indexed
    under the same common words, which are its rarest too. Node lists stay short: a common
    word lists only the nodes it was rare for or among the rarest words of.

    In memory it holds the words in use: all of them when a list of texts is clustered
    (:func:`factcheck.dedup.cluster_texts`), those of a part's new nodes for a run on the
    database, full or incremental (the store keeps the rest).
    """

    def __init__(
        self, df: Mapping[str, int] | None = None, lists: Mapping[str, array[int]] | None = None
    ) -> None:
        """Start from stored counts and node lists, or empty."""
        self.df: Counter[str] = Counter(df or {})
        self.lists: dict[str, array[int]] = dict(lists or {})
        self.loaded = {w: len(nodes) for w, nodes in self.lists.items()}
        """Length of each word's node list when loaded (what follows was added since)."""
        self.counted: Counter[str] = Counter()
        """Counts added since loading (what to add to the store)."""

    def count(self, words: Iterable[str]) -> None:
        """Count a node's distinct words (all nodes of a batch before indexing any)."""
        self.df.update(words)
        self.counted.update(words)

    def rank(self, words: Iterable[str]) -> list[str]:
        """Words from the rarest (by the counts of the moment; ties by the word)."""
        ranked = sorted(words)
        ranked.sort(key=self.df.__getitem__)  # stable: ties stay by the word
        return ranked

    def index(self, node: int, ranked: Sequence[str]) -> None:
        """Index a node under its rare and its rarest words (nodes in ascending order)."""
        df, lists = self.df, self.lists
        for i, word in enumerate(ranked):
            if i >= INDEXED and df[word] > RARE:
                break
            nodes = lists.get(word)
            if nodes is None:
                nodes = lists[word] = postings()
            nodes.append(node)

    def index_all(self, nodes: Iterable[tuple[int, Iterable[str]]]) -> list[tuple[int, list[str]]]:
        """Index nodes (in ascending order, all counted) and give each one's lookup words.

        The words are ranked once for both, by the same counts. Looked up later with
        :meth:`candidates` below its own number, a node finds what it would have found
        before any later node was indexed: those are numbered above it.
        """
        found = []
        rank, lookups, index = self.rank, self.lookups, self.index
        for node, words in nodes:
            ranked = rank(words)
            found.append((node, lookups(ranked)))
            index(node, ranked)
        return found

    def added(self) -> dict[str, array[int]]:
        """Nodes indexed since loading, per word (what to append to the store)."""
        loaded = self.loaded
        return {
            w: nodes[loaded.get(w, 0) :] for w, nodes in self.lists.items() if len(nodes) > loaded.get(w, 0)
        }

    def lookups(self, ranked: Sequence[str]) -> list[str]:
        """The rarest words of a text (ranked by :meth:`rank`) that some other node has too."""
        first = bisect_right(ranked, 1, key=self.df.__getitem__)  # those only it has come first
        return list(ranked[first : first + RARE_KEYS + len(ranked) // KEYS_PER_WORDS])

    def candidates(self, words: Sequence[str], below: int) -> list[int]:
        """Nodes numbered under ``below`` that have enough of these words, in ascending order.

        When more than :data:`CROWDED` nodes share a word with the text, each must share one
        more; then the words listing more than :data:`LONG` nodes are left out, longest first,
        while more lists than that share remain.
        """
        found: list[tuple[int, array[int]]] = []
        for word in words:
            nodes = self.lists.get(word)
            end = bisect_left(nodes, below) if nodes else 0
            if end:
                found.append((end, nodes))  # type: ignore[arg-type]
        need = needed(len(words))
        crowded = any(end > CROWDED for end, _nodes in found)  # then so many share a word
        if crowded:
            need += 1
            while len(found) > need + 1:
                longest = max(found, key=lambda item: item[0])
                if longest[0] <= LONG:
                    break
                found.remove(longest)
        if not found:
            return []
        merged = _merged(found)
        if not crowded:
            distinct = _distinct(merged)
            if distinct.size > CROWDED:
                need += 1
            elif need <= 1:
                return distinct.tolist()
        if merged.size < need:
            return []
        # Each list holds a node once, so a node in ``need`` lists is ``need`` times in a row.
        tail = merged[need - 1 :]
        return _distinct(tail[tail == merged[: merged.size - need + 1]]).tolist()


_NODE = np.dtype(np.intc)
"""A node number as a node list stores it (``array("i")``)."""


def _merged(found: list[tuple[int, array[int]]]) -> np.ndarray:
    """The first ``end`` nodes of each list, all in one ascending array, a node once per list.

    In numpy, not a ``Counter``: a crowded look-up goes through over a thousand nodes to find
    two or three, and counting them one by one was the largest part of the work of clustering
    a million sentences (110 us a look-up at 600,000 sentences, 20 us so). The lists are read
    where they are, not copied, and sorted as the ascending runs they are (a stable sort merges
    runs).
    """
    if len(found) == 1:
        end, nodes = found[0]
        return np.frombuffer(nodes, dtype=_NODE, count=end).copy()
    merged = np.concatenate([np.frombuffer(nodes, dtype=_NODE, count=end) for end, nodes in found])
    merged.sort(kind="stable")
    return merged


def _distinct(nodes: np.ndarray) -> np.ndarray:
    """An ascending array without its repeats."""
    if nodes.size < 2:
        return nodes
    return np.concatenate((nodes[:1], nodes[1:][nodes[1:] != nodes[:-1]]))


def needed(lookups: int) -> int:
    """How many of a text's lookup words a candidate must have.

    A copy keeps nearly all of a text's words, so it has most of its rarest ones: asking
    for a share of them (not just one) spares scoring texts that share a word by chance.
    """
    return max(1, lookups // 2 - SPARE)
