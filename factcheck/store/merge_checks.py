"""Checks that another database can be merged into this one, run on a private snapshot of it.

The other file is copied (SQLite's backup, read-only) into a stage beside this database;
everything after that reads the copy, so a file that changes or disappears during the
merge cannot matter. The copy is brought to this format, its annotator names are
stripped, and every row is checked as ``import`` checks a line: types, schema fields and
values, known sentences and articles, names and times. The first bad row is named with
its table, row id and reason.
"""

from __future__ import annotations

import os
import sqlite3
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import sqlite_utils

from factcheck.schema import Schema, SchemaError
from factcheck.store import ids
from factcheck.store.assignments import plan_conflicts
from factcheck.store.connection import StoreError, describe
from factcheck.store.label_state import GOLD_KINDS, NOT_LABEL_KINDS
from factcheck.store.migrations import MIGRATIONS, current_version, migrate

if TYPE_CHECKING:
    from factcheck.schema import Field

ALIAS = "merge_src"
"""The name the snapshot is attached under while it is checked against this database and applied."""

TABLES = ("meta", "articles", "mentions", "claims", "annotations", "events", "gold", "claim_links")
"""The tables a factcheck database of any format has (later ones are made by migrating the copy)."""
CHECKED = (*TABLES, "assignments")
TIME_GLOB = (
    "[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9]+00:00"
)
"""Every time the store writes looks like this (UTC, milliseconds)."""

_TEXT = "typeof({c}) != 'text'"
_TEXT_OR_NULL = "typeof({c}) not in ('text', 'null')"
_INT = "typeof({c}) != 'integer'"
_INT_OR_NULL = "typeof({c}) not in ('integer', 'null')"
_TIME = "(typeof({c}) != 'text' or {c} not glob '" + TIME_GLOB + "' or {c} > :future)"
_NAME = "(typeof({c}) != 'text' or py_strip({c}) = '')"

COLUMN_CHECKS: dict[str, list[tuple[str, str, str]]] = {
    "meta": [("key", _TEXT, "not text"), ("value", _TEXT_OR_NULL, "not text")],
    "articles": [
        ("id", _TEXT, "not text"),
        ("seq", _INT, "not an integer"),
        ("text", _TEXT, "not text"),
        *[(c, _TEXT_OR_NULL, "not text") for c in ("path", "title", "outlet", "url", "published", "raw")],
        ("ingested_at", _TEXT_OR_NULL, "not text"),
    ],
    "mentions": [
        *[(c, _TEXT, "not text") for c in ("id", "article_id", "text")],
        *[(c, _INT, "not an integer") for c in ("idx", "start", '"end"')],
        *[(c, _TEXT_OR_NULL, "not text") for c in ("claim_id", "suggested_source")],
    ],
    "claims": [
        ("id", _TEXT, "not text"),
        ("canonical_mention_id", _TEXT_OR_NULL, "not text"),
        ("size", _INT_OR_NULL, "not an integer"),
    ],
    "claim_links": [
        ("claim_a", _TEXT, "not text"),
        ("claim_b", _TEXT, "not text"),
        ("kind", _TEXT_OR_NULL, "not text"),
        ("score", "typeof({c}) not in ('real', 'integer', 'null')", "not a number"),
    ],
    "annotations": [
        *[(c, _TEXT, "not text") for c in ("mention_id", "field", "value")],
        ("annotator", _NAME, "a blank annotator name, or not text"),
        ("updated_at", _TIME, "not a time this factcheck writes"),
    ],
    "gold": [
        *[(c, _TEXT, "not text") for c in ("target_kind", "target_id", "field", "value")],
        ("adjudicator", _NAME, "a blank adjudicator name, or not text"),
        ("updated_at", _TIME, "not a time this factcheck writes"),
    ],
    "assignments": [
        ("item_id", _TEXT, "not text"),
        ("annotator", _NAME, "a blank annotator name, or not text"),
        ("unit", "({c} is null or {c} not in ('article', 'sentence'))", "not 'article' or 'sentence'"),
        ("assigned_at", _TEXT_OR_NULL, "not text"),
    ],
    "events": [
        ("ts", _TIME, "not a time this factcheck writes"),
        *[(c, _TEXT_OR_NULL, "not text") for c in ("mention_id", "field", "old", "new", "batch", "undoes")],
        ("annotator", f"({{c}} is not null and {_NAME})", "a blank name, or not text"),
        ("kind", _TEXT, "not text"),
        ("dwell_ms", _INT_OR_NULL, "not an integer"),
    ],
}
"""table -> (column, SQL condition a bad value meets, reason)."""


