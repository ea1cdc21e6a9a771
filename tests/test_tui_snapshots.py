"""Snapshots of the annotation screen's layout at a small and a common terminal size."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tui_helpers import build_db

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
