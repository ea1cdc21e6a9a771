"""Correcting segmentation: split a sentence in two, or join it with the next; both undoable.

Ids stay content-addressed (a hash of the article and the new offsets), so the same edit
on two copies of a database gives the same ids. Sentences the edit does not touch keep
their ids and labels. The labels, flags and gold of the changed sentences move to the
sentence that starts where they started (the first part of a split, the joined sentence);
on a join, values of the second fill fields the first lacks. Whoever's moved labels the
editor did not make, or whose values conflicted, gets the sentence flagged to look again.

An edit is one ``segment`` event whose ``old`` is a JSON snapshot of every row it removed,
so ``undo`` restores them exactly; it refuses once a label, flag or gold value on the new
sentences differs from what the edit left there (restoring would revert it).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import sqlite_utils

from factcheck.store import ids
from factcheck.store.connection import now
from factcheck.store.records import FLAG, SEGMENT, Change, Mention

if TYPE_CHECKING:
    from factcheck.schema import Schema

SEGMENT_KIND = "segment"
"""Event kind of a split or a join (``field`` says which)."""

Row = dict[str, Any]


@dataclass(frozen=True)
class Stamp:
    """How a write is logged: its batch (a journal entry's id), session and time."""

    batch: str
    session: str | None
    ts: str

    @classmethod
    def fresh(cls) -> Stamp:
        """A batch of its own, now, outside any annotation session."""
        return cls(uuid.uuid4().hex, None, now())


@dataclass(frozen=True)
class SegmentEdit:
    """What a split or join did."""

    article_id: str
    removed: tuple[str, ...]
    """Ids of the sentences that are gone."""
    added: tuple[str, ...]
    """Ids of the new sentences, in text order."""
    flagged: tuple[tuple[str, str], ...]
    """(sentence, annotator) flagged because labels moved onto a changed sentence."""


class SegmentsMixin:
    """Split and join of :class:`factcheck.store.Store`."""

    db: sqlite_utils.Database
    schema: Schema
    transaction: Callable[[], AbstractContextManager[sqlite_utils.Database]]

    def split_mention(
        self,
        annotator: str,
        mention_id: str,
        at: int,
        suggestions: tuple[str | None, ...] = (None, None),
        stamp: Stamp | None = None,
    ) -> SegmentEdit:
        """Split a sentence at character ``at`` of its article (white space around ``at`` is trimmed).

        Args:
            annotator: who splits it (their own moved labels are not flagged).
            mention_id: the sentence.
            at: an offset into the article text strictly inside the sentence.
            suggestions: source suggestions for the two parts.
            stamp: how the edit is logged (default: a batch of its own, now, no session).

        Raises:
            ValueError: no such sentence, or ``at`` leaves an empty part.
        """
        with self.transaction():
            old = self._mention_rows([mention_id])
            start, end = old[0]["start"], old[0]["end"]
            parts = split_spans(self._article_text(old[0]["article_id"]), start, end, at)
            if parts is None:
                raise ValueError("a split must leave text on both sides")
            sources = [*suggestions, None, None][:2]
            return self._replace(annotator, "split", old, list(parts), sources, stamp or Stamp.fresh())

    def join_mentions(
        self, annotator: str, mention_id: str, suggestion: str | None = None, stamp: Stamp | None = None
    ) -> SegmentEdit:
        """Join a sentence with the next one of its article.

        Raises:
            ValueError: no such sentence, or it is the article's last.
        """
        with self.transaction():
            first = self._mention_rows([mention_id])[0]
            sql = "select id from mentions where article_id = ? and idx = ?"
            found = self.db.execute(sql, [first["article_id"], first["idx"] + 1]).fetchone()
            if found is None:
                raise ValueError("the last sentence of an article has nothing to join with")
            old = self._mention_rows([mention_id, found[0]])
            span = (old[0]["start"], old[1]["end"])
            return self._replace(annotator, "join", old, [span], [suggestion], stamp or Stamp.fresh())

    # -- the edit ----------------------------------------------------------------------

    def _replace(
        self,
        annotator: str,
        op: str,
        old: list[Row],
        spans: list[tuple[int, int]],
        sources: list[str | None],
        stamp: Stamp,
    ) -> SegmentEdit:
        aid, first = old[0]["article_id"], old[0]["idx"]
        text = self._article_text(aid)
        new = [
            mention_row(aid, first + n, s, e, text[s:e], source)
            for n, ((s, e), source) in enumerate(zip(spans, sources, strict=True))
        ]
        snapshot = self._snapshot(old)
        self._remove(old)
        self._shift(aid, first + len(old), len(new) - len(old))
        self._insert(new)
        placed, flagged, gold = self._carry(annotator, snapshot, new[0]["id"], stamp.ts)
        self._reassign(snapshot["assignments"], [r["id"] for r in new])
        self._repair_claims({r["claim_id"] for r in old if r["claim_id"]})
        snapshot["placed"] = placed
        added = [r["id"] for r in new]
        # What the edit left on the new sentences: undo refuses once any of it has changed.
        made = {"added": added, "flags": [list(f) for f in flagged], "gold": gold}
        self.db.execute(
            "insert into events (ts, annotator, mention_id, field, old, new, kind, batch, session) "
            "values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                stamp.ts,
                annotator,
                old[0]["id"],
                op,
                json.dumps(snapshot, ensure_ascii=False),
                json.dumps(made, ensure_ascii=False),
                SEGMENT_KIND,
                stamp.batch,
                stamp.session,
            ],
        )
        return SegmentEdit(aid, tuple(r["id"] for r in old), tuple(added), tuple(flagged))

    def _carry(
        self, editor: str, snapshot: Row, heir: str, ts: str
    ) -> tuple[list[list[str]], list[tuple[str, str]], list[list[str]]]:
        """Put the removed sentences' labels, flags and gold on ``heir`` (stamped ``ts``); flag where needed.

        Returns:
            The (mention, annotator, field, value) rows placed, who got a flag, and the
            (mention, field, value) gold placed.
        """
        order = [r["id"] for r in snapshot["mentions"]]
        merged: dict[str, dict[str, str]] = {}
        conflict: set[str] = set()
        for row in sorted(snapshot["annotations"], key=lambda r: order.index(r["mention_id"])):
            values = merged.setdefault(row["annotator"], {})
            if values.setdefault(row["field"], row["value"]) != row["value"]:
                conflict.add(row["annotator"])
        placed = []
        for who, values in merged.items():
            voided = set(self.schema.voided(values))
            for field, value in values.items():
                if field not in voided:
                    placed.append([heir, who, field, value])
        self.db.conn.executemany(
            "insert into annotations (mention_id, annotator, field, value, updated_at) "
            "values (?, ?, ?, ?, ?)",
            [(*row, ts) for row in placed],
        )
        flagged = {r["annotator"] for r in snapshot["flags"]}
        flagged |= {who for who in merged if who != editor or who in conflict}
        self.db.conn.executemany(
            "insert into flags (mention_id, annotator, flagged_at) values (?, ?, ?)",
            [(heir, who, ts) for who in sorted(flagged)],
        )
        gold: dict[str, Row] = {}
        for row in sorted(snapshot["gold"], key=lambda r: order.index(r["target_id"])):
            gold.setdefault(row["field"], {**row, "target_id": heir})
        for row in gold.values():
            self.db.table("gold").insert(row)
        placed_gold = [[heir, row["field"], row["value"]] for row in gold.values()]
        return placed, [(heir, who) for who in sorted(flagged)], placed_gold

    def _reassign(self, assigned: list[Row], added: list[str]) -> None:
        """Whoever the plan gave a removed sentence to is given every sentence made from it."""
        rows = {row["annotator"]: row for row in assigned}
        made = [{**row, "item_id": mid} for mid in added for row in rows.values()]
        if made:
            self.db.table("assignments").insert_all(made, replace=True)

    # -- undo --------------------------------------------------------------------------------

    def _segment_edit(self, batch: str) -> tuple[int, str, str, Row, Row]:
        """The event of a split or join: (event id, first removed sentence, op, snapshot, what it made)."""
        sql = "select id, mention_id, field, old, new from events where batch = ? and kind = ?"
        event_id, mid, op, old_json, new_json = self.db.execute(sql, [batch, SEGMENT_KIND]).fetchone()
        return event_id, mid, op, json.loads(old_json), json.loads(new_json)

    def _segment_drift(self, batch: str) -> tuple[int, tuple[str, str, str] | None]:
        """How the sentences a split or join made differ now from what it left on them.

        Returns:
            The edit's event id, and the first (sentence, annotator, field) whose label,
            flag (field :data:`FLAG`) or gold (annotator "") is not what the edit left
            there; None when nothing changed since.

        Raises:
            ValueError: the new sentences have themselves been split or joined since.
        """
        event_id, _mid, op, snapshot, made = self._segment_edit(batch)
        added = made["added"]
        if len(self._mention_rows(added, missing_ok=True)) != len(added):
            raise ValueError(f"the sentences of that {op} have been split or joined since")
        placed = {tuple(row) for row in snapshot["placed"]}
        now_there = {
            (r["mention_id"], r["annotator"], r["field"], r["value"])
            for r in self._rows("annotations", "mention_id", added)
        }
        flags_left = {tuple(row) for row in made.get("flags", [])}
        flags_now = {(r["mention_id"], r["annotator"]) for r in self._rows("flags", "mention_id", added)}
        gold_left = {tuple(row) for row in made.get("gold", [])}
        gold_now = {(r["target_id"], r["field"], r["value"]) for r in self._rows("gold", "target_id", added)}
        differ = sorted(
            [(m, who, f) for m, who, f, _v in placed ^ now_there]
            + [(m, who, FLAG) for m, who in flags_left ^ flags_now]
            + [(m, "", f) for m, f, _v in gold_left ^ gold_now]
        )
        return event_id, (differ[0] if differ else None)

    def _undo_segment(self, annotator: str, target: str, stamp: Stamp) -> list[Change]:
        """Restore the sentences a split or join removed, with every row they had.

        The caller has checked with :meth:`_segment_drift` that nothing changed since.

        Returns:
            A :data:`SEGMENT` change on the first restored sentence (``old`` says ``split``
            or ``join``), then this annotator's labels restored.
        """
        _event_id, mid, op, snapshot, made = self._segment_edit(target)
        current = self._mention_rows(made["added"])
        aid, first = current[0]["article_id"], current[0]["idx"]
        # Other edits of the article since may have moved the sentences: they go back where these are.
        snapshot["mentions"] = [{**row, "idx": first + n} for n, row in enumerate(snapshot["mentions"])]
        self._remove(current)
        self._shift(aid, first + len(current), len(snapshot["mentions"]) - len(current))
        self._restore(snapshot)
        heir = snapshot["mentions"][0]["id"]
        self._repair_claims({r["claim_id"] for r in [*current, *snapshot["mentions"]] if r["claim_id"]})
        self.db.execute(
            "insert into events (ts, annotator, mention_id, field, old, new, kind, batch, undoes, session) "
            "values (?, ?, ?, ?, ?, ?, 'undo', ?, ?, ?)",
            [
                stamp.ts,
                annotator,
                mid,
                op,
                json.dumps(made, ensure_ascii=False),
                json.dumps(snapshot, ensure_ascii=False),
                stamp.batch,
                target,
                stamp.session,
            ],
        )
        mine = [r for r in snapshot["annotations"] if r["annotator"] == annotator]
        restored = [Change(r["mention_id"], annotator, r["field"], None, r["value"]) for r in mine]
        return [Change(heir, annotator, SEGMENT, op, None), *restored]

    def _restore(self, snapshot: Row) -> None:
        self._insert(snapshot["mentions"], claims=False)
        for table, rows in [
            ("annotations", snapshot["annotations"]),
            ("flags", snapshot["flags"]),
            ("gold", snapshot["gold"]),
            ("dedup_nodes", snapshot["dedup_nodes"]),
            ("claims", snapshot["claims"]),
            ("claim_links", snapshot["claim_links"]),
            ("assignments", snapshot.get("assignments", [])),
        ]:
            if rows:
                self.db.table(table).insert_all(rows, replace=True)

    # -- rows ----------------------------------------------------------------------------------

    def _snapshot(self, old: list[Row]) -> Row:
        """Every row that refers to these sentences, as it is."""
        mids = [r["id"] for r in old]
        claims = sorted({r["claim_id"] for r in old if r["claim_id"]})
        links = self._rows("claim_links", "claim_a", claims) + [
            r for r in self._rows("claim_links", "claim_b", claims) if r["claim_a"] not in claims
        ]
        return {
            "mentions": old,
            "annotations": self._rows("annotations", "mention_id", mids),
            "flags": self._rows("flags", "mention_id", mids),
            "gold": self._rows("gold", "target_id", mids),
            "dedup_nodes": self._rows("dedup_nodes", "mention_id", mids),
            "claims": self._rows("claims", "id", claims),
            "claim_links": links,
            "assignments": self._rows("assignments", "item_id", mids),
        }

    def _remove(self, old: list[Row]) -> None:
        """Delete these sentences and every row that refers to them by mention id."""
        mids = [r["id"] for r in old]
        marks = ",".join("?" * len(mids))
        for table, column in [
            ("annotations", "mention_id"),
            ("flags", "mention_id"),
            ("gold", "target_id"),
            ("dedup_nodes", "mention_id"),
            ("assignments", "item_id"),
            ("mentions", "id"),
        ]:
            self.db.execute(f"delete from {table} where {column} in ({marks})", mids)

    def _shift(self, article_id: str, from_idx: int, delta: int) -> None:
        """Move the sentences from ``from_idx`` on by ``delta`` places (through negatives: idx is unique)."""
        if delta == 0:
            return
        sql = "update mentions set idx = -idx - 1 where article_id = ? and idx >= ?"
        self.db.execute(sql, [article_id, from_idx])
        self.db.execute(
            "update mentions set idx = -idx - 1 + ? where article_id = ? and idx < 0", [delta, article_id]
        )

    def _insert(self, rows: list[Row], claims: bool = True) -> None:
        self.db.table("mentions").insert_all(rows)
        if claims:
            made = [{"id": r["claim_id"], "canonical_mention_id": r["id"], "size": 1} for r in rows]
            self.db.table("claims").insert_all(made, replace=True)

    def _repair_claims(self, claim_ids: set[str]) -> None:
        """Make these claims' rows fit their mentions again: size, canonical mention, or gone."""
        for cid in sorted(claim_ids):
            members = [
                r[0] for r in self.db.execute("select id from mentions where claim_id = ? order by id", [cid])
            ]
            if not members:
                self.db.execute("delete from claims where id = ?", [cid])
                self.db.execute("delete from claim_links where claim_a = ? or claim_b = ?", [cid, cid])
                continue
            row = self.db.execute("select canonical_mention_id from claims where id = ?", [cid]).fetchone()
            canonical = row[0] if row is not None and row[0] in members else members[0]
            self.db.execute(
                "insert or replace into claims (id, canonical_mention_id, size) values (?, ?, ?)",
                [cid, canonical, len(members)],
            )

    def _mention_rows(self, mention_ids: Sequence[str], missing_ok: bool = False) -> list[Row]:
        rows = sorted(self._rows("mentions", "id", mention_ids), key=lambda r: r["idx"])
        if len(rows) != len(mention_ids) and not missing_ok:
            raise ValueError("that sentence no longer exists (it was split or joined elsewhere)")
        return rows

    def _rows(self, table: str, column: str, keys: Sequence[str]) -> list[Row]:
        if not keys:
            return []
        marks = ",".join("?" * len(keys))
        cursor = self.db.execute(f"select * from {table} where {column} in ({marks})", list(keys))
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor]

    def _article_text(self, article_id: str) -> str:
        return str(self.db.execute("select text from articles where id = ?", [article_id]).fetchone()[0])


