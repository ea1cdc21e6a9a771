"""Agreement's reads from the store: claim-scoped values resolved in SQL, patterns, --since, gold."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.agreement import agreement_by_annotator, agreement_by_article, database_agreement
from factcheck.cli import cli
from factcheck.store import NewArticle, Store

EARLY = "2025-01-01T09:00:00.000+00:00"
LATE = "2025-03-01T09:00:00.000+00:00"


def article(store: Store, text: str, path: str) -> list[str]:
    spans, pos = [], 0
    for sentence in text.split("|"):
        spans.append((pos, pos + len(sentence)))
        pos += len(sentence) + 1
    store.add_article(
        NewArticle(path, text.replace("|", " "), text.replace("|", " "), spans, [None] * len(spans))
    )
    return [m.id for m in store.mentions(store.articles()[-1].id)]


def stamp(store: Store, mention: str, who: str, field: str, when: str) -> None:
    """Backdate one label (labels are written with the current time)."""
    with store.transaction():
        store.db.execute(
            "update annotations set updated_at = ? where mention_id = ? and annotator = ? and field = ?",
            [when, mention, who, field],
        )


def join_claims(store: Store, keep: str, other: str) -> None:
    """Put ``other``'s mention into ``keep``'s claim, as re-clustering does."""
    with store.transaction():
        store.db.execute(
            "update mentions set claim_id = (select claim_id from mentions where id = ?) where id = ?",
            [keep, other],
        )


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = Store(tmp_path / "a.db")
    yield store
    store.close()


def test_claim_value_is_the_newest_copy_across_its_mentions(store: Store) -> None:
    a = article(store, "One claim here.|Two claims there.", "a.txt")
    b = article(store, "Another claim.|Yet another.", "b.txt")
    # alice labels two separate claims differently; later they are found to be one claim.
    store.set_label("alice", a[0], "verification", "supported")
    store.set_label("alice", b[0], "verification", "refuted")
    stamp(store, a[0], "alice", "verification", LATE)
    stamp(store, b[0], "alice", "verification", EARLY)
    store.set_label("bob", a[0], "verification", "supported")
    join_claims(store, a[0], b[0])
    claim = store.mention(a[0]).claim_id
    assert sorted(store.ratings("verification", claim_scope=True)) == [
        (claim, "alice", "supported"),
        (claim, "bob", "supported"),
    ]
    report = database_agreement(store, "verification").fields["verification"]
    assert (report.items, report.ratings, report.coefficients["percent_agreement"].value) == (1, 2, 1.0)
    # The other way round, the newer copy is on b[0].
    stamp(store, b[0], "alice", "verification", "2025-04-01T00:00:00.000+00:00")
    assert (claim, "alice", "refuted") in store.ratings("verification", claim_scope=True)
    report = database_agreement(store, "verification").fields["verification"]
    assert report.coefficients["percent_agreement"].value == 0.0


def test_equally_new_copies_resolve_to_the_greatest_mention_id(store: Store) -> None:
    a = article(store, "One claim here.", "a.txt")
    b = article(store, "Another claim.", "b.txt")
    store.set_label("alice", a[0], "verification", "supported")
    store.set_label("alice", b[0], "verification", "refuted")
    for mention in (a[0], b[0]):
        stamp(store, mention, "alice", "verification", LATE)
    join_claims(store, a[0], b[0])
    newest = "supported" if a[0] > b[0] else "refuted"
    assert [r[2] for r in store.ratings("verification", claim_scope=True)] == [newest]


def test_patterns_are_the_ratings_grouped_by_item(store: Store) -> None:
    a = article(store, "One.|Two.|Three.|Four.", "a.txt")
    for who, stances in (("alice", "agree agree discuss agree"), ("bob", "agree disagree discuss -")):
        for mention, value in zip(a, stances.split(), strict=True):
            if value != "-":
                store.set_label(who, mention, "stance", value)
    store.set_label("carol", a[3], "stance", "discuss")
    patterns = store.rating_patterns("stance", claim_scope=False)
    assert patterns == {
        (("alice", "agree"), ("bob", "agree")): 1,
        (("alice", "agree"), ("bob", "disagree")): 1,
        (("alice", "discuss"), ("bob", "discuss")): 1,
        (("alice", "agree"), ("carol", "discuss")): 1,
    }
    rows = store.ratings("stance", claim_scope=False)
    assert len(rows) == 8 and len(set(rows)) == 8


def test_since_keeps_labels_written_from_that_time(store: Store) -> None:
    a = article(store, "One.|Two.|Three.", "a.txt")
    for mention in a:
        for who in ("alice", "bob"):
            store.set_label(who, mention, "stance", "agree")
    stamp(store, a[0], "alice", "stance", EARLY)
    stamp(store, a[1], "bob", "stance", EARLY)
    since = datetime(2025, 2, 1)
    assert len(store.ratings("stance", claim_scope=False, since=since)) == 4
    report = database_agreement(store, "stance", since=since).fields["stance"]
    assert (report.items, report.pairable_items, report.ratings) == (3, 1, 4)
    # A time of day, and a time zone: 09:00 UTC is 10:00 in Paris in winter.
    assert len(store.ratings("stance", False, since=datetime.fromisoformat("2025-01-01T09:00:00+00:00"))) == 6
    assert len(store.ratings("stance", False, since=datetime.fromisoformat("2025-01-01T10:00:01+01:00"))) == 4


def test_by_article_counts_a_claim_in_each_article_with_its_newest_value(store: Store) -> None:
    a = article(store, "One claim here.|Two claims there.", "a.txt")
    b = article(store, "Another claim.", "b.txt")
    join_claims(store, a[0], b[0])
    store.set_label("alice", a[0], "verification", "supported")  # reaches b[0] too
    store.set_label("bob", b[0], "verification", "refuted")
    store.set_label("bob", a[0], "verification", "supported")  # bob's later copy, on both
    stamp(store, b[0], "alice", "verification", EARLY)
    with store.transaction():  # alice's copy in b.txt was changed before she relabelled in a.txt
        store.db.execute(
            "update annotations set value = 'refuted' where mention_id = ? and annotator = 'alice'", [b[0]]
        )
    articles = agreement_by_article(store, "verification").articles
    for one in articles:
        report = one.report.fields["verification"]
        assert (report.items, report.ratings) == (1, 2)
        assert report.coefficients["percent_agreement"].value == 1.0


def test_text_values_compare_normalised_and_empty_ones_are_dropped(store: Store) -> None:
    a = article(store, "One.|Two.", "a.txt")
    store.set_label("alice", a[0], "source", "  Amnesty   International ")
    store.set_label("bob", a[0], "source", "amnesty international")
    store.set_label("alice", a[1], "source", " \u00a0 ")
    store.set_label("bob", a[1], "source", "Reuters")
    report = database_agreement(store, "source").fields["source"]
    assert (report.items, report.pairable_items, report.ratings) == (2, 1, 3)
    assert report.coefficients["percent_agreement"].value == 1.0


def test_by_annotator_majority_and_gold(store: Store) -> None:
    a = article(store, "One.|Two.|Three.|Four.|Five.", "a.txt")
    labels = {
        "alice": "agree agree discuss agree disagree",
        "bob": "agree disagree discuss agree discuss",
        "carol": "agree disagree agree - discuss",
    }
    for who, stances in labels.items():
        for mention, value in zip(a, stances.split(), strict=True):
            if value != "-":
                store.set_label(who, mention, "stance", value)
    for mention, value in zip(a, ["agree", "disagree", "discuss"], strict=False):
        store.set_gold("mention", mention, "stance", value, "lead")
    report = agreement_by_annotator(store, "stance").fields["stance"]
    alice = report["alice"]
    assert (alice.items, alice.shared_items) == (5, 5)
    # The others' majority: agree, disagree, (tie), agree (bob alone), discuss.
    assert alice.majority.items == 4
    assert alice.majority.agreement.value == pytest.approx(2 / 4)
    assert alice.gold.items == 3 and alice.gold.agreement.value == pytest.approx(2 / 3)
    assert alice.majority.warning == "few items"
    carol = report["carol"]
    assert carol.items == 4 and carol.gold.agreement.value == pytest.approx(2 / 3)
    assert set(alice.pairwise) == {"bob", "carol"}
    assert alice.mean_kappa == pytest.approx(
        sum(k for k in alice.pairwise.values() if k is not None) / len(alice.pairwise)
    )


def test_overlap_only_restricts_claims_and_annotators_in_sql(tmp_path: Path) -> None:
    path = tmp_path / "o.db"
    with Store(path) as store:
        mentions = article(store, "One.|Two.|Three.|Four.|Five.|Six.", "a.txt")
    plan = [
        "assign",
        "--annotators",
        "alice,bob",
        "--unit",
        "sentence",
        "--overlap",
        "0.5",
        "--db",
        str(path),
    ]
    assert CliRunner().invoke(cli, plan).exit_code == 0
    with Store(path) as store:
        claims = store.overlap_targets(claim_scope=True)
        for m in mentions:
            claim = store.mention(m).claim_id
            store.set_label("alice", m, "verification", "supported")
            store.set_label("bob", m, "verification", "supported" if claim in claims else "refuted")
        whole = database_agreement(store, "verification").fields["verification"]
        only = database_agreement(store, "verification", overlap_only=True).fields["verification"]
        per_annotator = agreement_by_annotator(store, "verification", overlap_only=True).fields[
            "verification"
        ]
    assert 0 < len(claims) < len(mentions)
    assert whole.items == len(mentions) and whole.coefficients["percent_agreement"].value < 1.0
    assert only.items == len(claims) and only.coefficients["percent_agreement"].value == 1.0
    assert per_annotator["alice"].items == len(claims)
    assert per_annotator["alice"].majority.agreement.value == 1.0
