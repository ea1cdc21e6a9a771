"""Foreign keys between the tables, added to an existing database by rebuilding the tables that lack them."""

from __future__ import annotations

import sqlite_utils

from factcheck.store.connection import StoreError

REFERENCES = {
    "mentions": [("claim_id", "claims", "id")],
    "claims": [("canonical_mention_id", "mentions", "id")],
    "claim_links": [("claim_a", "claims", "id"), ("claim_b", "claims", "id")],
}
"""Table -> (column, parent table, parent column) added by :func:`add_foreign_keys`.

They are deferred (checked at commit), so a transaction may write a mention before the
claim it belongs to, as ingest and merge do. Not declared: ``gold.target_id`` and
``events.mention_id``, which hold a mention id or, for a claim-scoped gold value, a claim id."""


def add_foreign_keys(db: sqlite_utils.Database) -> None:
    """Declare :data:`REFERENCES` on an existing database, repairing dangling rows first.

    Runs inside the caller's transaction with foreign key enforcement off (SQLite's
    procedure for changing a table's constraints), and checks every key before returning.

    Raises:
        StoreError: a reference still dangles after the repair.
    """
    _repair(db)
    for table, keys in REFERENCES.items():
        _rebuild_with_keys(db, table, keys)
    db.execute("create index if not exists claims_canonical_mention_id on claims (canonical_mention_id)")
    broken = db.execute("pragma foreign_key_check").fetchall()
    if broken:
        raise StoreError(f"references that lead nowhere after repair: {broken[:5]}")


def _repair(db: sqlite_utils.Database) -> None:
    """Give every mention's claim a row, every claim a canonical mention it has, and drop
    links between rows that no longer exist (left by older versions)."""
    db.execute(
        "insert into claims (id, canonical_mention_id, size) "
        "select claim_id, min(id), count(*) from mentions "
        "where claim_id is not null and claim_id not in (select id from claims) group by claim_id"
    )
    db.execute(
        "update claims set canonical_mention_id = "
        "(select min(m.id) from mentions m where m.claim_id = claims.id) "
        "where canonical_mention_id is not null and canonical_mention_id not in (select id from mentions)"
    )
    db.execute(
        "delete from claim_links where claim_a not in (select id from claims) "
        "or claim_b not in (select id from claims)"
    )
    if "dedup_variants" in db.table_names():  # dropped by a later migration
        db.execute(
            "delete from dedup_variants where mention_a not in (select id from mentions) "
            "or mention_b not in (select id from mentions)"
        )


def _rebuild_with_keys(db: sqlite_utils.Database, table: str, keys: list[tuple[str, str, str]]) -> None:
    row = db.execute("select sql from sqlite_master where type = 'table' and name = ?", [table]).fetchone()
    if row is None:
        raise StoreError(f"table {table} is missing")
    declared = {(k.column, k.other_table) for k in db.table(table).foreign_keys}
    wanted = [k for k in keys if (k[0], k[1]) not in declared]
    if not wanted:
        return
    indexes = [
        r[0]
        for r in db.execute(
            "select sql from sqlite_master where type = 'index' and tbl_name = ? and sql is not null", [table]
        )
    ]
    clauses = ",\n   ".join(
        f'FOREIGN KEY("{column}") REFERENCES "{parent}"("{key}") DEFERRABLE INITIALLY DEFERRED'
        for column, parent, key in wanted
    )
    body = str(row[0]).rstrip()
    body = body[body.index("(") : -1].rstrip() + ",\n   " + clauses + "\n)"
    temporary = f"_rebuild_{table}"
    columns = ", ".join(f'"{c.name}"' for c in db.table(table).columns)
    db.execute(f'create table "{temporary}" {body}')
    db.execute(f'insert into "{temporary}" (rowid, {columns}) select rowid, {columns} from "{table}"')
    db.execute(f'drop table "{table}"')
    db.execute(f'alter table "{temporary}" rename to "{table}"')
    for sql in indexes:
        db.execute(sql)
