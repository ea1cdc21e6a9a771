"""Imports: validated labels and gold staged in a private file, then applied in short transactions."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import sqlite_utils

from factcheck.store import bulk
from factcheck.store.connection import StoreError, chunks, describe, now
from factcheck.store.label_state import (
    NOTHING,
    GoldWrite,
    LabelWrite,
    State,
    gold_states,
    label_states,
    write_gold,
    write_labels,
)

if TYPE_CHECKING:
    from factcheck.schema import Schema

IMPORT_KIND = "import"
"""Event kind of a label written by an import."""
GOLD_IMPORT_KIND = "gold-import"
"""Event kind of gold written by an import (not undone by an adjudicator's undo)."""
IMPORT_ADJUDICATOR = "import"
"""The adjudicator recorded on imported gold whose record does not name one."""


@dataclass(frozen=True)
class StagedLabel:
    """One validated label of an import file."""

    line: int
    mention_id: str
    annotator: str
    field: str
    value: str
    at: str | None
    """When the value was set, if the file says; else the import's own time."""


@dataclass(frozen=True)
class StagedGold:
    """One validated gold value of an import file (on a mention; claim-scoped gold reaches its claim)."""

    line: int
    mention_id: str
    field: str
    value: str
    adjudicator: str | None
    at: str | None


@dataclass(frozen=True)
class ImportReport:
    """What an import did."""

    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicts: int = 0
    """Values that met a different, newer value (in the file or the database) and were not kept."""
    gold_added: int = 0
    gold_updated: int = 0
    gold_unchanged: int = 0


_STAGE_SQL = (
    "create table labels (seq integer primary key, line int, mention_id text, claim_id text, "
    "annotator text, field text, value text, at text, whole_claim int)",
    "create table gold (seq integer primary key, line int, mention_id text, claim_id text, "
    "field text, value text, adjudicator text, at text, whole_claim int)",
    "create table info (key text primary key, value)",
)


class ImportStage:
    """A private file filling with validated rows; nothing reaches the database until it is applied."""

    def __init__(self, db_path: str, schema: Schema) -> None:
        self.schema = schema
        self.path, self._conn = bulk.new_stage(db_path)
        self._open = True
        for sql in _STAGE_SQL:
            self._conn.execute(sql)
        self._conn.execute("begin")

    def add(
        self, labels: Sequence[StagedLabel], gold: Sequence[StagedGold], claims: dict[str, str | None]
    ) -> None:
        """Stage rows whose mentions are known (``claims``: mention id -> claim id)."""
        scope = {f.name: f.scope == "claim" for f in self.schema}
        self._conn.executemany(
            "insert into labels (line, mention_id, claim_id, annotator, field, value, at, whole_claim) "
            "values (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    r.line,
                    r.mention_id,
                    claims[r.mention_id],
                    r.annotator,
                    r.field,
                    r.value,
                    r.at,
                    scope[r.field],
                )
                for r in labels
            ],
        )
        self._conn.executemany(
            "insert into gold (line, mention_id, claim_id, field, value, adjudicator, at, whole_claim) "
            "values (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    r.line,
                    r.mention_id,
                    claims[r.mention_id],
                    r.field,
                    r.value,
                    r.adjudicator,
                    r.at,
                    scope[r.field],
                )
                for r in gold
            ],
        )

    def seal(self, origin: str) -> int:
        """Resolve the file's own conflicts (the newest value of each item wins, then the last
        line), date undated rows with the import's time, and make the file durable.

        Returns:
            The number of items the file gave different values.
        """
        conn, at = self._conn, now()
        conn.execute("update labels set at = ? where at is null", [at])
        conn.execute("update gold set at = ? where at is null", [at])
        label_key = (
            "case when whole_claim then coalesce(claim_id, mention_id) else mention_id end, annotator, field"
        )
        gold_key = "case when whole_claim then coalesce(claim_id, mention_id) else mention_id end, field"
        conflicts = 0
        for table, key in (("labels", label_key), ("gold", gold_key)):
            conflicts += conn.execute(
                f"select count(*) from (select 1 from {table} group by {key} "
                "having count(distinct value) > 1)"
            ).fetchone()[0]
            conn.execute(
                f"delete from {table} where seq in (select seq from (select seq, row_number() over "
                f"(partition by {key} order by at desc, seq desc) as n from {table}) where n > 1)"
            )
        conn.executemany(
            "insert into info values (?, ?)", [("file", origin), ("conflicts", conflicts), ("at", at)]
        )
        conn.execute("commit")
        bulk.seal_stage(conn, self.path)
        self._open = False
        return int(conflicts)

    def discard(self) -> None:
        """Drop the stage: nothing from it is written."""
        if self._open:
            self._conn.close()
            self._open = False
        bulk.drop_stage(self.path)


