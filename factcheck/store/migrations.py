"""Versioned migrations that create and evolve the tables."""

from __future__ import annotations

from collections.abc import Callable

import sqlite_utils

from factcheck.store.connection import StoreError
from factcheck.store.relations import add_foreign_keys
from factcheck.store.views import enable_search


def _v1(db: sqlite_utils.Database) -> None:
    db.table("meta").create({"key": str, "value": str}, pk="key")
    db.table("articles").create(
        {
            "id": str,
            "seq": int,
            "path": str,
            "title": str,
            "outlet": str,
            "url": str,
            "published": str,
            "raw": str,
            "text": str,
            "ingested_at": str,
        },
        pk="id",
    )
    db.table("articles").create_index(["seq"], unique=True)
    db.table("claims").create({"id": str, "canonical_mention_id": str, "size": int}, pk="id")
    db.table("mentions").create(
        {
            "id": str,
            "article_id": str,
            "idx": int,
            "start": int,
            "end": int,
            "text": str,
            "claim_id": str,
            "suggested_source": str,
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id")],
    )
    db.table("mentions").create_index(["article_id", "idx"], unique=True)
    db.table("mentions").create_index(["claim_id"])
    db.table("annotations").create(
        {"mention_id": str, "annotator": str, "field": str, "value": str, "updated_at": str},
        pk=("mention_id", "annotator", "field"),
        foreign_keys=[("mention_id", "mentions", "id")],
    )
    db.table("annotations").create_index(["annotator", "field"])
    db.table("events").create(
        {
            "id": int,
            "ts": str,
            "annotator": str,
            "mention_id": str,
            "field": str,
            "old": str,
            "new": str,
            "dwell_ms": int,
            "kind": str,
            "batch": str,
            "undoes": str,
        },
        pk="id",
    )
    db.table("events").create_index(["annotator", "id"])
    db.table("events").create_index(["batch"])
    db.table("gold").create(
        {
            "target_kind": str,
            "target_id": str,
            "field": str,
            "value": str,
            "adjudicator": str,
            "updated_at": str,
        },
        pk=("target_id", "field"),
    )
    db.table("claim_links").create(
        {"claim_a": str, "claim_b": str, "kind": str, "score": float},
        pk=("claim_a", "claim_b"),
    )


def _v2(db: sqlite_utils.Database) -> None:
    """Claim clustering state: each clustered mention's comparison key and found variants."""
    # A mention without a row here has not been clustered yet (new, or merged in).
    db.table("dedup_nodes").create(
        {"mention_id": str, "key": str, "cues": str, "grp": str},
        pk="mention_id",
        foreign_keys=[("mention_id", "mentions", "id")],
    )
    db.table("dedup_nodes").create_index(["grp"])
    # Variant pairs are kept per mention: they hold however the claims are later regrouped.
    db.table("dedup_variants").create(
        {"mention_a": str, "mention_b": str, "kind": str, "score": float},
        pk=("mention_a", "mention_b"),
    )
    db.table("dedup_variants").create_index(["mention_b"])
    db.table("claim_links").create_index(["claim_b"])


def _v3(db: sqlite_utils.Database) -> None:
    """The assignment plan: which annotator is to label which article or sentence."""
    # unit is "article" (item_id is an article id) or "sentence" (a mention id); one plan
    # at a time, so every row has the same unit. The plan's settings live in meta "plan".
    db.table("assignments").create(
        {"item_id": str, "annotator": str, "unit": str, "assigned_at": str},
        pk=("item_id", "annotator"),
        if_not_exists=True,
    )
    db.table("assignments").create_index(["annotator"], if_not_exists=True)


def _v4(db: sqlite_utils.Database) -> None:
    """Annotation sessions: which session made each label event, and which journal entries are applied."""
    if "session" not in db.table("events").columns_dict:
        db.execute("alter table events add column session text")
    # The undo of one session's last action, and the newer-value check of each label write.
    db.execute("create index if not exists events_session on events (session, id)")
    db.execute("create index if not exists events_mention on events (mention_id)")
    db.execute("create index if not exists events_undoes on events (undoes) where undoes is not null")
    # One row per annotation session: undo after a restart reaches this annotator's sessions
    # on the same host that have ended (whose journal no running process holds).
    db.table("sessions").create(
        {"id": str, "annotator": str, "host": str, "started_at": str},
        pk="id",
        if_not_exists=True,
    )
    # Every journal entry applied (or refused) once: replaying a journal never applies one twice.
    db.table("journal_entries").create(
        {"id": str, "session": str, "outcome": str, "applied_at": str}, pk="id", if_not_exists=True
    )


def _v5(db: sqlite_utils.Database) -> None:
    """Read one field's labels (agreement, optionally since a time) without scanning every label."""
    db.table("annotations").create_index(["field", "updated_at"], if_not_exists=True)


def _v6(db: sqlite_utils.Database) -> None:
    """Bulk operations (import, merge) being applied in short transactions, and the event
    index that finds the newest event of one (mention, annotator, field): a clear is an event."""
    # A row here names a staged, fully validated operation still being applied; whoever opens
    # the database after its process died completes it (see store/bulk.py).
    db.table("bulk_ops").create(
        {"id": str, "kind": str, "stage": str, "origin": str, "owner": str, "started_at": str},
        pk="id",
        if_not_exists=True,
    )
    db.execute("create index if not exists events_key on events (mention_id, field, annotator, ts)")


def _v7(db: sqlite_utils.Database) -> None:
    """Per-annotator sentence flags: unsure, to come back to, for the adjudicator to see."""
    db.table("flags").create(
        {"mention_id": str, "annotator": str, "flagged_at": str},
        pk=("mention_id", "annotator"),
        foreign_keys=[("mention_id", "mentions", "id")],
        if_not_exists=True,
    )
    db.table("flags").create_index(["annotator"], if_not_exists=True)


def _v8(db: sqlite_utils.Database) -> None:
    """The database as a dataset to explore: foreign keys where rows reference each other, and
    full-text search of mention text. (The views, made from the schema, are the store's.)"""
    # Rebuilding a table must not rewrite views or triggers that name it (SQLite's procedure
    # for changing constraints; foreign keys are off while migrations run).
    db.execute("pragma legacy_alter_table = on")
    try:
        add_foreign_keys(db)
    finally:
        db.execute("pragma legacy_alter_table = off")
    enable_search(db)


def _v9(db: sqlite_utils.Database) -> None:
    """Clustering state kept for incremental runs: nodes (distinct comparison keys), the
    mentions of each node, word counts and node lists (the blocking index), matching pairs."""
    for old in ("dedup_nodes", "dedup_variants"):
        db.execute(f"drop table if exists {old}")
    db.execute("delete from meta where key in ('dedup_version', 'dedup_pending')")
    db.execute("create table dedup_keys (node integer primary key, key text not null, cues text not null)")
    db.execute("create unique index dedup_keys_key on dedup_keys (key, cues)")
    db.execute(
        "create table dedup_nodes (mention_id text primary key references mentions (id), node integer)"
    )
    db.execute("create index dedup_nodes_node on dedup_nodes (node)")
    db.execute("create table dedup_df (word text primary key, df integer not null) without rowid")
    db.execute(
        "create table dedup_postings (word text not null, seg integer not null, nodes blob not null, "
        "primary key (word, seg)) without rowid"
    )
    db.execute(
        "create table dedup_edges (a integer not null, b integer not null, kind text not null, "
        "score real not null, primary key (a, b)) without rowid"
    )
    db.execute("create index dedup_edges_b on dedup_edges (b)")
    # Mentions waiting to be clustered, whichever way they came in (ingest, merge, a split or
    # a join of sentences): kept by triggers, so no writer of mentions has to remember it.
    db.execute("create table dedup_pending (mention_id text primary key) without rowid")
    db.execute("insert into dedup_pending select id from mentions")
    db.execute(
        "create trigger dedup_pending_add after insert on mentions "
        "begin insert or ignore into dedup_pending values (new.id); end"
    )
    db.execute(
        "create trigger dedup_pending_drop after delete on mentions "
        "begin delete from dedup_pending where mention_id = old.id; end"
    )


PENDING_CATCH_UP = (
    "dedup_pending_add",
    "insert or ignore into dedup_pending select id from mentions where rowid > ?",
)
"""The trigger that queues each new mention for clustering, and the statement that does its
work at once for every mention after a rowid (see :func:`factcheck.store.core.triggers_put_off`)."""


def _v10(db: sqlite_utils.Database) -> None:
    """The wire service an article came from when its outlet republished it (AP on SFGate)."""
    if "wire" not in db.table("articles").columns_dict:
        db.execute("alter table articles add column wire text")


def _v11(db: sqlite_utils.Database) -> None:
    """Articles found by the path they were read from, so that a file ingested again after an
    upgrade that cleans it otherwise is known by its content, not stored twice."""
    db.execute("create index if not exists articles_path on articles (path)")


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [
    _v1,
    _v2,
    _v3,
    _v4,
    _v5,
    _v6,
    _v7,
    _v8,
    _v9,
    _v10,
    _v11,
]
"""Migration n (1-based) brings a database from format n-1 to format n."""


def current_version(db: sqlite_utils.Database) -> int:
    """The format version recorded in ``meta`` (0 for an empty database)."""
    if "meta" not in db.table_names():
        if db.table_names():
            raise StoreError("not a factcheck database (it has other tables)")
        return 0
    row = db.execute("select value from meta where key = 'format_version'").fetchone()
    if row is None:
        return 0
    try:
        return int(row[0])
    except (TypeError, ValueError):
        raise StoreError(f"its format version is not a number ({row[0]!r})") from None


def migrate(db: sqlite_utils.Database) -> int:
    """Apply pending migrations inside the caller's transaction; return the version.

    Raises:
        StoreError: the database was written by a newer factcheck.
    """
    version = current_version(db)
    if version > len(MIGRATIONS):
        raise StoreError(
            f"database format {version} is newer than this factcheck understands "
            f"({len(MIGRATIONS)}); upgrade factcheck"
        )
    for number in range(version + 1, len(MIGRATIONS) + 1):
        MIGRATIONS[number - 1](db)
        db.table("meta").upsert({"key": "format_version", "value": str(number)}, pk="key")
    return len(MIGRATIONS)
