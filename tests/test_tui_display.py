"""Display helpers: control characters made visible one-for-one, wrapping by offsets."""

from __future__ import annotations

import subprocess
import sys
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from factcheck.tui.display import one_line, visible, wrap_offsets


def test_control_characters_become_visible_symbols() -> None:
    assert visible("a\x1b[31mb\x07c\td\r\u202e") == "a␛[31mb␇c d␍\ufffd"
    assert visible("one\ntwo") == "one\ntwo"
    assert one_line("one\n two\x00", 6) == "one t…"


@given(st.text())
def test_visible_keeps_offsets_and_leaves_no_control_character(text: str) -> None:
    shown = visible(text)
    assert len(shown) == len(text)
    assert all(c == "\n" or unicodedata.category(c) != "Cc" for c in shown)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs"))), st.integers(2, 60))
def test_wrapped_lines_cover_the_text_in_order_and_fit(body: str, width: int) -> None:
    text = body.replace("\u2028", " ").replace("\u2029", " ")
    lines = wrap_offsets(text, width)
    position = 0
    for start, end in lines:
        assert start == position or text[position:start] == "\n"
        assert cell_len(text[start:end].rstrip(" ")) <= width
        position = end
    assert position == len(text)
    assert "".join(text[a:b] for a, b in lines) == text.replace("\n", "")


@pytest.mark.parametrize(
    "module",
    ["factcheck.tui.display", "factcheck.tui.session", "factcheck.tui.cluster", "factcheck.tui.requests"],
)
def test_tui_logic_modules_do_not_load_textual(module: str) -> None:
    code = f"import sys, {module}; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
