"""Cohen's kappa for each pair of annotators, their mean with its standard error."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import compress, repeat
from operator import mul

from factcheck.agreement.stats import JACKKNIFE, LINEARISED, TINY, Estimate, Items

Pair = tuple[str, str]
"""Two annotators, in sorted order."""

LINEARISED_MIN_SHARED = 30
"""The mean Cohen's kappa keeps its linearised standard error when every pair with a
kappa shares at least this many items; below, it takes the jackknife's (see
:func:`mean_cohen_kappa`)."""


@dataclass(frozen=True)
class PairTable:
    """Two annotators' marginals and agreement over the items both labelled."""

    items: int
    """Items both labelled."""
    observed: float
    """Proportion of those items on which they agree."""
    first: dict[int, float]
    """First annotator's value proportions on the shared items, by code."""
    second: dict[int, float]
    """Second annotator's value proportions on the shared items, by code."""
    columns: tuple[int, int]
    """The two annotators' columns in the rating patterns."""
    agreeing: int
    """Items on which they agree."""
    counts: tuple[dict[int, int], dict[int, int]]
    """Each annotator's number of items per code, on the shared items."""

    @cached_property
    def chance(self) -> float:
        """Cohen's chance agreement: sum_k p_first(k) * p_second(k)."""
        return sum(p * self.second.get(k, 0.0) for k, p in self.first.items())

    @property
    def kappa(self) -> float | None:
        """Cohen's kappa; None when both used one and the same value only."""
        chance = self.chance
        if chance > 1.0 - TINY:
            return None
        return (self.observed - chance) / (1.0 - chance)


def pair_tables(items: Items, annotators: Sequence[str]) -> dict[Pair, PairTable]:
    """Tables for every pair of annotators sharing at least one item, sorted by pair."""
    tables = {}
    for (i, j), shared in items.shared.items():
        m = sum(compress(items.weights, shared))
        if m:
            agree = sum(compress(items.weights, items.agreeing[i, j]))
            first = items.count(items.columns[i], shared)
            second = items.count(items.columns[j], shared)
            tables[annotators[i], annotators[j]] = PairTable(
                m,
                agree / m,
                {k: c / m for k, c in first.items()},
                {k: c / m for k, c in second.items()},
                (i, j),
                agree,
                (dict(first), dict(second)),
            )
    return tables


def pair_cells(items: Items, table: PairTable) -> Counter[tuple[int, int]]:
    """The pair's contingency table: (first's value, second's value) -> number of items."""
    i, j = table.columns
    return items.count(list(zip(items.columns[i], items.columns[j], strict=True)), items.shared[i, j])


def mean_cohen_kappa(items: Items, tables: dict[Pair, PairTable], pairable: int, se: bool = True) -> Estimate:
    """Mean of the defined pairwise kappas, in [-1, 1], with its standard error.

    The standard error is the linearised one (below) when every pair with a kappa shares
    at least LINEARISED_MIN_SHARED items, else the leave-one-item-out jackknife's
    (:func:`_jackknife_se`); ``method`` says which.

    Each pair's kappa is linearised as in Gwet's variance for Cohen's kappa
    (Gwet 2008; the item terms irrCAC's table cohen() sums): item i contributes
    phi_i = (agree_i - p_o - (1 - kappa)(p_b(x_i) + p_a(y_i) - 2 p_e)) / (1 - p_e).
    The mean kappa's term per item, z_i, is the average over pairs of
    phi_i * n / m_pair, n the pairable items and m_pair the items the pair shares,
    so the pairs' shared items and their correlation are both accounted for;
    var = sum_i (z_i - z_mean)^2 / (n (n - 1)). For two annotators without
    missing ratings this is Gwet's variance of Cohen's kappa times n / (n - 1).

    That first-order term is all of the variance only when each pair shares many items.
    Where pairs share few (m), each kappa is a ratio of sums over a handful of items, and
    the terms the linearisation leaves out, about 1/m the size of the one it keeps, are
    no smaller relative to it once kappas are averaged over pairs.
    In simulations (``python bench/agreement.py --coverage 1000``) of 10 annotators rating 1
    to 3 of each of 300 items (about 9 items per pair), the linearised standard error was
    0.82 of the estimate's true spread and its 95% interval covered 84% of the time; the
    jackknife's was 1.14 and covered 94%. At 900 items (about 27 per pair): 0.98 and 94%
    against 1.05 and 96%; complete designs of 2 to 5 annotators on 15 to 60 items: 0.95 to
    0.98 against 0.98 to 1.02, both covering 94-95%. The jackknife is biased upward if
    anything (Efron and Stein 1981), as an interval should be; the linearised error is
    kept where it is calibrated, where it is also what irrCAC gives.

    Args:
        items: The rating patterns.
        tables: Every pair sharing an item.
        pairable: Items with two ratings or more.
        se: Also compute the standard error.
    """
    kappas = {pair: k for pair, t in tables.items() if (k := t.kappa) is not None}
    if not kappas:
        return Estimate(None)
    mean = sum(kappas.values()) / len(kappas)
    if pairable < 2 or not se:
        return Estimate(mean, floor=-1.0)
    if min(tables[pair].items for pair in kappas) < LINEARISED_MIN_SHARED:
        jackknife = _jackknife_se(items, tables, kappas, pairable)
        if jackknife is not None:
            return Estimate(mean, jackknife, pairable - 1, -1.0, JACKKNIFE)
    z = [0.0] * len(items.weights)
    for pair, kappa in kappas.items():
        z = _add_item_terms(z, items, tables[pair], kappa, pairable, len(kappas))
    w = items.weights
    s1, s2 = sum(map(mul, w, z)), sum(map(mul, w, map(mul, z, z)))
    var = max(0.0, s2 - s1 * s1 / pairable) / (pairable * (pairable - 1))
    return Estimate(mean, math.sqrt(var), pairable - 1, -1.0, LINEARISED)


