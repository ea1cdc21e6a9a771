"""Merge as a union where the newest event wins, clears included, and refusal of bad databases."""

from __future__ import annotations

import itertools
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_merge import TEXTS, ids, make

from factcheck.cli import cli
from factcheck.store import Store

LABELS = "select mention_id, annotator, field, value from annotations order by 1, 2, 3"
GOLD = "select target_id, field, value from gold order by 1, 2"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def copy(store: Store, target: Path) -> Store:
    """A copy of a database file, as an annotator would take one."""
    store.db.execute("pragma wal_checkpoint(truncate)")
    shutil.copy(store.path, target)
    return Store(target)


@contextmanager
def clock() -> Iterator[None]:
    """Every stored time one millisecond after the last, so 'newest' never depends on the machine."""
    ticks = itertools.count()

    def tick() -> str:
        n = next(ticks)
        return f"2025-01-01T00:{n // 60000 % 60:02d}:{n // 1000 % 60:02d}.{n % 1000:03d}+00:00"

    with pytest.MonkeyPatch.context() as patch:
        for module in ("labels", "gold", "label_state"):
            patch.setattr(f"factcheck.store.{module}.now", tick)
        yield


def test_a_cleared_label_stays_cleared_after_merging_an_older_copy(tmp_path: Path) -> None:
    with clock():
        a = make(tmp_path / "a.db", TEXTS[:1])
        mid = ids(a)[0]
        a.set_label("alice", mid, "stance", "agree")
        a.set_gold("mention", mid, "stance", "agree", "carol")
        b = copy(a, tmp_path / "b.db")  # taken before the clears
        a.set_label("alice", mid, "stance", None)
        a.clear_gold(mid, "stance", "carol")
        report = a.merge_from(b.path)
        assert a.all_labels([mid]) == {} and a.gold_for(mid) == {}
        assert report.conflicts == 1 and report.gold_conflicts == 1  # the old values, logged as discarded
        report = b.merge_from(a.path)
        assert (report.labels_cleared, report.gold_cleared) == (1, 1)
        assert b.all_labels([mid]) == {} and b.gold_for(mid) == {}


def test_a_value_set_after_a_clear_elsewhere_wins(tmp_path: Path) -> None:
    with clock():
        a = make(tmp_path / "a.db", TEXTS[:1])
        mid = ids(a)[0]
        a.set_label("alice", mid, "stance", "agree")
        b = copy(a, tmp_path / "b.db")
        a.set_label("alice", mid, "stance", None)
        b.set_label("alice", mid, "stance", "discuss")  # newer than a's clear
        a.merge_from(b.path)
        b.merge_from(a.path)
        assert a.all_labels([mid]) == b.all_labels([mid]) == {mid: {"alice": {"stance": "discuss"}}}


