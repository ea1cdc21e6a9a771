"""Deciding whether two comparison keys are one claim, a conflicting variant, or unrelated."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA, Indel, Levenshtein

from factcheck.dedup.lexicon import (
    ACTORS,
    ATTEMPTS,
    AUXILIARY_TENSES,
    CONDITIONS,
    DEMONYM_ENDINGS,
    FORMER,
    FUNCTION_WORDS,
    HONORIFICS,
    MOODS,
    NEGATING_PREFIXES,
    NUMBER_BOUNDS,
    OFFICE_CHANGERS,
    OPPOSITES,
    ORDINALS,
    PLANNED,
    PLANNED_WEAK,
    QUANTITIES,
    SCOPES,
    TITLE_GENDERS,
)
from factcheck.dedup.normalise import NUMBER_MASK, Key
from factcheck.store import ENTITY, EXTRA, MODALITY, NEGATION, NUMBER, POLARITY

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
    ``polarity``, ``entity``, ``modality`` or ``extra-clause``."""
    score: float
    """The scorer's similarity of the comparison texts (numbers masked), 0-100."""


@dataclass(frozen=True, slots=True)
class Words:
    """The words of two comparison texts, split once for all the guards that read them."""

    seq_a: list[str]
    seq_b: list[str]
    set_a: set[str]
    set_b: set[str]
    only_a: set[str]
    """Words of ``a`` that ``b`` lacks."""
    only_b: set[str]

    @classmethod
    def of(cls, a: Key, b: Key) -> Words:
        """The words of two keys' comparison texts."""
        seq_a, seq_b = a.text.split(), b.text.split()
        set_a, set_b = set(seq_a), set(seq_b)
        return cls(seq_a, seq_b, set_a, set_b, set_a - set_b, set_b - set_a)


def conflict(a: Key, b: Key, words: Words | None = None) -> str:
    """How two keys with the same wording differ: ``same`` or the kind of variant."""
    w = words or Words.of(a, b)
    if a.numbers != b.numbers or (NUMBER_MASK in a.text and bounds(w.seq_a) != bounds(w.seq_b)):
        return NUMBER
    if a.negations != b.negations:
        return NEGATION
    if a.polar != b.polar and (opposed(a.polar, b.polar) or poles_swapped(a.polar, b.polar)):
        return POLARITY
    if (
        renamed(a, b, w)
        or reordered(a, b, w)
        or rescoped(a, b, w)
        or (a.titles and b.titles and retitled(a.titles, b.titles))
    ):
        return ENTITY
    swapped = substituted(a, b, w) or (POLARITY if a.text != b.text and opposites_swapped(w) else None)
    if swapped:
        return swapped
    if a.text != b.text and (other_mood(w) or qualified(w, ATTEMPTS)):
        return MODALITY
    if a.text != b.text and qualified(w, FORMER, set(a.names) | set(b.names)):
        return ENTITY
    if a.extra != b.extra or added_clause(w):
        return EXTRA
    return SAME


def bounds(words: list[str]) -> tuple[str, ...]:
    """For each number of a comparison text (its ``words``), whether it is a lower bound (``+``:
    "at least 20", "more than 20", "over 20"), an upper bound (``-``: "up to 20", "under 20",
    "nearly 20") or neither ("20", "about 20"). "at least 20 were killed" and "20 were killed"
    are two figures."""
    found = []
    for i, word in enumerate(words):
        if word == NUMBER_MASK:
            found.append(
                NUMBER_BOUNDS.get(" ".join(words[max(i - 2, 0) : i]))
                or NUMBER_BOUNDS.get(words[i - 1] if i else "")
                or _BOUND_AFTER.get(" ".join(words[i + 1 : i + 3]))
                or _BOUND_AFTER.get(" ".join(words[i + 2 : i + 4]), "")  # after its unit
            )
    return tuple(found)


_BOUND_AFTER = {"or more": "+", "and more": "+", "and over": "+", "and above": "+"}
"""Words after a number (or after its unit) that make it a lower bound: "20 or more", "5 percent
or more" ("or less" reads "or more" here, its pole a polar cue of its own)."""


