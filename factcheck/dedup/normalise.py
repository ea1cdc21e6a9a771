"""Normalised comparison keys for claim matching: clean text, attribution tails, guard cues."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from factcheck.dedup.lexicon import (
    ALIASES,
    CLAUSE_STARTS,
    NEGATIONS,
    NUMBER_WORDS,
    POLAR,
    SPEECH_ADJUNCTS,
)
from factcheck.lexicon import SPEECH_VERBS

MIN_TOKENS = 5
"""Below this many words a sentence ("He denied it.") depends on its context too much for
identical wording to mean an identical claim, so it is never merged."""

MIN_CHARS = 20
"""Same as :data:`MIN_TOKENS`, in characters of the comparison text."""

NUMBER_MASK = "#"
"""What a number becomes in the comparison text: numbers are compared by the number guard."""

_QUOTES = str.maketrans(
    {
        **dict.fromkeys("“”„‟«»〝〞＂″‶", '"'),
        **dict.fromkeys("‘’‚‛‹›′‵`´ʼ", "'"),
        **dict.fromkeys("‐‑‒–—―−﹘﹣－", "-"),
        "…": "...",
        "\u00a0": " ",
    }
)
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*{1,3}|_{2,3})(?=\S)(.+?)(?<=\S)\1")
_MD_LEAD = re.compile(r"^\s*(?:#{1,6}\s+|>\s*|[-*+]\s+(?=\S))")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")
_TOKEN = re.compile(r"\d+(?:\.\d+)*|[^\W\d_]+")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")
_ACRONYM = re.compile(r"\b(?:[^\W\d_]\.){2,}")
_ALIAS = re.compile(r"\b(?:" + "|".join(ALIASES) + r")\b")
_CONTRACTIONS = (
    (re.compile(r"\b(ca)n't\b|\b(can)not\b", re.I), r"\1\2n not"),
    (re.compile(r"\b(w)on't\b", re.I), r"\1ill not"),
    (re.compile(r"\b(sha)n't\b", re.I), r"\1ll not"),
    (re.compile(r"n't\b", re.I), " not"),
    (re.compile(r"'s\b|'", re.I), ""),
)

_VERBS = "|".join(sorted(SPEECH_VERBS, key=len, reverse=True))
_VERB = re.compile(rf"\b(?:{_VERBS})\b", re.I)
_BETWEEN_QUOTES = re.compile(
    rf'(?<=[,.!?])"\s*,?\s*[^"]{{1,120}}?\b(?:{_VERBS})\b[^"]{{0,120}}?[.,:]\s*"', re.I
)
_CLAUSE = re.compile(r"\b(?:that|whether|if|because|but|although|while|who|which)\b", re.I)
_ACCORDING = "according to "

MAX_TAIL_WORDS = 25
"""A longer 'tail' is more likely to carry content than a speaker and a title."""

MAX_SUBJECT_WORDS = 8
"""Longest unquoted speaker before the verb ("…, the US military said in a statement.")."""

MAX_AFTER_VERB_WORDS = 6
"""Longest phrase after a closing verb ("said in a statement on Tuesday")."""


def normalise(text: str) -> str:
    """Unicode, quote marks, apostrophes, dashes, markdown and white space made uniform.

    Case is kept: the acronym aliases need it. The result is still readable text.
    """
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    if "](" in text:
        text = _MD_LINK.sub(r"\1", text)
    if "\\" in text:
        text = _MD_ESCAPE.sub(r"\1", text)
    text = _MD_LEAD.sub("", text)
    if "*" in text or "__" in text:
        for _ in range(2):  # nested emphasis: ***a*** and **_a_**
            text = _MD_EMPHASIS.sub(r"\2", text)
    return " ".join(text.split())


def strip_attribution(text: str) -> str:
    """The claim without who said it: drops speaker tails and leads from normalised text.

    Handles ``"…," said Lynn Maalouf, Amnesty's director.``, ``…, he added.``,
    ``…, according to Amnesty.``, ``Lynn Maalouf said: …`` and ``"A," she said. "B."``.
    Verbs of confirming or denying are not speech verbs here: they change the claim.
    """
    if text.count('"') >= 4:
        text = _BETWEEN_QUOTES.sub(" ", text)
    for strip in (_after_quote, _inverted, _lead, _according):
        body = strip(text)
        if body is not None and len(body.split()) >= 3:
            text = body
    return text


def _after_quote(text: str) -> str | None:
    """``"…," said X, title.`` and ``"…," X, title, said in a statement.``"""
    quote = text.rfind('"')
    verb = _VERB.search(text, quote + 1) if quote > 0 else None
    body = text[:quote].rstrip()
    if verb is None or not body.endswith((",", ".", "!", "?")):
        return None
    return body if _is_speaker(text[quote + 1 :]) else None


def _inverted(text: str) -> str | None:
    """``…, said Lynn Maalouf.`` and ``…, the group said in a statement.`` (no quote marks).

    Without quote marks content and speaker are told apart by shape alone, so the forms
    are narrow: a verb then a name ("said Lynn Maalouf"), or a short subject then a verb
    that ends the sentence or is followed by when, where or to whom it was said.
    """
    tail_from = text.rfind('"') + 1
    verbs = list(_VERB.finditer(text, tail_from))
    if not verbs:
        return None
    first, last = verbs[0], verbs[-1]
    if text[: first.start()].rstrip().endswith(","):
        named = text[first.end() :].lstrip()[:1].isupper()
        comma = text.rindex(",", 0, first.start())
        return text[:comma] if named and _is_speaker(text[first.start() :]) else None
    comma = text.rfind(",", tail_from, last.start())
    subject = text[comma + 1 : last.start()].split()
    after = text[last.end() :].strip(" .!?").split()
    if comma < 0 or not 1 <= len(subject) <= MAX_SUBJECT_WORDS or subject[0].lower() in CLAUSE_STARTS:
        return None
    if len(after) > MAX_AFTER_VERB_WORDS or (after and after[0].lower() not in SPEECH_ADJUNCTS):
        return None
    return text[:comma] if _is_speaker(text[comma + 1 :]) else None


def _lead(text: str) -> str | None:
    """``Lynn Maalouf said: …``"""
    colon = text.find(":", 0, 120)
    if colon < 0 or '"' in text[1:colon] or not _VERB.search(text, 0, colon):
        return None
    return text[colon + 1 :].strip() if _is_speaker(text[:colon]) else None


def _according(text: str) -> str | None:
    """``According to Amnesty, …`` and ``…, according to Amnesty.``"""
    lower = text.lower()
    if lower.startswith(_ACCORDING) and "," in text:
        comma = text.index(",")
        return text[comma + 1 :].strip() if _is_speaker(text[:comma]) else None
    at = lower.rfind(", " + _ACCORDING)
    if at < 0 or "," in text[at + 1 :] or '"' in text[at:]:
        return None
    return text[:at] if _is_speaker(text[at + 1 :]) else None


def _is_speaker(tail: str) -> bool:
    """Whether a stripped-off part names a speaker rather than carrying content."""
    return len(tail.split()) <= MAX_TAIL_WORDS and not _CLAUSE.search(tail)


@dataclass(frozen=True)
class Key:
    """What a mention is compared by."""

    text: str
    """Lower-cased words, numbers masked, negations dropped, polar words by their pair."""
    numbers: tuple[str, ...] = ()
    """The numbers, sorted (the number guard)."""
    negations: int = 0
    """How many negation words (the negation guard)."""
    polar: tuple[str, ...] = ()
    """Polar words as ``pair+`` / ``pair-``, sorted (the polarity guard)."""
    names: tuple[str, ...] = ()
    """Words written capitalised after the first, lower-cased and sorted (the entity guard)."""

    @property
    def short(self) -> bool:
        """Too short to be merged with anything (the short-text guard)."""
        return len(self.text) < MIN_CHARS or self.text.count(" ") + 1 < MIN_TOKENS


def make_key(text: str) -> Key:
    """The comparison key of one mention's text."""
    text = normalise(text)
    cased = cased_tokens(text)
    words = [w.lower() for w in cased]
    if not SPEECH_VERBS.isdisjoint(words) or "according" in words:
        cased = cased_tokens(strip_attribution(text))
        words = [w.lower() for w in cased]
    names = {w.lower() for w in cased[1:] if w[0].isupper()}
    return key_from_tokens(words, names)