def split_spans(text: str, start: int, end: int, at: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The spans a split of ``text[start:end]`` at ``at`` gives, white space trimmed; None if one is empty."""
    left, right = at, at
    while left > start and text[left - 1].isspace():
        left -= 1
    while right < end and text[right].isspace():
        right += 1
    if not start < left <= right < end:
        return None
    return (start, left), (right, end)


def new_mentions(
    article_id: str, text: str, first: int, spans: Sequence[tuple[int, int]], sources: Sequence[str | None]
) -> list[Mention]:
    """The sentences a split or join makes from these spans of an article, as the store will write them.

    Args:
        article_id: their article.
        text: its cleaned text.
        first: the index of the first of them in the article.
        spans: their (start, end) offsets.
        sources: their source suggestions.
    """
    rows = [
        mention_row(article_id, first + n, s, e, text[s:e], source)
        for n, ((s, e), source) in enumerate(zip(spans, sources, strict=True))
    ]
    return [Mention(*(row[k] for k in _MENTION_KEYS)) for row in rows]


_MENTION_KEYS = ("id", "article_id", "idx", "start", "end", "text", "claim_id", "suggested_source")
"""A mention row's keys in the order of :class:`Mention`'s fields."""


def mention_row(aid: str, idx: int, start: int, end: int, text: str, source: str | None) -> Row:
    """The row of a new mention: its id and first claim are hashes of where it stands."""
    mid = ids.mention_id(aid, start, end)
    return {
        "id": mid,
        "article_id": aid,
        "idx": idx,
        "start": start,
        "end": end,
        "text": text,
        "claim_id": ids.claim_id(mid),
        "suggested_source": source,
    }
