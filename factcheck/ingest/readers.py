"""Readers: find article files, decode their bytes and turn them into raw articles."""

from __future__ import annotations

import errno
import json
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from charset_normalizer import from_bytes

from factcheck.ingest.metadata import parse_date

FORMATS: dict[str, str] = {
    ".txt": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".pdf": "pdf",
    ".docx": "docx",
}
"""File suffix (lower case) to format name; only these are ingested from folders."""

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# Control characters that never occur in text (tab, newlines and form feed do).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# Characters of Western European text besides ASCII, as Windows-1252 decodes them.
_WESTERN = re.compile(
    r"[^\x00-\x7f\xa0-\xb2\xb4-\xb8\xba-\xd6\xd8-\xf6\xf8-\xff"
    r"\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u2013\u2014\u2018-\u201e"
    r"\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)
_ACCENTED = re.compile(r"[^\W\d_\x00-\x7f]")
_LETTER = re.compile(r"[^\W\d_]")
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_MEANS_CP1252 = frozenset({"iso-8859-1", "iso8859-1", "latin-1", "latin1", "us-ascii", "ascii"})
_JSONL_FIELDS = ("title", "outlet", "wire", "url", "published", "id")


@dataclass(frozen=True)
class RawArticle:
    """One article as read from a file, before cleaning."""

    path: str
    """The path as ingested; for a JSONL line, ``"file.jsonl#<line>"``."""
    raw: str
    """The text as read and decoded (for JSONL, the line's ``text``), kept for provenance."""
    fmt: str
    """``"txt"``, ``"md"``, ``"html"``, ``"jsonl"``, ``"pdf"`` or ``"docx"``."""
    title: str | None = None
    """Title given with the article (JSONL, or a document's own title)."""
    outlet: str | None = None
    """Outlet given with the article (JSONL only)."""
    wire: str | None = None
    """The wire service the outlet republished the story from (JSONL only)."""
    url: str | None = None
    """URL given with the article (JSONL only)."""
    published: str | None = None
    """Publication date as ISO ``YYYY-MM-DD`` when known."""
    id: str | None = None
    """The JSONL ``id`` if given."""
    line: int | None = None
    """The JSONL line number, 1-based."""


class ReadError(Exception):
    """A file that cannot be ingested; ``str(err)`` is the reason a user reads."""

    def __init__(self, reason: str, *, line: int | None = None, path: str | None = None) -> None:
        """Create the error.

        Args:
            reason: The reason, e.g. ``"binary file"`` or ``"line 3: invalid JSON: ..."``.
            line: The 1-based line the reason is about, if any.
            path: The path the reason is about, if the caller may not know it.
        """
        super().__init__(reason)
        self.line = line
        self.path = path


@dataclass(frozen=True)
class Skipped:
    """A path met while walking folders that cannot be read, and why."""

    path: str
    reason: str


MAX_ARTICLE_BYTES = 20_000_000
"""A single article file larger than this is refused: no news article is 20 MB of text,
and segmenting one would keep an annotator's database busy for minutes."""
MAX_DOCUMENT_BYTES = 200_000_000
"""A PDF or Word file larger than this is refused (reports with images run large)."""
MAX_JSONL_BYTES = 1_000_000_000
"""A JSONL file (many articles) larger than this is refused: it is read whole into memory."""

_SPECIAL = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def check_regular(path: Path) -> None:
    """Refuse anything but a regular file (after symlinks), before it is opened.

    A FIFO would block the run, a device such as ``/dev/zero`` would never end.

    Raises:
        ReadError: With the reason (symlink loop, broken link, special file).
    """
    try:
        mode = path.stat().st_mode
    except OSError as err:
        raise ReadError(_os_reason(err)) from None
    if stat.S_ISREG(mode):
        return
    kind = next((name for test, name in _SPECIAL if test(mode)), None)
    raise ReadError(f"not a regular file: {kind}" if kind else "not a regular file")


def _os_reason(err: OSError) -> str:
    if err.errno == errno.ELOOP:
        return "symlink loop"
    if isinstance(err, FileNotFoundError):
        return "broken symlink or missing file"
    return (err.strerror or str(err)).lower()


class PathNotFoundError(ReadError, FileNotFoundError):
    """A path given to ingest that does not exist."""

    def __init__(self, path: str) -> None:
        """Create the error for ``path``."""
        super().__init__(f"no such file or directory: {path}", path=path)


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path | Skipped]:
    """Yield the files to ingest: given files as they are, folders walked recursively.

    Inside folders only the known suffixes are taken, hidden entries are skipped and
    the walk is sorted, so the same tree always yields the same order; symlinked folders
    are not followed (no loops). A file named explicitly is yielded whatever its suffix,
    so :func:`read_file` can report it. A subfolder that cannot be listed, a symlink loop
    and a special file (FIFO, device, socket) are yielded as :class:`Skipped` with the
    reason, and the walk goes on.

    Raises:
        PathNotFoundError: When a path does not exist (raised when that path is reached).
    """
    seen: set[Path] = set()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found: Iterable[Path | Skipped] = _walk(path)
        elif path.exists() or path.is_symlink():
            found = [path]
        else:
            raise PathNotFoundError(str(given))
        for file in found:
            if isinstance(file, Skipped):
                yield file
                continue
            try:
                key = file.resolve()
            except (OSError, RuntimeError):
                key = file.absolute()  # a symlink loop: read_file reports it
            if key not in seen:
                seen.add(key)
                yield file


