"""User text made safe to print on a terminal: control characters shown as escapes, never obeyed."""

from __future__ import annotations

_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
"""Format characters that reorder the text around them."""

_TABLE = {
    **{code: f"\\x{code:02x}" for code in [*range(0x20), 0x7F, *range(0x80, 0xA0)]},
    **{ord(c): f"\\u{ord(c):04x}" for c in _BIDI},
}


def escape_controls(text: str) -> str:
    """``text`` with every control character written as a Python-style escape.

    An escape sequence in a file name, an annotator name or a label (``\\x1b]0;...`` renames
    the terminal window, ``\\x1b[2J`` clears the screen) is printed as ``\\x1b]0;...``: the
    user sees what the name holds and can type it, and the terminal obeys nothing. A new
    line is escaped too, so a message stays on one line. (The TUI shows such characters as
    visible symbols instead; here the escape is what a user can copy.)

    Example: ``escape_controls("a\\x1b[2Jb")`` is ``"a\\\\x1b[2Jb"``.
    """
    return text.translate(_TABLE)


_JSON_TABLE = {code: f"\\u{code:04x}" for code in [0x7F, *range(0x80, 0xA0), *(ord(c) for c in _BIDI)]}


def json_for_terminal(text: str) -> str:
    """JSON text (from ``json.dumps(..., ensure_ascii=False)``) with the control characters JSON
    leaves raw (DEL, C1 controls, bidirectional overrides) written as ``\\uXXXX`` escapes:
    still the same JSON, but nothing a terminal would obey."""
    return text.translate(_JSON_TABLE)
