"""Main text and metadata of an HTML page."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from html.parser import HTMLParser

import trafilatura

from factcheck.ingest.metadata import parse_date

# trafilatura logs a warning for every page it finds poor; ingest reports its own errors.
logging.getLogger("trafilatura").setLevel(logging.ERROR)


@dataclass(frozen=True)
class Page:
    """What an HTML page yields: its main text, one paragraph per line, and metadata."""

    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None


def extract(html: str) -> Page:
    """Extract the main text and metadata of a page.

    trafilatura finds the article body and drops navigation, comments and footers;
    when it finds nothing, the text of the page's block elements is taken instead,
    and the cleaner sorts out what is furniture.
    """
    doc = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        deduplicate=False,
    )
    doc = {} if doc is None else doc if isinstance(doc, dict) else doc.as_dict()
    if not _field(doc.get("text")):
        return Page(text=_block_text(html))
    date = _field(doc.get("date"))
    return Page(
        text=doc["text"],
        title=_field(doc.get("title")),
        outlet=_field(doc.get("sitename")),
        url=_field(doc.get("url")),
        published=parse_date(date) if date else None,
    )


def _field(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


_SKIP = frozenset(
    {"script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "svg"}
)
_BLOCKS = frozenset(
    {
        "p",
        "div",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "br",
        "tr",
        "article",
        "section",
        "pre",
    }
)


class _BlockText(HTMLParser):
    """Collects text outside page chrome, one line per block element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skipping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def _block_text(html: str) -> str:
    parser = _BlockText()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)
