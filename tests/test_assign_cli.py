"""factcheck assign from the command line: the stored plan, re-runs, merge, and every bad input."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from factcheck.cli import cli
from factcheck.store import Store

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("seeded") / "seeds.db"
    assert run("ingest", str(SEEDS), "--db", str(db)).exit_code == 0
    return db


@pytest.fixture
def db(seeded: Path, tmp_path: Path) -> Path:
    target = tmp_path / "work.db"
    with Store(seeded) as store:
        store.db.execute("pragma wal_checkpoint(truncate)")
    shutil.copy(seeded, target)
    return target


def rows(db: Path) -> set[tuple[str, str, str]]:
    with Store(db) as store:
        return set(store.db.execute("select item_id, annotator, unit from assignments").fetchall())


def digest(db: Path) -> str:
    with Store(db) as store:
        store.db.execute("pragma wal_checkpoint(truncate)")
        tables = ["assignments", "meta", "annotations", "events"]
        dump = [sorted(map(repr, store.db.execute(f"select * from {t}").fetchall())) for t in tables]
    return hashlib.sha256(json.dumps(dump).encode()).hexdigest()


def test_assign_stores_a_plan_that_stats_and_a_rerun_use(db: Path) -> None:
    result = run("assign", "--annotators", "alice,bob,carol", "--overlap", "0.4", "--db", str(db))
    assert result.exit_code == 0, result.output
    assert "plan by article" in result.stderr and "alice:" in result.stderr
    first = rows(db)
    with Store(db) as store:
        articles = store.count("articles")
        settings = store.plan_settings()
    assert settings is not None and settings["overlap"] == 0.4
    assert len({item for item, _w, _u in first}) == articles
    assert len(first) == articles + round(0.4 * articles)
    again = run("assign", "--db", str(db))
    assert again.exit_code == 0 and rows(db) == first
    assert "0 assignment(s) added, 0 not yet started taken back" in again.stderr


def test_sentence_plans_and_a_new_annotator_keep_started_work(db: Path) -> None:
    assert run("assign", "--annotators", "alice,bob", "--unit", "sentence", "--db", str(db)).exit_code == 0
    with Store(db) as store:
        mine = sorted(item for item, who, _u in rows(db) if who == "alice")[:3]
        for mid in mine:
            store.set_label("alice", mid, store.schema.names[0], store.schema.fields[0].values[0])
    result = run("assign", "--annotators", "alice,bob,dan", "--db", str(db))
    assert result.exit_code == 0, result.output
    after = rows(db)
    assert {(mid, "alice", "sentence") for mid in mine} <= after
    with Store(db) as store:
        shares = store.plan_progress()
    assert shares["alice"].done == 3
    sizes = sorted(p.sentences for p in shares.values())
    assert sizes[-1] - sizes[0] <= 2


def test_clear_drops_the_plan_and_keeps_labels(db: Path) -> None:
    run("assign", "--annotators", "alice,bob", "--db", str(db))
    with Store(db) as store:
        mid = next(store.iter_mentions()).id
        store.set_label("alice", mid, "note", "kept")
    result = run("assign", "--clear", "--db", str(db))
    assert result.exit_code == 0 and "labels are kept" in result.stderr
    assert rows(db) == set()
    with Store(db) as store:
        assert store.plan_settings() is None and store.count("annotations") == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--annotators", "alice,bob", "--per-item", "2", "--overlap", "0.1"], "not both"),
        (["--annotators", "alice,bob", "--per-item", "3"], "--per-item must be between 1 and"),
        (["--annotators", "alice,bob", "--overlap", "1.5"], "--overlap must be between 0 and 1"),
        (["--annotators", "alice,bob", "--overlap", "-0.1"], "--overlap must be between 0 and 1"),
        (["--annotators", "alice", "--overlap", "0.3"], "--overlap needs at least two annotators"),
        (["--annotators", "alice,,bob"], "must not be blank"),
        (["--annotators", "alice,alice"], "annotator named twice: alice"),
        (["--annotators", ""], "must not be blank"),
        ([], "no plan yet: name the team with --annotators"),
        (["--annotators", "alice,bob", "--unit", "sentence"], "the stored plan assigns articles"),
    ],
)
def test_bad_input_is_one_line_and_changes_nothing(db: Path, args: list[str], message: str) -> None:
    if "--unit" in args:
        run("assign", "--annotators", "alice,bob", "--db", str(db))
    before = digest(db)
    result = run("assign", *args, "--db", str(db))
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and message in result.stderr
    assert result.stderr.count("\n") == 1
    assert digest(db) == before


def test_assign_on_a_missing_database_says_so(tmp_path: Path) -> None:
    result = run("assign", "--annotators", "a,b", "--db", str(tmp_path / "none.db"))
    assert result.exit_code == 1 and "no such database" in result.stderr
    assert not (tmp_path / "none.db").exists()


def test_merge_carries_the_plan(db: Path, tmp_path: Path) -> None:
    run("assign", "--annotators", "alice,bob", "--per-item", "2", "--db", str(db))
    lead = tmp_path / "lead.db"
    assert run("ingest", str(SEEDS), "--db", str(lead)).exit_code == 0
    result = run("merge", str(db), "--db", str(lead))
    assert result.exit_code == 0, result.output
    assert rows(lead) == rows(db)
    with Store(lead) as store, Store(db) as source:
        assert store.plan_settings() == source.plan_settings()
    again = run("merge", str(db), "--db", str(lead))
    assert again.exit_code == 0 and "assignment" not in again.stderr


def test_merge_refuses_a_plan_by_another_unit(db: Path, tmp_path: Path) -> None:
    run("assign", "--annotators", "alice,bob", "--db", str(db))
    other = tmp_path / "other.db"
    assert run("ingest", str(SEEDS), "--db", str(other)).exit_code == 0
    run("assign", "--annotators", "carol", "--unit", "sentence", "--db", str(other))
    before = digest(db)
    result = run("merge", str(other), "--db", str(db))
    assert result.exit_code == 1
    assert "its plan assigns sentences, this one's articles" in result.stderr
    assert digest(db) == before


def test_agreement_can_be_restricted_to_the_overlap_set(tmp_path: Path) -> None:
    from tui_helpers import build_db

    path = tmp_path / "t.db"
    build_db(path)
    assert run(
        "assign", "--annotators", "alice,bob", "--unit", "sentence", "--overlap", "0.5", "--db", str(path)
    )
    with Store(path) as store:
        double = store.overlap_targets(claim_scope=False)
        first = store.schema.fields[0]
        for m in store.iter_mentions():
            store.set_label("alice", m.id, first.name, first.values[0])
            theirs = first.values[0] if m.id in double else first.values[1]
            store.set_label("bob", m.id, first.name, theirs)
    assert len(double) == round(0.5 * 13)
    whole = json.loads(run("agreement", "--field", first.name, "--format", "json", "--db", str(path)).stdout)
    overlap = run("agreement", "--field", first.name, "--overlap-only", "--format", "json", "--db", str(path))
    assert overlap.exit_code == 0, overlap.output
    only = json.loads(overlap.stdout)["fields"][first.name]
    assert whole["fields"][first.name]["items"] == 13
    assert only["items"] == len(double) and only["percent_agreement"] == 1.0
    assert whole["fields"][first.name]["percent_agreement"] < 1.0
    by_article = run("agreement", "--overlap-only", "--by-article", "--format", "json", "--db", str(path))
    assert by_article.exit_code == 0, by_article.output


@pytest.mark.parametrize(
    ("plan_args", "message"),
    [
        ([], "--overlap-only needs an assignment plan"),
        (["--annotators", "alice,bob"], "the assignment plan gives no item to two annotators"),
    ],
)
def test_overlap_only_without_an_overlap_says_why(db: Path, plan_args: list[str], message: str) -> None:
    if plan_args:
        run("assign", *plan_args, "--db", str(db))
    before = digest(db)
    result = run("agreement", "--overlap-only", "--db", str(db))
    assert result.exit_code == 1 and result.stderr.startswith(f"Error: {message}")
    assert result.stderr.count("\n") == 1
    assert digest(db) == before