def opposed(polar_a: tuple[str, ...], polar_b: tuple[str, ...]) -> bool:
    """Whether two texts' polar words (``pair+`` / ``pair-``, sorted) say opposite things.

    They do where a pair's words differ on the two sides ("confirmed" / "denied"), or where
    one side adds a word of a pair's negative pole ("fails to pass", "denied"). A word of a
    positive pole on one side only, of a pair the other side does not use, adds nothing that
    is contradicted: "at his HUD confirmation hearing" / "at his HUD hearing", "to more
    emerging markets" / "to emerging markets".
    """
    more_a, more_b = Counter(polar_a), Counter(polar_b)
    more_a, more_b = more_a - more_b, more_b - more_a
    pairs_a, pairs_b = {p[:-1] for p in polar_a}, {p[:-1] for p in polar_b}
    return any(
        p[-1] == "-" or p[:-1] in other
        for added, other in ((more_a, pairs_b), (more_b, pairs_a))
        for p in added
    )


def poles_swapped(polar_a: tuple[str, ...], polar_b: tuple[str, ...]) -> bool:
    """Whether a pair's words come in another order on the two sides ("stocks rose while bonds
    fell" / "stocks fell while bonds rose")."""
    for pair in {p[:-1] for p in polar_a}:
        if len(poles := [p for p in polar_a if p[:-1] == pair]) > 1 and poles != [
            p for p in polar_b if p[:-1] == pair
        ]:
            return True
    return False


NEGATED_STEM = 4
"""Shortest word whose negating prefix is recognised ("safe" / "unsafe")."""


def substituted(a: Key, b: Key, words: Words) -> str | None:
    """The kind of variant when one side says in one word the opposite of the other, else None.

    An ordinal or a word of quantity in place of another is a ``number`` variant
    ("first-degree" / "second-degree", "all of the hostages" / "some of them");
    a word of :data:`~factcheck.dedup.lexicon.OPPOSITES` in place of one it opposes, a
    ``polarity`` variant ("voted for" / "voted against", "will" / "may"); a word in place of
    itself with a negating prefix, a ``negation`` variant ("safe" / "unsafe"); a word for one
    actor in place of another, an ``entity`` variant ("the government said" / "the company
    said").
    """
    if a.text == b.text:
        return None
    only_a, only_b = words.only_a, words.only_b
    if not (_RELATIVE.isdisjoint(only_a) and _RELATIVE.isdisjoint(only_b)) and _article_dated(words):
        return POLARITY
    if not only_a or not only_b:
        return None
    if not (ORDINALS.isdisjoint(only_a) or ORDINALS.isdisjoint(only_b)):
        return NUMBER
    for word in only_a:
        opposed = OPPOSITES.get(word)
        if opposed is not None and not opposed.isdisjoint(only_b):
            return POLARITY
    for word in only_a:
        others = QUANTITIES.get(word)
        if others is not None and not others.isdisjoint(only_b):
            return NUMBER
    if _prefixed(only_a, only_b) or _prefixed(only_b, only_a):
        return NEGATION
    for word in only_a:
        others = ACTORS.get(word)
        if others is not None and not others.isdisjoint(only_b):
            return ENTITY
    return None


_RELATIVE = frozenset({"next", "last"})


def _article_dated(words: Words) -> bool:
    """Whether "next" or "last" stands in place of "the" ("in the second half of the year" /
    "… of next year"): another time."""
    return any(
        op.tag == "replace"
        and op.src_end - op.src_start == 1 == op.dest_end - op.dest_start
        and {words.seq_a[op.src_start], words.seq_b[op.dest_start]} in _DATED_ARTICLE
        for op in Levenshtein.opcodes(words.seq_a, words.seq_b)
    )


_DATED_ARTICLE = ({"the", "next"}, {"the", "last"})


def opposites_swapped(words: Words) -> bool:
    """Whether two words of :data:`~factcheck.dedup.lexicon.OPPOSITES` that both sides use
    come in the other order ("a loss for the quarter, against a profit a year earlier" /
    "a profit …, against a loss …", "stocks rose and bonds fell" / "stocks fell and bonds
    rose")."""
    common = {w for w in words.set_a.intersection(words.set_b) if w in OPPOSITES}
    if len(common) < 2:
        return False
    first_a = {w: i for i, w in enumerate(_first_seen(words.seq_a, common))}
    first_b = {w: i for i, w in enumerate(_first_seen(words.seq_b, common))}
    return any(
        y in OPPOSITES[x] and (first_a[x] < first_a[y]) != (first_b[x] < first_b[y])
        for x, y in itertools.combinations(sorted(common), 2)
    )


_ARTICLES = {"an": "a"}
"""The article before a qualifier is "a" or "an" by the word after it ("a former employee" /
"an employee")."""