def snapshot(other: str, stage: sqlite3.Connection) -> None:
    """Copy the database at ``other`` into the stage, read-only, as one consistent snapshot.

    Raises:
        StoreError: not an SQLite database, damaged, or unreadable.
    """
    uri = "file:" + urllib.request.pathname2url(os.path.abspath(other)) + "?mode=ro"
    try:
        source = sqlite3.connect(uri, uri=True)
        try:
            source.backup(stage)
        finally:
            source.close()
        stage.execute("pragma journal_mode = off")
        found = stage.execute("pragma quick_check").fetchone()[0]
    except sqlite3.DatabaseError as err:
        raise StoreError(f"{other}: {describe(err)}") from None
    if found != "ok":
        raise StoreError(f"{other}: the database is damaged ({found})")


def prepare(stage: sqlite3.Connection, schema: Schema, where: str) -> Schema:
    """Make the snapshot safe to read and check it on its own; return its schema.

    Views and triggers are dropped (the snapshot is ours, and only tables are merged),
    the format is brought up to this one, column types, names and times are checked, and
    annotator names are stripped.

    Raises:
        StoreError: the first problem, naming the table, row and reason.
    """
    stage.create_function("py_strip", 1, _strip, deterministic=True)
    objects = stage.execute(
        "select type, name from sqlite_master where type in ('view', 'trigger')"
    ).fetchall()
    for kind, name in objects:
        stage.execute(f'drop {kind} if exists "{name}"')
    tables = {row[0] for row in stage.execute("select name from sqlite_master where type = 'table'")}
    missing = [t for t in TABLES if t not in tables]
    if missing or "meta" not in tables:
        raise StoreError(f"{where}: not a factcheck database (no {', '.join(missing) or 'meta'} table)")
    _check_columns(stage, where, "meta")
    db = sqlite_utils.Database(stage)
    try:
        version = current_version(db)
    except StoreError as err:
        raise StoreError(f"{where}: not a factcheck database ({err})") from None
    if version > len(MIGRATIONS):
        raise StoreError(
            f"{where}: database format {version} is newer than this factcheck ({len(MIGRATIONS)})"
        )
    theirs = _their_schema(stage, where)
    if version < len(MIGRATIONS):
        try:
            with db.atomic():
                migrate(db)
        except (sqlite3.DatabaseError, sqlite3.IntegrityError) as err:
            raise StoreError(f"{where}: cannot bring it to this format: {describe(err)}") from None
    for table in CHECKED:
        _check_columns(stage, where, table)
    problems = [_definition_conflict(ours, other) for other in theirs if (ours := schema.get(other.name))]
    problems = [p for p in problems if p]
    if problems:
        raise StoreError(f"{where}: cannot merge: " + "; ".join(problems[:20]))
    _check_values(stage, schema, where)
    _check_content(stage, where)
    _strip_names(stage)
    return theirs


def _strip(value: str | bytes | int | float | None) -> str | bytes | int | float | None:
    return value.strip() if isinstance(value, str) else value


def _columns(stage: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in stage.execute(f"pragma table_info({table})")}


def _check_columns(stage: sqlite3.Connection, where: str, table: str) -> None:
    have = _columns(stage, table)
    future = (datetime.now(UTC) + timedelta(days=1)).isoformat(timespec="milliseconds")
    for column, condition, reason in COLUMN_CHECKS[table]:
        if column.strip('"') not in have:
            raise StoreError(f"{where}: not a factcheck database ({table} has no column {column})")
        sql = f"select rowid from {table} where {condition.format(c=column)} limit 1"
        try:
            row = stage.execute(sql, {"future": future}).fetchone()
        except sqlite3.DatabaseError as err:
            raise StoreError(f"{where}: {table}: {describe(err)}") from None
        if row is not None:
            raise StoreError(
                f"{where}: cannot merge: {table} row {row[0]}: {column.strip(chr(34))} is {reason}"
            )


