"""Cohen's kappa for each pair of annotators, their mean with its standard error."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from itertools import chain, combinations
from operator import mul

from factcheck.agreement_stats import TINY, Estimate

Rated = tuple[str, str]
"""(annotator, value)."""

Pattern = tuple[Rated, ...]
"""One item's ratings, sorted by annotator."""

Patterns = Sequence[tuple[Pattern, int]]
"""Distinct patterns, each with the number of items that have it."""

Pair = tuple[str, str]
"""Two annotators, in sorted order."""

Cells = Counter[tuple[Rated, Rated]]
"""((first annotator, value), (second annotator, value)) -> number of items."""


@dataclass(frozen=True)
class PairTable:
    """Two annotators' marginals and agreement over the items both labelled."""

    items: int
    """Items both labelled."""
    observed: float
    """Proportion of those items on which they agree."""
    first: dict[str, float]
    """First annotator's value proportions on the shared items."""
    second: dict[str, float]
    """Second annotator's value proportions on the shared items."""

    @property
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


def pair_cells(patterns: Patterns) -> Cells:
    """Count every pair of ratings given to the same item, as ((a, x), (b, y)) with a < b."""
    cells: Cells = Counter()
    single = []
    for pattern, w in patterns:
        if w == 1:
            single.append(pattern)
        else:
            for key in combinations(pattern, 2):
                cells[key] += w
    # Text fields have about as many patterns as items, nearly all seen once: count those in C.
    cells.update(chain.from_iterable(combinations(p, 2) for p in single))
    return cells


def pair_tables(cells: Cells) -> dict[Pair, PairTable]:
    """Tables for every pair of annotators sharing at least one item, sorted by pair."""
    items: defaultdict[Pair, int] = defaultdict(int)
    agree: defaultdict[Pair, int] = defaultdict(int)
    first: defaultdict[Pair, defaultdict[str, int]] = defaultdict(lambda: defaultdict(int))
    second: defaultdict[Pair, defaultdict[str, int]] = defaultdict(lambda: defaultdict(int))
    for ((a, x), (b, y)), count in cells.items():
        pair = a, b
        items[pair] += count
        first[pair][x] += count
        second[pair][y] += count
        if x == y:
            agree[pair] += count
    return {
        pair: PairTable(
            m,
            agree[pair] / m,
            {k: c / m for k, c in first[pair].items()},
            {k: c / m for k, c in second[pair].items()},
        )
        for pair, m in sorted(items.items())
    }


def mean_cohen_kappa(
    patterns: Patterns, cells: Cells, tables: dict[Pair, PairTable], pairable: int
) -> Estimate:
    """Mean of the defined pairwise kappas, with a linearised standard error.

    Each pair's kappa is linearised as in Gwet's variance for Cohen's kappa
    (Gwet 2008; the item terms irrCAC's table cohen() sums): item i contributes
    phi_i = (agree_i - p_o - (1 - kappa)(p_b(x_i) + p_a(y_i) - 2 p_e)) / (1 - p_e).
    The mean kappa's term per item, z_i, is the average over pairs of
    phi_i * n / m_pair, n the pairable items and m_pair the items the pair shares,
    so the pairs' shared items and their correlation are both accounted for;
    var = sum_i (z_i - z_mean)^2 / (n (n - 1)). For two annotators without
    missing ratings this is Gwet's variance of Cohen's kappa times n / (n - 1).
    """
    kappas = {pair: k for pair, t in tables.items() if (k := t.kappa) is not None}
    if not kappas:
        return Estimate(None)
    mean = sum(kappas.values()) / len(kappas)
    if pairable < 2:
        return Estimate(mean)
    terms = _item_terms(cells, tables, kappas, pairable)
    # z_i for every pattern, summed in C: text fields have one pattern per item.
    lookup = partial(map, terms.__getitem__)
    z = list(map(sum, map(lookup, (combinations(p, 2) for p, _ in patterns))))
    w = [w for _, w in patterns]
    s1, s2 = sum(map(mul, w, z)), sum(map(mul, w, map(mul, z, z)))
    var = max(0.0, s2 - s1 * s1 / pairable) / (pairable * (pairable - 1))
    return Estimate(mean, math.sqrt(var), pairable - 1)


def _item_terms(
    cells: Cells, tables: dict[Pair, PairTable], kappas: dict[Pair, float], pairable: int
) -> dict[tuple[Rated, Rated], float]:
    """phi * n / (m_pair * pairs) for every cell in the data; 0 where kappa is undefined.

    phi is split into a part per pair and parts per value of either annotator, so
    each cell costs a few look-ups.
    """
    parts: dict[Pair, tuple[float, float, dict[str, float], dict[str, float]]] = {}
    for pair, t in tables.items():
        kappa = kappas.get(pair)
        if kappa is None:
            parts[pair] = (0.0, 0.0, {}, {})
            continue
        chance = t.chance
        scale = pairable / (t.items * len(kappas) * (1.0 - chance))
        base = scale * (t.observed - 2.0 * (1.0 - kappa) * chance)
        slope = scale * (1.0 - kappa)
        by_first = {x: slope * p for x, p in t.second.items()}  # p_b(x_i), x_i the first's value
        by_second = {y: slope * p for y, p in t.first.items()}  # p_a(y_i)
        parts[pair] = (scale, base, by_first, by_second)
    terms = {}
    for key in cells:
        (a, x), (b, y) = key
        scale, base, by_first, by_second = parts[a, b]
        terms[key] = (scale if x == y else 0.0) - base - by_first.get(x, 0.0) - by_second.get(y, 0.0)
    return terms
