"""Cleaning: from a raw article to the story's paragraphs and its metadata."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import pairwise

from factcheck.ingest import html, metadata
from factcheck.ingest.boilerplate import Verdict, classify, line_key, strip_dateline
from factcheck.ingest.markdown import Line, looks_like_markdown, reduce_markdown, reduce_plain
from factcheck.ingest.readers import RawArticle, ReadError


@dataclass(frozen=True)
class Cleaned:
    """The text to segment and the metadata found for it."""

    text: str
    """The story's paragraphs, one per line, separated by one blank line."""
    title: str | None
    """The headline."""
    outlet: str | None
    """The publishing outlet, when the page names it."""
    published: str | None
    """The publication date as ISO ``YYYY-MM-DD``."""
    url: str | None
    """The article's URL, when known."""


_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_LETTER = re.compile(r"[^\W\d_]")
_SENTENCE_END = frozenset('.!?:;"”’)')
_WRAP_WIDTH = 100
"""Files whose lines all stay within about this width are hard-wrapped prose."""


def clean(article: RawArticle) -> Cleaned:
    """Clean one raw article: drop the page furniture, keep every sentence of the story.

    Raises:
        ReadError: ``"no article text found"`` when nothing of a story is left.
    """
    state = _State(article.title, article.outlet, article.published, article.url)
    text = article.raw
    if article.fmt == "html":
        page = html.extract(article.raw)
        text = page.text
        state.fill(page.title, page.outlet, page.published, page.url)
    markdown = article.fmt == "md" or (article.fmt != "html" and looks_like_markdown(text))
    reduce = reduce_markdown if markdown else reduce_plain
    lines = [reduce(_normalise(line)) for line in _INVISIBLE.sub("", text).split("\n")]
    for unit in _units(lines, wrapped=article.fmt != "html"):
        if not state.take(unit):
            break
    if not state.body:
        raise ReadError("no article text found")
    return Cleaned("\n\n".join(state.body), state.title, state.outlet, state.published, state.url)


def _normalise(line: str) -> str:
    """One line with single spaces: no tabs, no-break spaces or runs of spaces."""
    return " ".join(line.split())


def _units(lines: list[Line], *, wrapped: bool) -> Iterator[Line]:
    """Paragraph units: a line each, with the lines of a hard-wrapped paragraph joined.

    Args:
        lines: The article's lines, reduced to text with white space normalised.
        wrapped: Whether the text may be hard-wrapped (extracted HTML never is).
    """
    join_all = wrapped and _hard_wrapped(lines)
    parts: list[str] = []
    kind = "text"
    for line in lines:
        if parts and line.text and line.kind == "text" and (join_all or _continues(parts[-1], line.text)):
            parts.append(line.text)
            continue
        if parts:
            yield Line(" ".join(parts), kind)
        parts, kind = ([line.text] if line.text else []), line.kind
        if parts and kind == "heading":
            yield line
            parts = []
    if parts:
        yield Line(" ".join(parts), kind)


def _continues(line: str, following: str) -> bool:
    """Whether ``following`` goes on with the sentence ``line`` leaves open."""
    return line[-1] not in _SENTENCE_END and following[0].islower()


def _hard_wrapped(lines: list[Line]) -> bool:
    """Whether paragraphs are broken over several lines (as in e-mail or wrapped markdown).

    A line followed by another inside a block ends mid-sentence in wrapped prose, but
    ends a sentence when each line is a paragraph (as trafilatura and many scrapers give).
    """
    lengths = sorted(len(line.text) for line in lines if line.text)
    if len(lengths) < 3 or lengths[len(lengths) * 9 // 10] > _WRAP_WIDTH:
        return False
    inside = [a.text for a, b in pairwise(lines) if a.text and b.text and a.kind == "text"]
    broken = sum(1 for text in inside if text[-1] not in _SENTENCE_END)
    return broken >= max(2, len(lengths) / 3)


def _same(line: str, title: str) -> bool:
    """Whether a line repeats the title (up to case and punctuation)."""
    return abs(len(line) - len(title)) < 20 and line_key(line) == line_key(title)


@dataclass
class _State:
    """The cleaner's walk through an article's units."""

    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    body: list[str] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)
    last_kept: bool = False

    def fill(self, title: str | None, outlet: str | None, published: str | None, url: str | None) -> None:
        """Set metadata that is not known yet."""
        self.title = self.title or title
        self.outlet = self.outlet or outlet
        self.published = self.published or published
        self.url = self.url or url

    def take(self, unit: Line) -> bool:
        """Judge one unit, keeping it if it is story text; ``False`` ends the article."""
        kept = self._judge(unit)
        self.last_kept = kept is True
        return kept is not None

    def _judge(self, unit: Line) -> bool | None:
        text, date = metadata.strip_date_prefix(unit.text)
        self.fill(None, None, date, None)
        if not _LETTER.search(text) or self._metadata(text):
            return False
        verdict = classify(text, bullet=unit.kind == "bullet", heading=unit.kind == "heading")
        if verdict is Verdict.CUT:
            # Before the story starts such a marker is navigation, not the end.
            return None if self.body else False
        if verdict is Verdict.EMBED:
            if self.last_kept:
                self.body.pop()
            return False
        if verdict is Verdict.HEADLINE:
            if self.title is None and not self.body:
                self.title = text.rstrip(" .:")
            return False
        return verdict is Verdict.BODY and self._keep(text)

    def _metadata(self, text: str) -> bool:
        """Take a date, outlet-and-date, byline or repeated title line as metadata."""
        found = metadata.outlet_line(text)
        if found:
            self.fill(None, found[0], found[1], None)
            return True
        date = metadata.date_line(text)
        if date or metadata.is_byline(text):
            self.fill(None, None, date or metadata.parse_date(text), None)
            return True
        return self.title is not None and _same(text, self.title)

    def _keep(self, text: str) -> bool:
        if not self.body:
            text = strip_dateline(text)
        key = text.casefold()
        if key in self.seen:
            return False  # a pull quote or a scraper's repeat
        self.seen.add(key)
        self.body.append(text)
        return True
