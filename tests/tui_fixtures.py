"""Fixtures of the annotation-screen tests (registered for every test in ``conftest.py``)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from tui_helpers import build_db


@pytest.fixture(autouse=True)
def no_writer_left_behind() -> Iterator[None]:
    """Every test's writer threads have stopped by the time it ends."""
    yield
    assert not [t for t in threading.enumerate() if t.name == "factcheck-writer"]


@pytest.fixture
def db(tmp_path: Path) -> tuple[Path, list[str]]:
    """Articles A and B sharing a claim, and a nasty third one (a module may define its own)."""
    path = tmp_path / "test.db"
    return path, build_db(path)
