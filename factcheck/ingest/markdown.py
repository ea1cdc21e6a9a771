"""Markdown reduced to plain text, one line at a time."""

from __future__ import annotations

import re
from typing import NamedTuple

_PUNCT = r"!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~"
# A backslash run before ASCII punctuation is an escape ("arif\\_shamim" -> "arif_shamim").
_ESCAPE = re.compile(rf"\\+([{_PUNCT}])")
# Escaped characters are parked in a private-use plane so emphasis rules ignore them.
_PARK = 0xF0000
_UNPARK = {_PARK + ord(char): char for char in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"}
_IMAGE = re.compile(r"!\[[^\]]*\]\((?:[^()\s]|\([^)]*\))*(?:\s+\"[^\"]*\")?\)")
_LINK = re.compile(r"\[([^\]]*)\]\((?:[^()\s]|\([^)]*\))*(?:\s+\"[^\"]*\")?\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^>\s]+)>")
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]{0,300})?/?>")
# Emphasis content stops at the next marker character, so a line full of unmatched
# markers costs linear time, not quadratic.
_STRONG_STAR = re.compile(r"\*\*([^\s*](?:[^*]*[^\s*])?)\*\*")
_STRONG_UNDER = re.compile(r"__([^\s_](?:[^_]*[^\s_])?)__")
_EM_STAR = re.compile(r"\*(?=\S)([^*]+?)(?<=\S)\*")
_EM_UNDER = re.compile(r"(?<!\w)_(?=\S)([^_]+?)(?<=\S)_(?!\w)")
_STRIKE = re.compile(r"~~([^\s~](?:[^~]*[^\s~])?)~~")
_CODE = re.compile(r"`+([^`]+)`+")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$")
_RULE = re.compile(r"^\s{0,3}(?:(?:[-*_]\s*){3,}|=+)$")
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+")
_QUOTE = re.compile(r"^\s*(?:>\s?)+")
_ORDERED = re.compile(r"^\s*\d{1,3}[.)]\s+")
_TABLE_ROW = re.compile(r"^\s*\|(.*\|.*)\|\s*$")
_TABLE_RULE = re.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)+\|?$")
# Bullets are list formatting in any text format; dashes that open a line of speech
# or an attribution ("— UNICEF") are not bullets.
_BULLET = re.compile(r"^\s*[-*+•·▪◦]\s+")
# Any character that can start markdown syntax; lines without one are plain text.
_MARKUP = re.compile(r"[\[\]*_`<>~\\!#|=+•·▪◦-]|^\s*\d")
# Signs that a .txt file is really markdown.
_SIGNS = re.compile(
    r"\[[^\]\n]+\]\([^)\s]*\)|^\s{0,3}#{1,6}\s+\S|\*\*\S[^*\n]*\*\*|^\s{0,3}-{3,}\s*$",
    re.M,
)


class Line(NamedTuple):
    """One line of text with its markdown role."""

    text: str
    """The text, markup removed."""
    kind: str
    """``"text"``, ``"heading"``, ``"bullet"``, ``"row"`` (of a table) or ``"rule"`` (a line to drop)."""


def looks_like_markdown(text: str) -> bool:
    """Whether plain text clearly carries markdown (links, headings, bold, rules)."""
    return len(_SIGNS.findall(text, 0, 200_000)) >= 3


def reduce_markdown(line: str) -> Line:
    """Reduce one markdown line to its text and role."""
    if not _MARKUP.search(line):
        return Line(line, "text")
    if _RULE.match(line) or _REF_DEF.match(line) or _TABLE_RULE.match(line):
        return Line("", "rule")
    kind = "text"
    heading = _HEADING.match(line)
    if heading:
        line, kind = heading.group(1), "heading"
    line = _QUOTE.sub("", line)
    row = _TABLE_ROW.match(line)
    if kind == "text" and row:
        cells = (" ".join(_inline(cell).split()) for cell in row.group(1).split("|"))
        return Line(" | ".join(cell for cell in cells if cell), "row")
    if kind == "text" and (_BULLET.match(line) or _ORDERED.match(line)):
        line, kind = _ORDERED.sub("", _BULLET.sub("", line)), "bullet"
    # Removed markup can leave double or edge spaces ("![img](x) Caption").
    return Line(" ".join(_inline(line).split()), kind)


def _inline(line: str) -> str:
    line = _ESCAPE.sub(lambda match: chr(_PARK + ord(match.group(1))), line)
    line = _IMAGE.sub("", line)
    line = _LINK.sub(r"\1", line)
    line = _REF_LINK.sub(r"\1", line)
    line = _AUTOLINK.sub(r"\1", line)
    line = _TAG.sub("", line)
    line = _CODE.sub(r"\1", line)
    for pattern in (_STRONG_STAR, _STRONG_UNDER, _STRIKE, _EM_STAR, _EM_UNDER):
        line = pattern.sub(r"\1", line)
    return line.translate(_UNPARK)


def reduce_plain(line: str) -> Line:
    """Reduce one plain-text line: only list bullets are formatting."""
    if _BULLET.match(line):
        return Line(_BULLET.sub("", line).strip(), "bullet")
    return Line(line, "text")
