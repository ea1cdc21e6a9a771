"""Snapshots of the annotation screen's layout at a small and a common terminal size."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tui_helpers import build_db

from factcheck.store import Store
from factcheck.tui.app import FactcheckApp


@pytest.fixture
def app(tmp_path: Path) -> FactcheckApp:
    """The app on the three-article test database (the file is always called test.db)."""
    path = tmp_path / "test.db"
    build_db(path)
    return FactcheckApp(str(path), "alice")


SETTLE = "wait:600"
"""The footer follows the focused field after a short pause: let it settle."""


def test_start_at_80x24(app: FactcheckApp, snap_compare: Any) -> None:
    assert snap_compare(app, terminal_size=(80, 24), press=[SETTLE])


def test_shared_claim_at_120x40(app: FactcheckApp, snap_compare: Any) -> None:
    assert snap_compare(app, terminal_size=(120, 40), press=["1", "3", "j", SETTLE])


def test_source_suggestion_at_80x24(app: FactcheckApp, snap_compare: Any) -> None:
    assert snap_compare(app, terminal_size=(80, 24), press=["tab", "tab", SETTLE])


def test_help_at_80x24(app: FactcheckApp, snap_compare: Any) -> None:
    assert snap_compare(app, terminal_size=(80, 24), press=["question_mark", SETTLE])


def test_wide_layout_at_200x60(app: FactcheckApp, snap_compare: Any) -> None:
    assert snap_compare(app, terminal_size=(200, 60), press=["j", SETTLE])


@pytest.fixture
def flagged_app(tmp_path: Path) -> FactcheckApp:
    """The app on the test database, sentence 4 of the first article flagged by alice."""
    path = tmp_path / "test.db"
    ids = build_db(path)
    with Store(path) as store:
        store.set_flag("alice", store.mentions(ids[0])[3].id, True)
    return FactcheckApp(str(path), "alice")


ROW_SUMMARIES = ["1", "1", "enter", "enter", "4", "2", "j", "2", "j", "x"]
"""Label sentence 1 fully, sentence 2 as unimportant and sentence 3 as not-factual."""


def test_row_summaries_at_80x24(flagged_app: FactcheckApp, snap_compare: Any) -> None:
    assert snap_compare(flagged_app, terminal_size=(80, 24), press=[*ROW_SUMMARIES, SETTLE])


def test_row_summaries_at_120x40(flagged_app: FactcheckApp, snap_compare: Any) -> None:
    assert snap_compare(flagged_app, terminal_size=(120, 40), press=[*ROW_SUMMARIES, SETTLE])


def test_key_bar_on_a_text_field_at_80x24(app: FactcheckApp, snap_compare: Any) -> None:
    assert snap_compare(app, terminal_size=(80, 24), press=["tab", "tab", SETTLE])


def test_key_bar_on_a_text_field_at_120x40(app: FactcheckApp, snap_compare: Any) -> None:
    assert snap_compare(app, terminal_size=(120, 40), press=["tab", "tab", SETTLE])


def test_too_small_at_40x12(app: FactcheckApp, snap_compare: Any) -> None:
    assert snap_compare(app, terminal_size=(40, 12), press=[SETTLE])
