"""Merging another factcheck database into this one: a union where the newest value wins.

The other database is snapshotted and checked first (``merge_checks``); then the merge is
registered and applied in short transactions (``bulk``): new articles with their sentences
and claims, claim links, the other event log, then every label and gold item. For each
(mention, annotator, field), and each gold (target, field), the newest value or clear of
either side wins; a clear is an event too, so a label cleared on one side does not come back
from an older copy. Merging twice, or A into B rather than B into A, gives the same labels.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlite_utils

from factcheck.store import bulk
from factcheck.store.connection import StoreError, describe
from factcheck.store.label_state import (
    GoldWrite,
    LabelWrite,
    State,
    Stored,
    gold_rows,
    label_rows,
    log_discarded,
    write_gold,
    write_labels,
)
from factcheck.store.merge_checks import ALIAS, check_against, prepare, snapshot, their_states
from factcheck.store.records import FLAG

if TYPE_CHECKING:
    from factcheck.schema import Schema


MERGE_KIND = "merge"
GOLD_MERGE_KIND = "gold-merge"
"""Event kinds that log a value a merge discarded: ``old`` is the discarded value, ``new``
the kept one (None: a clear was newer), ``ts`` when the discarded value was set (and, for
gold, ``annotator`` who set it). An identical entry is never logged twice."""


@dataclass(frozen=True)
class MergeReport:
    """What merging one database did."""

    articles_added: int = 0
    mentions_added: int = 0
    labels_added: int = 0
    labels_updated: int = 0
    """Labels replaced by the other database's newer value."""
    conflicts: int = 0
    """Values that met a different, newer value or clear and were discarded (newly logged)."""
    events_added: int = 0
    gold_added: int = 0
    gold_updated: int = 0
    gold_conflicts: int = 0
    labels_cleared: int = 0
    """Labels removed because the other database cleared them later."""
    gold_cleared: int = 0
    assignments_added: int = 0
    """Rows of the other database's assignment plan that this one lacked."""
    flags_added: int = 0
    """Sentence flags this database gained (the newest flag or unflag of either side wins)."""

    @property
    def changed(self) -> bool:
        """Whether the merge changed anything."""
        return any(vars(self).values())

    def summary(self) -> str:
        """One line for people."""
        return (
            (
                f"{self.articles_added} article(s), {self.mentions_added} sentence(s), "
                f"{self.labels_added} new, {self.labels_updated} updated and {self.labels_cleared} cleared "
                f"label(s), {self.conflicts} label conflict(s), {self.gold_added} new, {self.gold_updated} "
                f"updated and {self.gold_cleared} cleared gold, {self.gold_conflicts} gold conflict(s), "
                f"{self.events_added} event(s)"
            )
            + (f", {self.assignments_added} assignment(s)" if self.assignments_added else "")
            + (f", {self.flags_added} flag(s)" if self.flags_added else "")
        )


@dataclass(frozen=True)
class StagedMerge:
    """A checked snapshot of another database, ready to be registered and applied."""

    origin: str
    """The database merged, as given."""
    stage: Path