def _jackknife_se(
    items: Items, tables: dict[Pair, PairTable], kappas: dict[Pair, float], pairable: int
) -> float | None:
    """Leave-one-item-out jackknife standard error of the mean pairwise kappa.

    Leaving out item i changes only the kappas of the pairs that both rated it: with the
    item's values x (first annotator) and y (second), a pair keeps m - 1 items,
    [x = y] fewer agreements, and sum_k n_a(k) n_b(k) loses n_b(x) + n_a(y) - [x = y], so
    each replicate costs a few look-ups per pair, and items with the same pattern share
    it. A pair left with no kappa (no items, or one value on both sides) drops out of
    that replicate's mean. The variance is (n - 1) / n sum_i (theta_(i) - theta_(.))^2
    over the n pairable items (an item rated once changes nothing).

    Returns:
        The standard error, or None when leaving out some item leaves no kappa at all.
    """
    stop = items.pairable
    delta, lost = [0.0] * stop, [0] * stop
    for pair, kappa in kappas.items():
        t = tables[pair]
        i, j = t.columns
        first, second = t.counts
        m = t.items - 1
        cross = sum(c * second.get(k, 0) for k, c in first.items())
        cached: dict[tuple[int, int], float | None] = {}
        for p in compress(range(stop), items.shared[i, j]):
            x, y = items.columns[i][p], items.columns[j][p]
            if (x, y) not in cached:
                same = x == y
                chance = (cross - second.get(x, 0) - first.get(y, 0) + same) / (m * m) if m else 1.0
                if chance > 1.0 - TINY:
                    cached[x, y] = None
                else:
                    cached[x, y] = ((t.agreeing - same) / m - chance) / (1.0 - chance) - kappa
            change = cached[x, y]
            if change is None:
                lost[p] += 1
                delta[p] -= kappa
            else:
                delta[p] += change
    total, count = sum(kappas.values()), len(kappas)
    if any(c == count for c in lost):
        return None
    replicates = [(total + d) / (count - c) for d, c in zip(delta, lost, strict=True)]
    weights = items.weights[:stop]
    centre = sum(map(mul, weights, replicates)) / pairable
    spread = sum(w * (r - centre) ** 2 for w, r in zip(weights, replicates, strict=True))
    return math.sqrt(spread * (pairable - 1) / pairable)


def _add_item_terms(
    z: list[float], items: Items, t: PairTable, kappa: float, pairable: int, pairs: int
) -> list[float]:
    """z plus, per pattern, phi * n / (m_pair * pairs) (n the pairable items) if both rated it.

    phi is split into a part for the pair and parts for either annotator's value,
    so each pattern costs a few look-ups.
    """
    chance = t.chance
    scale = pairable / (t.items * pairs * (1.0 - chance))
    base = scale * (t.observed - 2.0 * (1.0 - kappa) * chance)
    slope = scale * (1.0 - kappa)
    by_first = list(map(mul, items.table(t.second, 0.0), repeat(slope)))  # p_b(x_i), x_i the first's
    by_second = list(map(mul, items.table(t.first, 0.0), repeat(slope)))  # p_a(y_i)
    i, j = t.columns
    rows = zip(z, items.shared[i, j], items.columns[i], items.columns[j], strict=True)
    return [
        zi + ((scale if x == y else 0.0) - base - by_first[x] - by_second[y]) if both else zi
        for zi, both, x, y in rows
    ]
