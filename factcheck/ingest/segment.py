"""Sentence segmentation made for news: each sentence is a candidate claim."""

from __future__ import annotations

import re

from factcheck.ingest.abbreviations import (
    LOWER_STARTERS,
    MONTHS,
    STARTERS,
    TIME_FOLLOWERS,
    Kind,
    classify,
)
from factcheck.lexicon import ATTRIBUTION_VERBS

Cut = tuple[int, int]
"""Where a sentence ends and where the next one starts."""

_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
# A left quote right after the period closes a quotation too ("a disgrace.“ The"): some writers
# and keyboards use it both ways.
_CLOSERS = "\"'”’»)\\]}›*“"
_BULLETS = "•⁃‣◦▪●"
_OPENERS = "\"'“‘«([{¿¡*_"
# Sentence ends that never stand for an abbreviation: Arabic question mark, Urdu full stop,
# Devanagari danda and double danda.
_ENDS = "؟۔।॥"
# Full stops of scripts written without spaces (Chinese, Japanese), with the closing quotes and
# brackets that may follow them.
_CJK_ENDS = "。！？｡"
_CJK_CLOSERS = "」』”’）)】〕〉》\"'"
_CJK_LETTER = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"

# One pass finds every place a sentence may end: a line break, a CJK full stop, or a run of end
# punctuation with its closing quotes, brackets and footnote marks, followed by more text on the
# same line (or by a capital letter or CJK character with no space, as scraped text often has).
# Decimals, URLs and "Jr.'s" never match, so they cost nothing.
_CANDIDATE = re.compile(
    rf"""
    (?=[{_BREAKS}.?!…‽{_ENDS}{_CJK_ENDS}])  # lets the engine skip ahead to the next candidate
    (?:
        (?P<brk>[{_BREAKS}]\s*)
      | (?P<cjk>[{_CJK_ENDS}]++[{_CJK_CLOSERS}]*+)(?P<cjkws>[^\S{_BREAKS}]*+)(?=\S)
      | (?<![.?!…‽])(?<![.…][ ])  # only where a run starts: a failed run fails from within too
        (?P<punct>[.?!…‽{_ENDS}](?:[.?!…‽{_ENDS}]|[ ](?=[.…]))*+)
        (?P<close>(?:[{_CLOSERS}]|\[\d{{1,3}}\])*+)
        (?:(?P<ws>[^\S{_BREAKS}]++)(?=\S) | (?<=[.?!])(?=[A-ZÀ-ÖØ-Þ]) | (?<=[?!])(?=[{_CJK_LETTER}]))
    )
    """,
    re.VERBOSE,
)
_QUESTION = "?!‽"
_CJK_START = re.compile(f"[{_CJK_LETTER}]")
# 「…。」と述べた: a quotation closed by a particle goes on as one sentence.
_QUOTE_PARTICLE = re.compile("[\u3040-\u309f]")
_LABEL = re.compile(r"[A-Z][\w'’]*:\s")
_LEADING_SPACE = re.compile(r"\s*")
_NEXT_WORD = re.compile(rf"[{re.escape(_OPENERS)}]*(\w[\w'’]*)?")
_JOINED_WORD = re.compile(r"(?:[A-Z][a-z]+|[AI])(?![\w.@/:%-])")
_SAID = "|".join(sorted(ATTRIBUTION_VERBS))
_ATTRIBUTION = re.compile(
    rf"(?:[A-Z][\w'’.-]*[ \t\u00a0]+){{1,6}}?(?:{_SAID})\b(?P<end>\s*(?:[,.;:!?]|$))?", re.MULTILINE
)
_LIST_ITEM = re.compile(rf"(?<!\S)(?:[{_BULLETS}]\s?)?(\d{{1,2}}|[a-z])(?:\.\)|[.)])(?=\s)")
_LIST_START = re.compile(rf"(?:[{_BULLETS}]\s?)?(?:\d{{1,2}}|[a-z])(?:\.\)|[.)])\s")
_BREAK = re.compile(rf"[{_BREAKS}]")
# "25. Nov, 2009", "3. March 2010": a day written with a period before its month and year.
_MONTH_YEAR = re.compile(rf"(?:{'|'.join(sorted(MONTHS))})\.?,?[ \t\u00a0]+\d{{4}}\b")
_EMPHASIS = frozenset(".…!?")
# How far back a sentence end looks for the bracket it may stand in.
_BRACKET_REACH = 200
# The words after a sentence end inside brackets, up to the closing bracket: short, with a word,
# and with no sentence end or other brackets of their own.
_BRACKET_REST = {closer: re.compile(rf"[^.?!…()\[\]{_BREAKS}]{{0,80}}(?=\{closer})") for closer in ")]"}
_DOMAINS = frozenset(
    {"com", "org", "net", "gov", "edu", "int", "mil", "info", "biz", "io", "co", "uk", "us", "eu"}
)


