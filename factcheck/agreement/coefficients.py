"""Inter-annotator agreement for label fields: pure functions over a ratings table."""

from __future__ import annotations

import gc
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from itertools import chain, repeat
from operator import itemgetter, methodcaller, mul, sub
from typing import cast

from factcheck.agreement.alpha import krippendorff_alpha
from factcheck.agreement.pairs import Pair, PairTable, mean_cohen_kappa, pair_cells, pair_tables
from factcheck.agreement.report import (
    COEFFICIENTS,
    AgreementReport,
    Coefficient,
    Confusion,
    FieldAgreement,
    LabelAgreement,
)
from factcheck.agreement.stats import (
    MISSING,
    Estimate,
    Items,
    count_table,
    fleiss_kappa,
    gwet_ac1,
    percent_agreement,
)

Rating = tuple[str, str, str]
"""(item_id, annotator, value); text values already normalised by the caller."""

CONFIDENCE = 0.95
"""Level of every "<coefficient>_ci" interval."""

MAX_CONFUSION_LABELS = 50
"""Fields with more values than this (free text) get no confusion matrices."""


def field_agreement(
    ratings: Iterable[Rating],
    *,
    values: Sequence[str] | None = None,
    ordered: bool = False,
) -> FieldAgreement:
    """Agreement for one field (``.to_dict()`` is its JSON form).

    Definitions follow Gwet's *Handbook of Inter-Rater Reliability* (irrCAC):
    items with fewer than two ratings are not pairable; missing ratings are never
    imputed; if an annotator rates an item twice, the last rating wins.
    An undefined coefficient (no pairable items, one annotator, one value used
    throughout) is None, as are its standard error and interval. Gwet's AC1 is
    defined whenever the category set has two values or more.

    Standard errors are analytic: Gwet's linearised variances for percent
    agreement, Fleiss' kappa, AC1 and Krippendorff's alpha (as irrCAC computes
    them; for ordinal alpha with Krippendorff's ordinal distances as the weights),
    and the same linearisation of each pair's kappa for the mean Cohen's kappa.
    Intervals are Student t with items - 1 degrees of freedom (pairable items for
    alpha and Cohen's kappa), the upper end clipped at 1 as irrCAC does, and
    percent agreement's lower end at 0.

    Args:
        ratings: (item_id, annotator, value) triples, in any order.
        values: The schema's values in order; values seen but not listed are
            appended, sorted. Their number is AC1's q; their order is the ordinal
            scale.
        ordered: Also compute Krippendorff's ordinal alpha.

    Returns:
        The counts, each coefficient of :data:`COEFFICIENTS` with its standard error
        and interval, Cohen's kappa per pair, specific agreement per value, and each
        pair's confusion matrix (none for fields with more than MAX_CONFUSION_LABELS
        values). Pairs are named ``"a|b"`` in sorted order and listed only when they
        share an item.
    """
    with _collector_paused():
        return _field_agreement(ratings, values, ordered)


def _field_agreement(
    ratings: Iterable[Rating], values: Sequence[str] | None, ordered: bool
) -> FieldAgreement:
    annotators, categories, items = _items(ratings, values)
    table = count_table(items)
    tables = pair_tables(items, annotators)
    estimates = {
        "percent_agreement": percent_agreement(table),
        "cohen_kappa": mean_cohen_kappa(items, tables, table.n2),
        "fleiss_kappa": fleiss_kappa(table),
        "krippendorff_alpha": krippendorff_alpha(items, ordinal=False),
        "krippendorff_alpha_ordinal": (
            krippendorff_alpha(items, ordinal=True) if ordered else Estimate(None)
        ),
        "gwet_ac1": gwet_ac1(table),
    }
    n = sum(items.weights)
    ratings_given = sum(map(mul, items.weights, items.sizes))
    return FieldAgreement(
        items=n,
        pairable_items=sum(items.weights[: items.pairable]),
        annotators=len(annotators),
        ratings=ratings_given,
        mean_ratings_per_item=ratings_given / n if n else None,
        values=list(categories),
        coefficients={name: _coefficient(estimates[name]) for name in COEFFICIENTS},
        cohen_pairwise={f"{a}|{b}": _finite(t.kappa) for (a, b), t in tables.items()},
        per_label=_per_label(items, categories),
        confusion=_confusion(items, tables, categories),
    )