def _walk(folder: Path) -> Iterator[Path | Skipped]:
    unreadable: list[OSError] = []
    for root, dirs, files in os.walk(folder, onerror=unreadable.append):
        yield from (Skipped(str(e.filename), _os_reason(e)) for e in unreadable)
        unreadable.clear()
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            file = Path(root, name)
            if not name.startswith(".") and file.suffix.lower() in FORMATS:
                try:
                    check_regular(file)
                except ReadError as err:
                    yield Skipped(str(file), str(err))
                    continue
                yield file
    yield from (Skipped(str(e.filename), _os_reason(e)) for e in unreadable)


def decode(data: bytes) -> str:
    """Decode file bytes to text with ``\\n`` line ends.

    UTF-8 (with or without BOM) and UTF-16/32 with a BOM are taken as such; other bytes
    are read as Windows-1252 when they look like Western European text (detectors guess
    poorly on short Latin text), else as charset-normalizer detects them.

    Raises:
        ReadError: ``"binary file"`` for NUL or control bytes, or undetectable bytes.
    """
    return _decode(data, None)


def _decode(data: bytes, declared: str | None) -> str:
    text = _decode_bom(data)
    if text is None:
        if b"\x00" in data:
            raise ReadError("binary file")
        text = _decode_guess(data, declared)
    if _CONTROL.search(text[:65536]):
        raise ReadError("binary file")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode_bom(data: bytes) -> str | None:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec)
            except UnicodeDecodeError:
                raise ReadError(f"invalid {codec.upper()} text") from None
    return None


def _decode_guess(data: bytes, declared: str | None) -> str:
    for codec in ("utf-8", declared):
        if codec:
            try:
                return data.decode(codec)
            except (LookupError, UnicodeDecodeError):
                pass
    western = _as_western(data)
    if western is not None:
        return western
    best = from_bytes(data).best()
    if best is None:
        raise ReadError("binary file")
    return str(best)


