"""Plain-text helpers for showing user text safely: visible control characters and wrapping."""

from __future__ import annotations

from rich.cells import cell_len

_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")
"""Format characters that reorder the text around them: shown, never obeyed."""


def _visible_char(char: str) -> str:
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    if 0x80 <= code < 0xA0 or char in _BIDI_CONTROLS:
        return "\ufffd"
    return char


_TABLE = {code: _visible_char(chr(code)) for code in [*range(0x20), *range(0x7F, 0xA0)]}
_TABLE.update({ord(c): "\ufffd" for c in _BIDI_CONTROLS})


def visible(text: str, keep_newlines: bool = True) -> str:
    """Replace control characters by visible symbols, one character for one.

    Escape (``\\x1b``) becomes ``␛`` and bell (``\\x07``) ``␇``, so terminal escape
    sequences hidden in scraped text are shown, not executed. Offsets into the
    result are offsets into ``text``: the stored sentence offsets still apply.

    Args:
        text: any user text.
        keep_newlines: keep ``\\n`` as a line break (else it shows as a space).
    """
    out = text.translate(_TABLE)
    out = out.replace("\u2409", " ")  # a tab is spacing, not content
    if keep_newlines:
        return out.replace("\u240a", "\n")
    return out.replace("\u240a", " ")


def one_line(text: str, limit: int | None = None) -> str:
    """``text`` made visible on one line, shortened to ``limit`` characters with an ellipsis."""
    flat = " ".join(visible(text, keep_newlines=False).split())
    if limit is not None and len(flat) > limit:
        return flat[: max(limit - 1, 0)] + "…"
    return flat


def wrap_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """Word-wrap ``text`` into lines of at most ``width`` cells, as (start, end) offsets.

    Lines keep their trailing spaces, so consecutive lines of a paragraph are
    contiguous; a ``\\n`` ends a line and belongs to none. Words longer than the
    width are cut.
    """
    width = max(width, 2)
    lines: list[tuple[int, int]] = []
    start = 0
    for paragraph in text.split("\n"):
        lines += _wrap_paragraph(paragraph, start, width)
        start += len(paragraph) + 1
    return lines


def _wrap_paragraph(text: str, offset: int, width: int) -> list[tuple[int, int]]:
    lines: list[tuple[int, int]] = []
    line_start = 0
    used = 0
    last_break: int | None = None
    for i, char in enumerate(text):
        cells = cell_len(char) if not char.isascii() else 1
        if char == " ":
            last_break = i + 1
            used += 1
            continue
        if used + cells > width:
            cut = last_break if last_break is not None and last_break > line_start else i
            lines.append((offset + line_start, offset + cut))
            used = cell_len(text[cut:i]) if cut < i else 0
            line_start, last_break = cut, None
        used += cells
    lines.append((offset + line_start, offset + len(text)))
    return lines
