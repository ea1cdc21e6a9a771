"""What the commands share: the --db option, opening the store, and turning user errors into one line."""

from __future__ import annotations

import functools
import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from factcheck.plan import PlanError
from factcheck.schema import SchemaError, load_schema
from factcheck.store import Store, StoreError, default_db_path
from factcheck.tui import KeymapError, ServeError

F = TypeVar("F", bound=Callable[..., Any])


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
        except (StoreError, SchemaError, PlanError, KeymapError, ServeError) as err:
            click.echo(f"Error: {err}", err=True)
            sys.exit(1)
        except BrokenPipeError:
            # `factcheck export | head` closes the pipe early: not an error.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(0)
        except OSError as err:
            if err.filename is None:  # not about a file the user named: a bug, keep the traceback
                raise
            name = str(err.filename).removesuffix(".part")
            click.echo(f"Error: {name}: {err.strerror or err}", err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


def open_store(db_path: str, schema_path: str | None = None) -> Store:
    """Open the database, installing or extending the schema from a TOML file."""
    schema = load_schema(schema_path) if schema_path else None
    return Store(db_path, schema)


def require_db(db_path: str) -> None:
    """Refuse to go on when the database does not exist (commands that only read or add labels).

    Raises:
        StoreError: no file at ``db_path``.
    """
    if not Path(db_path).exists():
        raise StoreError(f"{db_path}: no such database (run 'factcheck ingest FILES' first)")


def default_annotator() -> str:
    """``$FACTCHECK_ANNOTATOR``, then the login name."""
    env = os.environ.get("FACTCHECK_ANNOTATOR")
    if env:
        return env
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "annotator"
