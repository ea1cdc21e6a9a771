"""Fuzzing what users hand in: arbitrary bytes and JSON to ``import``, arbitrary TOML to
``--schema``, crafted SQLite files to ``merge``. Whatever comes in, the answer is success or
exit status 1 with one ``Error:`` line, never a traceback, and a refused input leaves the
database dump unchanged (and a merged one leaves every command working)."""

from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.cli import cli
from factcheck.store import NewArticle, Store

TEXT = "Amnesty said 426 civilians died. The coalition denied it."
OTHER = "Officials said the port reopened. Ships docked on Monday."
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def dump(path: Path) -> list[str]:
    if not path.exists():
        return []
    with closing(sqlite3.connect(path)) as conn:
        return list(conn.iterdump())


def make(path: Path, texts: list[str]) -> list[str]:
    with Store(path) as store:
        for i, text in enumerate(texts):
            cut = text.index(". ") + 1
            store.add_article(
                NewArticle(f"{i}.txt", text, text, [(0, cut), (cut + 1, len(text))], [None, None])
            )
        mids = [m.id for m in store.iter_mentions()]
        store.set_label("alice", mids[0], "stance", "agree")
        store.set_label("alice", mids[0], "verification", "refuted")
        store.set_gold("mention", mids[0], "stance", "agree", "carol")
        return mids


@contextmanager
def database() -> Iterator[tuple[Path, list[str]]]:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "main.db"
        yield db, make(db, [TEXT])


def check(result: Result, db: Path, before: list[str]) -> None:
    """Success, or exit status 1 with one Error line and the database unchanged."""
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    if result.exit_code == 0:
        return
    assert result.exit_code == 1, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), lines
    assert dump(db) == before


@FUZZ
@given(st.binary(max_size=2000))
def test_import_of_arbitrary_bytes(data: bytes) -> None:
    with database() as (db, _mids):
        path = db.parent / "in.jsonl"
        path.write_bytes(data)
        before = dump(db)
        result = run("import", str(path), "--db", str(db))
        check(result, db, before)
        assert dump(db) == before  # random bytes name no sentence: nothing can be written


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)


def records(mids: list[str]) -> st.SearchStrategy[Any]:
    """Export-shaped records with random parts: some valid, most not."""
    names = st.sampled_from(["stance", "verification", "note", "checkworthy", "mood", "annotator", ""])
    values = st.sampled_from(["agree", "refuted", "x", "", " ", "check-worthy", "\x1b[2J"]) | json_values
    entry = st.dictionaries(names, values, max_size=3).map(lambda d: {"annotator": "bob", **d}) | json_values
    return st.fixed_dictionaries(
        {
            "mention_id": st.sampled_from(mids) | json_values,
            "annotations": st.lists(entry, max_size=3) | json_values,
        },
        optional={
            "gold": st.dictionaries(names, values, max_size=2) | json_values,
            "labelled_at": json_values,
            "gold_adjudication": json_values,
        },
    )


@FUZZ
@given(st.data())
def test_import_of_arbitrary_json(data: st.DataObject) -> None:
    with database() as (db, mids):
        lines = data.draw(st.lists(records(mids) | json_values, min_size=1, max_size=4))
        path = db.parent / "in.jsonl"
        path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
        before = dump(db)
        result = run("import", str(path), "--db", str(db))
        check(result, db, before)
        if result.exit_code == 0:
            for command in (["export"], ["stats"], ["agreement"]):
                assert run(*command, "--db", str(db)).exit_code == 0


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return (
        "{ "
        + ", ".join(f"{json.dumps(k, ensure_ascii=False)} = {toml_value(v)}" for k, v in value.items())
        + " }"
    )


toml_leaves = (
    st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=12)
)
toml_values = st.recursive(
    toml_leaves,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=3)
    ),
    max_leaves=10,
)
field_keys = st.sampled_from(
    ["name", "kind", "values", "ordered", "scope", "title", "help", "value_help", "role", "meanings", "x"]
)
plausible = st.fixed_dictionaries(
    {"name": st.sampled_from(["rating", "stance", "annotator", "", "a b", "text"]) | toml_values},
    optional={
        "values": st.lists(st.sampled_from(["1", "2", "2", "", "x"]), max_size=10) | toml_values,
        "kind": st.sampled_from(["choice", "text", "other"]) | toml_values,
        "ordered": st.booleans() | toml_values,
        "scope": st.sampled_from(["mention", "claim", "article"]),
        "role": st.sampled_from(["verdict", "source", "nope"]) | toml_values,
        "meanings": toml_values,
    },
)


