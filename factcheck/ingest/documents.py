"""Readers for documents fact-checkers receive: PDF (its text layer) and Word (.docx)."""

from __future__ import annotations

import io
import re
from collections import Counter
from typing import Any

from factcheck.ingest.readers import ReadError

_PAGE_NUMBER = re.compile(r"^(?:[-–—]\s*)?(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?(?:\s*[-–—])?$", re.I)
_DIGITS = re.compile(r"\d+")
_HYPHENATED = re.compile(r"(?<=[^\W\d_])-$")
_SENTENCE_END = re.compile(r"[.!?:;…。！？][\"'”’)\]]*$")
_BULLET = re.compile(r"^(?:[•▪◦●‣⁃·*-]|\d{1,2}[.)]|[a-z][.)])\s")
_LETTER = re.compile(r"[^\W\d_]")
_RUNNING_SHARE = 0.5
"""A line at the top or bottom of at least this share of pages is a running header or footer."""


def _missing(extra: str, package: str) -> ReadError:
    return ReadError(f"reading this file needs the {package} package: pip install 'factcheck[{extra}]'")


def read_pdf(data: bytes) -> tuple[str, str | None]:
    """The text layer of a PDF as paragraphs, without page furniture, and its title.

    Page numbers, running headers and footers (lines repeated at the top or bottom of
    most pages) and hyphenation at line ends are removed; the lines of a paragraph are
    joined.

    Raises:
        ReadError: pypdf is missing, the file is encrypted or broken, or has no text
            layer (a scanned document).
    """
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError:
        raise _missing("pdf", "pypdf") from None
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ReadError("encrypted PDF: save an unencrypted copy first")
        pages = [_page_lines(page.extract_text() or "") for page in reader.pages]
        title = _pdf_title(reader)
    except ReadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as err:
        raise ReadError(f"not a readable PDF ({type(err).__name__})") from None
    lines = _drop_running_lines(pages)
    if not any(_LETTER.search(line) for line in lines):
        raise ReadError("the PDF has no text layer (a scanned document?): run OCR on it first")
    return "\n\n".join(_paragraphs(lines)), title


def _pdf_title(reader: Any) -> str | None:
    metadata = reader.metadata
    title = getattr(metadata, "title", None) if metadata is not None else None
    return title.strip() or None if isinstance(title, str) else None


def _page_lines(text: str) -> list[str]:
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return [line for line in lines if line and not _PAGE_NUMBER.match(line)]


def _drop_running_lines(pages: list[list[str]]) -> list[str]:
    """All lines in page order, without the headers and footers that repeat across pages."""
    if len(pages) >= 3:
        edges: Counter[str] = Counter()
        for lines in pages:
            edges.update({_key(line) for line in lines[:2] + lines[-2:]})
        running = {key for key, count in edges.items() if count >= _RUNNING_SHARE * len(pages)}
        pages = [
            [
                line
                for i, line in enumerate(lines)
                if not ((i < 2 or i >= len(lines) - 2) and _key(line) in running)
            ]
            for lines in pages
        ]
    return [line for lines in pages for line in lines]


def _edge(i: int, lines: list[str], running: set[str]) -> bool:
    """Whether line i is one of the running lines at the top or bottom of its page."""
    return (i < 2 or i >= len(lines) - 2) and _key(lines[i]) in running


def _key(line: str) -> str:
    """A line with its numbers blanked, so "Report 2024 — page 3" repeats on every page."""
    return _DIGITS.sub("#", line.casefold())


def _paragraphs(lines: list[str]) -> list[str]:
    """Join the lines of each paragraph.

    A paragraph ends after a line that ends a sentence and stops well short of the usual
    line width; a short line without end punctuation is a heading, and a bulleted or
    numbered line opens a paragraph of its own.
    """
    if not lines:
        return []
    lengths = sorted(len(line) for line in lines)
    width = lengths[len(lengths) * 4 // 5]  # the width of a full line
    paragraphs: list[str] = []
    current, previous = "", ""

    def heading(line: str) -> bool:
        return len(line) < 0.6 * width and not _SENTENCE_END.search(line) and not line[:1].islower()

    for line in lines:
        ended = _SENTENCE_END.search(previous) is not None and len(previous) < 0.85 * width
        if current and (ended or heading(line) or _BULLET.match(line)):
            paragraphs.append(current)
            current = ""
        if current and _HYPHENATED.search(current) and line[:1].islower():
            current = current[:-1] + line
        else:
            current = f"{current} {line}" if current else line
        previous = line
        if heading(line):
            paragraphs.append(current)
            current, previous = "", ""
    if current:
        paragraphs.append(current)
    return paragraphs


def read_docx(data: bytes) -> tuple[str, str | None]:
    """The text of a Word document, headings, list items and table rows marked as markdown.

    Raises:
        ReadError: python-docx is missing, or the file is not a Word document.
    """
    try:
        import docx
    except ImportError:
        raise _missing("docx", "python-docx") from None
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as err:  # python-docx raises zipfile, KeyError and its own errors alike
        raise ReadError(f"not a readable Word document ({type(err).__name__})") from None
    lines = list(_docx_lines(document))
    title = (document.core_properties.title or "").strip() or None
    return "\n\n".join(lines), title


def _docx_lines(document: Any) -> Any:
    body = document.element.body
    for block in body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            yield from _docx_paragraph(block, document)
        elif tag == "tbl":
            for row in block.iter(block.tag.replace("tbl", "tr")):
                cells = [
                    " ".join("".join(t.text or "" for t in c.iter() if t.tag.endswith("}t")).split())
                    for c in row.iterchildren()
                    if c.tag.endswith("}tc")
                ]
                text = " | ".join(cell for cell in cells if cell)
                if text:
                    yield f"| {text} |"


def _docx_paragraph(block: Any, document: Any) -> Any:
    from docx.text.paragraph import Paragraph

    paragraph = Paragraph(block, document)
    text = " ".join(paragraph.text.split())
    if not text:
        return
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    if style.startswith("Heading") or style == "Title":
        yield f"# {text}"
    elif "List" in style or block.find(".//{*}numPr") is not None:
        yield f"- {text}"
    else:
        yield text
