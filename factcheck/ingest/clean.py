"""Cleaning: from a raw article to the story's paragraphs and its metadata."""

from __future__ import annotations

import html as _html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import pairwise

from factcheck.ingest import html, metadata
from factcheck.ingest.boilerplate import (
    Verdict,
    classify,
    dateline_wire,
    line_key,
    strip_dateline,
    tidy,
    word_count,
)
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
    wire: str | None = None
    """The wire service the story comes from, when the outlet republishes it (AP on SFGate)."""


_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
"""An HTML character reference, with its semicolon ("&rsquo;", "&#8217;", "&nbsp;")."""
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_LETTER = re.compile(r"[^\W\d_]")
_SENTENCE_END = frozenset('.!?:;"”’)')
_PLAIN = frozenset({"txt", "md", "jsonl"})
_WRAP_WIDTH = 100
"""Files whose lines all stay within about this width are hard-wrapped prose."""


def clean(article: RawArticle) -> Cleaned:
    """Clean one raw article: drop the page furniture, keep every sentence of the story.

    Raises:
        ReadError: ``"no article text found"`` when nothing of a story is left.
    """
    title, outlet = article.title, article.outlet
    if article.fmt in _PLAIN:  # a JSONL record's fields come from the same feed as its text
        title, outlet = (_normalise(decoded(v)) or None if v else None for v in (title, outlet))
    state = _State(title, outlet, article.published, article.url)
    # A JSONL record's text was chosen by the user, and an HTML page's lines carry
    # trafilatura's structure: both are trusted over the headline guess.
    state.trusted = article.fmt in ("jsonl", "docx")
    text = article.raw
    units: Iterable[Line] | None = None
    if article.fmt == "html":
        page = html.extract(article.raw)
        text = page.text
        state.fill(page.title, page.outlet, page.published, page.url)
        state.wire = page.wire
        if page.lines:
            state.trusted = state.structured = True
            units = [Line(_normalise(_INVISIBLE.sub("", line.text)), line.kind) for line in page.lines]
    if units is None:
        markdown = article.fmt in ("md", "docx") or (article.fmt in _PLAIN and looks_like_markdown(text))
        reduce = reduce_markdown if markdown else reduce_plain
        if article.fmt in _PLAIN and "&" in text:  # a document's "&amp;" is what its author typed
            text = decoded(text)
        lines = [reduce(_normalise(line)) for line in _INVISIBLE.sub("", text).split("\n")]
        # Extracted HTML and documents come as paragraphs; text files may be hard-wrapped.
        units = _units(lines, wrapped=article.fmt in _PLAIN)
    for unit in units:
        if not state.take(unit):
            break
    if not state.body and article.fmt != "html":
        state.one_line(article.raw)
    if not state.body:
        raise ReadError("no article text found")
    wire = article.wire or state.wire
    if wire and state.outlet and html.is_wire(state.outlet) and html.is_wire(wire):
        wire = None  # the wire's own page: it is the outlet, not a source it republishes
    return Cleaned("\n\n".join(state.body), state.title, state.outlet, state.published, state.url, wire)


def decoded(text: str) -> str:
    """Text with its HTML character references as the characters they stand for.

    Text files and JSONL records copied from a CMS or a feed often carry them ("Don&rsquo;t",
    "of&nbsp;Brexit"), and Markdown means them as characters. Only complete references are
    read: "AT&T" and "&notation" stay as they are, and so does an unknown name.
    """
    return _REFERENCE.sub(lambda m: _html.unescape(m[0]), text)


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


_MIN_WORDS = 4
"""A heading, list item or short paragraph of fewer words is furniture unless it holds a number."""
_DIGIT = re.compile(r"\d")


def _carries_content(text: str, kind: str) -> bool:
    """Whether a line that looks like a headline is worth labelling: long enough, or a figure."""
    words = word_count(text)
    if words >= _MIN_WORDS:
        return True
    return kind in ("bullet", "row") and words >= 2 and _DIGIT.search(text) is not None


_TEASER_WORDS = 15
_CUT_SHORT = re.compile(r"[a-z,]$")


def _cut_short(text: str) -> bool:
    """A long paragraph that stops mid-sentence ("... a career as a writer, producer and"):
    a story teaser cut to length, never a paragraph of the story itself."""
    return _CUT_SHORT.search(text) is not None and len(text.split()) >= _TEASER_WORDS


def _is_pipe_byline(text: str) -> bool:
    """ "Jane Doe | Palma | 08/01/2014": short parts between bars, one of them a date."""
    parts = text.split(" | ")
    return (
        1 < len(parts) <= 4
        and all(len(part.split()) <= 5 for part in parts)
        and any(_DATE_PART.fullmatch(part.strip()) or metadata.date_line(part) for part in parts)
    )


_DATE_PART = re.compile(r"\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}(?:,? \d{1,2}:\d{2}(?: ?[ap]\.?m\.?)?)?", re.I)


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
    trusted: bool = False
    """Whether lines are kept on their structure (HTML, JSONL) rather than guessed headlines."""
    structured: bool = False
    """Whether the lines are trafilatura's main text of a page, with its structure."""
    teasers: bool = False
    """Inside a box of teasers: headings and list items are dropped until a paragraph comes."""
    wire: str | None = None
    """The wire service named by the page's metadata or the first paragraph's dateline."""

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
        text, date = metadata.strip_date_prefix(tidy(unit.text))
        self.fill(None, None, date, None)
        if not _LETTER.search(text) or self._metadata(text, unit.kind):
            return False
        verdict = classify(text, bullet=unit.kind == "bullet", heading=unit.kind == "heading")
        if verdict is Verdict.END:
            return None if self.body else False
        if verdict is Verdict.CUT:
            if self.structured:
                # Inside the main text trafilatura found, a "Read more" block is a box of
                # teasers, and the story goes on after it.
                self.teasers = True
                return False
            # Before the story starts such a marker is navigation, not the end.
            return None if self.body else False
        if self.structured and unit.kind == "text" and _cut_short(text):
            return False
        if self.teasers:
            if unit.kind != "text" or verdict is not Verdict.BODY:
                return False
            self.teasers = False
        if verdict is Verdict.EMBED:
            return False
        if verdict is Verdict.HEADLINE:
            if self.title is None and not self.body:
                self.title = text.rstrip(" .:")
                return False
            structured = self.trusted or unit.kind in ("bullet", "row")
            if not (structured and _carries_content(text, unit.kind)):
                return False
        return verdict not in (Verdict.NOISE, Verdict.NOTICE) and self._keep(text)

    def one_line(self, raw: str) -> None:
        """Keep a text that is one headline-like line: the user gave it as the article."""
        lines = [line for line in (_normalise(line) for line in raw.split("\n")) if line]
        if len(lines) == 1 and classify(lines[0]) is Verdict.HEADLINE:
            self.body.append(lines[0])

    def _metadata(self, text: str, kind: str = "text") -> bool:
        """Take a date, outlet-and-date, byline or repeated title line as metadata."""
        if kind == "text" and _is_pipe_byline(text):
            self.fill(None, None, metadata.parse_date(text), None)
            return True
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
            self.wire = self.wire or dateline_wire(text)
            text = strip_dateline(text)
        key = text.casefold()
        if key in self.seen:
            return False  # a pull quote or a scraper's repeat
        self.seen.add(key)
        self.body.append(text)
        return True
