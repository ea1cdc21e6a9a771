"""Story text that trafilatura leaves out of a page's main text, put back from the page itself.

Two kinds are put back, both tied to what trafilatura kept: the list that a kept paragraph
announces, and the lead paragraph printed just before the story's first line. What is put
back is judged by the cleaner like every other line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from factcheck.ingest import metadata
from factcheck.ingest.boilerplate import Verdict, classify
from factcheck.ingest.markdown import Line

_SPACE = re.compile(r"\s+")


def restored(lines: tuple[Line, ...], tree: Any) -> tuple[Line, ...]:
    """trafilatura's lines with the announced lists and the lead it left out put back.

    Args:
        lines: The main text as trafilatura structured it.
        tree: The page's parsed HTML (``lxml.html``), left unchanged.
    """
    lead = _lead(tree, lines[0].text)
    known = {line.text for line in lines}
    head = (Line(lead, "text"),) if lead and lead not in known else ()
    return head + tuple(_with_announced_lists(lines, tree, known))


def _text(element: Any) -> str:
    return _SPACE.sub(" ", element.text_content()).strip()


_BLOCKS = (
    *("p", "div", "header", "section", "article", "main", "blockquote", "pre", "li", "ul", "ol", "dl"),
    *("h1", "h2", "h3", "h4", "h5", "h6", "table", "td", "figure", "figcaption", "aside", "nav"),
    *("footer", "form"),
)
_ASIDE = frozenset({"figure", "figcaption", "aside", "nav", "footer", "form", "button", "label"})
_CONTAINERS = frozenset({"div", "header", "section"})
"""Elements whose own text trafilatura does not read as a paragraph."""
_LEAD_WORDS = range(10, 101)
"""A lead is a paragraph of 10 to 100 words."""
_LABEL_WORDS = 4
"""Blocks of fewer words (buttons, section labels) are passed over on the way to the lead."""
_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’»)]*$")
# "By Jane Doe, a deputy editor who covers ...": a byline with the author's biography.
_BYLINE_BIO = re.compile(r"^(?i:by)\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}\s*,")


def _lead(tree: Any, first: str) -> str | None:
    """The lead paragraph printed between the headline and the story's first line, written
    straight into a container (``<div class="perex">``, ``<header>``) rather than a paragraph
    element: trafilatura reads the text of paragraphs, headings, lists and quotes, and never
    sees it.

    It is the nearest block before the first line, after the page's ``<h1>``, and is one
    paragraph of prose (10 to 100 words ending a sentence, no blocks inside it), with nothing
    between it and the first line but captions, credits, bylines, dates and short labels.
    None when the first line is not a block of the page.
    """
    lead = None
    headline = False
    for element in tree.iter(*_BLOCKS):
        if next(element.iterdescendants(*_BLOCKS), None) is not None:
            continue
        text = _text(element)
        if text == first:
            return lead
        if element.tag == "h1":
            headline, lead = True, None
        elif len(text.split()) >= _LABEL_WORDS:
            found = text if headline and element.tag in _CONTAINERS and _is_lead(element, text) else None
            if (found or lead) and not _passed_over(element, text):
                lead = found
    return None


def _passed_over(element: Any, text: str) -> bool:
    """Whether a block between the lead and the story is page furniture."""
    if any(ancestor.tag in _ASIDE for ancestor in element.iterancestors()) or element.tag in _ASIDE:
        return True
    if metadata.is_byline(text) or metadata.date_line(text) or _BYLINE_BIO.match(text):
        return True
    return classify(text) in (Verdict.NOISE, Verdict.NOTICE, Verdict.EMBED)


def _is_lead(element: Any, text: str) -> bool:
    """One paragraph of prose of the block's own, not a link to another story."""
    if len(text.split()) not in _LEAD_WORDS or _SENTENCE_END.search(text) is None:
        return False
    return _beyond_links(element, share=0.5)


def _with_announced_lists(lines: tuple[Line, ...], tree: Any, known: set[str]) -> Iterator[Line]:
    """The lines, with the items of each list that a kept paragraph announces put back after it.

    A paragraph ending with a colon ("A couple of reasons for this:") announces what follows;
    when trafilatura had to gather the page's paragraphs one by one, it leaves out the list
    that follows, and the story is missing what it announced. Only a list right after the
    paragraph in the page is put back, and not one of mostly bare links (a box of teasers).
    """
    announcing = {line.text for line in lines if line.kind == "text" and line.text.endswith(":")}
    lists = dict(_announced_lists(tree, announcing)) if announcing else {}
    for line in lines:
        yield line
        items = lists.pop(line.text, None) if line.kind == "text" else None
        if items and known.isdisjoint(items):
            yield from (Line(item, "bullet") for item in items)


def _announced_lists(tree: Any, announcing: set[str]) -> Iterator[tuple[str, list[str]]]:
    """(announcing paragraph, its list's items) for each page list right after one of them."""
    for element in tree.iter("ul", "ol"):
        before = element.getprevious()
        if before is None or before.tag not in _ANNOUNCERS:
            continue
        text = _text(before)
        if text not in announcing:
            continue
        items = [item for item in element if item.tag == "li"]
        if 2 * sum(_beyond_links(item, share=0.0) for item in items) > len(items):
            yield text, [t for t in (_text(item) for item in items) if t]


_ANNOUNCERS = frozenset({"p", "div"})


def _beyond_links(element: Any, share: float) -> bool:
    """Whether more than ``share`` of an element's text is its own rather than a link's."""
    linked = sum(len(link.text_content().strip()) for link in element.iter("a"))
    whole = len(element.text_content().strip())
    return whole - linked > share * whole
