"""Merging another factcheck database into this one: a union, all or nothing."""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import sqlite_utils

from factcheck.store.connection import StoreError, describe
from factcheck.store.merge_checks import ALIAS, validate_attached

if TYPE_CHECKING:
    from factcheck.schema import Schema


MERGE_KIND = "merge"
GOLD_MERGE_KIND = "gold-merge"
"""Event kinds of a merge conflict on a label / on gold. The event keeps the value that lost:
``old`` is the discarded value, ``new`` the kept one, ``ts`` when the discarded value was set
(and, for gold, ``annotator`` who set it). A fixed ``ts`` makes a repeated merge log nothing."""

_EVENT_KEY = "ts, annotator, mention_id, field, old, new, kind"
"""Two events with the same key are the same event: merging twice copies nothing twice."""


@dataclass(frozen=True)
class MergeReport:
    """What merging one database did."""

    articles_added: int = 0
    mentions_added: int = 0
    labels_added: int = 0
    labels_updated: int = 0
    """Labels replaced by the other database's newer value."""
    conflicts: int = 0
    """Labels on which the two databases disagreed (newly seen by this merge)."""
    events_added: int = 0
    gold_added: int = 0
    gold_updated: int = 0
    gold_conflicts: int = 0
    assignments_added: int = 0
    """Rows of the other database's assignment plan that this one lacked."""

    @property
    def changed(self) -> bool:
        """Whether the merge changed anything."""
        return any(vars(self).values())

    def summary(self) -> str:
        """One line for people."""
        return (
            f"{self.articles_added} article(s), {self.mentions_added} sentence(s), "
            f"{self.labels_added} new and {self.labels_updated} updated label(s), "
            f"{self.conflicts} label conflict(s), {self.gold_added} new and {self.gold_updated} "
            f"updated gold, {self.gold_conflicts} gold conflict(s), {self.events_added} event(s)"
        ) + (f", {self.assignments_added} assignment(s)" if self.assignments_added else "")