def _their_schema(stage: sqlite3.Connection, where: str) -> Schema:
    row = stage.execute("select value from meta where key = 'schema'").fetchone()
    if row is None or row[0] is None:
        raise StoreError(f"{where}: not a factcheck database (no label schema)")
    try:
        return Schema.from_json(row[0])
    except (SchemaError, ValueError, RecursionError) as err:
        reason = "nested too deeply" if isinstance(err, RecursionError) else str(err)
        raise StoreError(f"{where}: its stored schema is damaged: {reason}") from None


def _definition_conflict(ours: Field, theirs: Field) -> str:
    if ours.kind != theirs.kind:
        return f"field {ours.name!r} is {ours.kind} here but {theirs.kind} there"
    if ours.scope != theirs.scope:
        return f"field {ours.name!r} is {ours.scope}-scoped here but {theirs.scope}-scoped there"
    return ""


def _check_values(stage: sqlite3.Connection, schema: Schema, where: str) -> None:
    """Every label and gold value is one this schema accepts, gold on the right kind of target."""
    for table in ("annotations", "gold"):
        sql = f"select rowid, field, value{', target_kind' if table == 'gold' else ''} from {table}"
        for rowid, name, value, *kind in stage.execute(sql):
            spec = schema.get(name)
            if spec is None:
                reason = f"field {name!r} is not in this schema (extend it with --schema)"
            elif not spec.accepts(value) or not value.strip():
                reason = f"value {name}={value!r} is not in this schema (extend it with --schema)"
            elif kind and kind[0] != spec.scope:
                reason = f"gold of {spec.scope}-scoped field {name!r} is on a {kind[0]}"
            else:
                continue
            raise StoreError(f"{where}: cannot merge: {table} row {rowid}: {reason}")


def _check_content(stage: sqlite3.Connection, where: str) -> None:
    """Ids are the hashes of what they name, and offsets point into their article's text."""
    for rowid, aid, text in stage.execute("select rowid, id, text from articles"):
        if ids.article_id(text) != aid:
            raise StoreError(f"{where}: cannot merge: articles row {rowid}: id is not the hash of its text")
    sql = (
        'select m.rowid, m.id, m.article_id, m.start, m."end", m.text, a.text from mentions m '
        "left join articles a on a.id = m.article_id"
    )
    for rowid, mid, aid, start, end, text, article in stage.execute(sql):
        if article is None:
            reason = "its article is not in that database"
        elif not 0 <= start <= end <= len(article) or article[start:end] != text:
            reason = "its offsets do not give its text"
        elif ids.mention_id(aid, start, end) != mid:
            reason = "id is not the hash of its article and offsets"
        else:
            continue
        raise StoreError(f"{where}: cannot merge: mentions row {rowid}: {reason}")


def _strip_names(stage: sqlite3.Connection) -> None:
    """Strip annotator names; where two rows become one, the newest is kept."""
    stage.execute("update events set annotator = py_strip(annotator) where annotator != py_strip(annotator)")
    stage.execute(
        "update gold set adjudicator = py_strip(adjudicator) where adjudicator != py_strip(adjudicator)"
    )
    stage.execute(
        "update or replace assignments set annotator = py_strip(annotator) "
        "where annotator != py_strip(annotator)"
    )
    padded = stage.execute(
        "select 1 from annotations where annotator != py_strip(annotator) limit 1"
    ).fetchone()
    if padded is None:
        return
    stage.execute(
        "create temp table stripped as select mention_id, py_strip(annotator) as annotator, field, value, "
        "updated_at, row_number() over (partition by mention_id, py_strip(annotator), field "
        "order by updated_at desc, value desc) as n from annotations"
    )
    stage.execute("delete from annotations")
    stage.execute(
        "insert into annotations (mention_id, annotator, field, value, updated_at) "
        "select mention_id, annotator, field, value, updated_at from temp.stripped where n = 1"
    )
    stage.execute("drop table temp.stripped")