def tokens(text: str) -> list[str]:
    """Words and numbers of normalised text, lower-cased, aliases and contractions resolved."""
    return [w.lower() for w in cased_tokens(text)]


def cased_tokens(text: str) -> list[str]:
    """:func:`tokens` before lower-casing."""
    # An all-caps headline has no acronyms to tell apart from words.
    if any(a in text for a in ALIASES) and any(c.islower() for c in text):
        text = _ALIAS.sub(lambda m: ALIASES[m[0]], text)
    if "'" in text:
        for pattern, replacement in _CONTRACTIONS:
            text = pattern.sub(replacement, text)
    if "," in text:
        text = _THOUSANDS.sub("", text)
    if text.count(".") > 1:
        text = _ACRONYM.sub(lambda m: m[0].replace(".", ""), text)
    return _TOKEN.findall(text)


_CUES = frozenset(NUMBER_WORDS) | NEGATIONS | frozenset(POLAR)


def key_from_tokens(words: list[str], names: set[str] | frozenset[str] = frozenset()) -> Key:
    """Split lower-case tokens into the comparison text and the guard cues."""
    named = tuple(sorted(names - _CUES))
    if not any(w in _CUES or w[0] <= "9" for w in words):  # digits sort before letters
        return Key(" ".join(words), names=named)
    kept: list[str] = []
    numbers: list[str] = []
    polar: list[str] = []
    negations = 0
    for word in words:
        if word[0] <= "9" or word in NUMBER_WORDS:
            numbers.append(NUMBER_WORDS.get(word, word))
            kept.append(NUMBER_MASK)
        elif word in NEGATIONS:
            negations += 1
        elif word in POLAR:
            pair, pole = POLAR[word]
            polar.append(pair + pole)
            kept.append(pair)
        else:
            kept.append(word)
    return Key(" ".join(kept), tuple(sorted(numbers)), negations, tuple(sorted(polar)), named)