class MergeMixin:
    """Merging of :class:`factcheck.store.Store`."""

    db: sqlite_utils.Database
    path: str
    schema: Schema
    transaction: Callable[[], AbstractContextManager[sqlite_utils.Database]]
    _merge_assignments: Callable[[str], int]

    def check_mergeable(self, other: str | Path) -> None:
        """Refuse (raise) when ``other`` cannot be merged into this database; change nothing.

        Raises:
            StoreError: missing, not a factcheck database, another format, this very file,
                a conflicting schema, or articles segmented differently.
        """
        self._merge_attach(other)
        try:
            validate_attached(self.db, self.schema, str(other))
        finally:
            self._merge_detach()

    def merge_from(self, other: str | Path) -> MergeReport:
        """Union another factcheck database into this one in one write transaction.

        Articles only the other has are added (after ours, in its order) with their
        mentions and claims; labels, gold and events are united. When both hold a value
        for the same (mention, annotator, field) or gold (target, field), the newest wins
        and the discarded value is logged as an event. Merging twice changes nothing.

        Raises:
            StoreError: see :meth:`check_mergeable`.
        """
        self._merge_attach(other)
        try:
            validate_attached(self.db, self.schema, str(other))
            with self.transaction():
                report = self._merge_all()
                report = replace(report, assignments_added=self._merge_assignments(ALIAS))
        finally:
            self._merge_detach()
        return report

    # -- attaching and checking -------------------------------------------------------

    def _merge_attach(self, other: str | Path) -> None:
        where = str(other)
        if not Path(where).is_file():
            raise StoreError(f"{where}: no such database")
        if Path(self.path).exists() and os.path.samefile(where, self.path):
            raise StoreError(f"{where}: cannot merge a database into itself")
        try:
            # ATTACH is not allowed inside the write transaction; DETACH neither.
            self.db.execute(f"attach database ? as {ALIAS}", [where])
        except sqlite3.DatabaseError as err:
            raise StoreError(f"{where}: {describe(err)}") from None

    def _merge_detach(self) -> None:
        attached = [row[1] for row in self.db.execute("pragma database_list")]
        if ALIAS in attached:
            self.db.execute(f"detach database {ALIAS}")

    # -- the merge itself (inside the transaction) ----------------------------------------

    def _merge_all(self) -> MergeReport:
        articles, mentions = self._merge_articles()
        self._merge_claims()
        events = self._merge_events()
        added, updated, conflicts = self._merge_labels()
        gold_added, gold_updated, gold_conflicts = self._merge_gold()
        self._merge_exec("drop table if exists temp.merge_new_articles")
        return MergeReport(
            articles, mentions, added, updated, conflicts, events, gold_added, gold_updated, gold_conflicts
        )

    def _merge_exec(self, sql: str, params: list[object] | None = None) -> int:
        return int(self.db.conn.execute(sql, params or []).rowcount)

    def _merge_articles(self) -> tuple[int, int]:
        self._merge_exec("drop table if exists temp.merge_new_articles")
        self._merge_exec(
            f"create temp table merge_new_articles as select id from {ALIAS}.articles "
            "where id not in (select id from main.articles)"
        )
        base = self.db.execute("select coalesce(max(seq), 0) from main.articles").fetchone()[0]
        columns = "id, path, title, outlet, url, published, raw, text, ingested_at"
        articles = self._merge_exec(
            f"insert into main.articles (seq, {columns}) select ? + row_number() over (order by o.seq), "
            f"{', '.join('o.' + c for c in columns.split(', '))} from {ALIAS}.articles o "
            "where o.id in (select id from temp.merge_new_articles) order by o.seq",
            [base],
        )
        columns = 'id, article_id, idx, start, "end", text, claim_id, suggested_source'
        mentions = self._merge_exec(
            f"insert into main.mentions ({columns}) select {columns} from {ALIAS}.mentions "
            "where article_id in (select id from temp.merge_new_articles) order by article_id, idx"
        )
        return articles, mentions

    def _merge_claims(self) -> None:
        touched = (
            f"select distinct claim_id from {ALIAS}.mentions "
            "where article_id in (select id from temp.merge_new_articles)"
        )
        self._merge_exec(
            "insert or ignore into main.claims (id, canonical_mention_id, size) "
            f"select id, canonical_mention_id, size from {ALIAS}.claims where id in ({touched})"
        )
        self._merge_exec(
            "update main.claims set size = (select count(*) from main.mentions m "
            f"where m.claim_id = claims.id) where id in ({touched})"
        )
        # Human cluster decisions (links) are kept from both sides; ours win on a clash.
        self._merge_exec(
            "insert or ignore into main.claim_links (claim_a, claim_b, kind, score) "
            f"select claim_a, claim_b, kind, score from {ALIAS}.claim_links"
        )

    def _merge_events(self) -> int:
        self._merge_exec("drop table if exists temp.merge_new_events")
        self._merge_exec(
            f"create temp table merge_new_events as select {_EVENT_KEY} from {ALIAS}.events "
            f"except select {_EVENT_KEY} from main.events"
        )
        self._merge_exec("create index temp.merge_new_events_ts on merge_new_events (ts)")
        same = " and ".join(f"n.{c} is o.{c}" for c in _EVENT_KEY.split(", ")[1:])
        columns = "ts, annotator, mention_id, field, old, new, dwell_ms, kind, batch, undoes"
        added = self._merge_exec(
            f"insert into main.events ({columns}) select {', '.join('o.' + c for c in columns.split(', '))} "
            f"from {ALIAS}.events o where exists (select 1 from temp.merge_new_events n "
            f"where n.ts = o.ts and {same}) order by o.id"
        )
        self._merge_exec("drop table temp.merge_new_events")
        return added

    def _merge_labels(self) -> tuple[int, int, int]:
        key = ("mention_id", "annotator", "field")
        conflicts = self._merge_clashes("annotations", key, MERGE_KIND, "annotator")
        updated = self._merge_exec(
            "update main.annotations as a set value = c.theirs, updated_at = c.theirs_at "
            "from temp.merge_clashes c where c.theirs_win and a.mention_id = c.mention_id "
            "and a.annotator = c.annotator and a.field = c.field"
        )
        added = self._merge_exec(
            "insert into main.annotations (mention_id, annotator, field, value, updated_at) "
            f"select o.mention_id, o.annotator, o.field, o.value, o.updated_at from {ALIAS}.annotations o "
            "where not exists (select 1 from main.annotations a where a.mention_id = o.mention_id "
            "and a.annotator = o.annotator and a.field = o.field)"
        )
        self._merge_exec("drop table temp.merge_clashes")
        return added, updated, conflicts

    def _merge_gold(self) -> tuple[int, int, int]:
        conflicts = self._merge_clashes("gold", ("target_id", "field"), GOLD_MERGE_KIND, "adjudicator")
        updated = self._merge_exec(
            "update main.gold as g set value = c.theirs, updated_at = c.theirs_at, "
            "adjudicator = c.theirs_who from temp.merge_clashes c "
            "where c.theirs_win and g.target_id = c.target_id and g.field = c.field"
        )
        added = self._merge_exec(
            "insert into main.gold (target_kind, target_id, field, value, adjudicator, updated_at) "
            "select o.target_kind, o.target_id, o.field, o.value, o.adjudicator, o.updated_at "
            f"from {ALIAS}.gold o where not exists (select 1 from main.gold g "
            "where g.target_id = o.target_id and g.field = o.field)"
        )
        self._merge_exec("drop table temp.merge_clashes")
        return added, updated, conflicts

    def _merge_clashes(self, table: str, key: tuple[str, ...], kind: str, who: str) -> int:
        """Collect the rows both sides hold with different values; log the clashes not yet logged.

        The newer value wins (on equal times the greater value, so the result does not
        depend on which database is merged into which).
        """
        self._merge_exec("drop table if exists temp.merge_clashes")
        on = " and ".join(f"a.{c} = o.{c}" for c in key)
        theirs_win = "(o.updated_at > a.updated_at or (o.updated_at = a.updated_at and o.value > a.value))"
        self._merge_exec(
            f"create temp table merge_clashes as select {', '.join('o.' + c for c in key)}, "
            f"a.value as ours, a.updated_at as ours_at, a.{who} as ours_who, o.value as theirs, "
            f"o.updated_at as theirs_at, o.{who} as theirs_who, {theirs_win} as theirs_win "
            f"from {ALIAS}.{table} o join main.{table} a on {on} where a.value is not o.value"
        )
        target = "mention_id" if table == "annotations" else "target_id"
        lost = (
            "select case when theirs_win then ours_at else theirs_at end, "
            "case when theirs_win then ours_who else theirs_who end, "
            f"{target}, field, case when theirs_win then ours else theirs end, "
            "case when theirs_win then theirs else ours end, :kind from temp.merge_clashes "
            f"except select {_EVENT_KEY} from main.events where kind = :kind"
        )
        sql = f"insert into main.events ({_EVENT_KEY}, batch) select *, :batch from ({lost})"
        return int(self.db.conn.execute(sql, {"kind": kind, "batch": uuid.uuid4().hex}).rowcount)
