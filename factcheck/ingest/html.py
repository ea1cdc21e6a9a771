"""Main text and metadata of an HTML page."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

import trafilatura
from trafilatura.utils import load_html

from factcheck.ingest.markdown import Line
from factcheck.ingest.metadata import parse_date
from factcheck.ingest.restore import restored

# trafilatura logs a warning for every page it finds poor; ingest reports its own errors.
logging.getLogger("trafilatura").setLevel(logging.ERROR)


@dataclass(frozen=True)
class Page:
    """What an HTML page yields: its main text, one paragraph per line, and metadata."""

    text: str
    title: str | None = None
    outlet: str | None = None
    wire: str | None = None
    """The wire service the page names as its publisher when the site republishes its story."""
    url: str | None = None
    published: str | None = None
    lines: tuple[Line, ...] = ()
    """The main text as trafilatura structured it: paragraphs (``"text"``), headings
    (``"heading"``), list items (``"bullet"``) and table rows (``"row"``); empty when the
    page's block text had to be taken instead."""


def extract(html: str) -> Page:
    """Extract the main text and metadata of a page.

    trafilatura finds the article body and drops navigation, comments and footers, and
    says which lines are headings, list items and table rows; when it finds nothing, the
    text of the page's block elements is taken instead, and the cleaner sorts out what is
    furniture.
    """
    tree = load_html(html)
    doc: Any = trafilatura.bare_extraction(
        html if tree is None else tree,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        deduplicate=False,
    )
    body = getattr(doc, "body", None)
    lines = tuple(_lines(body)) if body is not None else ()
    if lines and tree is not None:
        lines = restored(lines, tree)
    head = _head_links(html)
    if not lines:
        return Page(text=_block_text(html), url=head.get("canonical") or head.get("og:url"))
    date = _field(doc.date)
    sitename = _field(doc.sitename)
    return Page(
        text="\n".join(line.text for line in lines),
        title=_field(doc.title),
        outlet=outlet(sitename, head.get("og:site_name")),
        wire=wire(sitename, head.get("og:site_name")),
        url=_field(doc.url) or head.get("canonical") or head.get("og:url"),
        published=parse_date(date) if date else None,
        lines=lines,
    )


# Wire services whose name a republishing site's page metadata often carries as publisher.
_WIRE = re.compile(
    r"^(?:the )?(?:associated press|ap|reuters|thomson reuters|afp|agence france-presse|bloomberg"
    r"|upi|united press international|dpa|deutsche presse-agentur|efe|ansa|pti|press trust of india"
    r"|ians|ani|xinhua|kyodo|yonhap|aap|australian associated press|pa media|cnn wire)$",
    re.I,
)


def outlet(sitename: str | None, site: str | None) -> str | None:
    """The outlet that published the page: the site itself rather than a wire service.

    A site republishing an AP story often names AP as its publisher; the page's own
    ``og:site_name`` then says whose page it is (SFGate, not AP).
    """
    if wire(sitename, site):
        return (site or "").strip()
    return sitename or site


def wire(sitename: str | None, site: str | None) -> str | None:
    """The wire service a republishing site's page names as publisher (AP on SFGate's page)."""
    if sitename and site and _WIRE.match(sitename.strip()) and not _WIRE.match(site.strip()):
        return sitename.strip()
    return None


def is_wire(name: str) -> bool:
    """Whether ``name`` is a wire service's name."""
    return _WIRE.match(name.strip()) is not None


_TAG = re.compile(r"<(?:link|meta)\b[^>]{0,600}>", re.I)
_ATTR = re.compile(r"""([a-zA-Z:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_WANTED = {"canonical", "og:url", "og:site_name"}


def _head_links(html: str) -> dict[str, str]:
    """The canonical URL, ``og:url`` and ``og:site_name`` declared in the page's head."""
    found: dict[str, str] = {}
    end = html.find("</head>", 0, 500_000)
    for tag in _TAG.finditer(html, 0, end if end > 0 else 200_000):
        attrs = {m[1].lower(): m[2] or m[3] or m[4] or "" for m in _ATTR.finditer(tag[0])}
        key = (attrs.get("rel") or attrs.get("property") or attrs.get("name") or "").lower()
        value = (attrs.get("href") if key == "canonical" else attrs.get("content")) or ""
        value = " ".join(value.split())
        if key in _WANTED and value and key not in found:
            if key != "og:site_name" and not value.startswith(("http://", "https://")):
                continue
            found[key] = value
    return found


_KINDS = {"p": "text", "quote": "text", "head": "heading", "item": "bullet", "row": "row"}
_CONTAINERS = frozenset({"list", "table", "quote", "div", "body"})
_SPACE = re.compile(r"\s+")


def _lines(element: Any) -> Iterator[Line]:
    """The lines of trafilatura's body tree, each with the role its element gives it."""
    for child in element:
        tag = child.tag
        if tag == "row":
            cells = (_SPACE.sub(" ", "".join(cell.itertext())).strip() for cell in child)
            text = " | ".join(cell for cell in cells if cell)
            if text:
                yield Line(text, "row")
        elif tag in _CONTAINERS and len(child) and not (tag == "quote" and not _has_blocks(child)):
            yield from _lines(child)
        elif tag in _KINDS or tag in _CONTAINERS:
            yield from _split_breaks(child, _KINDS.get(tag, "text"))


def _flatten(element: Any, parts: list[str]) -> None:
    """Append the text inside element, with a newline for each line break."""
    parts.append(element.text or "")
    for child in element:
        if child.tag == "lb":
            parts.append("\n")
        else:
            _flatten(child, parts)
        parts.append(child.tail or "")


def _has_blocks(element: Any) -> bool:
    return any(child.tag in _KINDS or child.tag in _CONTAINERS for child in element)


def _split_breaks(element: Any, kind: str) -> Iterator[Line]:
    """One line per run of text between the element's line breaks."""
    parts: list[str] = []
    _flatten(element, parts)
    for piece in "".join(parts).split("\n"):
        text = _SPACE.sub(" ", piece).strip()
        if text:
            yield Line(text, kind)


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
