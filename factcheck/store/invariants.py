"""What must hold in every committed state of a database: SQLite's own checks and the claim invariants."""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

EXAMPLES = 5
"""Offending ids quoted per failed check."""


@dataclass(frozen=True)
class CheckFailure:
    """One check that failed."""

    check: str
    """What should hold."""
    count: int
    """How many rows break it."""
    examples: tuple[str, ...]
    """A few of them."""

    def __str__(self) -> str:
        shown = ", ".join(self.examples)
        more = f" (e.g. {shown})" if shown else ""
        return f"{self.check}: {self.count} failure(s){more}"


_CLAIM_CHECKS: tuple[tuple[str, str], ...] = (
    (
        "every claim has at least one sentence",
        "select c.id from claims c where not exists (select 1 from mentions m where m.claim_id = c.id)",
    ),
    (
        "every sentence belongs to a stored claim",
        "select m.id from mentions m where m.claim_id is null "
        "or not exists (select 1 from claims c where c.id = m.claim_id)",
    ),
    (
        "every claim's size is its number of sentences",
        "select c.id || ' (size ' || c.size || ', ' || n.count || ' sentence(s))' from claims c "
        "join (select claim_id, count(*) as count from mentions group by claim_id) n "
        "on n.claim_id = c.id where c.size is not n.count",
    ),
    (
        "every claim's canonical sentence belongs to it",
        "select c.id from claims c where not exists "
        "(select 1 from mentions m where m.id = c.canonical_mention_id and m.claim_id = c.id)",
    ),
    (
        "every claim link names two stored claims",
        "select l.claim_a || ' - ' || l.claim_b from claim_links l "
        "where not exists (select 1 from claims c where c.id = l.claim_a) "
        "or not exists (select 1 from claims c where c.id = l.claim_b)",
    ),
)


def check_database(db: sqlite_utils.Database) -> list[CheckFailure]:
    """Run SQLite's integrity and foreign-key checks, then the claim invariants.

    Reads only; a read transaction gives every check the same committed state.
    """
    failures: list[CheckFailure] = []
    conn = db.conn
    own = not conn.in_transaction
    if own:
        conn.execute("begin")
    try:
        rows = [r[0] for r in conn.execute("pragma integrity_check")]
        if rows != ["ok"]:
            failures.append(CheckFailure("SQLite integrity_check", len(rows), tuple(rows[:EXAMPLES])))
        broken = [f"{r[0]} row {r[1]} -> {r[2]}" for r in conn.execute("pragma foreign_key_check")]
        if broken:
            failures.append(
                CheckFailure("every reference names a stored row", len(broken), tuple(broken[:EXAMPLES]))
            )
        for check, sql in _CLAIM_CHECKS:
            found = [str(r[0]) for r in conn.execute(sql)]
            if found:
                failures.append(CheckFailure(check, len(found), tuple(found[:EXAMPLES])))
    finally:
        if own:
            conn.execute("rollback")
    return failures
