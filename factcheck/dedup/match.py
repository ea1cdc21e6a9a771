"""Deciding whether two comparison keys are one claim, a conflicting variant, or unrelated."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from factcheck.dedup.lexicon import FUNCTION_WORDS
from factcheck.dedup.normalise import NUMBER_MASK, Key
from factcheck.store import ENTITY, EXTRA, NEGATION, NUMBER, POLARITY

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

SPELLING = 75.0
"""Two words whose ``fuzz.ratio`` reaches this are one word spelt two ways ("Mossul")."""

STEM = 4
"""Two words of at least this many letters more that begin alike ("hanged" / "hanging") are
one word inflected two ways, for the rewording guard."""

EXTRA_WORDS = 4
"""A run of this many words or more present on one side only is a clause of its own (``…
in a raid on a village near the border``): when it carries content, the pair is two claims."""

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
    ``polarity``, ``entity`` or ``extra-clause``."""
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
    if a.extra != b.extra or added_clause(a, b):
        return EXTRA
    return SAME


def added_clause(a: Key, b: Key) -> bool:
    """One side has a run of :data:`EXTRA_WORDS` or more words the other lacks, with content."""
    words_a, words_b = a.text.split(), b.text.split()
    if abs(len(words_a) - len(words_b)) < EXTRA_WORDS and max(len(words_a), len(words_b)) < 2 * EXTRA_WORDS:
        return False
    for op in Levenshtein.opcodes(words_a, words_b):
        more_a, more_b = (op.src_end - op.src_start), (op.dest_end - op.dest_start)
        if more_a - more_b >= EXTRA_WORDS and carries_claim(words_a[op.src_start : op.src_end]):
            return True
        if more_b - more_a >= EXTRA_WORDS and carries_claim(words_b[op.dest_start : op.dest_end]):
            return True
    return False


def carries_claim(words: list[str]) -> bool:
    """Whether words say something: a number or any word that is not a function word."""
    return any(w == NUMBER_MASK or w not in FUNCTION_WORDS for w in words)


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


def _unmatched_forms(words: set[str], others: set[str], sequence: list[str], other: list[str]) -> list[str]:
    """:func:`_unmatched`, also forgiving inflections and compounds written apart or together.

    Args:
        words: the words of one side missing from the other side.
        others: the other side's words missing from this side.
        sequence: this side's words in order.
        other: the other side's words in order.
    """
    joined = {x + y for x, y in itertools.pairwise(other)}
    other_words = set(other)
    parts = {w for x, y in itertools.pairwise(sequence) if x + y in other_words for w in (x, y)}
    found = []
    for word in words:
        if word in parts or any(_same_stem(word, o) for o in others):
            continue
        if not any(fuzz.ratio(word, o, score_cutoff=SPELLING) for o in others) and word not in joined:
            found.append(word)
    return found


def _same_stem(a: str, b: str) -> bool:
    """Two inflections of one word: they begin alike for :data:`STEM` letters and most of the shorter."""
    n = min(len(a), len(b))
    if n < STEM or a[:STEM] != b[:STEM]:
        return False
    common = next((i for i in range(n) if a[i] != b[i]), n)
    return common >= 0.6 * n


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
    if reworded(a, b):
        return None
    return Match(conflict(a, b), score)


def reworded(a: Key, b: Key) -> bool:
    """Each side has :data:`REWORDED_WORDS` or more words the other lacks.

    Respellings ("Mossul"), inflections ("hanged" / "hanging") and compounds written apart
    or together ("air strikes" / "airstrikes") are not rewordings.
    """
    seq_a, seq_b = a.text.split(), b.text.split()
    words_a, words_b = set(seq_a), set(seq_b)
    only_a, only_b = words_a - words_b, words_b - words_a
    if len(only_a) < REWORDED_WORDS or len(only_b) < REWORDED_WORDS:
        return False
    if len(_unmatched_forms(only_a, only_b, seq_a, seq_b)) < REWORDED_WORDS:
        return False
    return len(_unmatched_forms(only_b, only_a, seq_b, seq_a)) >= REWORDED_WORDS