def segment(text: str) -> list[tuple[int, int]]:
    """(start, end) character offsets of each sentence in text, in order, non-overlapping,
    with leading/trailing white space excluded, so text[start:end] is the sentence.

    Args:
        text: A cleaned article: paragraphs separated by one or more line breaks.

    Returns:
        The sentence spans. Every line break ends a sentence; nothing but white space is left out.
    """
    spans: list[tuple[int, int]] = []
    start = _LEADING_SPACE.match(text).end()  # type: ignore[union-attr]
    forced = _list_cuts(text, start) if _LIST_START.match(text, start) else []
    for m in _CANDIDATE.finditer(text):
        while forced and forced[-1] <= m.start():
            start = _close(text, spans, start, forced.pop(), None)
        if m["cjk"] is not None:
            if m["cjk"][-1] in _CJK_ENDS or not _QUOTE_PARTICLE.match(text, m.end()):
                start = _close(text, spans, start, m.end("cjk"), m.end())
            continue
        if m["brk"] is not None:
            start = _close(text, spans, start, m.start(), m.end())
            # A list can only start a line, so a line is only searched for list items when it
            # starts with one.
            forced = _list_cuts(text, start) if _LIST_START.match(text, start) else []
            continue
        cut = _decide(text, m, start)
        if cut is not None:
            start = _close(text, spans, start, cut[0], cut[1])
    while forced:
        start = _close(text, spans, start, forced.pop(), None)
    _close(text, spans, start, len(text), None)
    return spans


def _close(text: str, spans: list[tuple[int, int]], start: int, end: int, after: int | None) -> int:
    """Record the sentence text[start:end] without its trailing white space; return the next start."""
    if after is None:
        after = end
    if end > start and text[end - 1].isspace():
        end = start + len(text[start:end].rstrip())
    if end > start:
        spans.append((start, end))
    return max(after, start)


def _decide(text: str, m: re.Match[str], start: int) -> Cut | None:
    """Whether the punctuation matched by m ends the sentence, and where the next one starts."""
    if m["ws"] is None:
        return _joined(text, m, start)
    cut = _spaced(text, m, start)
    if cut is not None and _inside_brackets(text, start, m.end("close"), m.end()):
        return None
    return cut


def _spaced(text: str, m: re.Match[str], start: int) -> Cut | None:
    """Whether punctuation with white space after it ends the sentence, and where the next one starts."""
    punct, close = m["punct"], m["close"]
    after = m.end()
    word = _NEXT_WORD.match(text, after)[1] or ""  # type: ignore[index]
    if word[:1].islower():
        return (m.end("close"), after) if _lower_start(text, m, start, word) else None
    if any(char in _QUESTION for char in punct):
        if close and _attributed(text, after, strict=False):
            return None
        return m.end("close"), after
    if any(char in _ENDS for char in punct):
        return m.end("close"), after
    if punct != ".":
        return _ellipsis(text, m, start)
    if close and _attributed(text, after, strict=True):
        return None
    if _after_period(text, m.start(), start, word, after):
        return m.end("close"), after
    return None


def _after_period(text: str, p: int, start: int, word: str, after: int) -> bool:
    """Whether a period at p, followed by the capitalised (or numeric) word at after, ends the sentence."""
    window = text[max(start, p - 40) : p]
    if not window or window[-1].isspace():
        return True
    before = window.rsplit(None, 2)
    token = before[-1]
    if _list_marker(text, start, p, token):
        return False
    if token.isdigit() and len(token) <= 2:
        previous = before[-2] if len(before) > 1 else ""
        if previous.endswith(":") or (0 < int(token) <= 31 and _MONTH_YEAR.match(text, after)):
            return False  # "three steps: 1. Mix", "25. Nov, 2009"
    kind = classify(token)
    if kind is Kind.PLAIN:
        return True
    if kind is Kind.TITLE or kind is Kind.NEVER:
        return False
    if word[:1].isdigit():
        return kind is Kind.TIME
    if kind is Kind.TIME:
        # "At 5 a.m. Mr. Smith went": a sentence cannot be just an opening time phrase.
        return word not in TIME_FOLLOWERS and text.count(" ", start, p) > 2
    if kind is Kind.INITIAL:
        # "and I. Did" ends a sentence; "Albert I. Jones", "writer L. Ron Hubbard" do not.
        previous = before[-2] if len(before) > 1 else ""
        return word in STARTERS or (token.lstrip(_OPENERS) == "I" and previous[:1].islower())
    if kind is Kind.NUMBER:
        return True
    # "Washington D.C. Image: ..." — a label opens a new line of its own.
    return word in STARTERS or _LABEL.match(text, after) is not None


