"""Claim clusters in SQL: clustering state, claim assignments, variant links, label and gold carry-over."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Collection, Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING

import sqlite_utils

from factcheck.store.connection import chunks
from factcheck.store.records import VARIANT_KINDS, Change

if TYPE_CHECKING:
    from factcheck.schema import Schema

DEDUP_KIND = "dedup"
"""Event kind of a claim-scoped label copied to a mention that joined a claim."""


@dataclass(frozen=True)
class DedupRow:
    """A mention as clustering sees it."""

    id: str
    length: int
    """Characters of the mention's text."""
    claim_id: str
    key: str | None
    """The stored comparison text; None when the mention has not been clustered yet."""
    cues: str | None
    """The stored guard cues (JSON) of the key."""
    group: str | None
    """The connected component it was clustered in (its best mention's id)."""
    text: str | None
    """The text, given only for mentions not yet clustered."""


@dataclass(frozen=True)
class ClaimGold:
    """One claim-scoped gold value."""

    claim_id: str
    field: str
    value: str
    adjudicator: str
    updated_at: str


class ClaimsMixin:
    """Claim-cluster operations of :class:`factcheck.store.Store`."""

    db: sqlite_utils.Database
    schema: Schema
    transaction: Callable[[], AbstractContextManager[sqlite_utils.Database]]
    _apply: Callable[..., None]

    # -- reads --------------------------------------------------------------------

    def has_unclustered(self) -> bool:
        """Whether some mention has not been clustered yet."""
        sql = (
            "select exists (select 1 from mentions m where not exists "
            "(select 1 from dedup_nodes d where d.mention_id = m.id))"
        )
        return bool(self.db.execute(sql).fetchone()[0])

    def dedup_rows(self, with_text: bool = False) -> list[DedupRow]:
        """Every mention with its clustering state, in id order.

        Args:
            with_text: give every mention's text, not only the unclustered ones'.
        """
        text = "m.text" if with_text else "case when d.mention_id is null then m.text end"
        sql = (
            f"select m.id, length(m.text), m.claim_id, d.key, d.cues, d.grp, {text} "
            "from mentions m left join dedup_nodes d on d.mention_id = m.id order by m.id"
        )
        return [DedupRow(*row) for row in self.db.execute(sql)]

    def dedup_meta(self) -> tuple[float | None, int | None]:
        """(threshold of the last full clustering, key format version), None when never run."""
        sql = "select key, value from meta where key in ('dedup_threshold', 'dedup_version')"
        found = dict(self.db.execute(sql).fetchall())
        threshold, version = found.get("dedup_threshold"), found.get("dedup_version")
        return (
            float(threshold) if threshold is not None else None,
            int(version) if version is not None else None,
        )

    def claim_scoped_labels(self, mention_ids: Sequence[str]) -> list[tuple[str, str, str, str]]:
        """(mention, annotator, field, value) of the claim-scoped fields on these mentions."""
        fields = [f.name for f in self.schema if f.scope == "claim"]
        if not fields:
            return []
        found: list[tuple[str, str, str, str]] = []
        names = ",".join("?" * len(fields))
        for chunk in chunks(mention_ids):
            sql = (
                "select mention_id, annotator, field, value from annotations "
                f"where field in ({names}) and mention_id in ({','.join('?' * len(chunk))})"
            )
            found.extend(self.db.execute(sql, [*fields, *chunk]).fetchall())
        return found

    def claim_gold(self, claim_ids: Sequence[str]) -> list[ClaimGold]:
        """Claim-scoped gold values of these claims."""
        found: list[ClaimGold] = []
        for chunk in chunks(claim_ids):
            sql = (
                "select target_id, field, value, adjudicator, updated_at from gold "
                f"where target_kind = 'claim' and target_id in ({','.join('?' * len(chunk))})"
            )
            found.extend(ClaimGold(*row) for row in self.db.execute(sql, list(chunk)))
        return found

    def claim_variants(self, claim_id: str) -> list[tuple[str, str, float]]:
        """(linked claim, kind, score) of the conflicting variants of a claim, best first."""
        kinds = ",".join("?" * len(VARIANT_KINDS))
        sql = (
            "select other, kind, score from ("
            f"select claim_b as other, kind, score from claim_links where claim_a = ? and kind in ({kinds}) "
            f"union all select claim_a, kind, score from claim_links where claim_b = ? and kind in ({kinds})"
            ") order by score desc, other"
        )
        rows = self.db.execute(sql, [claim_id, *VARIANT_KINDS, claim_id, *VARIANT_KINDS])
        return [(other, kind, float(score)) for other, kind, score in rows]

    def variant_link_count(self) -> int:
        """Number of conflicting-variant links between claims."""
        sql = f"select count(*) from claim_links where kind in ({','.join('?' * len(VARIANT_KINDS))})"
        return int(self.db.execute(sql, list(VARIANT_KINDS)).fetchone()[0])

    # -- writes (call inside a transaction) ------------------------------------------

    def reset_dedup(self) -> None:
        """Forget the clustering state (before a full re-clustering); claims stay as they are."""
        self.db.execute("delete from dedup_nodes")
        self.db.execute("delete from dedup_variants")

    def save_dedup_nodes(self, rows: Iterable[tuple[str, str, str, str | None]]) -> None:
        """Record (mention, key, cues, group) for clustered mentions."""
        self.db.conn.executemany(
            "insert or replace into dedup_nodes (mention_id, key, cues, grp) values (?, ?, ?, ?)", rows
        )

    def save_dedup_variants(self, rows: Iterable[tuple[str, str, str, float]]) -> None:
        """Record (mention a, mention b, kind, score) conflicting-variant pairs."""
        self.db.conn.executemany(
            "insert or replace into dedup_variants (mention_a, mention_b, kind, score) values (?, ?, ?, ?)",
            rows,
        )

    def assign_claims(
        self,
        moves: Iterable[tuple[str, str]],
        claims: Iterable[tuple[str, str, int]],
        retired: Collection[str],
    ) -> None:
        """Move mentions to claims and rewrite the claims rows.

        Args:
            moves: (mention, new claim id) for the mentions whose claim changes.
            claims: (claim id, canonical mention, size) of every claim in the clustered scope.
            retired: claim ids the scope used before; deleted when no mention keeps them.
        """
        conn = self.db.conn
        conn.executemany("update mentions set claim_id = ? where id = ?", ((c, m) for m, c in moves))
        conn.executemany(
            "insert or replace into claims (id, canonical_mention_id, size) values (?, ?, ?)", claims
        )
        # Links of a retired claim go with it (claim_links references claims).
        conn.executemany(
            "delete from claim_links where (claim_a = ? or claim_b = ?) "
            "and not exists (select 1 from mentions where claim_id = ?)",
            ((c, c, c) for c in retired),
        )
        conn.executemany(
            "delete from claims where id = ? and not exists (select 1 from mentions where claim_id = ?)",
            ((c, c) for c in retired),
        )

    def relink_claims(self, claim_ids: Collection[str] | None) -> None:
        """Rebuild the variant links of these claims (None: of all) from the variant pairs."""
        kinds = ",".join("?" * len(VARIANT_KINDS))
        self.db.execute("drop table if exists temp.dedup_scope")
        self.db.execute("create temp table dedup_scope (id text primary key)")
        if claim_ids is None:
            self.db.execute("insert into temp.dedup_scope select id from claims")
        else:
            rows = ((c,) for c in claim_ids)
            self.db.conn.executemany("insert or ignore into temp.dedup_scope values (?)", rows)
        scoped = "(select id from temp.dedup_scope)"
        self.db.execute(
            f"delete from claim_links where kind in ({kinds}) "
            f"and (claim_a in {scoped} or claim_b in {scoped})",
            list(VARIANT_KINDS),
        )
        # One link per claim pair: the best-scoring variant pair between them.
        self.db.execute(
            "insert or ignore into claim_links (claim_a, claim_b, kind, score) "
            "select min(a.claim_id, b.claim_id), max(a.claim_id, b.claim_id), v.kind, v.score "
            "from dedup_variants v join mentions a on a.id = v.mention_a "
            "join mentions b on b.id = v.mention_b "
            f"where a.claim_id != b.claim_id and (a.claim_id in {scoped} or b.claim_id in {scoped}) "
            "order by v.score desc, v.kind"
        )
        self.db.execute("drop table temp.dedup_scope")

    def copy_claim_labels(self, changes: Sequence[Change]) -> None:
        """Write claim-scoped labels carried to joining mentions, logged as ``dedup`` events."""
        if changes:
            self._apply(changes, kind=DEDUP_KIND, batch=uuid.uuid4().hex)

    def copy_claim_gold(self, rows: Iterable[ClaimGold]) -> None:
        """Give claims gold values carried over from the claims they were formed from."""
        self.db.conn.executemany(
            "insert or ignore into gold (target_kind, target_id, field, value, adjudicator, updated_at) "
            "values ('claim', ?, ?, ?, ?, ?)",
            ((g.claim_id, g.field, g.value, g.adjudicator, g.updated_at) for g in rows),
        )

    def set_dedup_meta(self, threshold: float | None, version: int) -> None:
        """Remember the clustering threshold (unless None) and the key format version."""
        meta = self.db.table("meta")
        if threshold is not None:
            meta.upsert({"key": "dedup_threshold", "value": repr(threshold)}, pk="key")
        meta.upsert({"key": "dedup_version", "value": str(version)}, pk="key")
