"""``factcheck schema``: the label schema in force, as text, TOML or JSON, or a complete example."""

from __future__ import annotations

import json
import textwrap
from importlib import resources
from pathlib import Path
from typing import Any

import click

from factcheck.cli.main import cli
from factcheck.cli.options import db_option, keymap_option, open_store, read_keymap, user_errors
from factcheck.schema import CHECKWORTHINESS, DEFAULT_SCHEMA, NOT_FACTUAL, Field, Schema, load_schema

SHOWN_FIRST = (
    "name",
    "title",
    "kind",
    "ordered",
    "scope",
    "role",
    "help",
    "values",
    "value_help",
    "meanings",
)
"""Keys of a field's description the text form lays out itself; any other key is listed after them."""

WIDTH = 96
"""Guideline text is wrapped at this width."""


def example_schema() -> str:
    """The complete example schema shipped with factcheck (examples/schema.toml)."""
    return resources.files("factcheck").joinpath("examples/schema.toml").read_text(encoding="utf-8")


@cli.command("schema")
@click.option("--example", is_flag=True, help="Print a complete example schema (TOML) to start from.")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "toml", "json"]), default="text", show_default=True
)
@click.option("--schema", "schema_path", type=click.Path(dir_okay=False), help="Show this TOML file instead.")
@keymap_option
@db_option
@user_errors
def schema_cmd(
    example: bool, fmt: str, schema_path: str | None, keymap_path: str | None, db_path: str
) -> None:
    """The label schema in force: every field with its values and their keys, scope, role,
    meanings and guidelines. --format toml prints it as a file --schema accepts.

    Without a database, the default schema (the one a new database gets) is shown.

    Example: factcheck schema --example > schema.toml
    """
    if example:
        click.echo(example_schema(), nl=False)
        return
    source, schema = _schema_in_force(db_path, schema_path)
    if fmt == "json":
        click.echo(json.dumps([f.to_dict() for f in schema], indent=2, ensure_ascii=False))
    elif fmt == "toml":
        click.echo(f"# label schema of {source}\n\n" + to_toml(schema), nl=False)
    else:
        click.echo(describe(schema, source, read_keymap(keymap_path)), nl=False)


def _schema_in_force(db_path: str, schema_path: str | None) -> tuple[str, Schema]:
    if schema_path is not None:
        return schema_path, load_schema(schema_path)
    if not Path(db_path).exists():
        return f"a new database (no file at {db_path})", DEFAULT_SCHEMA
    with open_store(db_path) as store:
        return db_path, store.schema


# -- text ----------------------------------------------------------------------------------------


def describe(schema: Schema, source: str, keymap: dict[str, str]) -> str:
    """The schema for people: each field, its values with the keys that choose them, and guidelines."""
    lines = [f"Label schema of {source}: {len(schema)} field(s)", ""]
    keys = _value_keys(keymap)
    marked = _not_factual(schema)
    for f in schema:
        lines += _describe_field(f, keys, marked, keymap)
    return "\n".join(lines) + "\n"


def _describe_field(
    f: Field, keys: list[str], marked: tuple[str, str] | None, keymap: dict[str, str]
) -> list[str]:
    record = f.to_dict()
    kind = f.kind + (", ordered" if f.ordered else "")
    about = [f"kind: {kind}", f"scope: {f.scope}"] + ([f"role: {f.role}"] if f.role else [])
    lines = [f"{f.name}" + (f" ({f.title})" if f.title else ""), "  " + " · ".join(about)]
    if f.help:
        lines += textwrap.wrap(f.help, WIDTH, initial_indent="  ", subsequent_indent="  ")
    if not f.is_choice:
        lines.append("  free text: enter edits it")
    width = max((len(v) for v in f.values), default=0)
    for number, value in enumerate(f.values, 1):
        extras = []
        if (meaning := f.meaning(value)) is not None:
            extras.append(f"means {meaning}")
        if marked == (f.name, value):
            extras.append(f"also key {_key(keymap, 'not-factual', 'x')}")
        text = " ".join([f.value_help.get(value, ""), f"[{'; '.join(extras)}]" if extras else ""]).strip()
        head = f"  {keys[number - 1]:>6}  {value:<{width}}  "
        wrapped = textwrap.wrap(text, WIDTH, initial_indent=head, subsequent_indent=" " * len(head))
        lines += wrapped or [head.rstrip()]
    for key, value in record.items():
        if key not in SHOWN_FIRST and value not in (None, "", [], {}, False):
            lines.append(f"  {key}: {_plain(value)}")
    return [*lines, ""]


def _value_keys(keymap: dict[str, str]) -> list[str]:
    from factcheck.schema import MAX_CHOICES

    return [_key(keymap, f"choose-{n}", str(n)) for n in range(1, MAX_CHOICES + 1)]


def _key(keymap: dict[str, str], binding_id: str, default: str) -> str:
    return keymap.get(binding_id, default).split(",")[0]


def _not_factual(schema: Schema) -> tuple[str, str] | None:
    field = schema.role(CHECKWORTHINESS)
    value = field.value_meaning(NOT_FACTUAL) if field is not None else None
    return None if field is None or value is None else (field.name, value)


def _plain(value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k} = {_plain(v)}" for k, v in value.items())
    if isinstance(value, list):
        return " | ".join(_plain(v) for v in value)
    return str(value)


# -- TOML ----------------------------------------------------------------------------------------


def to_toml(schema: Schema) -> str:
    """The schema as ``[[field]]`` tables that ``--schema`` reads back to the same schema."""
    defaults = {"kind": "choice", "ordered": False, "scope": "mention"}
    blocks = []
    for f in schema:
        lines = ["[[field]]"]
        for key, value in f.to_dict().items():
            if value in (None, "", [], {}) or defaults.get(key, object()) == value:
                continue
            lines.append(f"{_toml_key(key)} = {_toml_value(value)}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def _toml_key(key: str) -> str:
    bare = key and all(c.isascii() and (c.isalnum() or c in "_-") for c in key)
    return key if bare else json.dumps(key, ensure_ascii=False)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        # A JSON string is a TOML basic string (the same escapes), once surrogates are not used.
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_toml_key(str(k))} = {_toml_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")
