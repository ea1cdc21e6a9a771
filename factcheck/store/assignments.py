"""The assignment plan: who is to label which article or sentence, and how far each has got."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from factcheck.store.connection import StoreError, chunks, now

ARTICLE = "article"
"""Plan unit: whole articles (an item is an article id)."""
SENTENCE = "sentence"
"""Plan unit: single sentences (an item is a mention id)."""
UNITS = (ARTICLE, SENTENCE)

_JOIN = {
    ARTICLE: "join mentions m on m.article_id = s.item_id",
    SENTENCE: "join mentions m on m.id = s.item_id",
}
"""How an assignment row reaches the sentences it covers, per unit."""


def _labelled(fields: Sequence[str]) -> str:
    """SQL: the assigned sentence is done, its annotator having given it one of ``fields`` (bound after)."""
    marks = ",".join("?" * len(fields))
    return (
        "exists (select 1 from annotations x where x.mention_id = m.id and x.annotator = s.annotator "
        f"and x.field in ({marks}))"
    )


Pair = tuple[str, str]
"""(item id, annotator)."""


@dataclass(frozen=True)
class PlanState:
    """What a new plan is computed from, read inside the transaction that writes it."""

    unit: str
    items: list[tuple[str, int]]
    """(item id, number of sentences) of every item, articles in ingest order, sentences in text order."""
    assigned: dict[str, set[str]]
    """item id -> annotators the stored plan gives it to."""
    labelled: dict[str, set[str]]
    """item id -> annotators who have labelled at least one of its sentences."""


@dataclass(frozen=True)
class PlanChange:
    """What writing a plan changed."""

    added: int
    removed: int
    rows: int
    """Assignments in the plan now."""


@dataclass(frozen=True)
class PlanProgress:
    """One annotator's share of the plan and how much of it is done."""

    items: int
    """Articles or sentences assigned."""
    sentences: int
    """Sentences those items hold."""
    done: int
    """Of those sentences, the ones this annotator has labelled."""

    @property
    def remaining(self) -> int:
        """Assigned sentences not labelled yet."""
        return self.sentences - self.done


@dataclass(frozen=True)
class AssignedWork:
    """One annotator's queue, for the annotation screen."""

    unit: str
    articles: dict[str, frozenset[int] | None]
    """article id -> indices of the assigned sentences (None: the whole article)."""
    remaining: dict[str, int]
    """article id -> assigned sentences not labelled yet (articles with none left are absent)."""


