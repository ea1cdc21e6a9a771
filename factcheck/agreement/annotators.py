"""Each annotator against the others: pairwise kappas, agreement with the majority and with gold."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from operator import itemgetter

from factcheck.agreement.bootstrap import Bootstrap
from factcheck.agreement.coefficients import Rating, bootstrapped, coefficient, estimates_of, patterns
from factcheck.agreement.pairs import pair_tables
from factcheck.agreement.report import FEW_ITEMS, FEW_ITEMS_WARNING, AnnotatorAgreement, Versus
from factcheck.agreement.stats import MISSING, Items

VERSUS = ("percent_agreement", "cohen_kappa")
"""The coefficients of an annotator against a reference: agreement, and Cohen's kappa."""

Matches = list[tuple[int, int, int]]
"""(annotator's code, reference code, number of items) of the items with a reference value."""


def annotator_agreement(
    ratings: Iterable[Rating],
    gold: Mapping[str, str],
    *,
    values: Sequence[str] | None = None,
    bootstrap: Bootstrap | None = None,
) -> dict[str, AnnotatorAgreement]:
    """Each annotator against the others on one field, by annotator name.

    For every annotator: Cohen's kappa with each other annotator on the items both rated
    and their mean; agreement (the share of items with the same value) and Cohen's kappa
    with the majority of the others, the value most of the other annotators gave to an
    item (items where they tie, or nobody else rated, are left out); and the same with
    the gold value, where there is one. Agreement and kappa come with a standard error
    and interval as in :func:`~factcheck.agreement.field_agreement`, and the warning "few
    items" on fewer than FEW_ITEMS items.

    Args:
        ratings: (item_id, annotator, value) triples.
        gold: Gold value by item id (text values already normalised as the ratings are).
        values: The schema's values, in order.
        bootstrap: Percentile bootstrap intervals instead of Student t ones.
    """
    annotators, categories, items, reference = patterns(ratings, values, gold)
    tables = pair_tables(items, annotators)
    kappas: defaultdict[str, dict[str, float | None]] = defaultdict(dict)
    for (a, b), table in tables.items():
        kappas[a][b] = kappas[b][a] = table.kappa
    out = {}
    for column, who in enumerate(annotators):
        majority, agreed, rated, shared = _matches(items, column, reference or [])
        pairwise = dict(sorted(kappas[who].items()))
        defined = [k for k in pairwise.values() if k is not None]
        stream = None if bootstrap is None else replace(bootstrap, stream=f"{bootstrap.stream}/{who}")
        out[who] = AnnotatorAgreement(
            items=rated,
            shared_items=shared,
            mean_kappa=sum(defined) / len(defined) if defined else None,
            pairwise=pairwise,
            majority=_versus(majority, len(categories), stream, "majority"),
            gold=_versus(agreed, len(categories), stream, "gold"),
        )
    return out


def _matches(items: Items, column: int, reference: list[int]) -> tuple[Matches, Matches, int, int]:
    """One annotator's values beside the others' majority and beside the reference.

    Returns:
        The matches with the majority and with the reference, the items the annotator
        rated, and those of them someone else rated too.
    """
    majority: Matches = []
    agreed: Matches = []
    rated = shared = 0
    others = [c for k, c in enumerate(items.columns) if k != column]
    for j, (code, weight) in enumerate(zip(items.columns[column], items.weights, strict=True)):
        if code == MISSING:
            continue
        rated += weight
        votes = Counter(c[j] for c in others if c[j] != MISSING)
        if votes:
            shared += weight
            top = votes.most_common(2)
            if len(top) == 1 or top[0][1] > top[1][1]:
                majority.append((code, top[0][0], weight))
        if reference and reference[j] != MISSING:
            agreed.append((code, reference[j], weight))
    return majority, agreed, rated, shared


def _versus(matches: Matches, q: int, bootstrap: Bootstrap | None, name: str) -> Versus:
    """Agreement and Cohen's kappa of two columns of values, one item per match."""
    items = Items(
        [list(map(itemgetter(0), matches)), list(map(itemgetter(1), matches))],
        list(map(itemgetter(2), matches)),
        [2] * len(matches),
        q,
    )
    raters = ["annotator", name]
    estimates = estimates_of(items, pair_tables(items, raters), False, VERSUS)
    found = {key: coefficient(estimates[key]) for key in VERSUS}
    if bootstrap is not None:
        found = bootstrapped(
            items, raters, False, found, replace(bootstrap, stream=f"{bootstrap.stream}/{name}")
        )
    n = sum(items.weights)
    return Versus(
        n, found["percent_agreement"], found["cohen_kappa"], FEW_ITEMS_WARNING if n < FEW_ITEMS else None
    )
