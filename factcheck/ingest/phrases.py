"""Long lists of phrases searched quickly: whether a line holds any of them, not where.

Python's regular-expression engine tries a pattern at each character of a line, and each of a
pattern's alternatives in turn. For a list of hundreds of phrases that is most of the time of
cleaning a page. :class:`Phrases` compiles the same alternatives so that far fewer are tried:

- the alternatives that begin at a word boundary go behind one ``\\b``, so that inside a word
  the engine moves on after one test;
- alternatives are factored by their opening characters (``share(?:s|d)`` for ``shares`` and
  ``shared``), so that at a word's start only the phrases that open with its first letter are
  tried, not all of them;
- the phrases that may begin anywhere (in scripts written without spaces) are searched on their
  own, opening with a literal character each, which lets the engine skip in one step over the
  characters none of them opens with: a line in a Latin script costs next to nothing there.

A leading group (``(?:this|the) article``, ``(?:has )?found``) or set of characters
(``[Aa]ccording``) is spelt out into its alternatives first, so that they too open with a
literal character.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_SPECIAL = frozenset("\\()[].^$*+?{|")
_QUANTIFIERS = ("?", "*", "+", "{")
_MOST_SPELT = 1000
"""Alternatives a leading group may be spelt out into; a larger one is left as it is."""


class Phrases:
    """Alternatives of regular expressions, searched for whether any occurs in a text.

    ``Phrases(a, b).search(text)`` finds a match exactly when ``re.search(f"(?:{a})|(?:{b})",
    text)`` does (not always the same one).
    """

    def __init__(self, *patterns: str, flags: int = 0) -> None:
        """Keep the alternatives of ``patterns``, compiled (see the module's description) the
        first time they are searched for: a command that cleans no page does not pay for it."""
        self.plain = "|".join(f"(?:{pattern})" for pattern in patterns)
        """The same alternatives as one plain pattern."""
        self._sources = patterns
        self._flags = flags
        self._compiled: tuple[re.Pattern[str], ...] | None = None

    @property
    def patterns(self) -> tuple[re.Pattern[str], ...]:
        """The patterns searched, in turn."""
        if self._compiled is None:
            sources = _compiled_sources(self._sources)
            self._compiled = tuple(re.compile(source, self._flags) for source in sources)
        return self._compiled

    def search(self, text: str) -> re.Match[str] | None:
        """A match of one of the alternatives in ``text`` (not always the first), or None."""
        for pattern in self._compiled or self.patterns:
            found = pattern.search(text)
            if found is not None:
                return found
        return None


def _compiled_sources(patterns: tuple[str, ...]) -> list[str]:
    """The sources of the patterns :class:`Phrases` searches for the alternatives of ``patterns``."""
    at_word: list[str] = []
    anywhere: list[str] = []
    rest_at_word: list[str] = []
    rest: list[str] = []
    for pattern in patterns:
        for alternative in alternatives(pattern):
            bounded = alternative.startswith("\\b")
            body = alternative[2:] if bounded else alternative
            spelt = _spelt(body)
            if spelt is None:
                (rest_at_word if bounded else rest).append(body)
            else:
                (at_word if bounded else anywhere).extend(spelt)
    sources = []
    if at_word or rest_at_word:
        behind_one = [*([_factored(at_word)] if at_word else []), *rest_at_word]
        sources.append("\\b(?:" + "|".join(behind_one) + ")")
    if anywhere:
        sources.append(_factored(anywhere))
    if rest:
        sources.append("|".join(rest))
    return sources


def _opening(alternative: str) -> tuple[str, str] | None:
    """The literal character an alternative opens with (escaped as written) and the rest, when
    it opens with one that no quantifier follows."""
    if not alternative:
        return None
    if alternative[0] == "\\":
        if len(alternative) < 2 or alternative[1].isalnum():
            return None  # a class (\d, \w) or an assertion (\b)
        token, rest = alternative[:2], alternative[2:]
    elif alternative[0] in _SPECIAL:
        return None
    else:
        token, rest = alternative[0], alternative[1:]
    if rest.startswith(_QUANTIFIERS):
        return None
    return token, rest


def _spelt(alternative: str) -> list[str] | None:
    """The alternative as alternatives that each open with a literal character, a leading
    group (optional or not) spelt out; None when that cannot be done."""
    if _opening(alternative) is not None:
        return [alternative]
    if alternative.startswith("["):  # a set of plain characters: one alternative each
        closing = alternative.find("]", 2)
        members, after = alternative[1:closing], alternative[closing + 1 :]
        if closing < 0 or any(char in "\\^-[]" for char in members) or after.startswith(_QUANTIFIERS):
            return None
        return [("\\" + char if char in _SPECIAL else char) + after for char in members]
    if not alternative.startswith("(?:"):
        return None
    end = group_end(alternative)
    if end is None:
        return None
    after = alternative[end + 1 :]
    optional = after.startswith("?") and not after.startswith(("??", "?+"))
    if optional:
        after = after[1:]
    elif after.startswith(_QUANTIFIERS):
        return None
    found: list[str] = []
    for inner in [*alternatives(alternative[3:end]), *([""] if optional else [])]:
        spelt = _spelt(inner + after)
        if spelt is None:
            return None
        found.extend(spelt)
        if len(found) > _MOST_SPELT:
            return None
    return found


def _factored(spelt: list[str]) -> str:
    """Alternatives that open with a literal character, factored by their openings."""
    by_opening: dict[str, list[str]] = {}
    for alternative in spelt:
        token, rest = _opening(alternative)  # type: ignore[misc]  # all open with one
        by_opening.setdefault(token, []).append(rest)
    parts = []
    for token, rests in by_opening.items():
        literal = [rest for rest in rests if _opening(rest) is not None]
        other = [rest for rest in rests if _opening(rest) is None]
        inner = [*([_factored(literal)] if literal else []), *other]
        parts.append(f"{token}(?:{'|'.join(inner)})")
    return "|".join(parts)


def group_end(pattern: str) -> int | None:
    """The index of the parenthesis closing the group ``pattern`` opens."""
    return next((i for i, char, depth in _structure(pattern) if char == ")" and depth == 0), None)


def alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a pattern (outside groups and character sets)."""
    cuts = [i for i, char, depth in _structure(pattern) if char == "|" and depth == 0]
    starts, ends = [0, *(i + 1 for i in cuts)], [*cuts, len(pattern)]
    return [pattern[a:b] for a, b in zip(starts, ends, strict=True)]


def _structure(pattern: str) -> Iterator[tuple[int, str, int]]:
    """(index, character, group depth after it) of a pattern's parentheses and bars, outside
    escapes and character sets."""
    depth, i, in_set = 0, 0, False
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if in_set:
            in_set = char != "]"
        elif char == "[":
            in_set = True
            i += 1 if pattern[i + 1 : i + 2] != "]" else 2  # a "]" first in a set is a member
            continue
        elif char in "()|":
            depth += {"(": 1, ")": -1, "|": 0}[char]
            yield i, char, depth
        i += 1