class MergeMixin:
    """Merging of :class:`factcheck.store.Store`."""

    db: sqlite_utils.Database
    path: str
    schema: Schema
    transaction: Callable[[], AbstractContextManager[sqlite_utils.Database]]

    def check_mergeable(self, other: str | Path) -> None:
        """Refuse (raise) when ``other`` cannot be merged into this database; change nothing.

        Raises:
            StoreError: missing, not a factcheck database, a newer format, this very file,
                a conflicting schema, a bad row (named with its table, row id and reason),
                or articles segmented differently.
        """
        staged = self.stage_merge(other)
        bulk.drop_stage(staged.stage)

    def stage_merge(self, other: str | Path) -> StagedMerge:
        """Snapshot ``other`` into a stage beside this database and check every row of it.

        Nothing is written to this database. The caller registers the stage with
        :meth:`apply_merges`, or deletes it.

        Raises:
            StoreError: see :meth:`check_mergeable`.
        """
        where = str(other)
        if not Path(where).is_file():
            raise StoreError(f"{where}: no such database")
        if Path(self.path).exists() and os.path.samefile(where, self.path):
            raise StoreError(f"{where}: cannot merge a database into itself")
        path, conn = bulk.new_stage(self.path)
        try:
            try:
                snapshot(where, conn)
                prepare(conn, self.schema, where)
                with bulk.attached(self.db, path, ALIAS):
                    check_against(self.db, where)
                their_states(conn)
            except sqlite3.Error as err:
                raise StoreError(f"{where}: {describe(err)}") from None
            except UnicodeDecodeError:
                # SQLite's own message about a damaged file can hold bytes that are not UTF-8.
                raise StoreError(f"{where}: the database is damaged (malformed schema or text)") from None
            bulk.seal_stage(conn, path)
        except BaseException:
            conn.close()
            bulk.drop_stage(path)
            raise
        return StagedMerge(where, path)

    def merge_from(self, other: str | Path) -> MergeReport:
        """Union another factcheck database into this one (see the module's description).

        Raises:
            StoreError: see :meth:`check_mergeable`.
        """
        return self.apply_merges([self.stage_merge(other)])[0]

    def apply_merges(
        self, staged: list[StagedMerge], stats: bulk.HoldStats | None = None
    ) -> list[MergeReport]:
        """Register checked snapshots in one transaction, then apply each in short transactions.

        Once registered they are completed even if this process dies: the next command
        that opens the database finishes them.
        """
        ops = bulk.register(self.db, [("merge", s.stage, s.origin) for s in staged])
        return [self.run_merge_op(op, stats or bulk.HoldStats()) for op in ops]

    def run_merge_op(self, op: bulk.BulkOp, stats: bulk.HoldStats) -> MergeReport:
        """Apply a registered merge from its start (every step is idempotent), then forget it."""
        stage = Path(op.stage)
        if not stage.exists():
            bulk.finish(self.db, op)
            raise StoreError(f"the staged merge of {op.origin} is gone ({stage}); merge it again")
        applier = _MergeApplier(self.db, op.id)
        with bulk.attached(self.db, stage, ALIAS):
            for step in applier.steps():
                applier.cursor = 0  # each step walks one table of the snapshot by rowid
                bulk.in_short_transactions(self.db, step, stats)
        bulk.finish(self.db, op)
        return applier.report()


def _common_columns(db: sqlite_utils.Database, table: str, leave_out: tuple[str, ...] = ()) -> list[str]:
    """Columns ``table`` has in both databases (others may add columns; they travel too)."""
    ours = [row[1] for row in db.execute(f"pragma main.table_info({table})")]
    theirs = {row[1] for row in db.execute(f"pragma {ALIAS}.table_info({table})")}
    return [f'"{c}"' for c in ours if c in theirs and c not in leave_out]


