"""Candidate pairs by blocking: an inverted index of each text's rarest words, verified by rapidfuzz."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from rapidfuzz import process

from factcheck.dedup.match import SCORER, Scorer, comparable, judge
from factcheck.dedup.normalise import Key

RARE_KEYS = 4
"""Every text is indexed under its rarest words: this many, plus :data:`KEYS_PER_WORDS`."""

KEYS_PER_WORDS = 10
"""One more index key per this many words: long texts lose more words to an edit."""

CROWDED = 200
"""When more texts than this share an index key with a text (its rarest words are common in
the corpus), only those sharing two keys are scored: one common word in common means little,
and scoring them all would grow with the square of the corpus."""


@dataclass(frozen=True)
class Pair:
    """Two texts that match: the same claim, or conflicting variants of one."""

    a: int
    b: int
    kind: str
    score: float


def document_frequency(texts: Sequence[str]) -> Counter[str]:
    """In how many of ``texts`` each word occurs."""
    df: Counter[str] = Counter()
    for text in texts:
        df.update(set(text.split()))
    return df


class Blocker:
    """An inverted index from rare words to the texts that have them among their rarest.

    Two near-duplicates share most words, so they share some of their rarest ones, while
    unrelated texts seldom do. Rarity is counted over the whole corpus (document
    frequency), with ties broken by the word itself, so the keys depend only on the set
    of texts, never on their order.
    """

    def __init__(self, texts: Sequence[str], df: Counter[str] | None = None, queries_from: int = 0) -> None:
        """Index ``texts`` (comparison texts: words separated by single spaces).

        Args:
            texts: the texts to index, numbered by position.
            df: document frequencies to rank words by (default: counted over ``texts``).
            queries_from: only texts from here on will be looked up; earlier texts that
                share no word with their keys cannot be candidates and are not indexed.
        """
        self._df = df if df is not None else document_frequency(texts)
        self._postings: dict[str, list[int]] = {}
        self._keys: list[list[str]] = [[] for _ in range(queries_from)]
        self._keys += [self._index(i, texts[i]) for i in range(queries_from, len(texts))]
        wanted = set(self._postings)
        for i in range(queries_from):
            words = set(texts[i].split())
            if not wanted.isdisjoint(words):
                self._keys[i] = self._index(i, texts[i], words)
        for posting in self._postings.values():
            posting.sort()

    def _index(self, i: int, text: str, words: set[str] | None = None) -> list[str]:
        """Index text ``i`` under its rarest words and return them."""
        words = words if words is not None else set(text.split())
        df = self._df
        keys = sorted(words, key=lambda w: (df[w], w))[: RARE_KEYS + len(words) // KEYS_PER_WORDS]
        for word in keys:
            self._postings.setdefault(word, []).append(i)
        return keys

    def candidates(self, q: int, new_from: int = 0) -> list[int]:
        """Texts sharing index keys with text ``q`` that pair with it, sorted.

        Texts from ``new_from`` on are the ones being added: ``q`` pairs with every text
        before ``new_from`` and with the added texts after itself, so each pair comes once.
        """
        shared: Counter[int] = Counter()
        for word in self._keys[q]:
            posting = self._postings[word]  # ascending
            if new_from:
                shared.update(posting[: bisect_left(posting, new_from)])
            shared.update(posting[bisect_right(posting, q) :])
        if len(shared) > CROWDED:
            return sorted(c for c, n in shared.items() if n > 1)
        return sorted(shared)


def find_pairs(
    keys: Sequence[Key],
    threshold: float,
    *,
    new_from: int = 0,
    blocker: Blocker | None = None,
    scorer: Scorer = SCORER,
) -> Iterator[Pair]:
    """Matching pairs that involve the keys from ``new_from`` on, each pair once.

    Args:
        keys: the comparison keys, those already compared first (short ones are skipped).
        threshold: the score at which wordings match.
        new_from: index of the first key not yet compared (0: compare all with all).
        blocker: an index over ``keys``; built when not given.
        scorer: the rapidfuzz scorer.
    """
    texts = [k.text for k in keys]
    blocker = blocker or Blocker(texts)
    for q in range(new_from, len(keys)):
        if not keys[q].short:
            yield from _verify(keys, texts, q, blocker.candidates(q, new_from), threshold, scorer)


def _verify(
    keys: Sequence[Key], texts: list[str], q: int, others: list[int], threshold: float, scorer: Scorer
) -> Iterator[Pair]:
    query = keys[q]
    choices = [texts[c] for c in others]
    for _text, score, position in process.extract(
        query.text, choices, scorer=scorer, score_cutoff=threshold, limit=None
    ):
        other = others[position]
        verdict = judge(query, keys[other], score) if comparable(query, keys[other]) else None
        if verdict is not None:
            yield Pair(min(q, other), max(q, other), verdict.kind, float(score))
