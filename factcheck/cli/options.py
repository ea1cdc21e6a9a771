"""What the commands share: the --db option, opening the store, names, and user errors as one line."""

from __future__ import annotations

import functools
import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from factcheck.cli.safe import escape_controls
from factcheck.plan import PlanError
from factcheck.schema import SchemaError, load_schema
from factcheck.store import Store, StoreError, clean_name, default_db_path, journal_dir, orphan_journals
from factcheck.tui import KeymapError, ServeError

F = TypeVar("F", bound=Callable[..., Any])

ANNOTATOR_ENV = "FACTCHECK_ANNOTATOR"


class UserError(Exception):
    """A mistake in what the user gave (an option, a path, a name): one line, exit status 1."""


def say(message: str) -> None:
    """Print a message for people on stderr, control characters escaped."""
    click.echo(escape_controls(message), err=True)


def fail(message: str) -> None:
    """Print ``Error: message`` on stderr and exit with status 1."""
    say(f"Error: {message}")
    sys.exit(1)


def db_option(func: F) -> F:
    """The ``--db`` option every command takes."""
    return click.option(
        "--db",
        "db_path",
        type=click.Path(dir_okay=False),
        default=default_db_path,
        show_default="annotations.db or $FACTCHECK_DB",
        help="Database file.",
    )(func)


def schema_option(func: F) -> F:
    """The ``--schema FILE`` option of the commands that may create or extend a database."""
    return click.option(
        "--schema", "schema_path", type=click.Path(dir_okay=False), help="Label schema (TOML)."
    )(func)


def keymap_option(func: F) -> F:
    """The ``--keymap FILE`` option of the commands that open a screen."""
    return click.option(
        "--keymap",
        "keymap_path",
        type=click.Path(dir_okay=False),
        help='Keys to use instead of the defaults (TOML: [keys] binding-id = "key") '
        "[default: keymap.toml in your configuration folder, if there is one].",
    )(func)


def read_keymap(keymap_path: str | None) -> dict[str, str]:
    """The keymap from ``--keymap``, else from the configuration folder, else none.

    Raises:
        KeymapError: the file cannot be used; the message says why.
    """
    from factcheck.tui import load_keymap

    return load_keymap(keymap_path)


def user_errors(func: F) -> F:
    """Turn errors a user can cause into one message on stderr and exit status 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (StoreError, SchemaError, PlanError, KeymapError, ServeError, UserError) as err:
            fail(str(err))
        except BrokenPipeError:
            # `factcheck export | head` closes the pipe early: not an error.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(0)
        except OSError as err:
            if err.filename is None:  # not about a file the user named: a bug, keep the traceback
                raise
            fail(f"{err.filename}: {err.strerror or err}")

    return wrapper  # type: ignore[return-value]


def open_store(db_path: str, schema_path: str | None = None, read_only: bool = False) -> Store:
    """Open the database, installing or extending the schema from a TOML file.

    A bulk operation (import, merge) whose process died is completed first.

    Args:
        db_path: the database file.
        schema_path: a TOML schema to install or extend the stored one with.
        read_only: the command only reads: when the database cannot be opened as usual
            (a full disk), open it read-only, so the data can still be got out.
    """
    schema = load_schema(schema_path) if schema_path else None
    store = Store(db_path, schema, read_only=read_only)
    if store.read_only:
        say(f"note: {db_path} is opened read-only (it cannot be opened for writing: is the disk full?)")
        return store
    try:
        store.finish_interrupted(tell=say)
    except BaseException:
        store.close()
        raise
    _write_left_journals(store, db_path)
    return store


def _write_left_journals(store: Store, db_path: str) -> None:
    """Write the labels that annotation sessions which ended (killed, closed) left in their
    journals, so every command sees every label a screen showed."""
    if not orphan_journals(db_path):
        return
    try:
        written = store.replay_journals()
    except StoreError as err:
        say(f"note: labels left by ended annotation sessions are not written yet: {err}")
        return
    if written:
        say(f"wrote {written} label action(s) left by ended annotation sessions in {journal_dir(db_path)}")


def require_db(db_path: str) -> None:
    """Refuse to go on when the database does not exist (commands that only read or add labels).

    Raises:
        StoreError: no file at ``db_path``.
    """
    if not Path(db_path).exists():
        raise StoreError(f"{db_path}: no such database (run 'factcheck ingest FILES' first)")


def annotator_option(func: F) -> F:
    """The ``--annotator NAME`` option (``$FACTCHECK_ANNOTATOR``, then the login name)."""
    return click.option(
        "--annotator",
        default=None,
        show_default="$FACTCHECK_ANNOTATOR or login name",
        help="Who is labelling (surrounding spaces are dropped; a blank name is refused).",
    )(func)


def annotator_name(given: str | None) -> str:
    """The annotator: ``given`` (``--annotator``), else ``$FACTCHECK_ANNOTATOR``, else the login
    name; stripped of surrounding spaces.

    Raises:
        UserError: the name given is blank (or too long, or not valid Unicode).
    """
    if given is not None:
        source, raw = "--annotator", given
    elif os.environ.get(ANNOTATOR_ENV):
        source, raw = f"${ANNOTATOR_ENV}", os.environ[ANNOTATOR_ENV]
    else:
        source, raw = "the login name", _login_name()
    try:
        return clean_name(raw, source)
    except ValueError as err:
        raise UserError(f"{err}: give a name with --annotator NAME") from None


def default_annotator() -> str:
    """``$FACTCHECK_ANNOTATOR``, then the login name (stripped; blank falls back to 'annotator')."""
    try:
        return annotator_name(None)
    except UserError:
        return "annotator"


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "annotator"