def qualified(
    words: Words, qualifiers: frozenset[str], names: set[str] | frozenset[str] = frozenset()
) -> bool:
    """Whether one side puts one of ``qualifiers`` between two words the other side has next to
    each other: a deed only tried (:data:`~factcheck.dedup.lexicon.ATTEMPTS`: "charged with
    attempted murder" / "charged with murder"), a person who no longer is what they were
    (:data:`~factcheck.dedup.lexicon.FORMER`: "a former employee" / "an employee"). Function
    words and ``names`` after a qualifier are left out of account ("attempted to flee", "the
    former Soviet Union"), and so is a qualifier the other side has misspelt in its place."""
    for seq, only, other in (
        (words.seq_a, words.only_a, words.seq_b),
        (words.seq_b, words.only_b, words.seq_a),
    ):
        if qualifiers.isdisjoint(only):
            continue
        adjacent = set(itertools.pairwise(["", *(_ARTICLES.get(w, w) for w in other)]))
        for before, word, after in zip(["", *(_ARTICLES.get(w, w) for w in seq)], seq, seq[1:], strict=False):
            if (
                word in qualifiers
                and after not in FUNCTION_WORDS
                and after not in names
                and (before, after) in adjacent
            ):
                return True
    return False


_PLANNED_ANY = PLANNED_WEAK | PLANNED
"""Words before "to" that say "will" in the weak reading (see :func:`moods`)."""


def moods(words: list[str], vocabulary: set[str], weak: bool = False) -> frozenset[str]:
    """Whether a comparison text (its ``words``, and their set) says something will or may
    happen (:data:`~factcheck.dedup.lexicon.MOODS`, "is set to", "plans to"): ``{"will"}``,
    ``{"may"}``, both, or neither. With ``weak``, "is to", "are to", "was to" and "were to"
    say ``will`` too."""
    found = {MOODS[w] for w in vocabulary.intersection(MOODS)}
    planned = _PLANNED_ANY if weak else PLANNED
    if (
        "to" in vocabulary
        and "will" not in found
        and not planned.isdisjoint(vocabulary)
        and any(after == "to" and word in planned for word, after in itertools.pairwise(words))
    ):
        found.add("will")
    return frozenset(found)


def other_mood(words: Words) -> bool:
    """Whether one comparison text says a thing will or may happen and the other that it does or
    did ("will raise" / "raised"): a ``modality`` variant. "is to" stands for "will" only
    against a "will" ("Ford is to close" / "Ford will close"), since alone it is as often an
    aim ("the plan is to close") and copies that drop a word around it would split."""
    mood_a, mood_b = moods(words.seq_a, words.set_a), moods(words.seq_b, words.set_b)
    if mood_a == mood_b:
        return False
    if moods(words.seq_a, words.set_a, weak=True) == mood_b:
        return False
    return moods(words.seq_b, words.set_b, weak=True) != mood_a


_PREFIX_STARTS = frozenset(p[:2] for p in NEGATING_PREFIXES)


def _prefixed(words: set[str], others: set[str]) -> bool:
    """Whether one of ``words`` is one of ``others`` with a negating prefix."""
    for word in words:
        if word[:2] in _PREFIX_STARTS:
            for prefix in NEGATING_PREFIXES:
                rest = word[len(prefix) :]
                if word.startswith(prefix) and len(rest) >= NEGATED_STEM and rest in others:
                    return True
    return False


def added_clause(words: Words) -> bool:
    """One side has a run of :data:`EXTRA_WORDS` or more words the other lacks, with content,
    or a condition the other lacks ("… if sales fall", "… unless talks resume")."""
    words_a, words_b = words.seq_a, words.seq_b
    conditional = not (CONDITIONS.isdisjoint(words.only_a) and CONDITIONS.isdisjoint(words.only_b))
    short = (
        abs(len(words_a) - len(words_b)) < EXTRA_WORDS and max(len(words_a), len(words_b)) < 2 * EXTRA_WORDS
    )
    if short and not conditional:
        return False
    for op in Levenshtein.opcodes(words_a, words_b):
        span_a, span_b = words_a[op.src_start : op.src_end], words_b[op.dest_start : op.dest_end]
        for added, other in ((span_a, span_b), (span_b, span_a)):
            more = len(added) - len(other)
            if not short and more >= EXTRA_WORDS and carries_claim(added):
                return True
            if conditional and more >= 2 and added[0] in CONDITIONS and carries_claim(added[1:]):
                return True
    return False


