"""Phrase lists compiled for speed find a match exactly where the plain pattern does."""

from __future__ import annotations

import itertools
import re

import pytest

from factcheck.ingest.phrases import Phrases, alternatives

PATTERNS = [
    r"\b(?:this|the) (?:article|story) is\b",
    r"\b(?:has )?(?:found|seen) an? error\b",
    r"\bshares?\b|\bshared\b|\bshow\b",
    r"好(?:的|吗)|坏",
    r"\(photo credit|/\s*afp\s*/",
    r"\d+ issues for\b",
    r"\b[Aa]ccording to\b",
    r"e?-?bülten",
    r"\b“quoted”|\b\.x",
    r"a|ab|abc",
    r"\b(?:x|y)+z",
    r"\bcomment(?:ing)? policy|\bcomments are closed",
    r"(?:(?:big|small) )?(?:cat|dog)s? (?:ran|sat)",
    r"[.?]x|[Aa]b|[a-c]d|[^e]f",
]

FRAGMENTS = [
    "the article is",
    "theses",
    "this story is out",
    "he has found an error",
    "we have seen a error",
    "unshared",
    "shared",
    "shows",
    "show",
    "好的",
    "好",
    "坏人",
    "(photo credit: AFP)",
    "x/ afp /y",
    "12 issues for £1",
    "issues for",
    "according to",
    "Saccording to",
    "e-bülten",
    "bülten",
    "a “quoted” b",
    "a.x",
    ".x",
    "xyxz",
    "zz",
    "commenting policy",
    "comments are closed",
    "big cats sat",
    "dog ran",
    ".x",
    "?x",
    "yx",
    "Ab",
    "bd",
    "ef",
    "",
]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_a_phrase_list_matches_where_the_plain_pattern_matches(pattern: str) -> None:
    quick, plain = Phrases(pattern), re.compile(pattern)
    for a, b in itertools.product(FRAGMENTS, repeat=2):
        for text in (a + b, a + " " + b, b.upper()):
            assert (quick.search(text) is None) == (plain.search(text) is None), (pattern, text)


def test_flags_apply_to_every_pattern() -> None:
    quick = Phrases(r"\b(?:this|the) article\b|坏", flags=re.IGNORECASE)
    assert quick.search("THE ARTICLE") is not None and quick.search("THEARTICLE") is None


def test_phrases_are_grouped_by_how_they_open() -> None:
    quick = Phrases(r"\bshare|\bshow|\b\d+ issues|好|坏|\d+%|[Ss]aid")
    at_word, anywhere, rest = (p.pattern for p in quick.patterns)
    assert at_word.startswith(r"\b(?:s(?:h(?:") and r"\d+ issues" in at_word  # one opening "s"
    assert anywhere[0] in "好坏Ss"  # a literal first: the engine skips to such characters
    assert rest == r"\d+%"
    assert Phrases(r"a|b").plain == "(?:a|b)"


def test_a_large_leading_group_is_left_whole() -> None:
    words = "|".join(f"w{i}" for i in range(80))
    quick = Phrases(rf"(?:{words}) (?:{words})")
    assert quick.search("w3 w79") is not None and quick.search("w3 x") is None


def test_alternatives_are_cut_outside_groups_and_sets() -> None:
    assert alternatives(r"a(b|c)|[|]d|\|e") == ["a(b|c)", "[|]d", r"\|e"]
    assert alternatives(r"[]|]x|y") == ["[]|]x", "y"]


def test_phrases_are_compiled_when_first_searched_not_when_made() -> None:
    """Modules make their phrase lists on import: a command that cleans no page does not pay."""
    quick = Phrases(r"\bshare|坏")
    assert quick._compiled is None
    assert quick.search("share it") is not None and quick._compiled is not None
