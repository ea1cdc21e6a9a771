"""Gold labels: set, clear and undo with events; unanimous acceptance; disagreements."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.store import NewArticle, Store

FIRST = "Amnesty said 105 civilians were killed. The coalition denied it. Rain fell on Tuesday."
SECOND = "Officials said 105 civilians were killed. Markets were closed."


def article(text: str, path: str) -> NewArticle:
    spans, start = [], 0
    for part in text.split(". "):
        end = start + len(part.rstrip(".")) + 1
        spans.append((start, min(end, len(text))))
        start = end + 1
    return NewArticle(path=path, raw=text, text=text, spans=spans, sources=[None] * len(spans), title=path)


def cluster(store: Store, mention_ids: list[str]) -> str:
    """Put mentions into one claim (what dedup does), returning the claim id."""
    claim = store.mention(mention_ids[0]).claim_id  # type: ignore[union-attr]
    with store.transaction():
        for mid in mention_ids:
            store.db.execute("update mentions set claim_id = ? where id = ?", [claim, mid])
        store.db.execute("update claims set size = ? where id = ?", [len(mention_ids), claim])
    return str(claim)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "gold.db")
    s.add_article(article(FIRST, "a.txt"))
    s.add_article(article(SECOND, "b.txt"))
    return s


def mention_ids(store: Store) -> list[str]:
    return [m.id for m in store.iter_mentions()]


def test_set_gold_logs_an_event_and_undo_restores(store: Store) -> None:
    mid = mention_ids(store)[0]
    change = store.set_gold("mention", mid, "stance", "agree", "carol")
    assert change is not None and (change.old, change.new) == (None, "agree")
    assert store.set_gold("mention", mid, "stance", "agree", "carol") is None
    store.set_gold("mention", mid, "stance", "discuss", "dave")
    assert store.gold_for(mid) == {"stance": "discuss"}
    event = store.events_for("dave")[0]
    assert (event["kind"], event["mention_id"], event["old"], event["new"]) == (
        "gold",
        mid,
        "agree",
        "discuss",
    )
    undone = store.undo_gold("dave")
    assert [(c.old, c.new, c.adjudicator) for c in undone] == [("discuss", "agree", "carol")]
    assert store.gold_labels(mid)[0].adjudicator == "carol"
    assert store.undo_gold("dave") == []
    store.undo_gold("carol")
    assert store.gold_for(mid) == {}


def test_claim_gold_is_keyed_by_claim_and_seen_from_every_mention(store: Store) -> None:
    ids = mention_ids(store)
    claim = cluster(store, [ids[0], ids[3]])
    store.set_gold("claim", claim, "verification", "refuted", "carol")
    assert store.gold_for(claim) == {"verification": "refuted"}
    assert store.gold_for_mention(ids[3]) == {"verification": "refuted"}
    assert store.gold_labels(claim)[0].target_kind == "claim"


def test_clear_gold_can_be_undone(store: Store) -> None:
    mid = mention_ids(store)[0]
    store.set_gold("mention", mid, "source", "Amnesty", "carol")
    store.clear_gold(mid, "source", "carol")
    assert store.gold_for(mid) == {}
    store.undo_gold("carol")
    assert store.gold_for(mid) == {"source": "Amnesty"}


@pytest.mark.parametrize(
    ("kind", "field", "value", "message"),
    [
        ("mention", "colour", "red", "unknown field"),
        ("mention", "stance", "maybe", "is not a value"),
        ("claim", "stance", "agree", "mention-scoped"),
        ("mention", "verification", "refuted", "claim-scoped"),
    ],
)
def test_set_gold_rejects_bad_input(store: Store, kind: str, field: str, value: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        store.set_gold(kind, mention_ids(store)[0], field, value, "carol")


def test_set_gold_rejects_an_unknown_target(store: Store) -> None:
    with pytest.raises(ValueError, match="unknown mention"):
        store.set_gold("mention", "nope", "stance", "agree", "carol")


def label_all(store: Store) -> tuple[list[str], str]:
    ids = mention_ids(store)
    claim = cluster(store, [ids[0], ids[3]])
    store.set_label("alice", ids[0], "stance", "agree")
    store.set_label("bob", ids[0], "stance", "agree")
    store.set_label("alice", ids[1], "stance", "agree")
    store.set_label("bob", ids[1], "stance", "disagree")
    store.set_label("alice", ids[2], "stance", "discuss")  # one annotator only
    store.set_label("alice", ids[0], "source", "  Amnesty International")
    store.set_label("bob", ids[0], "source", "amnesty   international")
    store.set_label("alice", ids[0], "verification", "refuted")
    store.set_label("bob", ids[3], "verification", "refuted")
    return ids, claim


def test_accept_unanimous_makes_gold_of_agreement_only(store: Store) -> None:
    ids, claim = label_all(store)
    assert store.accept_unanimous() == 3
    assert store.gold_for(ids[0]) == {"stance": "agree", "source": "Amnesty International"}
    assert store.gold_for(ids[1]) == {}
    assert store.gold_for(ids[2]) == {}
    assert store.gold_for(claim) == {"verification": "refuted"}
    assert store.gold_labels(claim)[0].adjudicator == "unanimous"
    assert store.accept_unanimous() == 0


def test_accept_unanimous_keeps_existing_gold_unless_asked(store: Store) -> None:
    ids, _ = label_all(store)
    store.set_gold("mention", ids[0], "stance", "discuss", "carol")
    store.accept_unanimous(field="stance")
    assert store.gold_for(ids[0])["stance"] == "discuss"
    assert store.accept_unanimous(field="stance", overwrite=True) == 1
    assert store.gold_for(ids[0])["stance"] == "agree"


def test_accept_unanimous_is_undone_in_one_step(store: Store) -> None:
    ids, claim = label_all(store)
    store.accept_unanimous()
    assert len(store.undo_gold("unanimous")) == 3
    assert store.gold_for(ids[0]) == {} and store.gold_for(claim) == {}


def test_accept_unanimous_needs_enough_annotators(store: Store) -> None:
    label_all(store)
    assert store.accept_unanimous(min_annotators=3) == 0
    with pytest.raises(ValueError):
        store.accept_unanimous(min_annotators=1)


def test_disagreements_for_review(store: Store) -> None:
    ids, claim = label_all(store)
    store.set_label("bob", ids[3], "verification", "supported")
    found = {(d.target_kind, d.target_id, d.field): d for d in store.disagreements()}
    assert set(found) == {("mention", ids[1], "stance"), ("claim", claim, "verification")}
    assert found[("mention", ids[1], "stance")].values == {"alice": "agree", "bob": "disagree"}
    on_claim = found[("claim", claim, "verification")]
    assert on_claim.values == {"alice": "refuted", "bob": "supported"}
    assert on_claim.mention_id == ids[0]
    assert [d.target_id for d in store.disagreements(field="stance")] == [ids[1]]


def test_disagreements_can_hide_resolved_items(store: Store) -> None:
    ids, _ = label_all(store)
    store.set_gold("mention", ids[1], "stance", "agree", "carol")
    resolved = next(store.disagreements(field="stance"))
    assert resolved.gold == "agree"
    assert list(store.disagreements(field="stance", pending_only=True)) == []


def test_disagreements_reject_an_unknown_field(store: Store) -> None:
    with pytest.raises(ValueError):
        list(store.disagreements(field="colour"))