class ImportMixin:
    """Imports of :class:`factcheck.store.Store`."""

    db: sqlite_utils.Database
    path: str
    schema: Schema
    transaction: Callable[[], AbstractContextManager[sqlite_utils.Database]]

    def stage_import(self) -> ImportStage:
        """A new, empty stage for an import file's validated rows."""
        return ImportStage(self.path, self.schema)

    def known_mentions(self, mention_ids: Sequence[str]) -> dict[str, str | None]:
        """mention id -> claim id, for those of ``mention_ids`` that exist."""
        found: dict[str, str | None] = {}
        for chunk in chunks(list(dict.fromkeys(mention_ids))):
            marks = ",".join("?" * len(chunk))
            sql = f"select id, claim_id from mentions where id in ({marks})"
            found.update(self.db.execute(sql, list(chunk)).fetchall())
        return found

    def apply_import(
        self, stage: ImportStage, origin: str, stats: bulk.HoldStats | None = None
    ) -> ImportReport:
        """Register a sealed stage, apply it in short transactions, and forget it.

        Once registered, the import is completed even if this process dies: the next
        command that opens the database finishes it.
        """
        (op,) = bulk.register(self.db, [("import", stage.path, origin)])
        return self.run_import_op(op, stats or bulk.HoldStats())

    def run_import_op(self, op: bulk.BulkOp, stats: bulk.HoldStats) -> ImportReport:
        """Apply a registered import from its start (every step is idempotent), then forget it."""
        stage = Path(op.stage)
        if not stage.exists():
            bulk.finish(self.db, op)
            raise StoreError(f"the staged import of {op.origin} is gone ({stage}); import the file again")
        applier = _ImportApplier(self.db, op.id)
        with bulk.attached(self.db, stage):
            try:
                conflicts = int(
                    self.db.execute(
                        f"select value from {bulk.STAGE_ALIAS}.info where key = 'conflicts'"
                    ).fetchone()[0]
                )
            except (sqlite3.DatabaseError, TypeError) as err:
                raise StoreError(
                    f"{stage}: damaged stage file: {describe(err) if isinstance(err, sqlite3.Error) else err}"
                ) from None
            applier.conflicts = conflicts
            bulk.in_short_transactions(self.db, applier.labels_step, stats)
            bulk.in_short_transactions(self.db, applier.gold_step, stats)
        bulk.finish(self.db, op)
        return applier.counts()


class _ImportApplier:
    """The apply steps of one import: staged rows in order, a chunk per transaction."""

    def __init__(self, db: sqlite_utils.Database, batch: str) -> None:
        self.db, self.batch = db, batch
        self.last_label = self.last_gold = 0
        self.inserted = self.updated = self.unchanged = self.conflicts = 0
        self.gold_added = self.gold_updated = self.gold_unchanged = 0

    def counts(self) -> ImportReport:
        return ImportReport(
            self.inserted,
            self.updated,
            self.unchanged,
            self.conflicts,
            self.gold_added,
            self.gold_updated,
            self.gold_unchanged,
        )

    def _targets(self, mention_id: str, whole_claim: bool) -> list[str]:
        if not whole_claim:
            return [mention_id]
        sql = (
            "select id from main.mentions where claim_id = (select claim_id from main.mentions where id = ?)"
        )
        return [row[0] for row in self.db.execute(sql, [mention_id])] or [mention_id]

    def labels_step(self, size: int) -> int:
        sql = (
            "select seq, mention_id, annotator, field, value, at, whole_claim "
            f"from {bulk.STAGE_ALIAS}.labels "
            "where seq > ? order by seq limit ?"
        )
        rows = self.db.execute(sql, [self.last_label, size]).fetchall()
        if not rows:
            return 0
        self.last_label = rows[-1][0]
        wanted = [
            (t, who, name, value, at)
            for _s, mid, who, name, value, at, claim in rows
            for t in self._targets(mid, bool(claim))
        ]
        states = label_states(self.db, [(t, who, name) for t, who, name, _v, _a in wanted])
        writes = []
        for t, who, name, value, at in wanted:
            current = states.get((t, who, name), NOTHING)
            incoming = State(value, at)
            if current.value == value:
                self.unchanged += 1
            elif current.at is not None and current.at > at:
                self.conflicts += 1  # a newer value (or clear) is kept
            else:
                self.inserted += current.value is None
                self.updated += current.value is not None
                writes.append(LabelWrite(t, who, name, current.value, value, at))
                states[(t, who, name)] = incoming
        write_labels(self.db, writes, IMPORT_KIND, self.batch)
        return len(rows)

    def gold_step(self, size: int) -> int:
        sql = (
            "select seq, mention_id, field, value, adjudicator, at, whole_claim "
            f"from {bulk.STAGE_ALIAS}.gold "
            "where seq > ? order by seq limit ?"
        )
        rows = self.db.execute(sql, [self.last_gold, size]).fetchall()
        if not rows:
            return 0
        self.last_gold = rows[-1][0]
        wanted = []
        for _s, mid, name, value, who, at, claim in rows:
            if claim:
                found = self.db.execute("select claim_id from main.mentions where id = ?", [mid]).fetchone()
                if found is None or found[0] is None:
                    continue
                wanted.append(("claim", found[0], name, value, who, at))
            else:
                wanted.append(("mention", mid, name, value, who, at))
        states = gold_states(self.db, [(t, name) for _k, t, name, _v, _w, _a in wanted])
        writes = []
        for kind, target, name, value, who, at in wanted:
            current = states.get((target, name), NOTHING)
            if current.value == value:
                self.gold_unchanged += 1
            elif current.at is not None and current.at > at:
                self.conflicts += 1
            else:
                self.gold_added += current.value is None
                self.gold_updated += current.value is not None
                writes.append(
                    GoldWrite(kind, target, name, current.value, value, who or IMPORT_ADJUDICATOR, at)
                )
                states[(target, name)] = State(value, at)
        write_gold(self.db, writes, GOLD_IMPORT_KIND, self.batch)
        return len(rows)
