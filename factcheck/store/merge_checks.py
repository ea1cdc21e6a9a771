"""Checks that another database can be merged into this one: format, schema, segmentation."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

import sqlite_utils

from factcheck.schema import Schema, SchemaError
from factcheck.store.assignments import plan_conflicts
from factcheck.store.connection import StoreError, describe
from factcheck.store.migrations import MIGRATIONS

if TYPE_CHECKING:
    from factcheck.schema import Field

ALIAS = "merge_src"
"""The name the other database is attached under for the length of a merge."""

TABLES = ("meta", "articles", "mentions", "claims", "annotations", "events", "gold", "claim_links")


def validate_attached(db: sqlite_utils.Database, schema: Schema, where: str) -> None:
    """Refuse the database attached as :data:`ALIAS` unless it can be merged into ``db``.

    Fields or values only the other schema defines are accepted while unused there; a
    field defined with another kind or scope, or a label there this schema lacks, is refused
    (extend this database's schema with ``--schema`` first).

    Raises:
        StoreError: not a factcheck database, another format, a conflicting schema, or
            shared articles segmented differently.
    """
    try:
        sql = f"select name from {ALIAS}.sqlite_master where type = 'table'"
        names = {row[0] for row in db.execute(sql)}
    except sqlite3.DatabaseError as err:
        raise StoreError(f"{where}: {describe(err)}") from None
    if not set(TABLES) <= names:
        raise StoreError(f"{where}: not a factcheck database")
    version = _meta(db, "format_version")
    if version != str(len(MIGRATIONS)):
        raise StoreError(
            f"{where}: database format {version}, this factcheck writes {len(MIGRATIONS)}; "
            "open both with the same factcheck first"
        )
    problems = _schema_problems(db, schema, _other_schema(db, where)) + _segmentation(db)
    problems += plan_conflicts(db, ALIAS)
    if problems:
        raise StoreError(f"{where}: cannot merge: " + "; ".join(problems[:20]))


def _meta(db: sqlite_utils.Database, key: str) -> str | None:
    row = db.execute(f"select value from {ALIAS}.meta where key = ?", [key]).fetchone()
    return None if row is None else str(row[0])


def _other_schema(db: sqlite_utils.Database, where: str) -> Schema:
    text = _meta(db, "schema")
    if text is None:
        raise StoreError(f"{where}: not a factcheck database (no label schema)")
    try:
        return Schema.from_json(text)
    except (SchemaError, ValueError) as err:
        raise StoreError(f"{where}: its stored schema is damaged: {err}") from None


def _schema_problems(db: sqlite_utils.Database, schema: Schema, theirs: Schema) -> list[str]:
    """Fields defined differently, and labels in use there that this schema lacks.

    Fields or values only the other schema has are fine while unused there.
    """
    problems = [_definition_conflict(ours, other) for other in theirs if (ours := schema.get(other.name))]
    sql = f"select distinct field from {ALIAS}.annotations union select distinct field from {ALIAS}.gold"
    for (name,) in db.execute(sql).fetchall():
        spec = schema.get(name)
        if spec is None:
            problems.append(
                f"field {name!r} is in use there but not in this schema (extend it with --schema)"
            )
        elif spec.is_choice:
            problems += _unknown_values(db, spec)
    return [p for p in problems if p]


def _unknown_values(db: sqlite_utils.Database, spec: Field) -> list[str]:
    sql = (
        f"select distinct value from {ALIAS}.annotations where field = ? "
        f"union select distinct value from {ALIAS}.gold where field = ?"
    )
    values = [row[0] for row in db.execute(sql, [spec.name, spec.name])]
    return [
        f"value {spec.name}={v!r} is in use there but not in this schema (extend it with --schema)"
        for v in sorted(values)
        if not spec.accepts(v)
    ]


def _segmentation(db: sqlite_utils.Database) -> list[str]:
    sql = (
        f"select count(*) from {ALIAS}.mentions o where o.article_id in (select id from main.articles) "
        "and o.id not in (select id from main.mentions)"
    )
    count = db.execute(sql).fetchone()[0]
    if not count:
        return []
    return [
        f"{count} sentence(s) of shared articles are segmented differently (ingest with the same factcheck)"
    ]


def _definition_conflict(ours: Field, theirs: Field) -> str:
    if ours.kind != theirs.kind:
        return f"field {ours.name!r} is {ours.kind} here but {theirs.kind} there"
    if ours.scope != theirs.scope:
        return f"field {ours.name!r} is {ours.scope}-scoped here but {theirs.scope}-scoped there"
    return ""