def carries_claim(words: list[str]) -> bool:
    """Whether words say something: a number or any word that is not a function word."""
    return any(w == NUMBER_MASK or w not in FUNCTION_WORDS for w in words)


def renamed(a: Key, b: Key, words: Words) -> bool:
    """Each side names someone or something the other does not ("in Aleppo" / "in Idlib").

    A name present on one side only is an omission ("the Iraqi army" / "the army"), not a
    conflict; case differences do not count, since names are looked up among all words,
    and neither do respellings ("Mosul" / "Mossul") and derived forms ("Egypt's" /
    "Egyptian"): see :func:`same_name`. A capitalised word of a title-case headline counts
    as a name against a sentence-case one only where that one has a name in its place
    ("Obama Meets Putin" / "Obama meets Merkel", not "AbbVie Sours on …" / "AbbVie cools
    on …").
    """
    if not a.names or not b.names:
        return False
    seq_a, seq_b, only_a, only_b = words.seq_a, words.seq_b, words.only_a, words.only_b
    new_a = _unnamed(only_a.intersection(a.names), only_b, seq_a, seq_b)
    new_b = _unnamed(only_b.intersection(b.names), only_a, seq_b, seq_a) if new_a else []
    if not new_b or a.titled == b.titled:
        return bool(new_b)
    if a.titled:
        return _facing_names(seq_a, seq_b, set(new_a), set(b.names))
    return _facing_names(seq_b, seq_a, set(new_b), set(a.names))


