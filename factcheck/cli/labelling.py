"""``factcheck annotate`` and ``factcheck review``: the two screens."""

from __future__ import annotations

import os
import sys

import click

from factcheck.cli.ingesting import run_ingest
from factcheck.cli.main import cli
from factcheck.cli.options import (
    UserError,
    annotator_name,
    annotator_option,
    db_option,
    keymap_option,
    open_store,
    read_keymap,
    require_db,
    schema_option,
    user_errors,
)
from factcheck.store import StoreError


def require_terminal(command: str) -> None:
    """Refuse to open a screen without a terminal (it would draw to nowhere and wait forever).

    The screen reads keys from standard input and draws on standard error (so that standard
    output can be redirected); both must be a terminal. A screen served to a browser
    (``TEXTUAL_DRIVER`` set, as textual-serve does) needs none.

    Raises:
        UserError: standard input or standard error is not a terminal.
    """
    if os.environ.get("TEXTUAL_DRIVER"):
        return
    if not (sys.stdin.isatty() and sys.stderr.isatty()):
        raise UserError(
            f"{command} needs a terminal (its keys come from standard input and it draws on "
            "standard error, and one of them is not a terminal); run it in a terminal window, or over ssh -t"
        )


def require_paths(paths: tuple[str, ...]) -> None:
    """Refuse before anything is opened or created when a path given does not exist.

    Raises:
        UserError: the first missing path.
    """
    for path in paths:
        if not os.path.lexists(path):
            raise UserError(f"{path}: no such file or folder")


@cli.command("annotate")
@click.argument("paths", nargs=-1, type=click.Path())
@annotator_option
@click.option("--all", "every_sentence", is_flag=True, help="Ignore the assignment plan: every sentence.")
@keymap_option
@schema_option
@db_option
@user_errors
def annotate_cmd(
    paths: tuple[str, ...],
    annotator: str | None,
    every_sentence: bool,
    keymap_path: str | None,
    schema_path: str | None,
    db_path: str,
) -> None:
    """Open the labelling screen, after ingesting PATHS if given.

    When `factcheck assign` has planned who labels what, the screen opens at your next
    assigned sentence, `n` follows your share, and the status line counts it
    ("assigned 120/400"); --all ignores the plan.

    Example: factcheck annotate seeds/ --annotator alice
    """
    name = annotator_name(annotator)
    require_paths(paths)
    keymap = read_keymap(keymap_path)
    require_terminal("annotate")
    if not paths:
        require_db(db_path)
    with open_store(db_path, schema_path) as store:
        if paths and not run_ingest(store, paths) and store.count("mentions") == 0:
            raise StoreError(f"{db_path}: nothing could be ingested")
        if store.count("mentions") == 0:
            raise StoreError(f"{db_path}: no articles yet; give files to ingest: factcheck annotate seeds/")
    from factcheck.tui import run_annotate

    run_annotate(db_path, name, follow_plan=not every_sentence, keymap=keymap)


@cli.command("review")
@click.option(
    "--annotator",
    "adjudicator",
    default=None,
    show_default="$FACTCHECK_ANNOTATOR or login name",
    help="Who adjudicates: recorded with every gold label.",
)
@click.option(
    "--accept-unanimous",
    is_flag=True,
    help="Make gold of every item that at least two annotators labelled alike (existing gold is "
    "kept), print how many, and exit without opening the screen.",
)
@keymap_option
@db_option
@user_errors
def review_cmd(
    adjudicator: str | None, accept_unanimous: bool, keymap_path: str | None, db_path: str
) -> None:
    """Adjudicate the items annotators disagree on into gold labels.

    Walks every disagreement with each annotator's value and the sentence in its
    article; a key makes a value gold, recorded with the adjudicator and the time.

    Example: factcheck review --annotator carol
    """
    require_db(db_path)
    keymap = read_keymap(keymap_path)
    if accept_unanimous:
        from factcheck.review import accept_unanimous as accept

        open_store(db_path).close()  # completes an interrupted import or merge first
        count = accept(db_path)
        click.echo(f"{count} item(s) made gold from unanimous labels (adjudicator 'unanimous')", err=True)
        return
    name = annotator_name(adjudicator)
    require_terminal("review")
    open_store(db_path).close()
    from factcheck.tui import run_review

    run_review(db_path, name, keymap)
