"""The Store: opening a database, its schema, articles and mentions."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import Any

import sqlite_utils

from factcheck.schema import DEFAULT_SCHEMA, Schema, SchemaError, upgrade_default
from factcheck.store import bulk, ids
from factcheck.store.assignments import AssignmentsMixin
from factcheck.store.claim_rows import ClaimRowsMixin
from factcheck.store.claims import ClaimsMixin
from factcheck.store.connection import (
    RETRY_DEADLINE_S,
    StoreError,
    connect,
    connect_read_only,
    describe,
    now,
    sqlite_errors_as_store_errors,
    write_transaction,
)
from factcheck.store.dedup_index import DedupIndexMixin
from factcheck.store.entries import EntriesMixin
from factcheck.store.flags import FlagsMixin
from factcheck.store.gold import GoldMixin
from factcheck.store.import_stage import ImportMixin
from factcheck.store.invariants import CheckFailure, check_database
from factcheck.store.labels import LabelsMixin
from factcheck.store.lease import LeaseMixin
from factcheck.store.merge import MergeMixin
from factcheck.store.migrations import PENDING_CATCH_UP, migrate
from factcheck.store.records import Article, Mention, NewArticle
from factcheck.store.reports import ReportsMixin
from factcheck.store.segments import SegmentsMixin, mention_row
from factcheck.store.views import SEARCH_CATCH_UP, refresh_views, views_current

DEFAULT_DB = "annotations.db"


def default_db_path() -> str:
    """``$FACTCHECK_DB``, else ``annotations.db`` in the working directory."""
    return os.environ.get("FACTCHECK_DB") or DEFAULT_DB


_ARTICLE_COLUMNS = "id, seq, path, title, outlet, url, published, text, wire"
_MENTION_COLUMNS = 'id, article_id, idx, start, "end", text, claim_id, suggested_source'


ROWS_AT_ONCE = 20_000
"""Mention rows :meth:`Store.add_articles` gathers before it writes them (and their articles)."""

PUT_OFF_ARTICLES = 20
"""From this many articles in one call, :meth:`Store.add_articles` puts off the per-row
triggers on new mentions (:func:`triggers_put_off`)."""

_CATCH_UP = dict((SEARCH_CATCH_UP, PENDING_CATCH_UP))


@sqlite_errors_as_store_errors
class Store(
    LabelsMixin,
    EntriesMixin,
    ReportsMixin,
    GoldMixin,
    ClaimRowsMixin,
    MergeMixin,
    ImportMixin,
    ClaimsMixin,
    AssignmentsMixin,
    FlagsMixin,
    SegmentsMixin,
    DedupIndexMixin,
    LeaseMixin,
):
    """One connection to a factcheck database. Use one per thread."""

    def __init__(self, path: str | Path, schema: Schema | None = None, read_only: bool = False) -> None:
        """Open or create the database at ``path`` and bring it up to date.

        Args:
            path: the database file.
            schema: a schema to install (on a new database) or to extend the
                stored one with; None keeps the stored schema (default for new).
            read_only: for commands that only read (stats, export, agreement): when the
                database cannot be opened as usual (a full disk, a read-only folder), open
                it read-only instead, so the data can still be got out.

        Raises:
            StoreError: not a database, read-only when it must be written, locked,
                or a schema that would orphan existing labels.
        """
        self.path = str(path)
        self.read_only = False
        self._schema_text: str | None = None
        self._patience = RETRY_DEADLINE_S
        try:
            self.db: sqlite_utils.Database = connect(path)
            self._schema = self._open(schema)
        except StoreError as err:
            if not read_only or not _worth_reading_only(str(err)):
                raise
            self._open_read_only()

    def _open(self, schema: Schema | None) -> Schema:
        try:
            return self._prepare(schema)
        except sqlite3.DatabaseError as err:
            self.db.close()
            raise StoreError(f"{self.path}: {describe(err)}") from None
        except StoreError as err:
            self.db.close()
            raise StoreError(f"{self.path}: {err}") from None

    def _open_read_only(self) -> None:
        self.db = connect_read_only(self.path)
        self.read_only = True
        try:
            stored = self._read_schema_if_ready()
        except sqlite3.DatabaseError as err:
            stored, reason = None, describe(err)
        else:
            reason = "it needs upgrading, which needs writing"
        if stored is None:
            self.db.close()
            raise StoreError(f"{self.path}: cannot be read: {reason}")
        self._schema = stored

    def _prepare(self, schema: Schema | None) -> Schema:
        stored = self._read_schema_if_ready()
        if (
            stored is not None
            and upgrade_default(stored) == stored
            and (schema is None or schema == stored)
            and views_current(self.db, stored)
        ):
            return stored
        # SQLite's procedure for changing a table's constraints: foreign keys off meanwhile
        # (it cannot change inside a transaction); the migration checks them itself.
        self.db.execute("PRAGMA foreign_keys=OFF")
        try:
            return self._migrate_and_choose(schema)
        finally:
            self.db.execute("PRAGMA foreign_keys=ON")

    def _migrate_and_choose(self, schema: Schema | None) -> Schema:
        with self.transaction():
            migrate(self.db)
            stored = self._stored_schema()
            # A database made with an older default schema gets the default fields added since.
            upgraded = upgrade_default(stored) if stored is not None else None
            if stored is None or upgraded is None:
                chosen = schema or DEFAULT_SCHEMA
            elif schema is None or schema == upgraded:
                chosen = upgraded
            else:
                self._check_compatible(schema)
                chosen = schema
            if chosen != stored:
                self.db.table("meta").upsert({"key": "schema", "value": chosen.to_json()}, pk="key")
            refresh_views(self.db, chosen)
        return chosen

    def _read_schema_if_ready(self) -> Schema | None:
        """The stored schema when the database needs no migration (no write lock taken)."""
        from factcheck.store.migrations import MIGRATIONS, current_version

        if current_version(self.db) != len(MIGRATIONS):
            return None
        return self._stored_schema()

    def _stored_schema(self) -> Schema | None:
        row = self.db.execute("select value from meta where key = 'schema'").fetchone()
        if row is None:
            return None
        try:
            return Schema.from_json(row[0])
        except (SchemaError, ValueError) as err:
            raise StoreError(f"the stored schema is damaged: {err}") from None

    def _check_compatible(self, schema: Schema) -> None:
        used: dict[str, set[str]] = {}
        sql = "select distinct field, value from annotations union select distinct field, value from gold"
        for field, value in self.db.execute(sql):
            used.setdefault(field, set()).add(value)
        orphans = schema.orphans(used)
        if orphans:
            raise StoreError("the new schema would orphan existing labels: " + "; ".join(orphans[:20]))

    @property  # the mixins declare it as a plain attribute; here it is read-only
    def schema(self) -> Schema:  # type: ignore[override]
        """The label schema in force for this database."""
        return self._schema

    def refresh_schema(self) -> bool:
        """Re-read the stored schema (another process may have changed it); True when it changed.

        Raises:
            StoreError: the stored schema is damaged.
        """
        row = self.db.execute("select value from meta where key = 'schema'").fetchone()
        if row is None or row[0] == self._schema_text:
            return False
        self._schema_text = row[0]
        stored = self._stored_schema()
        if stored is None or stored == self._schema:
            return False
        self._schema = stored
        return True

    def transaction(self) -> AbstractContextManager[sqlite_utils.Database]:
        """A write transaction (``BEGIN IMMEDIATE``), retried while the file is locked."""
        return write_transaction(self.db, self._patience)

    def set_patience(self, seconds: float) -> None:
        """Wait at most ``seconds`` for the write lock, then raise StoreBusy (default: a minute)."""
        self._patience = seconds
        self.db.execute(f"PRAGMA busy_timeout = {max(int(seconds * 1000), 1)}")

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    def finish_interrupted(self, tell: Callable[[str], None] | None = None) -> int:
        """Complete the bulk operations (import, merge) whose process died after registering
        them, and delete stage files such processes left unregistered.

        Args:
            tell: called with a line for people before each operation is completed.

        Returns:
            The number of operations completed.
        """
        ops = bulk.interrupted(self.db)
        for op in ops:
            if tell is not None:
                tell(f"completing an interrupted {op.kind} of {op.origin} (started {op.started_at})")
            stats = bulk.HoldStats()
            if op.kind == "import":
                self.run_import_op(op, stats)
            else:
                self.run_merge_op(op, stats)
        if "bulk_ops" in self.db.table_names():
            keep = {row[0] for row in self.db.execute("select stage from bulk_ops")}
            bulk.sweep_stages(self.path, keep)
        return len(ops)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- ingest ---------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        """Whether an article with this id is stored."""
        sql = "select 1 from articles where id = ?"
        return self.db.execute(sql, [article_id]).fetchone() is not None

    def has_source(self, path: str, raw: str) -> bool:
        """Whether an article read from this path with this very content is stored, however
        it was cleaned: a factcheck that cleans it differently makes another id of it."""
        sql = "select 1 from articles where path = ? and raw = ?"
        return self.db.execute(sql, [path, raw]).fetchone() is not None

    def add_article(self, new: NewArticle) -> str | None:
        """Store an article and its mentions in one transaction.

        Returns:
            The new article's id, or None when the same content is already stored.
        """
        return self.add_articles([new])[0]

    def add_articles(self, news: Sequence[NewArticle]) -> list[str | None]:
        """Store articles and their mentions in one transaction (all or nothing).

        Returns:
            Each new article's id, or None when the same content is already stored (or
            comes earlier in ``news``): the same cleaned text, or the same file content read
            from the same path (cleaned otherwise by an earlier factcheck).
        """
        found: list[str | None] = []
        articles: list[dict[str, Any]] = []
        mentions: list[dict[str, Any]] = []

        def flush() -> None:
            _insert_rows(self.db.conn, "insert into articles", articles, 100)
            _insert_rows(self.db.conn, "insert into mentions", mentions, 500)
            claims = ({"id": r["claim_id"], "canonical_mention_id": r["id"], "size": 1} for r in mentions)
            _insert_rows(self.db.conn, "insert or replace into claims", claims, 500)
            articles.clear()
            mentions.clear()

        many = len(news) >= PUT_OFF_ARTICLES
        with self.transaction(), triggers_put_off(self.db.conn) if many else nullcontext():
            seq = self.db.execute("select coalesce(max(seq), 0) + 1 from articles").fetchone()[0]
            taken: set[str] = set()
            for new in news:
                aid = ids.article_id(new.text)
                if aid in taken or self.has_article(aid) or self.has_source(new.path, new.raw):
                    found.append(None)
                    continue
                taken.add(aid)
                found.append(aid)
                articles.append(_article_row(aid, seq + len(taken) - 1, new))
                mentions.extend(_mention_rows(aid, new))
                if len(mentions) >= ROWS_AT_ONCE:
                    flush()
            flush()
        return found

    # -- reading ----------------------------------------------------------------

    def articles(self) -> list[Article]:
        """All articles in ingest order (without raw text)."""
        sql = f"select {_ARTICLE_COLUMNS} from articles order by seq"
        return [Article(*row) for row in self.db.execute(sql)]

    def article(self, article_id: str) -> Article | None:
        """One article by id."""
        sql = f"select {_ARTICLE_COLUMNS} from articles where id = ?"
        row = self.db.execute(sql, [article_id]).fetchone()
        return Article(*row) if row else None

    def mentions(self, article_id: str) -> list[Mention]:
        """An article's mentions in text order."""
        sql = f"select {_MENTION_COLUMNS} from mentions where article_id = ? order by idx"
        return [Mention(*row) for row in self.db.execute(sql, [article_id])]

    def mention(self, mention_id: str) -> Mention | None:
        """One mention by id."""
        sql = f"select {_MENTION_COLUMNS} from mentions where id = ?"
        row = self.db.execute(sql, [mention_id]).fetchone()
        return Mention(*row) if row else None

    def iter_mentions(self) -> Iterator[Mention]:
        """Every mention, articles in ingest order, mentions in text order."""
        sql = (
            f"select {', '.join('m.' + c.strip() for c in _MENTION_COLUMNS.split(','))} "
            "from mentions m join articles a on a.id = m.article_id order by a.seq, m.idx"
        )
        for row in self.db.execute(sql):
            yield Mention(*row)

    def claim_mentions(self, claim_id: str) -> list[Mention]:
        """Every mention of a claim cluster."""
        sql = f"select {_MENTION_COLUMNS} from mentions where claim_id = ? order by id"
        return [Mention(*row) for row in self.db.execute(sql, [claim_id])]

    def count(self, table: str) -> int:
        """Number of rows in one of the store's tables."""
        if table not in {
            "articles",
            "mentions",
            "claims",
            "claim_links",
            "annotations",
            "events",
            "gold",
            "assignments",
            "flags",
        }:
            raise ValueError(table)
        return int(self.db.execute(f"select count(*) from {table}").fetchone()[0])

    def check(self) -> list[CheckFailure]:
        """SQLite's integrity and foreign-key checks and the claim invariants; what fails."""
        return check_database(self.db)

    def search(self, needle: str, limit: int = 200) -> list[Mention]:
        """Mentions whose text contains ``needle`` (case-insensitive), in export order."""
        pattern = "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        sql = (
            f"select {', '.join('m.' + c.strip() for c in _MENTION_COLUMNS.split(','))} "
            "from mentions m join articles a on a.id = m.article_id "
            "where m.text like ? escape '\\' order by a.seq, m.idx limit ?"
        )
        return [Mention(*row) for row in self.db.execute(sql, [pattern, limit])]


