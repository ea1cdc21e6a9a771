"""Views for analysis (labels per mention and annotator; final labels) and full-text search of mentions.

The views have one column per schema field, so they are made again whenever the schema changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import sqlite_utils

if TYPE_CHECKING:
    from factcheck.schema import Schema

WIDE_FIXED = ("mention_id", "article_id", "claim_id", "annotator", "updated_at")
FINAL_FIXED = ("mention_id", "article_id", "claim_id", "text")
LABEL_PREFIX = "label_"
"""Put before a field's column name when it is spelled like a fixed column of the view."""
BASIS_SUFFIX = "_basis"
FTS_TABLE = "mentions_fts"

SEARCH_CATCH_UP = (
    "mentions_ai",
    f"insert into {FTS_TABLE} (rowid, text) select rowid, text from mentions where rowid > ?",
)
"""The trigger that indexes each new mention's text, and the statement that does its work at
once for every mention after a rowid (see :func:`factcheck.store.core.triggers_put_off`)."""


def field_column(name: str, fixed: tuple[str, ...]) -> str:
    """The column of a field in a view."""
    return LABEL_PREFIX + name if name in fixed or name.endswith(BASIS_SUFFIX) else name


def refresh_views(db: sqlite_utils.Database, schema: Schema) -> None:
    """(Re)create ``labels_wide`` and ``final_labels`` for this schema."""
    db.execute("drop view if exists labels_wide")
    db.execute("drop view if exists final_labels")
    db.execute(_labels_wide(schema))
    db.execute(_final_labels(schema))


def views_current(db: sqlite_utils.Database, schema: Schema) -> bool:
    """Whether the views are those this version makes for this schema (no write needed)."""
    sql = (
        "select name, sql from sqlite_master where type = 'view' and name in ('labels_wide', 'final_labels')"
    )
    found = dict(db.execute(sql).fetchall())
    return found == {"labels_wide": _labels_wide(schema), "final_labels": _final_labels(schema)}


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _labels_wide(schema: Schema) -> str:
    picks = ",\n  ".join(
        f"max(case when a.field = {_literal(f.name)} then a.value end) "
        f"as {_quote(field_column(f.name, WIDE_FIXED))}"
        for f in schema
    )
    return (
        "CREATE VIEW labels_wide as\nselect a.mention_id, m.article_id, m.claim_id, a.annotator,\n"
        f"  {picks},\n  max(a.updated_at) as updated_at\n"
        "from annotations a join mentions m on m.id = a.mention_id\n"
        "group by a.mention_id, a.annotator"
    )


def _final_labels(schema: Schema) -> str:
    parts = []
    for f in schema:
        name = _literal(f.name)
        column = field_column(f.name, FINAL_FIXED)
        # The sentence's own gold first, then its claim's.
        gold = (
            f"coalesce((select value from gold where target_id = m.id and field = {name}), "
            f"(select value from gold where target_id = m.claim_id and field = {name}))"
        )
        # The value given by more annotators than any other value (SQLite does not let a
        # subquery in FROM see the outer row, hence a HAVING against the runner-up).
        runner_up = (
            f"(select count(*) from annotations b where b.mention_id = m.id and b.field = {name} "
            "and b.value <> a.value group by b.value order by count(*) desc limit 1)"
        )
        majority = (
            f"(select a.value from annotations a where a.mention_id = m.id and a.field = {name} "
            f"group by a.value having count(*) > coalesce({runner_up}, 0))"
        )
        voted = f"exists (select 1 from annotations where mention_id = m.id and field = {name})"
        parts.append(f"coalesce({gold}, {majority}) as {_quote(column)}")
        parts.append(
            f"case when {gold} is not null then 'gold' when {majority} is not null then 'majority' "
            f"when {voted} then 'tie' else 'none' end as {_quote(column + BASIS_SUFFIX)}"
        )
    columns = ",\n  ".join(parts)
    return (
        "CREATE VIEW final_labels as\nselect m.id as mention_id, m.article_id, m.claim_id, m.text,\n"
        f"  {columns}\nfrom mentions m"
    )


def enable_search(db: sqlite_utils.Database) -> None:
    """Full-text search of mention text: an FTS5 ``mentions_fts`` table whose content is
    ``mentions``, kept in step by triggers.

    The update trigger fires only when the text changes, so re-clustering (which rewrites
    ``claim_id``) does not re-index.
    """
    # Written out rather than with sqlite-utils' enable_fts, whose executescript would commit
    # the caller's transaction half-way; the same layout, so sqlite-utils and Datasette find it.
    if FTS_TABLE not in db.table_names():
        db.execute(f'create virtual table {FTS_TABLE} using fts5 (text, content="mentions")')
        db.execute(f"insert into {FTS_TABLE} (rowid, text) select rowid, text from mentions")
    db.execute(
        f"create trigger if not exists mentions_ai after insert on mentions begin "
        f"insert into {FTS_TABLE} (rowid, text) values (new.rowid, new.text); end"
    )
    db.execute(
        f"create trigger if not exists mentions_ad after delete on mentions begin "
        f"insert into {FTS_TABLE} ({FTS_TABLE}, rowid, text) values ('delete', old.rowid, old.text); end"
    )
    db.execute(
        f"create trigger if not exists mentions_au after update of text on mentions begin "
        f"insert into {FTS_TABLE} ({FTS_TABLE}, rowid, text) values ('delete', old.rowid, old.text); "
        f"insert into {FTS_TABLE} (rowid, text) values (new.rowid, new.text); end"
    )