class _MergeApplier:
    """The apply steps of one merge, each a chunk of work per transaction."""

    def __init__(self, db: sqlite_utils.Database, batch: str) -> None:
        self.db, self.batch = db, batch
        self.counts = dict.fromkeys((f.name for f in fields(MergeReport)), 0)
        self.cursor = 0
        self.new_articles: list[str] = []

    def report(self) -> MergeReport:
        return MergeReport(**self.counts)

    def steps(self) -> list[Callable[[int], int]]:
        self.new_articles = [
            row[0]
            for row in self.db.execute(
                f"select id from {ALIAS}.articles where id not in (select id from main.articles) order by seq"
            )
        ]
        return [
            self._articles,
            self._links,
            self._events,
            self._labels,
            self._gold,
            self._assignments,
            self._flags,
        ]

    def _count(self, what: str, before: str | None, after: str | None) -> None:
        """Count a value the merge adds, updates or clears (``what``: labels or gold)."""
        if after != before:
            change = "added" if before is None else "cleared" if after is None else "updated"
            self.counts[f"{what}_{change}"] += 1

    def _exec(self, sql: str, params: Sequence[object] | None = None) -> int:
        return int(self.db.conn.execute(sql, params or []).rowcount)

    def _articles(self, size: int) -> int:
        """Articles only the other has, after ours in its order, with their sentences and claims."""
        chunk, self.new_articles = (
            self.new_articles[: max(1, size // 20)],
            self.new_articles[max(1, size // 20) :],
        )
        if not chunk:
            return 0
        marks = ",".join("?" * len(chunk))
        base = self.db.execute("select coalesce(max(seq), 0) from main.articles").fetchone()[0]
        columns = _common_columns(self.db, "articles", ("seq",))
        picked = ", ".join("o." + c for c in columns)
        self.counts["articles_added"] += self._exec(
            f"insert into main.articles (seq, {', '.join(columns)}) "
            "select ? + row_number() over (order by o.seq), "
            f"{picked} from {ALIAS}.articles o where o.id in ({marks}) "
            "and o.id not in (select id from main.articles) order by o.seq",
            [base, *chunk],
        )
        columns = _common_columns(self.db, "mentions")
        self.counts["mentions_added"] += self._exec(
            f"insert or ignore into main.mentions ({', '.join(columns)}) select {', '.join(columns)} "
            f"from {ALIAS}.mentions where article_id in ({marks}) order by article_id, idx",
            chunk,
        )
        touched = f"select distinct claim_id from {ALIAS}.mentions where article_id in ({marks})"
        self._exec(
            "insert or ignore into main.claims (id, canonical_mention_id, size) "
            f"select id, canonical_mention_id, size from {ALIAS}.claims where id in ({touched})",
            chunk,
        )
        self._exec(
            "update main.claims set size = (select count(*) from main.mentions m "
            f"where m.claim_id = claims.id) where id in ({touched})",
            chunk,
        )
        # The other database's canonical mention of a claim may be in an article of a later
        # chunk (or not copied at all): until then the claim takes one of the mentions it has.
        self._exec(
            "update main.claims set canonical_mention_id = (select min(m.id) from main.mentions m "
            f"where m.claim_id = claims.id) where id in ({touched}) and not exists (select 1 from "
            "main.mentions m where m.id = claims.canonical_mention_id and m.claim_id = claims.id)",
            chunk,
        )
        return len(chunk) * 20

    def _next_rows(self, table: str, columns: str, size: int) -> list[Any]:
        """Up to ``size`` rows of the other database's ``table`` after the cursor, in rowid
        order: the rowid first, then ``columns``."""
        selected = f"rowid, {columns}" if columns else "rowid"
        return self.db.execute(
            f"select {selected} from {ALIAS}.{table} where rowid > ? order by rowid limit ?",
            [self.cursor, size],
        ).fetchall()

    def _links(self, size: int) -> int:
        """Human cluster decisions (links) are kept from both sides; ours win on a clash."""
        rows = self._next_rows("claim_links", "", size)
        if not rows:
            return 0
        self._exec(
            "insert or ignore into main.claim_links (claim_a, claim_b, kind, score) "
            f"select claim_a, claim_b, kind, score from {ALIAS}.claim_links where rowid > ? and rowid <= ? "
            # Only between claims this database has (claim_links references claims).
            "and claim_a in (select id from main.claims) and claim_b in (select id from main.claims)",
            [self.cursor, rows[-1][0]],
        )
        self.cursor = rows[-1][0]
        return len(rows)

    def _events(self, size: int) -> int:
        """The other event log, in its order; an event already here is not copied again."""
        rows = self.db.execute(
            f"select id from {ALIAS}.events where id > ? order by id limit ?", [self.cursor, size]
        ).fetchall()
        if not rows:
            return 0
        columns = _common_columns(self.db, "events", ("id",))
        same = " and ".join(f"e.{c} is o.{c}" for c in ("annotator", "old", "new", "kind"))
        self.counts["events_added"] += self._exec(
            f"insert into main.events ({', '.join(columns)}) select {', '.join('o.' + c for c in columns)} "
            f"from {ALIAS}.events o where o.id > ? and o.id <= ? and not exists (select 1 from main.events e "
            "where e.mention_id is o.mention_id and e.field is o.field and e.ts = o.ts "
            f"and {same}) order by o.id",
            [self.cursor, rows[-1][0]],
        )
        self.cursor = rows[-1][0]
        return len(rows)

    def _labels(self, size: int) -> int:
        rows = self._next_rows("their_labels", "mention_id, annotator, field, value, at", size)
        if not rows:
            return 0
        self.cursor = rows[-1][0]
        ours = label_rows(self.db, [(m, w, f) for _r, m, w, f, _v, _a in rows])
        writes, lost = [], []
        for _rowid, m, w, f, value, at in rows:
            stored = ours.get((m, w, f), Stored())
            theirs = State(value, at)
            winner = theirs if theirs.beats(stored.state) else stored.state
            if winner.value != stored.value or (winner.value is not None and winner.at != stored.at):
                writes.append(LabelWrite(m, w, f, stored.value, winner.value, winner.at or ""))
                self._count("labels", stored.value, winner.value)
            for loser in (State(stored.value, stored.at), theirs):
                if loser.value is not None and loser.value != winner.value:
                    lost.append((loser.at, w, m, f, loser.value, winner.value))
        write_labels(self.db, writes, None, self.batch)
        self.counts["conflicts"] += log_discarded(self.db, lost, MERGE_KIND, self.batch)
        return len(rows)

    def _gold(self, size: int) -> int:
        rows = self._next_rows("their_gold", "target_kind, target_id, field, value, adjudicator, at", size)
        if not rows:
            return 0
        self.cursor = rows[-1][0]
        ours = gold_rows(self.db, [(t, f) for _r, _k, t, f, _v, _w, _a in rows])
        writes, lost = [], []
        for _rowid, kind, t, f, value, who, at in rows:
            stored = ours.get((t, f), Stored())
            theirs = State(value, at, who, kind)
            winner = theirs if theirs.beats(stored.state) else stored.state
            if winner.value != stored.value or (
                winner.value is not None and (winner.at, winner.who) != (stored.at, stored.who)
            ):
                target_kind = winner.kind or stored.kind or kind or "mention"
                writes.append(
                    GoldWrite(
                        target_kind, t, f, stored.value, winner.value, winner.who or "", winner.at or ""
                    )
                )
                self._count("gold", stored.value, winner.value)
            for loser in (State(stored.value, stored.at, stored.who), theirs):
                if loser.value is not None and loser.value != winner.value:
                    lost.append((loser.at, loser.who, t, f, loser.value, winner.value))
        write_gold(self.db, writes, None, self.batch)
        self.counts["gold_conflicts"] += log_discarded(self.db, lost, GOLD_MERGE_KIND, self.batch)
        return len(rows)

    def _assignments(self, size: int) -> int:
        """The other plan's rows this one lacks (a union), and its settings if this one has none."""
        rows = self._next_rows("assignments", "", size)
        if not rows:
            return 0
        self.counts["assignments_added"] += self._exec(
            "insert or ignore into main.assignments (item_id, annotator, unit, assigned_at) "
            f"select item_id, annotator, unit, assigned_at from {ALIAS}.assignments "
            "where rowid > ? and rowid <= ?",
            [self.cursor, rows[-1][0]],
        )
        self._exec(
            "insert or ignore into main.meta (key, value) "
            f"select key, value from {ALIAS}.meta where key = 'plan'"
        )
        self.cursor = rows[-1][0]
        return len(rows)

    def _flags(self, size: int) -> int:
        """Flags: per (sentence, annotator) the newest flag event of either database wins, an
        unflag (clear) included, as for labels; the events were unioned by an earlier step."""
        if self.cursor:
            return 0
        self.cursor = 1
        touched = (
            f"select mention_id, annotator from {ALIAS}.flags union "
            f"select mention_id, annotator from {ALIAS}.events where field = ?"
        )
        latest = (
            "select mention_id, annotator, new, ts from (select mention_id, annotator, new, ts, "
            "row_number() over (partition by mention_id, annotator order by ts desc, id desc) as n "
            f"from main.events where field = ? and (mention_id, annotator) in ({touched})) where n = 1"
        )
        self._exec(
            f"delete from main.flags where (mention_id, annotator) in "
            f"(select mention_id, annotator from ({latest}) where new is null)",
            [FLAG, FLAG],
        )
        added = self._exec(
            "insert or ignore into main.flags (mention_id, annotator, flagged_at) "
            f"select mention_id, annotator, ts from ({latest}) where new is not null "
            "and mention_id in (select id from main.mentions)",
            [FLAG, FLAG],
        )
        # Flags of sentences whose events the other database does not have (none are kept
        # without one today, but a flag must never be dropped by a merge).
        added += self._exec(
            "insert or ignore into main.flags (mention_id, annotator, flagged_at) "
            f"select o.mention_id, o.annotator, o.flagged_at from {ALIAS}.flags o "
            "where o.mention_id in (select id from main.mentions) and not exists "
            "(select 1 from main.events e where e.field = ? and e.mention_id = o.mention_id "
            "and e.annotator = o.annotator)",
            [FLAG],
        )
        self.counts["flags_added"] += added
        return 1