@contextmanager
def triggers_put_off(conn: sqlite3.Connection) -> Iterator[None]:
    """Inside a write transaction: drop the triggers that index and queue each new mention,
    and when the block ends, do their work for every mention it inserted with one statement
    each, then create them again as they were. A trigger runs a program per row: storing
    270,000 sentences took 9.9 s with them and 2.7 s without, catch-up included. Other
    connections never see the triggers missing (the change is part of the transaction, and
    an error rolls it all back); mentions inserted in the block get rowids above every
    earlier one."""
    names = list(_CATCH_UP)
    marks = ",".join("?" * len(names))
    found = conn.execute(
        f"select name, sql from sqlite_master where type = 'trigger' and name in ({marks})", names
    ).fetchall()
    last = conn.execute("select coalesce(max(rowid), 0) from mentions").fetchone()[0]
    for name, _sql in found:
        conn.execute(f'drop trigger "{name}"')
    yield
    for name, sql in found:
        conn.execute(_CATCH_UP[name], (last,))
        conn.execute(sql)


def _worth_reading_only(message: str) -> bool:
    """Whether an error opening a database is one that reading it read-only may avoid."""
    return any(s in message for s in ("disk I/O", "disk is full", "read-only", "unable to open", "readonly"))


def _insert_rows(conn: sqlite3.Connection, verb: str, rows: Iterable[dict[str, Any]], per: int) -> None:
    """Insert rows, dicts with the same keys in the same order (the columns), with statements
    of ``per`` rows each: one statement of many rows is much faster than one a row.

    Args:
        verb: how the statement begins, ``insert into <table>`` or ``insert or replace into <table>``.
    """
    columns: list[str] = []
    params: list[Any] = []
    count = 0
    for row in rows:
        if not columns:
            columns = list(row)
        params.extend(row.values())
        count += 1
        if count == per:
            conn.execute(_values(verb, columns, count), params)
            params, count = [], 0
    if count:
        conn.execute(_values(verb, columns, count), params)


def _values(verb: str, columns: list[str], rows: int) -> str:
    names = ", ".join(f'"{c}"' for c in columns)
    one = "(" + ", ".join("?" * len(columns)) + ")"
    return f"{verb} ({names}) values " + ", ".join([one] * rows)


def _article_row(aid: str, seq: int, new: NewArticle) -> dict[str, Any]:
    return {
        "id": aid,
        "seq": seq,
        "path": new.path,
        "title": new.title,
        "outlet": new.outlet,
        "wire": new.wire,
        "url": new.url,
        "published": new.published,
        "raw": new.raw,
        "text": new.text,
        "ingested_at": now(),
    }


def _mention_rows(aid: str, new: NewArticle) -> Iterator[dict[str, Any]]:
    for index, ((start, end), source) in enumerate(zip(new.spans, new.sources, strict=True)):
        yield mention_row(aid, index, start, end, new.text[start:end], source)
