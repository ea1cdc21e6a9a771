"""Inter-annotator agreement for label fields: pure functions over a ratings table."""

from __future__ import annotations

import gc
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from itertools import chain, repeat
from operator import itemgetter, methodcaller, mul, sub
from typing import Any, cast

from factcheck.agreement.alpha import krippendorff_alpha
from factcheck.agreement.bootstrap import DEFINED_SHARE, Bootstrap, percentile, resamples
from factcheck.agreement.pairs import Pair, PairTable, mean_cohen_kappa, pair_cells, pair_tables
from factcheck.agreement.report import (
    BOOTSTRAP_PERCENTILE,
    COEFFICIENTS,
    FEW_ITEMS,
    FEW_ITEMS_WARNING,
    FEW_PAIR_ITEMS_WARNING,
    AgreementReport,
    Coefficient,
    Confusion,
    FieldAgreement,
    LabelAgreement,
)
from factcheck.agreement.stats import (
    BOOTSTRAP,
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

Pattern = tuple[tuple[str, str], ...]
"""The ratings of one item: (annotator, value) pairs, one per annotator."""

CONFIDENCE = 0.95
"""Level of every "<coefficient>_ci" interval."""

MAX_CONFUSION_LABELS = 50
"""Fields with more values than this (free text) get no confusion matrices."""


def field_agreement(
    ratings: Iterable[Rating],
    *,
    values: Sequence[str] | None = None,
    ordered: bool = False,
    bootstrap: Bootstrap | None = None,
) -> FieldAgreement:
    """Agreement for one field (``.to_dict()`` is its JSON form).

    Definitions follow Gwet's *Handbook of Inter-Rater Reliability* (irrCAC):
    items with fewer than two ratings are not pairable; missing ratings are never
    imputed; if an annotator rates an item twice, the last rating wins.
    An undefined coefficient (no pairable items, one annotator, one value used
    throughout) is None, as are its standard error and interval. Gwet's AC1 is
    defined whenever the category set has two values or more. Fewer than FEW_ITEMS
    pairable items give the values with the warning "few items".

    Standard errors are analytic: Gwet's linearised variances for percent
    agreement, Fleiss' kappa, AC1 and Krippendorff's alpha (as irrCAC computes
    them; for ordinal alpha with Krippendorff's ordinal distances as the weights);
    for the mean Cohen's kappa the same linearisation of each pair's kappa where
    every pair shares enough items, else a jackknife over items (see
    :func:`~factcheck.agreement.pairs.mean_cohen_kappa`). Intervals are Student t
    with items - 1 degrees of freedom (pairable items for alpha and Cohen's kappa),
    clipped to each coefficient's range: [0, 1] for percent agreement, [-1, 1] for
    the kappas and alpha, [-1/(q - 1), 1] for AC1.

    With ``bootstrap``, every standard error and interval comes instead from
    ``bootstrap.reps`` resamples of the items: the standard deviation of the
    coefficient over them, and their 2.5% and 97.5% quantiles (percentile interval).
    Resamples in which a coefficient is undefined are left out of its interval; if more
    than a tenth are, it gets none.

    Args:
        ratings: (item_id, annotator, value) triples, in any order.
        values: The schema's values in order; values seen but not listed are
            appended, sorted. Their number is AC1's q; their order is the ordinal
            scale.
        ordered: Also compute Krippendorff's ordinal alpha.
        bootstrap: Percentile bootstrap intervals instead of Student t ones.

    Returns:
        The counts, each coefficient of :data:`COEFFICIENTS` with its standard error
        and interval, Cohen's kappa per pair, specific agreement per value, and each
        pair's confusion matrix (none for fields with more than MAX_CONFUSION_LABELS
        values). Pairs are named ``"a|b"`` in sorted order and listed only when they
        share an item.
    """
    with _collector_paused():
        annotators, categories, items, _ = patterns(ratings, values)
        return _field_agreement(annotators, categories, items, ordered, bootstrap)


def pattern_agreement(
    counts: Mapping[Pattern, int],
    *,
    values: Sequence[str] | None = None,
    ordered: bool = False,
    bootstrap: Bootstrap | None = None,
) -> FieldAgreement:
    """:func:`field_agreement` of items given as their rating patterns.

    Args:
        counts: Each distinct pattern, the (annotator, value) pairs of an item, with
            the number of items that have it.
        values: As for :func:`field_agreement`.
        ordered: As for :func:`field_agreement`.
        bootstrap: As for :func:`field_agreement`.
    """
    with _collector_paused():
        annotators = sorted({who for pattern in counts for who, _ in pattern})
        column = {who: k for k, who in enumerate(annotators)}
        rows: Counter[tuple[str | None, ...]] = Counter()
        for pattern, count in counts.items():
            row: list[str | None] = [None] * len(annotators)
            for who, value in pattern:
                row[column[who]] = value
            rows[tuple(row)] += count
        categories, items, _ = _coded(len(annotators), rows, values, False)
        return _field_agreement(annotators, categories, items, ordered, bootstrap)


def _field_agreement(
    annotators: list[str], categories: list[str], items: Items, ordered: bool, bootstrap: Bootstrap | None
) -> FieldAgreement:
    tables = pair_tables(items, annotators)
    estimates = estimates_of(items, tables, ordered)
    coefficients = {name: coefficient(estimates[name]) for name in COEFFICIENTS}
    if bootstrap is not None:
        coefficients = bootstrapped(items, annotators, ordered, coefficients, bootstrap)
    n = sum(items.weights)
    pairable = sum(items.weights[: items.pairable])
    ratings_given = sum(map(mul, items.weights, items.sizes))
    return FieldAgreement(
        items=n,
        pairable_items=pairable,
        annotators=len(annotators),
        ratings=ratings_given,
        mean_ratings_per_item=ratings_given / n if n else None,
        values=list(categories),
        coefficients=coefficients,
        cohen_pairwise={f"{a}|{b}": _finite(t.kappa) for (a, b), t in tables.items()},
        cohen_pairwise_items={f"{a}|{b}": t.items for (a, b), t in tables.items()},
        per_label=_per_label(items, categories),
        confusion=_confusion(items, tables, categories),
        warning=FEW_ITEMS_WARNING if pairable < FEW_ITEMS else None,
        cohen_kappa_warning=_pair_warning(tables),
        **_interval_info(bootstrap),
    )


def _pair_warning(tables: dict[Pair, PairTable]) -> str | None:
    """FEW_PAIR_ITEMS_WARNING when the pairs with a kappa share fewer than FEW_ITEMS items on average."""
    shared = [t.items for t in tables.values() if t.kappa is not None]
    return FEW_PAIR_ITEMS_WARNING if shared and sum(shared) < FEW_ITEMS * len(shared) else None


def estimates_of(
    items: Items,
    tables: dict[Pair, PairTable],
    ordered: bool,
    keys: Sequence[str] = COEFFICIENTS,
    se: bool = True,
) -> dict[str, Estimate]:
    """The coefficients named in ``keys`` (of :data:`COEFFICIENTS`), with standard errors if ``se``."""
    table = count_table(items)
    found = {
        "percent_agreement": lambda: percent_agreement(table, se),
        "cohen_kappa": lambda: mean_cohen_kappa(items, tables, table.n2, se),
        "fleiss_kappa": lambda: fleiss_kappa(table, se),
        "krippendorff_alpha": lambda: krippendorff_alpha(items, ordinal=False, se=se),
        "krippendorff_alpha_ordinal": lambda: (
            krippendorff_alpha(items, ordinal=True, se=se) if ordered else Estimate(None)
        ),
        "gwet_ac1": lambda: gwet_ac1(table, se),
    }
    return {key: found[key]() for key in keys}


def bootstrapped(
    items: Items,
    annotators: Sequence[str],
    ordered: bool,
    coefficients: dict[str, Coefficient],
    bootstrap: Bootstrap,
) -> dict[str, Coefficient]:
    """The coefficients with standard errors and percentile intervals from resampled items.

    Args:
        items: The rating patterns.
        annotators: The annotators of the columns.
        ordered: Whether ordinal alpha is wanted.
        coefficients: The estimates on all items, keyed as :data:`COEFFICIENTS` or a part of it.
        bootstrap: Number of resamples, seed and stream.
    """
    keys = [k for k, c in coefficients.items() if c.value is not None]
    draws: dict[str, list[float]] = {k: [] for k in keys}
    for sample in resamples(items, bootstrap):
        found = estimates_of(sample, pair_tables(sample, annotators), ordered, keys, se=False)
        for key, estimate in found.items():
            if estimate.value is not None and math.isfinite(estimate.value):
                draws[key].append(estimate.value)
    out = dict(coefficients)
    for key, values in draws.items():
        if len(values) < max(2.0, DEFINED_SHARE * bootstrap.reps):
            out[key] = Coefficient(coefficients[key].value)
            continue
        values.sort()
        mean = sum(values) / len(values)
        se = math.sqrt(sum((v - mean) ** 2 for v in values) / (len(values) - 1))
        ci = [percentile(values, 0.5 - CONFIDENCE / 2), percentile(values, 0.5 + CONFIDENCE / 2)]
        out[key] = Coefficient(coefficients[key].value, se, ci, BOOTSTRAP)
    return out


def _interval_info(bootstrap: Bootstrap | None) -> dict[str, Any]:
    if bootstrap is None:
        return {}
    return {
        "ci_method": BOOTSTRAP_PERCENTILE,
        "bootstrap_reps": bootstrap.reps,
        "bootstrap_seed": bootstrap.seed,
    }


def agreement_report(
    ratings_by_field: Mapping[str, tuple[Iterable[Rating], Sequence[str] | None, bool]],
    bootstrap: Bootstrap | None = None,
) -> AgreementReport:
    """Agreement for several fields, each computed by :func:`field_agreement`.

    Args:
        ratings_by_field: Field name -> (ratings, schema values or None, ordered).
        bootstrap: Percentile bootstrap intervals, each field drawing its own stream.
    """
    return AgreementReport(
        {
            field: field_agreement(
                ratings,
                values=values,
                ordered=ordered,
                bootstrap=None if bootstrap is None else replace(bootstrap, stream=field),
            )
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


def patterns(
    ratings: Iterable[Rating], values: Sequence[str] | None, reference: Mapping[str, str] | None = None
) -> tuple[list[str], list[str], Items, list[int] | None]:
    """Sorted annotators, the categories, and the distinct rating patterns of the items.

    Grouping by item first means a later rating by the same annotator replaces an
    earlier one. Choice fields have few distinct patterns, so everything after
    this costs next to nothing; free-text fields have about one per item, and
    every later step works on whole columns of patterns.

    Args:
        ratings: (item_id, annotator, value) triples.
        values: The schema's values, in order.
        reference: A value by item (gold) to keep beside each pattern; its values join
            the categories. Items with a reference value but no rating are left out.

    Returns:
        The annotators, the categories, the patterns, and the reference value's code
        for each pattern (MISSING where there is none), or None without ``reference``.
    """
    ratings = ratings if isinstance(ratings, list) else list(ratings)
    annotators = sorted(set(map(itemgetter(1), ratings)))
    # Every row starts as {annotator: None} in sorted order, so its values are the pattern.
    rows: defaultdict[str, dict[str, str | None]] = defaultdict(dict.fromkeys(annotators).copy)
    for item, annotator, value in ratings:
        rows[item][annotator] = value
    counts: Counter[tuple[str | None, ...]]
    if reference is None:
        counts = Counter(map(tuple, map(dict.values, rows.values())))
    else:
        get = reference.get
        counts = Counter((*row.values(), get(item)) for item, row in rows.items())
    categories, items, extra = _coded(len(annotators), counts, values, reference is not None)
    return annotators, categories, items, extra


def _coded(
    width: int, counts: Counter[tuple[str | None, ...]], values: Sequence[str] | None, reference: bool
) -> tuple[list[str], Items, list[int] | None]:
    """The categories, and the patterns coded, sorted by number of ratings (most first).

    ``counts`` maps a pattern, one value or None per annotator (then the reference value
    if ``reference``), to its number of items.
    """
    missing = methodcaller("count", None)
    if not reference:
        found = sorted(counts, key=missing)
        sizes = list(map(sub, repeat(width), map(missing, found)))
    else:
        found = sorted(counts, key=lambda pattern: pattern[:width].count(None))
        sizes = [width - pattern[:width].count(None) for pattern in found]
    seen = set(chain.from_iterable(found))
    seen.discard(None)
    categories = _categories(values, cast(set[str], seen))
    code: dict[str | None, int] = {v: k for k, v in enumerate(categories)}
    code[None] = MISSING
    columns = [list(map(code.__getitem__, map(itemgetter(a), found))) for a in range(width + reference)]
    extra = columns.pop() if reference else None
    weights = list(map(counts.__getitem__, found))
    return categories, Items(columns, weights, sizes, len(categories)), extra


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


def coefficient(estimate: Estimate) -> Coefficient:
    """The reported form of an estimate: finite numbers or None, and its Student t interval."""
    value, se = _finite(estimate.value), _finite(estimate.se)
    if value is None or se is None:
        return Coefficient(value)
    ci = Estimate(value, se, estimate.df, estimate.floor).interval(CONFIDENCE)
    return Coefficient(value, se, ci, estimate.method)


def _finite(x: float | None) -> float | None:
    """Keep the output valid JSON: NaN or infinity becomes None."""
    return x if x is not None and math.isfinite(x) else None
