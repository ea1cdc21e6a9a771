"""Textual user interface for annotation and review: the only package that imports Textual.

The entry points import Textual only when called, so the screen-independent modules of
this package (session, display, cluster, requests) stay importable without it.
"""

from __future__ import annotations


def run_annotate(db_path: str, annotator: str) -> None:
    """Open the annotation screen on a database as ``annotator``."""
    from factcheck.tui.app import run_annotate as run

    run(db_path, annotator)


def run_review(db_path: str, adjudicator: str) -> None:
    """Open the review screen on a database, recording gold as ``adjudicator``."""
    from factcheck.tui.review.app import run_review as run

    run(db_path, adjudicator)


__all__ = ["run_annotate", "run_review"]
