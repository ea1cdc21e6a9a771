"""Test databases and helpers for the TUI tests."""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from textual.pilot import Pilot

from factcheck.schema import Schema
from factcheck.store import NewArticle, Store
from factcheck.tui.app import FactcheckApp
from factcheck.tui.screens.annotate import AnnotateScreen

ARTICLE_A = (
    "Amnesty International called for an independent investigation into civilian deaths in Mosul. "
    "The group said at least 5,800 civilians were killed in west Mosul between February and June. "
    "Iraqi prime minister Haider al-Abadi declared the city free of militants on Sunday. "
    "Is this the end of the war? "
    "Residents described streets reduced to rubble."
)
ARTICLE_B = (
    "A coalition spokesman rejected the figures. "
    "Amnesty said at least 5,800 civilians were killed in west Mosul between February and June. "
    "The coalition said it takes every report seriously."
)
NASTY_TEXT = (
    "[bold]Unclosed markup[/] opens the story. "
    "A closing tag [/ with nothing before it follows. "
    "A link [link=x]here[/link] and an escape \x1b[31mred\x1b[0m text. "
    "The bell rings\x07 twice\x07. "
    "Last line with [/] and [b] tags."
)
NASTY_TITLE = "[bold]Breaking[/] \x1b[31m[/ news[link=x] \x07"
NASTY_PATH = "nasty/[link=x]file[/].txt"

SOURCES_A = ["Amnesty International", "Amnesty International", None, None, "residents"]
SOURCES_B = ["coalition spokesman", "Amnesty [bold]International", "the coalition"]


def spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans: runs of text up to and including '.', '?' or '!'."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^ ].*?[.?!](?= |$)", text)]


def build_db(path: Path, schema: Schema | None = None) -> list[str]:
    """Three articles: A and B share a claim (sentence 2 of each); the third is nasty.

    Returns:
        The article ids in ingest order.
    """
    store = Store(path, schema=schema)
    ids = []
    for text, sources, title, outlet, file in [
        (ARTICLE_A, SOURCES_A, "Amnesty on Mosul", "The Paper", "seeds/a.txt"),
        (ARTICLE_B, SOURCES_B, "Coalition responds", "Other Outlet", "seeds/b.txt"),
        (NASTY_TEXT, [None, "[/", "[link=x]src", "\x1b[31m", "[bold]"], NASTY_TITLE, "[/]", NASTY_PATH),
    ]:
        found = spans(text)
        assert len(found) == len(sources), (text, found)
        new = NewArticle(file, text, text, found, sources, title, outlet, None, "2017-07-11")
        aid = store.add_article(new)
        assert aid is not None
        ids.append(aid)
    shared = [store.mentions(ids[0])[1].id, store.mentions(ids[1])[1].id]
    share_claim(store, shared)
    store.close()
    return ids


def share_claim(store: Store, mention_ids: list[str]) -> None:
    """Put these mentions in one claim cluster (the first one's)."""
    first = store.mention(mention_ids[0])
    assert first is not None
    marks = ",".join("?" * len(mention_ids))
    with store.transaction():
        store.db.execute(
            f"update mentions set claim_id = ? where id in ({marks})", [first.claim_id, *mention_ids]
        )


def db_labels(path: Path, annotator: str) -> dict[tuple[str, str], str]:
    """(mention id, field) -> value of one annotator, read with a fresh connection."""
    conn = sqlite3.connect(path)
    try:
        sql = "select mention_id, field, value from annotations where annotator = ?"
        return {(m, f): v for m, f, v in conn.execute(sql, [annotator])}
    finally:
        conn.close()


def db_count(path: Path, table: str) -> int:
    """Rows in a table, read with a fresh connection."""
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute(f"select count(*) from {table}").fetchone()[0])
    finally:
        conn.close()


async def wait_until(pilot: Pilot[None], check: object, timeout: float = 10.0) -> None:
    """Let the app run until ``check()`` is true (the writer is a thread: poll with a deadline)."""
    assert callable(check)
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the writer")
        await pilot.pause(0.02)


@contextmanager
def locked(path: Path) -> Iterator[sqlite3.Connection]:
    """Another connection's write transaction (``BEGIN IMMEDIATE``), held until the block ends."""
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("begin immediate")
    try:
        yield holder
    finally:
        if holder.in_transaction:
            holder.execute("rollback")
        holder.close()


def screen_of(app: FactcheckApp) -> AnnotateScreen:
    """The annotation screen of an app, whatever is pushed over it."""
    return next(s for s in app.screen_stack if isinstance(s, AnnotateScreen))


def mention_ids(path: Path, article_id: str) -> list[str]:
    """The ids of an article's sentences, in order."""
    with Store(path) as store:
        return [m.id for m in store.mentions(article_id)]