OPS = st.lists(
    st.tuples(
        st.sampled_from("ab"),
        st.integers(0, 3),
        st.sampled_from(["alice", "bob"]),
        st.sampled_from(
            [("stance", "agree"), ("stance", "discuss"), ("stance", None), ("note", "x"), ("note", None)]
        ),
        st.booleans(),
    ),
    max_size=14,
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(OPS)
def test_merge_is_the_newest_event_per_item_whichever_way_round(
    ops: list[tuple[str, int, str, tuple[str, str | None], bool]],
) -> None:
    with tempfile.TemporaryDirectory() as tmp, clock():
        folder = Path(tmp)
        a = make(folder / "a.db", TEXTS[:2])
        b = copy(a, folder / "b.db")
        mentions = ids(a)
        # The newest change per item wins; an action that changes nothing on its side is no event.
        expected: dict[tuple[str, str, str], str | None] = {}
        gold: dict[tuple[str, str], str | None] = {}
        for side, index, who, (field, value), as_gold in ops:
            store, mid = (a if side == "a" else b), mentions[index]
            if as_gold:
                if store.set_gold("mention", mid, field, value, who) is not None:
                    gold[(mid, field)] = value
            elif store.set_label(who, mid, field, value):
                expected[(mid, who, field)] = value
        a2, b2 = copy(a, folder / "a2.db"), copy(b, folder / "b2.db")
        a2.merge_from(b.path)
        b2.merge_from(a.path)
        want = sorted((m, w, f, v) for (m, w, f), v in expected.items() if v is not None)
        want_gold = sorted((t, f, v) for (t, f), v in gold.items() if v is not None)
        for store in (a2, b2):
            assert store.db.execute(LABELS).fetchall() == want
            assert store.db.execute(GOLD).fetchall() == want_gold
        before = list(a2.db.conn.iterdump())
        assert not a2.merge_from(b.path).changed  # merging twice changes nothing
        assert list(a2.db.conn.iterdump()) == before
        for store in (a, b, a2, b2):
            store.close()


def test_padded_names_are_stripped_and_the_newest_kept(tmp_path: Path) -> None:
    with clock():
        ours = make(tmp_path / "ours.db", TEXTS[:1])
        theirs = make(tmp_path / "theirs.db", TEXTS[:1])
        mid = ids(ours)[0]
    with sqlite3.connect(theirs.path) as conn:
        conn.executemany(
            "insert into annotations values (?, ?, 'stance', ?, ?)",
            [
                (mid, "bob ", "agree", "2025-01-01T00:00:00.001+00:00"),
                (mid, " bob", "discuss", "2025-01-01T00:00:00.002+00:00"),
            ],
        )
    ours.merge_from(theirs.path)
    assert ours.all_labels([mid]) == {mid: {"bob": {"stance": "discuss"}}}


def _db_with_labels(tmp_path: Path) -> tuple[Path, Path, str]:
    with clock():
        ours = make(tmp_path / "ours.db", TEXTS[:1])
        theirs = make(tmp_path / "theirs.db", TEXTS[:2])
        mid = ids(theirs)[0]
        theirs.set_label("bob", mid, "stance", "agree")
        theirs.set_gold("mention", mid, "stance", "agree", "carol")
        ours.set_label("alice", mid, "stance", "discuss")
        ours.close()
        theirs.close()
    return tmp_path / "ours.db", tmp_path / "theirs.db", mid


NESTED = "[" * 100_000 + "]" * 100_000

CRAFTED = {
    "blob value": ("update annotations set value = x'00ff'", "annotations row 1: value is not text"),
    "null value": ("update annotations set value = null", "annotations row 1: value is not text"),
    "value outside the schema": ("update annotations set value = 'sideways'", "stance='sideways'"),
    "unknown field": ("update annotations set field = 'mood'", "field 'mood' is not in this schema"),
    "blank annotator": ("update annotations set annotator = '  '", "blank annotator"),
    "blob annotator": ("update annotations set annotator = x'07'", "blank annotator name, or not text"),
    "null article text": (
        "update articles set text = null where seq = 2",
        "articles row 2: text is not text",
    ),
    "article text edited": ("update articles set text = 'other' where seq = 2", "not the hash of its text"),
    "label on a sentence in neither": (
        "update annotations set mention_id = 'nowhere'",
        "sentence 'nowhere' is in neither database",
    ),
    "gold on a sentence in neither": ("update gold set target_id = 'nowhere'", "gold row 1"),
    "claim gold on a mention-scoped field": ("update gold set target_kind = 'claim'", "is on a claim"),
    "deeply nested schema": (f"update meta set value = '{NESTED}' where key = 'schema'", "nested too deeply"),
    "schema not JSON": ("update meta set value = '{' where key = 'schema'", "stored schema is damaged"),
    "no schema": ("delete from meta where key = 'schema'", "no label schema"),
    "time in the future": (
        "update annotations set updated_at = '2999-01-01T00:00:00.000+00:00'",
        "not a time",
    ),
    "time not a time": ("update annotations set updated_at = 'yesterday'", "not a time"),
    "format version not a number": (
        "update meta set value = 'x' where key = 'format_version'",
        "format version",
    ),
    "newer format": ("update meta set value = '99' where key = 'format_version'", "newer than this"),
    "a view for a table": ("drop table gold; create view gold as select 1 as x", "no gold table"),
    "mention offsets wrong": ('update mentions set "end" = 3 where idx = 0', "offsets do not give its text"),
    "mention text changed": ("update mentions set text = 'x'", "offsets do not give its text"),
    "event time a blob": ("update events set ts = x'00'", "events row 1: ts is not a time"),
    "missing column": ("alter table claims drop column size", "claims has no column size"),
}


def dump(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as conn:
        return list(conn.iterdump())


@pytest.mark.parametrize("case", sorted(CRAFTED))
def test_a_crafted_database_is_refused_with_its_table_row_and_reason(tmp_path: Path, case: str) -> None:
    ours, theirs, _mid = _db_with_labels(tmp_path)
    sql, message = CRAFTED[case]
    with sqlite3.connect(theirs) as conn:
        conn.executescript(sql)
    before = dump(ours)
    result = run("merge", str(theirs), "--db", str(ours))
    assert result.exit_code == 1, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and message in lines[0], lines
    assert dump(ours) == before
    assert not [p for p in tmp_path.iterdir() if ".bulk-" in p.name]
    for command in ("export", "stats", "agreement"):
        assert run(command, "--db", str(ours)).exit_code == 0


def test_a_trigger_in_the_other_database_never_runs(tmp_path: Path) -> None:
    ours, theirs, mid = _db_with_labels(tmp_path)
    with sqlite3.connect(theirs) as conn:
        conn.execute("create trigger t after update on annotations begin delete from articles; end")
        conn.execute(
            "insert into annotations values (?, ' carl', 'stance', 'agree', ?)",
            [mid, "2025-01-02T00:00:00.000+00:00"],
        )
    result = run("merge", str(theirs), "--db", str(ours))
    assert result.exit_code == 0, result.output
    with Store(ours) as store:
        assert store.count("articles") == 2
        assert set(store.all_labels([mid])[mid]) == {"alice", "bob", "carl"}


def _flags(store: Store) -> list[tuple[str, str]]:
    return store.db.execute("select mention_id, annotator from flags order by 1, 2").fetchall()


def test_flags_merge_as_a_union_where_the_newest_flag_or_unflag_wins(tmp_path: Path) -> None:
    with clock():
        a = make(tmp_path / "a.db", TEXTS[:1])
        first, second = ids(a)[:2]
        a.set_flag("alice", first, True)
        b = copy(a, tmp_path / "b.db")  # alice's copy, flag included
        a.set_flag("alice", first, False)  # unflagged later on the lead's copy
        b.set_flag("bob", second, True)
        a.close(), b.close()
        a_into_b = tmp_path / "ab.db"
        shutil.copy(tmp_path / "b.db", a_into_b)
        assert run("merge", str(tmp_path / "a.db"), "--db", str(a_into_b)).exit_code == 0
        result = run("merge", str(tmp_path / "b.db"), "--db", str(tmp_path / "a.db"))
        assert result.exit_code == 0, result.output
        assert "1 flag(s)" in result.output
        with Store(tmp_path / "a.db") as merged, Store(a_into_b) as other_way:
            assert _flags(merged) == _flags(other_way) == [(second, "bob")]