def retitled(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Each side has a title before a name that no title of the other can stand beside for one
    person ("Gov. Bush" / "President Bush", "Vice President Cheney" / "President Cheney", "Mr.
    Clinton" / "Mrs. Clinton"); "President Bush" / "Mr. Bush" and "Defense Secretary
    Rumsfeld" / "Secretary Rumsfeld" are one person."""
    return any(not any(_one_person(x, y) for y in b) for x in a) and any(
        not any(_one_person(y, x) for x in a) for y in b
    )


def _one_person(x: str, y: str) -> bool:
    if x == y:
        return True
    gender_x, gender_y = TITLE_GENDERS.get(x), TITLE_GENDERS.get(y)
    if gender_x or gender_y:  # "Mr." / "Mrs.": any office, if not the other sex
        return not (gender_x and gender_y and gender_x != gender_y)
    if x in HONORIFICS or y in HONORIFICS:
        return True
    words_x, words_y = set(x.split("_")), set(y.split("_"))
    if not (words_x <= words_y or words_y <= words_x):
        return False  # "foreign_minister" / "prime_minister"
    return OFFICE_CHANGERS.isdisjoint(words_x ^ words_y)  # not "vice_president" / "president"


def reordered(a: Key, b: Key, words: Words) -> bool:
    """The same names in another order ("Kenya beat Ghana" / "Ghana beat Kenya", "in March
    prices rose and in June they fell" / "in June … in March …"): who did what to whom, or
    what happened when, differs. Names are taken in the order they first appear."""
    if len(a.names) < 2 or len(b.names) < 2 or a.text == b.text:
        return False
    common = set(a.names).intersection(b.names) - FUNCTION_WORDS  # "The", "In" capitalised are no names
    if len(common) < 2:
        return False
    return _first_seen(words.seq_a, common) != _first_seen(words.seq_b, common)


def rescoped(a: Key, b: Key, words: Words) -> bool:
    """Whether one side says a thing happens everywhere (:data:`~factcheck.dedup.lexicon.SCOPES`)
    where the other names a place it lacks ("cut 3,000 jobs worldwide" / "… in Europe")."""
    for only, other_only, other_names in (
        (words.only_a, words.only_b, b.names),
        (words.only_b, words.only_a, a.names),
    ):
        if not SCOPES.isdisjoint(only) and not other_only.isdisjoint(other_names):
            return True
    return False


def _first_seen(sequence: list[str], names: set[str]) -> list[str]:
    return list(dict.fromkeys(w for w in sequence if w in names))


def _facing_names(titled: list[str], other: list[str], new: set[str], names: set[str]) -> bool:
    """Whether one of the title-case side's ``new`` names stands where the other side has one
    of its ``names``."""
    return any(
        op.tag == "replace"
        and not new.isdisjoint(titled[op.src_start : op.src_end])
        and not names.isdisjoint(other[op.dest_start : op.dest_end])
        for op in Levenshtein.opcodes(titled, other)
    )


def _unnamed(names: set[str], others: set[str], sequence: list[str], other: list[str]) -> list[str]:
    """The ``names`` that are no other spelling or form of any of ``others``, nor a compound
    written apart or together ("Air strikes" / "Airstrikes").

    Args:
        names: the names of one side missing from the other side.
        others: the other side's words missing from this side.
        sequence: this side's words in order.
        other: the other side's words in order.
    """
    if not names:
        return []
    found = [n for n in names if not any(same_name(n, o) for o in others)]
    if found:
        joined = {x + y for x, y in itertools.pairwise(other)}
        parts = {w for x, y in itertools.pairwise(sequence) if x + y in others for w in (x, y)}
        found = [n for n in found if n not in joined and n not in parts]
    return found


def same_name(a: str, b: str) -> bool:
    """Two words that are one name, spelt apart or derived.

    Doubled letters aside ("Gadafi" / "Gaddafi"), one letter added, dropped or swapped with
    its neighbour ("Mosul" / "Mossul", "Eygptian"), vowels ("Morsi" / "Mursi"), one letter
    changed in a long name ("Gaddafi" / "Qaddafi") or two in a very long one; or a place and
    its demonym ("Syria" / "Syrian", "Egypt" / "Egyptian", "China" / "Chinese"). One letter
    changed in a short name is another name: "Iran" / "Iraq", "Obama" / "Osama".
    """
    if a == b:
        return True
    return _one_name(a, b) or _one_name(_DOUBLED.sub(r"\1", a), _DOUBLED.sub(r"\1", b))


def _one_name(a: str, b: str) -> bool:
    shorter, longer = sorted((a, b), key=len)
    if len(longer) - len(shorter) <= 1 and _respelt(shorter, longer):
        return True
    stem = shorter[:-1] if shorter[-1] in "aeiouy" else shorter
    return len(stem) >= DEMONYM_STEM and any(
        len(longer) == len(stem) + len(end) and longer.endswith(end) and _respelt(stem, longer[: len(stem)])
        for end in DEMONYM_ENDINGS
    )


DEMONYM_STEM = 4
"""Shortest place name (less a final vowel) whose demonym is recognised (Iraq, Chin(a))."""


def _respelt(a: str, b: str) -> bool:
    """``a`` and ``b`` (lengths within one) are one spelling apart (see :func:`same_name`)."""
    if a == b:
        return True
    if Indel.distance(a, b, score_cutoff=1) <= 1:
        return True
    if len(a) == len(b) and _consonants(a) == _consonants(b):
        return True  # vowels transliterated apart: "Morsi" / "Mursi", "Kiev" / "Kyiv"
    edits = OSA.distance(a, b, score_cutoff=2)
    if edits == 1:
        return sorted(a) == sorted(b) or len(a) >= LONG_NAME
    return edits == 2 and min(len(a), len(b)) >= VERY_LONG_NAME


def _consonants(word: str) -> str:
    return word.translate(_NO_VOWELS)


_NO_VOWELS = str.maketrans("", "", "aeiouy")
_DOUBLED = re.compile(r"(.)\1+")


LONG_NAME = 7
"""From this many letters, one letter changed is a respelling of a name ("Gaddafi" / "Qaddafi")."""

VERY_LONG_NAME = 9
"""From this many letters, two letters changed are a respelling of a name."""


def _unmatched_forms(words: set[str], others: set[str], sequence: list[str], other: list[str]) -> list[str]:
    """The ``words`` with no close spelling among ``others``, inflections and compounds written
    apart or together forgiven.

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
        if word in AUXILIARY_TENSES and any(
            AUXILIARY_TENSES.get(o) == AUXILIARY_TENSES[word] for o in others
        ):
            continue  # "is" / "was": a tense shifted in reporting
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
    words = Words.of(a, b)
    if reworded(words):
        return None
    return Match(conflict(a, b, words), score)


def reworded(words: Words) -> bool:
    """Each side has :data:`REWORDED_WORDS` or more words the other lacks.

    Respellings ("Mossul"), inflections ("hanged" / "hanging") and compounds written apart
    or together ("air strikes" / "airstrikes") are not rewordings.
    """
    seq_a, seq_b, only_a, only_b = words.seq_a, words.seq_b, words.only_a, words.only_b
    if len(only_a) < REWORDED_WORDS or len(only_b) < REWORDED_WORDS:
        return False
    if len(_unmatched_forms(only_a, only_b, seq_a, seq_b)) < REWORDED_WORDS:
        return False
    return len(_unmatched_forms(only_b, only_a, seq_b, seq_a)) >= REWORDED_WORDS
