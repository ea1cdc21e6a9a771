"""Deciding whether two comparison keys are one claim, a conflicting variant, or unrelated."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rapidfuzz import fuzz

from factcheck.dedup.normalise import Key
from factcheck.store import ENTITY, NEGATION, NUMBER, POLARITY

Scorer = Callable[..., float]
"""A rapidfuzz scorer: ``scorer(a, b, score_cutoff=t) -> 0..100``."""

SCORER: Scorer = fuzz.ratio
"""Indel similarity of the whole comparison texts, in order. Unlike ``token_set_ratio`` it
does not score a sentence 100 against any of its subsets, and unlike ``token_sort_ratio`` it
tells "A accused B" from "B accused A"."""

REWORDED_WORDS = 2
"""Two wordings where each side has at least this many words the other lacks were reworded
in several places, not copied: a different sentence ("a boy who fled … is seen with his
family" / "people who fled … sit as they eat"). Syndicated copies drop or add words."""

REWORDED_SCORE = 95.0
"""…unless they still score this high: spelling variants ("neighbourhood" / "neighborhood",
"air strikes" / "airstrikes") differ in words but hardly in characters."""

SPELLING = 75.0
"""Two words whose ``fuzz.ratio`` reaches this are one word spelt two ways ("Mossul")."""

LENGTH_RATIO = 0.75
"""The shorter comparison text must be at least this share of the longer one, so a short
caption ("AFP/Getty Images") never matches the long credit that contains it. With
:data:`SCORER` at the default threshold this is implied; it protects any other scorer."""

SAME = "same"
"""Verdict on a pair that is one claim; the variant kinds are the store's (``VARIANT_KINDS``)."""


@dataclass(frozen=True)
class Match:
    """The verdict on one pair of keys."""

    kind: str
    """``same`` (one claim) or a conflicting-variant kind: ``number``, ``negation``,
    ``polarity`` or ``entity``."""
    score: float
    """The scorer's similarity of the comparison texts (numbers masked), 0-100."""


def conflict(a: Key, b: Key) -> str:
    """How two keys with the same wording differ: ``same`` or the kind of variant."""
    if a.numbers != b.numbers:
        return NUMBER
    if a.negations != b.negations:
        return NEGATION
    if a.polar != b.polar:
        return POLARITY
    if renamed(a, b):
        return ENTITY
    return SAME


def renamed(a: Key, b: Key) -> bool:
    """Each side names someone or something the other does not ("in Aleppo" / "in Idlib").

    A name present on one side only is an omission ("the Iraqi army" / "the army"), not a
    conflict; case differences do not count, since names are looked up among all words,
    and neither do respellings ("Mosul" / "Mossul").
    """
    if not a.names or not b.names:
        return False
    words_a, words_b = set(a.text.split()), set(b.text.split())
    only_a, only_b = words_a - words_b, words_b - words_a
    return bool(_unmatched(only_a.intersection(a.names), only_b)) and bool(
        _unmatched(only_b.intersection(b.names), only_a)
    )


def _unmatched(words: set[str], others: set[str]) -> list[str]:
    """The ``words`` with no close spelling among ``others``."""
    return [w for w in words if not any(fuzz.ratio(w, o, score_cutoff=SPELLING) for o in others)]


def comparable(a: Key, b: Key) -> bool:
    """The short-text and length-ratio guards."""
    if a.short or b.short:
        return False
    shorter, longer = sorted((len(a.text), len(b.text)))
    return shorter >= LENGTH_RATIO * longer


def compare(a: Key, b: Key, threshold: float, scorer: Scorer = SCORER) -> Match | None:
    """One claim (``same``), a conflicting variant, or None when unrelated or guarded.

    Args:
        a: one key.
        b: the other key.
        threshold: the lowest score (0-100) at which the wordings match.
        scorer: the rapidfuzz scorer.
    """
    if not comparable(a, b):
        return None
    score = scorer(a.text, b.text, score_cutoff=threshold)
    return judge(a, b, score) if score >= threshold and score > 0 else None


def judge(a: Key, b: Key, score: float) -> Match | None:
    """The verdict on two comparable keys whose wordings scored ``score`` (above threshold)."""
    if score < REWORDED_SCORE and reworded(a, b):
        return None
    return Match(conflict(a, b), score)


def reworded(a: Key, b: Key) -> bool:
    """Each side has :data:`REWORDED_WORDS` or more words the other lacks (respellings aside)."""
    words_a, words_b = set(a.text.split()), set(b.text.split())
    only_a, only_b = words_a - words_b, words_b - words_a
    if len(only_a) < REWORDED_WORDS or len(only_b) < REWORDED_WORDS:
        return False
    return min(len(_unmatched(only_a, only_b)), len(_unmatched(only_b, only_a))) >= REWORDED_WORDS
