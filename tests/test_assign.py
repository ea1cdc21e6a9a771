"""The assignment plan: balanced, deterministic, stable when re-run, never moving started work."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.plan import PlanError, PlanRequest, plan_rows
from factcheck.store import PlanState

Pairs = set[tuple[str, str]]


def state(
    weights: list[int],
    assigned: Pairs | None = None,
    labelled: Pairs | None = None,
    unit: str = "article",
) -> PlanState:
    items = [(f"i{n:03d}", w) for n, w in enumerate(weights)]
    by_item: dict[str, set[str]] = {}
    for item, who in assigned or set():
        by_item.setdefault(item, set()).add(who)
    done: dict[str, set[str]] = {}
    for item, who in labelled or set():
        done.setdefault(item, set()).add(who)
    return PlanState(unit, items, by_item, done)


def per_item(rows: Pairs) -> Counter[str]:
    return Counter(item for item, _who in rows)


def loads(rows: Pairs, s: PlanState) -> dict[str, int]:
    weight = dict(s.items)
    found: dict[str, int] = {}
    for item, who in rows:
        found[who] = found.get(who, 0) + weight[item]
    return found


TEAM = ("alice", "bob", "carol")


def test_every_item_gets_k_distinct_annotators_and_loads_are_even() -> None:
    s = state([1] * 30, unit="sentence")
    rows = plan_rows(s, PlanRequest(TEAM, per_item=2))
    assert set(per_item(rows).values()) == {2}
    assert sorted(loads(rows, s).values()) == [20, 20, 20]


def test_articles_are_balanced_by_sentences_not_by_count() -> None:
    s = state([40, 5, 5, 5, 5, 5, 5, 5, 5, 30, 10, 10])
    rows = plan_rows(s, PlanRequest(TEAM))
    assert set(per_item(rows).values()) == {1}
    spread = loads(rows, s)
    assert max(spread.values()) - min(spread.values()) <= 5


def test_overlap_doubles_that_fraction_of_items() -> None:
    s = state([1] * 50, unit="sentence")
    rows = plan_rows(s, PlanRequest(TEAM, overlap=0.2))
    counts = Counter(per_item(rows).values())
    assert counts == {2: 10, 1: 40}
    pairs = Counter(
        tuple(sorted(who for item2, who in rows if item2 == item))
        for item, n in per_item(rows).items()
        if n == 2
    )
    assert len(pairs) == 3, "every pair of annotators shares some items, for Cohen's kappa"


def test_the_same_request_gives_the_same_plan_and_another_seed_another() -> None:
    s = state([1] * 40, unit="sentence")
    first = plan_rows(s, PlanRequest(TEAM, overlap=0.25, seed=1))
    assert plan_rows(s, PlanRequest(TEAM, overlap=0.25, seed=1)) == first
    assert plan_rows(s, PlanRequest(TEAM, overlap=0.25, seed=2)) != first


def rerun(s: PlanState, rows: Pairs, labelled: Pairs | None = None) -> PlanState:
    return state([w for _i, w in s.items], rows, labelled, s.unit)


def test_a_new_annotator_gets_a_fair_share_and_started_work_stays() -> None:
    s = state([1] * 60, unit="sentence")
    rows = plan_rows(s, PlanRequest(("alice", "bob")))
    started = {p for p in rows if p[1] == "alice"}
    started = set(sorted(started)[:10])
    again = plan_rows(rerun(s, rows, started), PlanRequest(("alice", "bob", "carol")))
    assert started <= again
    spread = loads(again, s)
    assert spread["carol"] >= 19 and max(spread.values()) - min(spread.values()) <= 2
    moved = {p for p in rows if p not in again}
    assert not moved & started


def test_new_items_are_added_without_moving_the_old_ones() -> None:
    s = state([3, 4, 5, 6, 7, 8])
    rows = plan_rows(s, PlanRequest(TEAM))
    bigger = state([3, 4, 5, 6, 7, 8, 5, 5, 5], rows)
    again = plan_rows(bigger, PlanRequest(TEAM))
    assert rows <= again
    assert set(per_item(again).values()) == {1} and len(again) == 9


def test_labels_given_before_the_plan_keep_their_items() -> None:
    s = state([5] * 9, labelled={("i004", "bob"), ("i004", "carol")})
    rows = plan_rows(s, PlanRequest(TEAM))
    assert {("i004", "bob"), ("i004", "carol")} <= rows, "started work is never taken away"
    assert per_item(rows)["i004"] == 2


def test_only_unlabelled_leaves_labelled_items_out() -> None:
    s = state([5] * 6, labelled={("i001", "zoe")})
    rows = plan_rows(s, PlanRequest(TEAM, only_unlabelled=True))
    assert "i001" not in per_item(rows)
    assert len(rows) == 5


def test_someone_who_left_keeps_started_items_and_the_rest_is_given_out() -> None:
    s = state([1] * 12, unit="sentence")
    rows = plan_rows(s, PlanRequest(TEAM))
    carols = sorted(item for item, who in rows if who == "carol")
    again = plan_rows(rerun(s, rows, {(carols[0], "carol")}), PlanRequest(("alice", "bob")))
    assert (carols[0], "carol") in again
    assert {who for item, who in again if item in carols[1:]} <= {"alice", "bob"}
    assert all(per_item(again)[item] == 1 for item in carols[1:])


@given(
    weights=st.lists(st.integers(1, 40), min_size=1, max_size=40),
    team_size=st.integers(1, 5),
    k=st.integers(1, 3),
    overlap=st.one_of(st.none(), st.floats(0, 1)),
    seed=st.integers(0, 5),
    started_share=st.integers(0, 3),
)
def test_running_the_plan_again_on_its_result_changes_nothing(
    weights: list[int], team_size: int, k: int, overlap: float | None, seed: int, started_share: int
) -> None:
    team = tuple(f"a{n}" for n in range(team_size))
    if overlap is not None and team_size < 2:
        overlap = None
    request = PlanRequest(team, per_item=min(k, team_size), overlap=overlap, seed=seed)
    s = state(weights)
    rows = plan_rows(s, request)
    spread = {**dict.fromkeys(team, 0), **loads(rows, s)}
    assert max(spread.values()) - min(spread.values()) <= max(weights), "balanced within one item"
    started = {p for n, p in enumerate(sorted(rows)) if started_share and n % (started_share + 1) == 0}
    again = plan_rows(rerun(s, rows, started), request)
    assert again == rows
    needed = Counter(per_item(rows).values())
    if overlap is None:
        assert set(needed) == {request.per_item}
    else:
        assert needed[2] == round(overlap * len(weights))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"annotators": ()}, "at least one annotator"),
        ({"annotators": ("alice", "")}, "blank"),
        ({"annotators": ("alice", " bob")}, "padded"),
        ({"annotators": ("alice", "alice")}, "named twice: alice"),
        ({"annotators": ("alice", "bob"), "per_item": 3}, "between 1 and the number of annotators (2)"),
        ({"annotators": ("alice", "bob"), "per_item": 0}, "--per-item"),
        ({"annotators": ("alice", "bob"), "overlap": 1.5}, "between 0 and 1"),
        ({"annotators": ("alice",), "overlap": 0.5}, "at least two annotators"),
    ],
)
def test_bad_requests_say_why(kwargs: dict, message: str) -> None:
    with pytest.raises(PlanError, match=message.replace("(", r"\(").replace(")", r"\)")):
        PlanRequest(**kwargs)