def check_against(db: sqlite_utils.Database, where: str) -> None:
    """Check the snapshot attached as :data:`ALIAS` against this database (reads only).

    Raises:
        StoreError: a label or gold value on a sentence or claim in neither database, or
            shared articles segmented differently.
    """
    for problem in _against(db):
        raise StoreError(f"{where}: cannot merge: {problem}")


def _against(db: sqlite_utils.Database) -> Iterator[str]:
    known = f"(select id from {ALIAS}.mentions union select id from main.mentions)"
    row = db.execute(
        f"select rowid, mention_id from {ALIAS}.annotations where mention_id not in {known} limit 1"
    ).fetchone()
    if row is not None:
        yield f"annotations row {row[0]}: sentence {row[1]!r} is in neither database"
    claims = f"(select claim_id from {ALIAS}.mentions union select claim_id from main.mentions)"
    row = db.execute(
        f"select rowid, target_id from {ALIAS}.gold "
        f"where (target_kind = 'mention' and target_id not in {known}) "
        f"or (target_kind = 'claim' and target_id not in {claims}) limit 1"
    ).fetchone()
    if row is not None:
        yield f"gold row {row[0]}: {row[1]!r} is a sentence or claim in neither database"
    sql = (
        f"select count(*) from {ALIAS}.mentions o where o.article_id in (select id from main.articles) "
        "and o.id not in (select id from main.mentions)"
    )
    count = db.execute(sql).fetchone()[0]
    yield from plan_conflicts(db, ALIAS)
    if count:
        yield (
            f"{count} sentence(s) of shared articles are segmented differently "
            "(ingest with the same factcheck)"
        )


def their_states(stage: sqlite3.Connection) -> None:
    """Write the snapshot's state of every label and gold item, clears included, into it.

    ``their_labels`` / ``their_gold`` hold one row per item: its value (None when the
    newest event cleared it) and the time of that value or clear.
    """
    skip = ",".join("?" * len(NOT_LABEL_KINDS))
    stage.execute("drop table if exists their_labels")
    stage.execute("drop table if exists tombs")
    stage.execute(
        "create table tombs as select mention_id as m, annotator as w, field as f, max(ts) as at from events "
        f"where new is null and kind not in ({skip}) and mention_id is not null and annotator is not null "
        "and field is not null group by 1, 2, 3",
        NOT_LABEL_KINDS,
    )
    stage.execute("create index tombs_key on tombs (m, w, f)")
    stage.execute(
        "create table their_labels as select a.mention_id, a.annotator, a.field, a.value, a.updated_at as at "
        "from annotations a left join tombs t on t.m = a.mention_id and t.w = a.annotator and t.f = a.field "
        "where t.at is null or a.updated_at >= t.at union all "
        "select t.m, t.w, t.f, null, t.at from tombs t left join annotations a "
        "on t.m = a.mention_id and t.w = a.annotator and t.f = a.field "
        "where a.updated_at is null or a.updated_at < t.at"
    )
    kinds = ",".join("?" * len(GOLD_KINDS))
    stage.execute("drop table if exists their_gold")
    stage.execute("drop table if exists gold_tombs")
    stage.execute(
        "create table gold_tombs as select mention_id as t, field as f, max(ts) as at from events "
        f"where new is null and kind in ({kinds}) and mention_id is not null and field is not null "
        "group by 1, 2",
        GOLD_KINDS,
    )
    stage.execute(
        "create table their_gold as select g.target_kind, g.target_id, g.field, g.value, g.adjudicator, "
        "g.updated_at as at from gold g left join gold_tombs t on t.t = g.target_id and t.f = g.field "
        "where t.at is null or g.updated_at >= t.at union all "
        "select null, t.t, t.f, null, null, t.at from gold_tombs t left join gold g "
        "on g.target_id = t.t and g.field = t.f where g.updated_at is null or g.updated_at < t.at"
    )
