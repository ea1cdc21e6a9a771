"""Correcting segmentation: split a sentence in two, or join it with the next; both undoable.

Ids stay content-addressed (a hash of the article and the new offsets), so the same edit
on two copies of a database gives the same ids. Sentences the edit does not touch keep
their ids and labels. The labels, flags and gold of the changed sentences move to the
sentence that starts where they started (the first part of a split, the joined sentence);
on a join, values of the second fill fields the first lacks. Whoever's moved labels the
editor did not make, or whose values conflicted, gets the sentence flagged to look again.

An edit is one ``segment`` event whose ``old`` is a JSON snapshot of every row it removed,
so ``undo`` restores them exactly.
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
from factcheck.store.records import SEGMENT, Change

if TYPE_CHECKING:
    from factcheck.schema import Schema

SEGMENT_KIND = "segment"
"""Event kind of a split or a join (``field`` says which)."""

Row = dict[str, Any]


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
        suggestions: tuple[str | None, str | None] = (None, None),
    ) -> SegmentEdit:
        """Split a sentence at character ``at`` of its article (white space around ``at`` is trimmed).

        Args:
            annotator: who splits it (their own moved labels are not flagged).
            mention_id: the sentence.
            at: an offset into the article text strictly inside the sentence.
            suggestions: source suggestions for the two parts.

        Raises:
            ValueError: no such sentence, or ``at`` leaves an empty part.
        """
        with self.transaction():
            old = self._mention_rows([mention_id])
            start, end = old[0]["start"], old[0]["end"]
            parts = split_spans(self._article_text(old[0]["article_id"]), start, end, at)
            if parts is None:
                raise ValueError("a split must leave text on both sides")
            return self._replace(annotator, "split", old, list(parts), list(suggestions))

    def join_mentions(self, annotator: str, mention_id: str, suggestion: str | None = None) -> SegmentEdit:
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
            return self._replace(annotator, "join", old, [(old[0]["start"], old[1]["end"])], [suggestion])

    # -- the edit ----------------------------------------------------------------------

    def _replace(
        self, annotator: str, op: str, old: list[Row], spans: list[tuple[int, int]], sources: list[str | None]
    ) -> SegmentEdit:
        aid, first = old[0]["article_id"], old[0]["idx"]
        text = self._article_text(aid)
        new = [
            _mention_row(aid, first + n, s, e, text[s:e], source)
            for n, ((s, e), source) in enumerate(zip(spans, sources, strict=True))
        ]
        snapshot = self._snapshot(old)
        self._remove(old)
        self._shift(aid, first + len(old), len(new) - len(old))
        self._insert(new)
        placed, flagged = self._carry(annotator, snapshot, new[0]["id"])
        self._reassign(snapshot["assignments"], [r["id"] for r in new])
        self._repair_claims({r["claim_id"] for r in old if r["claim_id"]})
        snapshot["placed"] = placed
        added = [r["id"] for r in new]
        self.db.execute(
            "insert into events (ts, annotator, mention_id, field, old, new, kind, batch) "
            "values (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                now(),
                annotator,
                old[0]["id"],
                op,
                json.dumps(snapshot, ensure_ascii=False),
                json.dumps({"added": added}),
                SEGMENT_KIND,
                uuid.uuid4().hex,
            ],
        )
        return SegmentEdit(aid, tuple(r["id"] for r in old), tuple(added), tuple(flagged))

    def _carry(self, editor: str, snapshot: Row, heir: str) -> tuple[list[list[str]], list[tuple[str, str]]]:
        """Put the removed sentences' labels, flags and gold on ``heir``; flag where needed.

        Returns:
            The (mention, annotator, field, value) rows placed, and who got a flag.
        """
        ts = now()
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
        return placed, [(heir, who) for who in sorted(flagged)]

    def _reassign(self, assigned: list[Row], added: list[str]) -> None:
        """Whoever the plan gave a removed sentence to is given every sentence made from it."""
        rows = {row["annotator"]: row for row in assigned}
        made = [{**row, "item_id": mid} for mid in added for row in rows.values()]
        if made:
            self.db.table("assignments").insert_all(made, replace=True)

    # -- undo --------------------------------------------------------------------------------

    def _undo_segment(self, annotator: str, batch: str) -> list[Change]:
        """Restore the sentences a split or join removed, with every row they had.

        Returns a :data:`SEGMENT` change on the first restored sentence (``old`` says
        ``split`` or ``join``), then this annotator's labels restored.

        Labels given on the new sentences since the edit move back to the first restored
        sentence where that field is free there, and flag it for their annotator.

        Raises:
            ValueError: the new sentences have themselves been split or joined since.
        """
        sql = "select mention_id, field, old, new from events where batch = ? and kind = ?"
        mid, op, old_json, new_json = self.db.execute(sql, [batch, SEGMENT_KIND]).fetchone()
        snapshot, added = json.loads(old_json), json.loads(new_json)["added"]
        current = self._mention_rows(added, missing_ok=True)
        if len(current) != len(added):
            raise ValueError(f"cannot undo the {op}: those sentences have been split or joined since")
        placed = {tuple(row) for row in snapshot["placed"]}
        later = self._rows("annotations", "mention_id", added)
        later = [r for r in later if (r["mention_id"], r["annotator"], r["field"], r["value"]) not in placed]
        aid, first = current[0]["article_id"], current[0]["idx"]
        self._remove(current)
        self._shift(aid, first + len(current), len(snapshot["mentions"]) - len(current))
        self._restore(snapshot)
        heir = snapshot["mentions"][0]["id"]
        self._carry_later(later, heir)
        self._repair_claims({r["claim_id"] for r in [*current, *snapshot["mentions"]] if r["claim_id"]})
        self.db.execute(
            "insert into events (ts, annotator, mention_id, field, old, new, kind, batch, undoes) "
            "values (?, ?, ?, ?, ?, ?, 'undo', ?, ?)",
            [now(), annotator, mid, op, new_json, old_json, uuid.uuid4().hex, batch],
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
            ("dedup_variants", snapshot["dedup_variants"]),
            ("claims", snapshot["claims"]),
            ("claim_links", snapshot["claim_links"]),
            ("assignments", snapshot.get("assignments", [])),
        ]:
            if rows:
                self.db.table(table).insert_all(rows, replace=True)

    def _carry_later(self, later: list[Row], heir: str) -> None:
        ts = now()
        for row in later:
            taken = self.db.execute(
                "select 1 from annotations where mention_id = ? and annotator = ? and field = ?",
                [heir, row["annotator"], row["field"]],
            ).fetchone()
            if taken is None:
                self.db.table("annotations").insert({**row, "mention_id": heir, "updated_at": ts})
            self.db.execute(
                "insert or ignore into flags (mention_id, annotator, flagged_at) values (?, ?, ?)",
                [heir, row["annotator"], ts],
            )

    # -- rows ----------------------------------------------------------------------------------

    def _snapshot(self, old: list[Row]) -> Row:
        """Every row that refers to these sentences, as it is."""
        mids = [r["id"] for r in old]
        claims = sorted({r["claim_id"] for r in old if r["claim_id"]})
        variants = self._rows("dedup_variants", "mention_a", mids) + [
            r for r in self._rows("dedup_variants", "mention_b", mids) if r["mention_a"] not in mids
        ]
        links = self._rows("claim_links", "claim_a", claims) + [
            r for r in self._rows("claim_links", "claim_b", claims) if r["claim_a"] not in claims
        ]
        return {
            "mentions": old,
            "annotations": self._rows("annotations", "mention_id", mids),
            "flags": self._rows("flags", "mention_id", mids),
            "gold": self._rows("gold", "target_id", mids),
            "dedup_nodes": self._rows("dedup_nodes", "mention_id", mids),
            "dedup_variants": variants,
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
            ("dedup_variants", "mention_a"),
            ("dedup_variants", "mention_b"),
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


def _mention_row(aid: str, idx: int, start: int, end: int, text: str, source: str | None) -> Row:
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