def _as_western(data: bytes) -> str | None:
    """Windows-1252 text, if the bytes read as Western European text that way."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    if _WESTERN.search(text):
        return None
    # Cyrillic and Greek single-byte text also decodes to Latin-1 letters, but then
    # nearly every letter is non-ASCII; Western text has a few accents per word.
    accented = len(_ACCENTED.findall(text))
    letters = len(_LETTER.findall(text))
    return text if accented <= 0.3 * letters else None


def read_file(path: Path) -> list[RawArticle]:
    """Read one file into raw articles: one per file, or one per JSONL line.

    Raises:
        ReadError: For the whole file when anything in it is bad: unsupported suffix,
            unreadable, empty, binary, undecodable, or any bad JSONL line (the error
            names the line).
    """
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ReadError(f"unsupported file type {path.suffix or '(no suffix)'!r}")
    check_regular(path)
    limit = _LIMITS.get(fmt, MAX_ARTICLE_BYTES)
    try:
        with path.open("rb") as file:
            data = file.read(limit + 1)
    except OSError as err:
        raise ReadError(_os_reason(err)) from None
    if len(data) > limit:
        advice = "split it" if fmt == "jsonl" else "split it, or give it as JSONL"
        raise ReadError(f"too large (the limit is {limit / 1e6:,.0f} MB): {advice}")
    if fmt in ("pdf", "docx"):
        return [_read_document(str(path), data, fmt)]
    text = _decode_html(data) if fmt == "html" else decode(data)
    if not text.strip():
        raise ReadError("empty file")
    if fmt == "jsonl":
        return _read_jsonl(str(path), text)
    return [RawArticle(path=str(path), raw=text, fmt=fmt)]


_LIMITS = {"jsonl": MAX_JSONL_BYTES, "pdf": MAX_DOCUMENT_BYTES, "docx": MAX_DOCUMENT_BYTES}


def _read_document(path: str, data: bytes, fmt: str) -> RawArticle:
    from factcheck.ingest import documents

    if not data.strip():
        raise ReadError("empty file")
    text, title = (documents.read_pdf if fmt == "pdf" else documents.read_docx)(data)
    if not text.strip():
        raise ReadError("no text in this document")
    return RawArticle(path=path, raw=text, fmt=fmt, title=title)


def _decode_html(data: bytes) -> str:
    # A page's own charset declaration is tried before guessing; as in browsers, a
    # page that says Latin-1 or ASCII means Windows-1252.
    match = _META_CHARSET.search(data[:4096])
    declared = match.group(1).decode("ascii").lower() if match else None
    if declared in _MEANS_CP1252:
        declared = "cp1252"
    return _decode(data, declared)


def _read_jsonl(path: str, text: str) -> list[RawArticle]:
    articles = []
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            articles.append(_jsonl_article(path, number, line))
    return articles


def _jsonl_article(path: str, number: int, line: str) -> RawArticle:
    try:
        record: Any = json.loads(line)
    except json.JSONDecodeError as err:
        raise _line_error(number, f"invalid JSON: {err.msg} (column {err.colno})") from None
    if not isinstance(record, dict):
        raise _line_error(number, "expected a JSON object")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise _line_error(number, 'missing or empty "text"')
    if isinstance(record.get("id"), int) and not isinstance(record["id"], bool):
        record["id"] = str(record["id"])
    fields = {name: _string_field(record, name, number) for name in _JSONL_FIELDS}
    published = fields["published"]
    return RawArticle(
        path=f"{path}#{number}",
        raw=text.replace("\r\n", "\n").replace("\r", "\n"),
        fmt="jsonl",
        title=fields["title"],
        outlet=fields["outlet"],
        wire=fields["wire"],
        url=fields["url"],
        # The line's own date string stays readable in the file; only ISO is stored.
        published=parse_date(published) if published else None,
        id=fields["id"],
        line=number,
    )


def _string_field(record: dict[str, Any], name: str, number: int) -> str | None:
    value = record.get(name)
    if value is not None and not isinstance(value, str):
        raise _line_error(number, f'"{name}" must be a string')
    return value.strip() or None if value else None


def _line_error(number: int, reason: str) -> ReadError:
    return ReadError(f"line {number}: {reason}", line=number)