def schema_text(fields: list[dict[str, Any]]) -> str:
    return "".join(
        "[[field]]\n"
        + "".join(f"{json.dumps(k, ensure_ascii=False)} = {toml_value(v)}\n" for k, v in f.items())
        for f in fields
    )


@FUZZ
@given(
    st.lists(plausible | st.dictionaries(field_keys, toml_values, max_size=4), min_size=1, max_size=3).map(
        schema_text
    )
    | st.text(max_size=200)
)
def test_arbitrary_toml_as_a_schema(text: str) -> None:
    with database() as (db, _mids):
        schema = db.parent / "schema.toml"
        schema.write_text(text, encoding="utf-8")
        good = db.parent / "good.txt"
        good.write_text(OTHER + "\n")
        fresh = db.parent / "fresh.db"
        check(run("ingest", str(good), "--schema", str(schema), "--db", str(fresh)), fresh, [])
        before = dump(db)
        check(run("ingest", str(good), "--schema", str(schema), "--db", str(db)), db, before)


TABLE_COLUMNS = {
    "articles": ["id", "seq", "path", "text", "title"],
    "mentions": ["id", "article_id", "idx", "start", "end", "text", "claim_id"],
    "annotations": ["mention_id", "annotator", "field", "value", "updated_at"],
    "gold": ["target_kind", "target_id", "field", "value", "adjudicator", "updated_at"],
    "events": ["ts", "annotator", "mention_id", "field", "old", "new", "kind"],
    "meta": ["key", "value"],
    "claims": ["id", "canonical_mention_id", "size"],
}
cell = (
    st.none()
    | st.integers(-(2**40), 2**40)
    | st.floats(allow_nan=False)
    | st.text(max_size=30)
    | st.binary(max_size=8)
    | st.sampled_from(
        ["agree", "refuted", "  ", "2025-01-01T00:00:00.000+00:00", "2999-01-01T00:00:00.000+00:00"]
    )
)
setting = st.tuples(st.just("set"), st.sampled_from(sorted(TABLE_COLUMNS)), st.data())
mutation = st.one_of(
    setting,
    setting,
    setting,
    st.tuples(st.just("drop"), st.sampled_from(sorted(TABLE_COLUMNS)), st.none()),
    st.tuples(st.just("bytes"), st.integers(0, 8000), st.binary(min_size=1, max_size=16)),
)


def mutate(path: Path, change: tuple[str, Any, Any]) -> None:
    kind, where, extra = change
    if kind == "bytes":
        data = bytearray(path.read_bytes())
        data[where : where + len(extra)] = extra
        path.write_bytes(bytes(data[: max(len(data), 1)]))
        return
    with closing(sqlite3.connect(path)) as conn:
        if kind == "drop":
            conn.execute(f"drop table if exists {where}")
        else:
            column = extra.draw(st.sampled_from(TABLE_COLUMNS[where]))
            value = extra.draw(cell)
            conn.execute(
                f'update {where} set "{column}" = ? where rowid = (select min(rowid) from {where})', [value]
            )
        conn.commit()


@FUZZ
@given(st.lists(mutation, min_size=1, max_size=3))
def test_merge_of_crafted_databases(changes: list[tuple[str, Any, Any]]) -> None:
    with database() as (db, _mids):
        other = db.parent / "other.db"
        make(other, [TEXT, OTHER])
        for change in changes:
            try:
                mutate(other, change)
            except (sqlite3.DatabaseError, UnicodeDecodeError):
                break  # the file is no longer a database SQLite can change: merge it as it is
        before = dump(db)
        result = run("merge", str(other), "--db", str(db))
        check(result, db, before)
        assert not [p for p in db.parent.iterdir() if ".bulk-" in p.name]
        if result.exit_code == 0:
            for command in (
                ["export"],
                ["export", "--format", "csv"],
                ["stats"],
                ["agreement"],
                ["review", "--accept-unanimous"],
            ):
                outcome = run(*command, "--db", str(db))
                assert outcome.exit_code == 0, (command, outcome.output)


def test_the_crafted_database_strategy_starts_from_a_mergeable_database(tmp_path: Path) -> None:
    """Without mutations the fixture merges: the fuzz test above exercises refusals, not set-up errors."""
    make(tmp_path / "main.db", [TEXT])
    make(tmp_path / "other.db", [TEXT, OTHER])
    shutil.copy(tmp_path / "other.db", tmp_path / "copy.db")
    assert run("merge", str(tmp_path / "copy.db"), "--db", str(tmp_path / "main.db")).exit_code == 0
