"""The persistent clustering state in SQL: comparison keys, word counts and node lists, matching pairs."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import sqlite_utils

from factcheck.store.connection import chunks


@dataclass(frozen=True)
class DedupState:
    """Where clustering stands."""

    threshold: float | None
    """Threshold of the last full clustering (None: never run)."""
    version: int | None
    """Key format version of the stored keys (None: never run)."""
    pending: bool
    """A run spread over several transactions did not finish: the next run starts over."""


@dataclass(frozen=True)
class PendingMention:
    """A mention to cluster."""

    rowid: int
    id: str
    text: str
    claim_id: str | None


_FEW_PENDING = 50_000
"""Below this many mentions waiting to be clustered, they are found from the waiting list
(SQLite's CROSS JOIN keeps that table outermost), not by going through every mention: at a
million mentions, finding the 1,397 of 50 new articles took 0.9 s the other way."""

_META_KEYS = ("dedup_threshold", "dedup_version", "dedup_pending")
_CLEARED = ("dedup_edges", "dedup_postings", "dedup_df", "dedup_nodes", "dedup_keys")


class DedupIndexMixin:
    """Clustering state of :class:`factcheck.store.Store` (see :mod:`factcheck.dedup.run`)."""

    db: sqlite_utils.Database

    # -- reads ----------------------------------------------------------------------------

    def dedup_state(self) -> DedupState:
        """The stored clustering state."""
        marks = ",".join("?" * len(_META_KEYS))
        found = dict(self.db.execute(f"select key, value from meta where key in ({marks})", _META_KEYS))
        threshold, version = found.get("dedup_threshold"), found.get("dedup_version")
        return DedupState(
            float(threshold) if threshold is not None else None,
            int(version) if version is not None else None,
            found.get("dedup_pending") == "1",
        )

    def has_unclustered(self) -> bool:
        """Whether some mention waits to be clustered (or an interrupted run must be redone)."""
        if self.dedup_state().pending:
            return True
        return bool(self.db.execute("select exists (select 1 from dedup_pending)").fetchone()[0])

    def unclustered_mentions(
        self, limit: int | None = None, after: int | None = None
    ) -> list[PendingMention]:
        """Mentions not clustered yet (new, merged in, or made by a split or a join), in row
        order; the first ``limit`` of them when given, of those after row ``after`` when given."""
        few = self.db.execute(
            "select count(*) < ? from (select 1 from dedup_pending limit ?)", [_FEW_PENDING, _FEW_PENDING]
        ).fetchone()[0]
        # Few waiting (an article added to a large database): look them up by id, then sort;
        # many (a bulk ingest): go through the mentions in row order, as they are stored.
        join = "cross join" if few else "join"
        sql = (
            f"select m.rowid, m.id, m.text, m.claim_id from dedup_pending p {join} mentions m "
            "on m.id = p.mention_id where m.rowid > ? order by m.rowid limit ?"
        )
        params = [-1 if after is None else after, -1 if limit is None else limit]
        return [PendingMention(*row) for row in self.db.execute(sql, params)]

    def mentions_in_order(self, limit: int, after: int | None = None) -> list[PendingMention]:
        """The first ``limit`` mentions in row order (after row ``after`` when given), clustered
        or not (for a full clustering, in parts)."""
        sql = "select rowid, id, text, claim_id from mentions where rowid > ? order by rowid limit ?"
        return [PendingMention(*row) for row in self.db.execute(sql, [-1 if after is None else after, limit])]

    def mentions_sharing_claims(self) -> int:
        """Mentions whose claim has another mention too."""
        return int(self.db.execute("select coalesce(sum(size), 0) from claims where size > 1").fetchone()[0])

    def dedup_nodes_of_keys(self, keys: Sequence[tuple[str, str]]) -> dict[tuple[str, str], int]:
        """Stored node of each (key, cues) that has one."""
        found: dict[tuple[str, str], int] = {}
        wanted = set(keys)
        for chunk in chunks(sorted({k for k, _c in keys})):
            sql = f"select node, key, cues from dedup_keys where key in ({','.join('?' * len(chunk))})"
            for node, key, cues in self.db.execute(sql, list(chunk)):
                if (key, cues) in wanted:
                    found[(key, cues)] = int(node)
        return found

    def dedup_max_node(self) -> int:
        """The highest node number (-1 when there is none)."""
        return int(self.db.execute("select coalesce(max(node), -1) from dedup_keys").fetchone()[0])

    def dedup_word_stats(self, words: Iterable[str]) -> tuple[dict[str, int], dict[str, list[bytes]]]:
        """Document frequency and node-list segments of these words (absent: never seen)."""
        df: dict[str, int] = {}
        segments: dict[str, list[bytes]] = {}
        for chunk in chunks(sorted(set(words))):
            marks = ",".join("?" * len(chunk))
            df.update(self.db.execute(f"select word, df from dedup_df where word in ({marks})", list(chunk)))
            sql = f"select word, nodes from dedup_postings where word in ({marks}) order by word, seg"
            for word, blob in self.db.execute(sql, list(chunk)):
                segments.setdefault(word, []).append(blob)
        return df, segments

    def dedup_keys_of(self, nodes: Iterable[int]) -> dict[int, tuple[str, str]]:
        """(key, cues) of these nodes."""
        found: dict[int, tuple[str, str]] = {}
        for chunk in chunks(sorted(set(nodes))):
            sql = f"select node, key, cues from dedup_keys where node in ({','.join('?' * len(chunk))})"
            found.update((int(n), (k, c)) for n, k, c in self.db.execute(sql, list(chunk)))
        return found

    def dedup_edges_of(self, nodes: Iterable[int]) -> list[tuple[int, int, str, float]]:
        """Stored matching pairs (a < b, kind, score) with an end among these nodes."""
        found: set[tuple[int, int, str, float]] = set()
        for chunk in chunks(sorted(set(nodes))):
            marks = ",".join("?" * len(chunk))
            sql = f"select a, b, kind, score from dedup_edges where a in ({marks}) or b in ({marks})"
            found.update(
                (int(a), int(b), k, float(s)) for a, b, k, s in self.db.execute(sql, [*chunk, *chunk])
            )
        return sorted(found)

    def dedup_members_of(self, nodes: Iterable[int]) -> list[tuple[int, str, int, str | None]]:
        """(node, mention id, text length, claim id) of the clustered mentions of these nodes."""
        found: list[tuple[int, str, int, str | None]] = []
        for chunk in chunks(sorted(set(nodes))):
            sql = (
                "select d.node, m.id, length(m.text), m.claim_id from dedup_nodes d "
                f"join mentions m on m.id = d.mention_id where d.node in ({','.join('?' * len(chunk))})"
            )
            found.extend((int(n), i, int(length), c) for n, i, length, c in self.db.execute(sql, list(chunk)))
        return found

    # -- writes (inside the caller's transaction) --------------------------------------------

    def set_dedup_state(
        self,
        *,
        threshold: float | None = None,
        version: int | None = None,
        pending: bool | None = None,
    ) -> None:
        """Record what is given of the clustering state."""
        values: dict[str, float | int | None] = {"dedup_threshold": threshold, "dedup_version": version}
        values["dedup_pending"] = None if pending is None else int(pending)
        rows = [(k, repr(v) if isinstance(v, float) else str(v)) for k, v in values.items() if v is not None]
        self.db.conn.executemany("insert or replace into meta (key, value) values (?, ?)", rows)

    def clear_dedup_index(self, limit: int | None) -> bool:
        """Delete up to ``limit`` rows of the clustering state (all of it when None); True once
        it is all gone."""
        for table in _CLEARED:
            if limit is None:
                self.db.conn.execute(f"delete from {table}")  # SQLite's truncation: pages freed at once
                continue
            key = {"dedup_edges": "a", "dedup_postings": "word", "dedup_df": "word"}.get(table)
            key = key or ("mention_id" if table == "dedup_nodes" else "node")
            sql = f"delete from {table} where {key} in (select {key} from {table} limit ?)"
            if self.db.conn.execute(sql, [limit]).rowcount:
                return False
        return True

    def add_dedup_keys(self, rows: Iterable[tuple[int, str, str]]) -> None:
        """Record new nodes: (node, key, cues)."""
        self.db.conn.executemany("insert into dedup_keys (node, key, cues) values (?, ?, ?)", rows)

    def add_dedup_words(
        self, counts: Iterable[tuple[str, int]], postings: Iterable[tuple[str, bytes]]
    ) -> None:
        """Add to word counts (word, increment) and append node-list segments (word, nodes)."""
        conn = self.db.conn
        conn.executemany(
            "insert into dedup_df (word, df) values (?, ?) "
            "on conflict (word) do update set df = df + excluded.df",
            counts,
        )
        conn.executemany(
            "insert into dedup_postings (word, seg, nodes) values (?, (select coalesce(max(seg), -1) + 1 "
            "from dedup_postings where word = ?1), ?)",
            ((word, blob) for word, blob in postings),
        )

    def merge_dedup_postings(self, rows: Iterable[tuple[str, bytes]]) -> None:
        """Replace all the segments of each word by one (word, nodes)."""
        for word, blob in rows:
            self.db.conn.execute("delete from dedup_postings where word = ?", [word])
            self.db.conn.execute(
                "insert into dedup_postings (word, seg, nodes) values (?, 0, ?)", [word, blob]
            )

    def add_dedup_edges(self, rows: Iterable[tuple[int, int, str, float]]) -> None:
        """Record matching pairs (a < b, kind, score)."""
        self.db.conn.executemany(
            "insert or replace into dedup_edges (a, b, kind, score) values (?, ?, ?, ?)", rows
        )

    def add_dedup_nodes(self, rows: Iterable[tuple[str, int | None]]) -> None:
        """Mark mentions clustered, with their node (None for a sentence too short to match)."""
        rows = list(rows)
        self.db.conn.executemany("insert or replace into dedup_nodes (mention_id, node) values (?, ?)", rows)
        self.db.conn.executemany("delete from dedup_pending where mention_id = ?", ((m,) for m, _n in rows))
