"""Textual user interface for annotation and review: the only package that imports Textual.

The entry points import Textual only when called, so the screen-independent modules of
this package (session, display, cluster, requests) stay importable without it.
"""

from __future__ import annotations

from typing import Any

from factcheck.tui.keyfile import KeymapError, binding_ids, default_keymap_path, load_keymap
from factcheck.tui.serving import REMOTE_FLAG, ServeError, check_host, read_annotators, require_textual_serve


def run_annotate(
    db_path: str, annotator: str, follow_plan: bool = True, keymap: dict[str, str] | None = None
) -> None:
    """Open the annotation screen on a database as ``annotator``.

    Args:
        db_path: the database file.
        annotator: whose labels are shown and written.
        follow_plan: follow the annotator's share of the assignment plan (False: every sentence).
        keymap: binding id -> keys (from :func:`load_keymap`).
    """
    from factcheck.tui.app import run_annotate as run

    run(db_path, annotator, follow_plan, keymap)


def run_review(db_path: str, adjudicator: str, keymap: dict[str, str] | None = None) -> None:
    """Open the review screen on a database, recording gold as ``adjudicator``."""
    from factcheck.tui.review.app import run_review as run

    run(db_path, adjudicator, keymap)


def serve(db_path: str, host: str, port: int, **options: Any) -> None:
    """Serve the screens to browsers until interrupted (needs the ``serve`` extra).

    Args:
        db_path: the database every session opens.
        host: the address to listen on (check it with :func:`check_host` first).
        port: the port.
        **options: ``annotators``, ``keymap_path``, ``public_url`` (see ``FactcheckServer``).
    """
    from factcheck.tui.server import serve as run

    run(db_path, host, port, **options)


__all__ = [
    "REMOTE_FLAG",
    "KeymapError",
    "ServeError",
    "binding_ids",
    "check_host",
    "default_keymap_path",
    "load_keymap",
    "read_annotators",
    "require_textual_serve",
    "run_annotate",
    "run_review",
    "serve",
]