def _lower_start(text: str, m: re.Match[str], start: int, word: str) -> bool:
    """Whether a period or question mark before a lower-case word ends a sentence of text
    written without capitals: "the firemen. they believe", "on the labels? those belong"."""
    if m["punct"] not in (".", "?") or m["close"] or word not in LOWER_STARTERS:
        return False
    after = m.end() + len(word)
    if not text.startswith(word, m.end()) or text[after : after + 1] in _EMPHASIS:
        # '"food fight" may be' opens a quotation, maybe of the same sentence; "good. on. you."
        # stresses each word of one.
        return False
    p = m.start()
    token = text[max(start, p - 40) : p].rsplit(None, 1)[-1] if p > start else ""
    # After a word, not after an abbreviation, a name's initial or a web address.
    return (
        len(token) > 1 and token.replace("'", "").replace("’", "").isalpha() and classify(token) is Kind.PLAIN
    )


def _inside_brackets(text: str, start: int, end: int, after: int) -> bool:
    """Whether end falls inside brackets opened in the sentence that close a few words later,
    with no sentence punctuation of their own left: "(LATEST AND BEST! - Framed Below)".

    A parenthesis of several sentences ("(Don't like it? Now you're changing it.)") still splits.
    """
    begin = max(start, end - _BRACKET_REACH)
    for opener, closer in ("()", "[]"):
        if text.find(opener, begin, end) < 0:
            continue
        window = text[begin:end]
        if window.count(opener) - window.count(":" + opener) <= window.count(closer):
            continue
        rest = _BRACKET_REST[closer].match(text, after)
        if rest is not None and any(map(str.isalnum, rest[0])):
            return True
    return False


def _list_marker(text: str, start: int, p: int, token: str) -> bool:
    """Whether token (before the period at p) numbers a list item at the start of the sentence."""
    if len(token) > 3 or p - start > 5:
        return False
    core = text[start:p].lstrip(_BULLETS + " ")
    return core == token.lstrip(_BULLETS) and (core.isdigit() or (len(core) == 1 and core.islower()))


def _ellipsis(text: str, m: re.Match[str], start: int) -> Cut | None:
    """Whether an ellipsis (or a run of periods) ends the sentence before a capital."""
    punct, p = m["punct"], m.start()
    before = text[p - 1] if p > start else " "
    if before in "[(":
        # "[...]" marks words left out; a new sentence may follow it, never open with it.
        if before == "[" and m["close"] == "]" and text[m.end()].isupper() and text[start : p - 1].strip():
            return m.end("close"), m.end()
        return None
    dots = punct.count(".") + 3 * punct.count("…")
    if " " in punct:
        if not before.isspace():
            # "compounds. . . . The": the sentence ends at the first period, and the next one
            # opens with the ellipsis.
            gap = p + punct.index(" ")
            return gap, gap + 1
        return (m.end("close"), m.end()) if dots >= 4 else None
    if before.isspace() and dots < 4:
        return None  # " ... " between words leaves words out of one sentence
    return m.end("close"), m.end()


def _joined(text: str, m: re.Match[str], start: int) -> Cut | None:
    """Whether punctuation with a capital right after it ("a warning.Four") ends the sentence."""
    p = m.start()
    if _CJK_START.match(text, m.end()):
        return m.end(), m.end()
    window = text[max(start, p - 40) : p]
    if not window or window[-1].isspace():
        return None
    token = window.rsplit(None, 1)[-1].lstrip(_OPENERS)
    bare = token.replace("'", "").replace("’", "")
    if not ((len(bare) >= 2 and bare.isalpha()) or (len(bare) >= 4 and bare.isdigit())):
        return None  # "U.S.A.", "v2.Beta"
    if classify(token) is not Kind.PLAIN:
        return None  # "Mr.Smith"
    word = _JOINED_WORD.match(text, m.end())
    if word is None or word[0].lower() in _DOMAINS:
        return None  # "Jane.Doe@example.com", "www.Example.com", "Amazon.Com"
    return m.end(), m.end()


def _attributed(text: str, after: int, strict: bool) -> bool:
    """Whether the words after a closing quote attribute it ("... ?” Abadi added.").

    Args:
        text: The whole text.
        after: Where the words after the quote start.
        strict: Require punctuation right after the verb, because after a period the same words
            may open a new sentence ("... strike.” Jones said it is ...").
    """
    found = _ATTRIBUTION.match(text, after)
    if found is None or not strict:
        return found is not None
    # "... place." He added: "Everything ..." opens a new quotation, and a new sentence.
    return found["end"] is not None and ":" not in found["end"]


def _list_cuts(text: str, pos: int) -> list[int]:
    """Offsets (last first) where a run-in list item starts a new sentence on the line at pos.

    A list that begins at the start of a line ("1. The first item 2. The second item") is cut
    before each later item on that line that is numbered one more than the item before it.
    """
    brk = _BREAK.search(text, pos)
    line_end = brk.start() if brk else len(text)
    cuts: list[int] = []
    expected = None
    for m in _LIST_ITEM.finditer(text, pos, line_end):
        label = m[1]
        value = (label.isdigit(), int(label) if label.isdigit() else ord(label))
        if expected is None:
            expected = value
        elif value != expected:
            continue  # "on July 4." inside an item is no item
        else:
            cuts.append(m.start())
        expected = (value[0], value[1] + 1)
    cuts.reverse()
    return cuts
