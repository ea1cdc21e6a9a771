"""`factcheck agreement` over a database: the JSON contract, claim scope, per article, nulls."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.cli import cli
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
    assert set(fields) == {"checkworthy", "stance", "source", "source_type", "verification", "note"}
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
