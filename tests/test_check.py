"""``factcheck check``: SQLite's own checks and the claim invariants, each failure named."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from factcheck.cli import cli

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "c.db"
    assert run("ingest", str(SEEDS), "--db", str(path)).exit_code == 0
    return path


def damage(path: Path, *sql: str) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("pragma foreign_keys = off")
        for statement in sql:
            conn.execute(statement)


def test_a_sound_database_passes_with_a_summary(db: Path) -> None:
    result = run("check", "--db", str(db))
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith("ok: integrity, references and claim invariants hold (5 article(s)")
    assert result.stdout == ""


ONE_CLAIM = "(select claim_id from mentions order by id limit 1)"


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        (
            ["insert into claims (id, canonical_mention_id, size) values ('c0ffee', 'nobody', 1)"],
            "every claim has at least one sentence: 1 failure(s) (e.g. c0ffee)",
        ),
        (
            ["update mentions set claim_id = 'gone' where id = (select min(id) from mentions)"],
            "every sentence belongs to a stored claim: 1 failure(s)",
        ),
        ([f"update claims set size = size + 1 where id = {ONE_CLAIM}"], "every claim's size is its number"),
        (
            [f"update claims set canonical_mention_id = 'elsewhere' where id = {ONE_CLAIM}"],
            "every claim's canonical sentence belongs to it: 1 failure(s)",
        ),
        (
            [f"insert into claim_links values ({ONE_CLAIM}, 'retired', 'number', 95.0)"],
            "every claim link names two stored claims: 1 failure(s)",
        ),
        (
            ["insert into annotations values ('no-such-mention', 'alice', 'stance', 'agree', '2024')"],
            "every reference names a stored row: 1 failure(s) (e.g. annotations row",
        ),
    ],
)
def test_each_broken_invariant_is_reported_and_fails(db: Path, sql: list[str], message: str) -> None:
    damage(db, *sql)
    result = run("check", "--db", str(db))
    assert result.exit_code == 1
    failed = [line for line in result.stderr.splitlines() if line.startswith("failed: ")]
    assert any(message in line for line in failed), result.stderr


def test_several_failures_are_all_listed(db: Path) -> None:
    damage(
        db,
        f"update claims set size = 0 where id = {ONE_CLAIM}",
        "insert into claim_links values ('a', 'b', 'entity', 91.0)",
    )
    result = run("check", "--db", str(db))
    assert result.exit_code == 1
    assert "every claim's size is its number of sentences" in result.stderr
    assert "every claim link names two stored claims" in result.stderr


def test_a_missing_database_is_an_error_and_not_created(tmp_path: Path) -> None:
    path = tmp_path / "none.db"
    result = run("check", "--db", str(path))
    assert result.exit_code == 1
    assert result.stderr.strip().startswith("Error: ") and "no such database" in result.stderr
    assert not path.exists()


def test_a_file_that_is_not_a_database_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    path.write_text("not sqlite")
    result = run("check", "--db", str(path))
    assert result.exit_code == 1 and result.stderr.strip().startswith("Error: ")
    assert len(result.stderr.strip().splitlines()) == 1
    assert path.read_text() == "not sqlite"
