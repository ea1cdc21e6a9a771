"""`factcheck agreement` on a database: the JSON contract, claim scope, per article and annotator."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.console import Console

from factcheck.agreement import AgreementReport, database_agreement, field_agreement
from factcheck.cli import cli
from factcheck.cli.agreement_table import print_report
from factcheck.store import NewArticle, Store

CONTRACT_KEYS = {
    "items",
    "pairable_items",
    "annotators",
    "percent_agreement",
    "cohen_kappa",
    "fleiss_kappa",
    "krippendorff_alpha",
    "krippendorff_alpha_ordinal",
    "gwet_ac1",
}


def article(store: Store, text: str, path: str) -> list[str]:
    spans, pos = [], 0
    for sentence in text.split("|"):
        spans.append((pos, pos + len(sentence)))
        pos += len(sentence) + 1
    store.add_article(
        NewArticle(path, text.replace("|", " "), text.replace("|", " "), spans, [None] * len(spans))
    )
    return [m.id for m in store.mentions(store.articles()[-1].id)]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "a.db"
    with Store(path) as store:
        a = article(store, "One claim here.|Two claims there.|Three of them.", "a.txt")
        b = article(store, "Four in all.|Five at most.", "b.txt")
        with store.transaction():  # a[0] and b[0] are one claim with two mentions
            store.db.execute(
                "update mentions set claim_id = ? where id = ?", [store.mention(a[0]).claim_id, b[0]]
            )
        for who, stances in (
            ("alice", "agree agree discuss agree agree"),
            ("bob", "agree disagree discuss agree discuss"),
        ):
            for mid, value in zip(a + b, stances.split(), strict=True):
                store.set_label(who, mid, "stance", value)
        store.set_label("alice", a[0], "verification", "refuted")
        store.set_label("bob", b[0], "verification", "supported")
        store.set_label("alice", a[1], "source", "  Amnesty   International ")
        store.set_label("bob", a[1], "source", "amnesty international")
    return path


def agreement(db: Path, *args: str) -> dict:
    result = CliRunner().invoke(cli, ["agreement", "--db", str(db), "--format", "json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_contract_keys_for_every_field(db: Path) -> None:
    fields = agreement(db)["fields"]
    assert set(fields) == {
        "checkworthy",
        "stance",
        "source",
        "source_type",
        "verification",
        "evidence",
        "note",
    }
    for report in fields.values():
        assert set(report) >= CONTRACT_KEYS
    stance = fields["stance"]
    assert (stance["items"], stance["pairable_items"], stance["annotators"]) == (5, 5, 2)
    assert stance["percent_agreement"] == pytest.approx(3 / 5)
    assert stance["krippendorff_alpha_ordinal"] is None
    assert fields["checkworthy"]["percent_agreement"] is None


def test_claim_scoped_field_counts_each_claim_once(db: Path) -> None:
    verification = agreement(db, "--field", "verification")["fields"]["verification"]
    # Two mentions of one claim: one item, rated refuted by alice and supported by bob.
    assert verification["items"] == 1 and verification["pairable_items"] == 1
    assert verification["percent_agreement"] == 0.0


def test_text_fields_compare_normalised(db: Path) -> None:
    source = agreement(db, "--field", "source")["fields"]["source"]
    assert source["pairable_items"] == 1 and source["percent_agreement"] == 1.0


def test_by_article(db: Path) -> None:
    articles = agreement(db, "--by-article", "--field", "stance")["articles"]
    assert [a["path"] for a in articles.values()] == ["a.txt", "b.txt"]
    assert [a["fields"]["stance"]["items"] for a in articles.values()] == [3, 2]


def test_empty_database_gives_nulls(tmp_path: Path) -> None:
    Store(tmp_path / "e.db").close()
    fields = agreement(tmp_path / "e.db")["fields"]
    assert all(r["items"] == 0 and r["cohen_kappa"] is None for r in fields.values())


def test_table_and_unknown_field(db: Path) -> None:
    table = CliRunner().invoke(cli, ["agreement", "--db", str(db)])
    assert table.exit_code == 0 and "Krippendorff" in table.stdout and "alice · bob" in table.stdout
    bad = CliRunner().invoke(cli, ["agreement", "--db", str(db), "--field", "colour"])
    assert bad.exit_code == 2 and "unknown field" in bad.output


# --- per annotator, since a time, bootstrap intervals ------------------------------------------


def everything(db: Path) -> list[str]:
    """The whole database as SQL, to show a command changed nothing."""
    with sqlite3.connect(db) as conn:
        return list(conn.iterdump())


def test_by_annotator(db: Path) -> None:
    with Store(db) as store:
        mention = store.mentions(store.articles()[0].id)[1]
        store.set_gold("mention", mention.id, "stance", "disagree", "lead")
    fields = agreement(db, "--by", "annotator")["fields"]
    alice = fields["stance"]["annotators"]["alice"]
    assert (alice["items"], alice["shared_items"]) == (5, 5)
    assert alice["pairwise"] == {
        "bob": pytest.approx(fields["stance"]["annotators"]["bob"]["pairwise"]["alice"])
    }
    assert alice["mean_kappa"] == alice["pairwise"]["bob"]
    # With one other annotator, the majority is bob: 3 of 5 items agree.
    assert alice["majority"]["items"] == 5 and alice["majority"]["agreement"] == pytest.approx(3 / 5)
    assert alice["majority"]["warning"] == "few items"
    assert alice["gold"]["items"] == 1 and alice["gold"]["agreement"] == 0.0
    assert fields["stance"]["annotators"]["bob"]["gold"]["agreement"] == 1.0
    assert set(alice["majority"]) >= {"kappa", "kappa_se", "kappa_ci", "kappa_se_method", "agreement_ci"}
    assert fields["checkworthy"]["annotators"] == {}
    table = CliRunner().invoke(cli, ["agreement", "--db", str(db), "--by", "annotator", "--field", "stance"])
    assert table.exit_code == 0
    assert "majority" in table.stdout and "gold" in table.stdout and "alice" in table.stdout


def test_pairs_report_their_shared_items(db: Path) -> None:
    stance = agreement(db, "--field", "stance")["fields"]["stance"]
    assert stance["cohen_pairwise_items"] == {"alice|bob": 5}
    assert stance["cohen_kappa_se_method"] == "jackknife"  # 5 shared items


def test_since_takes_labels_from_that_date(db: Path) -> None:
    with Store(db) as store, store.transaction():
        store.db.execute(
            "update annotations set updated_at = '2024-12-31T23:59:59.999+00:00' where annotator = 'bob'"
        )
    stance = agreement(db, "--since", "2025-01-01", "--field", "stance")["fields"]["stance"]
    assert (stance["items"], stance["pairable_items"], stance["annotators"]) == (5, 0, 1)
    before = agreement(db, "--since", "2024-12-31T23:59:59", "--field", "stance")["fields"]["stance"]
    assert before["pairable_items"] == 5


def test_bootstrap_intervals(db: Path) -> None:
    args = ("--field", "stance", "--ci", "bootstrap", "--reps", "50", "--seed", "7")
    first = agreement(db, *args)["fields"]["stance"]
    assert first == agreement(db, *args)["fields"]["stance"]
    assert first["ci_method"] == "bootstrap-percentile" and first["bootstrap_reps"] == 50
    assert first["percent_agreement_se_method"] == "bootstrap"
    low, high = first["percent_agreement_ci"]
    assert 0.0 <= low <= high <= 1.0
    table = CliRunner().invoke(cli, ["agreement", "--db", str(db), *args])
    assert table.exit_code == 0 and "bootstrap" in table.stdout


def test_few_items_are_dimmed_with_a_note(db: Path) -> None:
    result = CliRunner().invoke(cli, ["agreement", "--db", str(db), "--field", "stance"])
    assert result.exit_code == 0
    assert "few items: 5 pairable (fewer than 10)" in result.stdout
    assert agreement(db, "--field", "stance")["fields"]["stance"]["warning"] == "few items"
    with Store(db) as store:
        report = database_agreement(store, "stance")
    out = io.StringIO()
    print_report(report, Console(file=out, force_terminal=True, color_system="standard", width=100))
    row = next(line for line in out.getvalue().splitlines() if "Fleiss" in line)
    assert "\x1b[2m" in row  # dim
    enough = field_agreement([(f"i{k}", who, "ab"[k % 2]) for k in range(12) for who in "xy"])
    out = io.StringIO()
    print_report(AgreementReport({"stance": enough}), Console(file=out, force_terminal=True, width=100))
    row = next(line for line in out.getvalue().splitlines() if "Fleiss" in line)
    assert "\x1b[2m" not in row and "few items" not in out.getvalue()
    # Pairs sharing few items on average dim Cohen's kappa alone, with a note.
    crossed = [(f"i{k}", who, "ab"[(k + (who == "z")) % 2]) for k in range(12) for who in "xy"]
    crossed += [(f"i{k}", "z", "ab"[k % 2]) for k in range(4)]
    sparse = field_agreement(crossed)
    assert sparse.cohen_kappa_warning == "few items per pair" and sparse.warning is None
    out = io.StringIO()
    print_report(AgreementReport({"stance": sparse}), Console(file=out, force_terminal=True, width=100))
    lines = out.getvalue().splitlines()
    assert "\x1b[2m" in next(line for line in lines if "Cohen κ (mean" in line)
    assert "\x1b[2m" not in next(line for line in lines if "Fleiss" in line)
    assert "pairs share 6.7 items on average" in out.getvalue()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--reps", "100"], "--reps and --seed need --ci bootstrap"),
        (["--seed", "3"], "--reps and --seed need --ci bootstrap"),
        (["--ci", "bootstrap", "--reps", "5"], "--reps"),
        (["--ci", "jackknife"], "--ci"),
        (["--since", "last week"], "--since"),
        (["--since", "2025-13-01"], "--since"),
        (["--by", "colour"], "--by"),
        (["--by-article", "--by", "annotator"], "--by-article and --by annotator exclude each other"),
    ],
)
def test_bad_options_are_one_error_and_change_nothing(db: Path, args: list[str], message: str) -> None:
    before = everything(db)
    result = CliRunner().invoke(cli, ["agreement", "--db", str(db), *args])
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and message in errors[0]
    assert everything(db) == before