def agreement_report(
    ratings_by_field: Mapping[str, tuple[Iterable[Rating], Sequence[str] | None, bool]],
) -> AgreementReport:
    """Agreement for several fields, each computed by :func:`field_agreement`.

    Args:
        ratings_by_field: Field name -> (ratings, schema values or None, ordered).
    """
    return AgreementReport(
        {
            field: field_agreement(ratings, values=values, ordered=ordered)
            for field, (ratings, values, ordered) in ratings_by_field.items()
        }
    )


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector: the hundreds of thousands of tuples and
    dicts built for a free-text field hold no cycles, yet each batch of them would
    set off another scan of everything alive."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _items(ratings: Iterable[Rating], values: Sequence[str] | None) -> tuple[list[str], list[str], Items]:
    """Sorted annotators, the categories, and the distinct rating patterns of the items.

    Grouping by item first means a later rating by the same annotator replaces an
    earlier one. Choice fields have few distinct patterns, so everything after
    this costs next to nothing; free-text fields have about one per item, and
    every later step works on whole columns of patterns.
    """
    ratings = ratings if isinstance(ratings, list) else list(ratings)
    annotators = sorted(set(map(itemgetter(1), ratings)))
    # Every row starts as {annotator: None} in sorted order, so its values are the pattern.
    rows: defaultdict[str, dict[str, str | None]] = defaultdict(dict.fromkeys(annotators).copy)
    for item, annotator, value in ratings:
        rows[item][annotator] = value
    counts = Counter(map(tuple, map(dict.values, rows.values())))
    patterns = sorted(counts, key=methodcaller("count", None))
    seen = set(chain.from_iterable(patterns))
    seen.discard(None)
    categories = _categories(values, cast(set[str], seen))
    code: dict[str | None, int] = {v: k for k, v in enumerate(categories)}
    code[None] = MISSING
    columns = [list(map(code.__getitem__, map(itemgetter(a), patterns))) for a in range(len(annotators))]
    sizes = list(map(sub, repeat(len(annotators)), map(methodcaller("count", None), patterns)))
    weights = list(map(counts.__getitem__, patterns))
    return annotators, categories, Items(columns, weights, sizes, len(categories))


def _categories(values: Sequence[str] | None, seen: set[str]) -> list[str]:
    listed = list(dict.fromkeys(values or ()))
    return listed + sorted(seen.difference(listed))


def _per_label(items: Items, categories: list[str]) -> dict[str, LabelAgreement]:
    """Rating counts and proportions of specific agreement per value.

    Specific agreement for value k is sum_i c_ik (c_ik - 1) / sum_i c_ik (r_i - 1)
    over pairable items: of the pairs in which one rating is k, the share in which
    the other is k too (Fleiss 1971; 2 n_kk / (n_k. + n_.k) for two raters).
    """
    count: Counter[int] = Counter()
    pairs: defaultdict[int, int] = defaultdict(int)
    for r, counts in items.value_counts.items():
        count.update(counts)
        if r > 1:
            for value, c in counts.items():
                pairs[value] += c * (r - 1)
    agree: Counter[int] = Counter()
    for (i, _), same in items.agreeing.items():
        agree.update(items.count(items.columns[i], same))
    return {
        v: LabelAgreement(count[k], 2 * agree[k] / pairs[k] if pairs[k] else None)
        for k, v in enumerate(categories)
    }


def _confusion(items: Items, tables: dict[Pair, PairTable], categories: list[str]) -> dict[str, Confusion]:
    """Each pair's contingency table, rows the first annotator's values."""
    if len(categories) > MAX_CONFUSION_LABELS:
        return {}
    out = {}
    for (a, b), table in tables.items():
        cells = pair_cells(items, table)
        codes = range(len(categories))
        matrix = [[cells.get((x, y), 0) for y in codes] for x in codes]
        out[f"{a}|{b}"] = Confusion(list(categories), matrix)
    return out


def _coefficient(estimate: Estimate) -> Coefficient:
    value, se = _finite(estimate.value), _finite(estimate.se)
    ci = Estimate(value, se, estimate.df, estimate.floor).interval(CONFIDENCE)
    return Coefficient(value, se if value is not None else None, ci)


def _finite(x: float | None) -> float | None:
    """Keep the output valid JSON: NaN or infinity becomes None."""
    return x if x is not None and math.isfinite(x) else None