class AssignmentsMixin:
    """The plan's reads and writes on :class:`factcheck.store.Store`."""

    db: sqlite_utils.Database
    transaction: Callable[[], AbstractContextManager[sqlite_utils.Database]]
    own_work_fields: Callable[[], list[str]]

    def plan_settings(self) -> dict[str, Any] | None:
        """The settings the stored plan was last made with, or None when there is no plan."""
        row = self.db.execute("select value from meta where key = 'plan'").fetchone()
        return None if row is None else dict(json.loads(row[0]))

    def plan_unit(self) -> str | None:
        """The unit of the stored plan (``article`` or ``sentence``), or None."""
        settings = self.plan_settings()
        return None if settings is None else str(settings["unit"])

    def replan(
        self, unit: str, plan: Callable[[PlanState], set[Pair]], settings: dict[str, Any]
    ) -> PlanChange:
        """Replace the plan by ``plan(state)``, written in one write transaction.

        What is written is planned from the state as it is inside that transaction, so a
        label given meanwhile is seen.

        Raises:
            StoreError: the stored plan has another unit.
        """
        if unit not in UNITS:
            raise ValueError(unit)
        self._check_unit(unit)
        # Planned outside the write lock (seconds at 100,000 sentences), then again inside
        # only if a label or a plan changed meanwhile: annotators' writes wait less.
        state = self._plan_state(unit)
        rows = plan(state)
        with self.transaction():
            self._check_unit(unit)
            now_state = self._plan_state(unit)
            if now_state != state:
                rows = plan(now_state)
            change = self._write_plan(unit, rows)
            value = json.dumps({**settings, "unit": unit, "updated_at": now()}, ensure_ascii=False)
            self.db.table("meta").upsert({"key": "plan", "value": value}, pk="key")
        return change

    def _check_unit(self, unit: str) -> None:
        stored = self.plan_unit()
        if stored is not None and stored != unit:
            raise StoreError(
                f"the stored plan assigns {stored}s; use --unit {stored}, or drop it first "
                "with 'factcheck assign --clear'"
            )

    def _plan_state(self, unit: str) -> PlanState:
        return PlanState(unit, self._plan_items(unit), self._assigned(), self._labelled_items(unit))

    def clear_plan(self) -> int:
        """Drop the plan (labels are untouched); the number of assignments dropped."""
        with self.transaction():
            removed = int(self.db.conn.execute("delete from assignments").rowcount)
            self.db.execute("delete from meta where key = 'plan'")
        return removed

    def _plan_items(self, unit: str) -> list[tuple[str, int]]:
        if unit == ARTICLE:
            sql = (
                "select a.id, (select count(*) from mentions m where m.article_id = a.id) "
                "from articles a order by a.seq"
            )
        else:
            sql = (
                "select m.id, 1 from mentions m join articles a on a.id = m.article_id order by a.seq, m.idx"
            )
        return [(item, int(n)) for item, n in self.db.execute(sql)]

    def _assigned(self) -> dict[str, set[str]]:
        found: dict[str, set[str]] = {}
        for item, who in self.db.execute("select item_id, annotator from assignments"):
            found.setdefault(item, set()).add(who)
        return found

    def _labelled_items(self, unit: str) -> dict[str, set[str]]:
        item = "m.article_id" if unit == ARTICLE else "m.id"
        sql = f"select distinct {item}, a.annotator from annotations a join mentions m on m.id = a.mention_id"
        found: dict[str, set[str]] = {}
        for key, who in self.db.execute(sql):
            found.setdefault(key, set()).add(who)
        return found

    def _write_plan(self, unit: str, rows: set[Pair]) -> PlanChange:
        current = {(item, who) for item, whos in self._assigned().items() for who in whos}
        gone = sorted(current - rows)
        new = sorted(rows - current)
        for chunk in chunks(gone):
            self.db.conn.executemany(
                "delete from assignments where item_id = ? and annotator = ?", [list(p) for p in chunk]
            )
        stamp = now()
        self.db.conn.executemany(
            "insert into assignments (item_id, annotator, unit, assigned_at) values (?, ?, ?, ?)",
            [(item, who, unit, stamp) for item, who in new],
        )
        return PlanChange(len(new), len(gone), len(rows))

    # -- progress --------------------------------------------------------------------

    def plan_progress(self) -> dict[str, PlanProgress]:
        """annotator -> their share of the plan and how much of it they have labelled, by name."""
        unit = self.plan_unit()
        if unit is None:
            return {}
        fields = self.own_work_fields()
        sql = (
            f"select s.annotator, count(distinct s.item_id), count(*), sum({_labelled(fields)}) "
            f"from assignments s {_JOIN[unit]} group by s.annotator order by s.annotator"
        )
        rows = self.db.execute(sql, fields)
        return {who: PlanProgress(items, n, int(done or 0)) for who, items, n, done in rows}

    def assigned_work(self, annotator: str) -> AssignedWork | None:
        """This annotator's assigned sentences per article, or None when the plan gives them none."""
        unit = self.plan_unit()
        if unit is None:
            return None
        articles: dict[str, frozenset[int] | None]
        if unit == ARTICLE:
            sql = "select item_id from assignments where annotator = ?"
            articles = {row[0]: None for row in self.db.execute(sql, [annotator])}
        else:
            sql = f"select m.article_id, m.idx from assignments s {_JOIN[unit]} where s.annotator = ?"
            found: dict[str, set[int]] = {}
            for aid, idx in self.db.execute(sql, [annotator]):
                found.setdefault(aid, set()).add(int(idx))
            articles = {aid: frozenset(idxs) for aid, idxs in found.items()}
        if not articles:
            return None
        fields = self.own_work_fields()
        sql = (
            f"select m.article_id, count(*) from assignments s {_JOIN[unit]} "
            f"where s.annotator = ? and not {_labelled(fields)} group by m.article_id"
        )
        remaining = {aid: int(n) for aid, n in self.db.execute(sql, [annotator, *fields])}
        return AssignedWork(unit, articles, remaining)

    def overlap_targets(self, claim_scope: bool) -> set[str]:
        """The items agreement is restricted to by ``--overlap-only``: sentences the plan gives
        to two or more annotators, or for a claim-scoped field the claims of those sentences."""
        sql = self.overlap_sql(claim_scope)
        if sql is None:
            return set()
        return {row[0] for row in self.db.execute(sql) if row[0] is not None}

    def overlap_sql(self, claim_scope: bool) -> str | None:
        """A query of the ids :meth:`overlap_targets` returns, to use inside others; None without a plan."""
        unit = self.plan_unit()
        if unit is None:
            return None
        column = "m.claim_id" if claim_scope else "m.id"
        return (
            f"select distinct {column} from (select item_id from assignments group by item_id "
            f"having count(*) > 1) s {_JOIN[unit]}"
        )

    # -- merging (inside the merge's transaction, the other database attached) ------------------


def plan_conflicts(db: sqlite_utils.Database, alias: str) -> list[str]:
    """Why the plan of the database attached as ``alias`` cannot join this one's (empty: it can)."""
    ours = _units(db.execute("select distinct unit from main.assignments"))
    theirs = _units(db.execute(f"select distinct unit from {alias}.assignments"))
    if ours and theirs and ours != theirs:
        return [
            f"its plan assigns {'/'.join(sorted(theirs))}s, this one's {'/'.join(sorted(ours))}s "
            "(drop one with 'factcheck assign --clear')"
        ]
    return []


def _units(rows: Iterable[tuple[Any, ...]]) -> set[str]:
    return {str(row[0]) for row in rows}
