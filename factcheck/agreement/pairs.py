"""Cohen's kappa for each pair of annotators, their mean with its standard error."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import compress, repeat
from operator import mul

from factcheck.agreement.stats import TINY, Estimate, Items

Pair = tuple[str, str]
"""Two annotators, in sorted order."""


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
            )
    return tables


def pair_cells(items: Items, table: PairTable) -> Counter[tuple[int, int]]:
    """The pair's contingency table: (first's value, second's value) -> number of items."""
    i, j = table.columns
    return items.count(list(zip(items.columns[i], items.columns[j], strict=True)), items.shared[i, j])


def mean_cohen_kappa(items: Items, tables: dict[Pair, PairTable], pairable: int) -> Estimate:
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
    z = [0.0] * len(items.weights)
    for pair, kappa in kappas.items():
        z = _add_item_terms(z, items, tables[pair], kappa, pairable, len(kappas))
    w = items.weights
    s1, s2 = sum(map(mul, w, z)), sum(map(mul, w, map(mul, z, z)))
    var = max(0.0, s2 - s1 * s1 / pairable) / (pairable * (pairable - 1))
    return Estimate(mean, math.sqrt(var), pairable - 1)


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
