"""Claim clusters in SQL: claim assignments kept whole, variant links, label and gold carry-over."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Sequence
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

    def apply_claims(self, moves: Iterable[tuple[str, str]], claims: Iterable[tuple[str, str]]) -> None:
        """Move mentions to claims and make every claim they touch whole again.

        Afterwards every claim of the moved mentions (before and after) has at least one
        mention, its size is their number and its canonical mention is one of them (the
        given one, else its smallest id); a claim left without mentions is deleted with its
        links, and the variant links of the touched claims are rebuilt from the matching
        pairs. So the invariants hold after each transaction, whatever was moved.

        Args:
            moves: (mention, claim id) for mentions whose claim changes.
            claims: (claim id, canonical mention) of the claims formed.
        """
        conn = self.db.conn
        conn.execute("drop table if exists temp.claim_scope")
        conn.execute("create temp table claim_scope (id text primary key)")
        moves, claims = list(moves), list(claims)
        conn.executemany(
            "insert or ignore into temp.claim_scope select claim_id from mentions where id = ?",
            ((m,) for m, _c in moves),
        )
        conn.executemany("insert or ignore into temp.claim_scope values (?)", ((c,) for _m, c in moves))
        conn.executemany("insert or ignore into temp.claim_scope values (?)", ((c,) for c, _m in claims))
        conn.executemany("update mentions set claim_id = ? where id = ?", ((c, m) for m, c in moves))
        conn.executemany(
            "insert into claims (id, canonical_mention_id, size) values (?, ?, 0) "
            "on conflict (id) do update set canonical_mention_id = excluded.canonical_mention_id",
            claims,
        )
        self._mend_claim_scope()
        conn.execute("drop table temp.claim_scope")

    def _mend_claim_scope(self) -> None:
        """Sizes, canonical mentions, retired claims and variant links of ``temp.claim_scope``."""
        scope = "(select id from temp.claim_scope)"
        kinds = ",".join("?" * len(VARIANT_KINDS))
        execute = self.db.conn.execute
        execute(
            f"delete from claims where id in {scope} "
            "and not exists (select 1 from mentions where claim_id = claims.id)"
        )
        execute(
            "update claims set size = (select count(*) from mentions where claim_id = claims.id) "
            f"where id in {scope}"
        )
        execute(
            "update claims set canonical_mention_id = "
            "(select min(id) from mentions where claim_id = claims.id) "
            f"where id in {scope} and not exists (select 1 from mentions m "
            "where m.id = claims.canonical_mention_id and m.claim_id = claims.id)"
        )
        execute(
            f"delete from claim_links where (claim_a in {scope} or claim_b in {scope}) "
            f"and (kind in ({kinds}) "
            "or not exists (select 1 from claims where id = claim_a) "
            "or not exists (select 1 from claims where id = claim_b))",
            list(VARIANT_KINDS),
        )
        execute("drop table if exists temp.node_scope")
        execute(
            "create temp table node_scope as select distinct d.node as node from mentions m "
            f"join dedup_nodes d on d.mention_id = m.id where m.claim_id in {scope} and d.node is not null"
        )
        claim_of = (
            "(select m.claim_id from dedup_nodes d join mentions m on m.id = d.mention_id "
            "where d.node = {} limit 1)"
        )
        # One link per claim pair: the best-scoring variant pair between them.
        execute(
            "insert or ignore into claim_links (claim_a, claim_b, kind, score) "
            "select min(ca, cb), max(ca, cb), kind, score from ("
            f"select e.kind, e.score, {claim_of.format('e.a')} as ca, {claim_of.format('e.b')} as cb "
            "from dedup_edges e where e.kind != 'same' and (e.a in (select node from temp.node_scope) "
            "or e.b in (select node from temp.node_scope))"
            ") where ca is not null and cb is not null and ca != cb order by score desc, kind"
        )
        execute("drop table temp.node_scope")

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
