"""Krippendorff's alpha, nominal and ordinal, with Gwet's analytic standard error."""

from __future__ import annotations

import math
from collections import Counter
from operator import mul

from factcheck.agreement.stats import LINEARISED, Estimate, Items

Metric = tuple[float, list[float], list[float]]
"""Expected distance D_e, and per pairable pattern: the distance sum over ordered
pairs of its ratings divided by r - 1, and the sum of its values' expected
distances e_k."""


def krippendorff_alpha(items: Items, *, ordinal: bool, se: bool = True) -> Estimate:
    """Krippendorff's alpha over pairable items, nominal or ordinal.

    alpha = 1 - D_o / D_e as in Krippendorff (2011), "Computing Krippendorff's
    Alpha-Reliability": items with one rating are left out, each item's pairs
    weigh 1 / (r - 1), and D_e is taken over all pairs of pairable values. The
    standard error is Gwet's linearisation for alpha (irrCAC's krippendorff()),
    written with distances delta instead of weights 1 - delta / max(delta); the
    rescaling cancels out, so for ordinal alpha it is irrCAC's formula with
    Krippendorff's ordinal distances as custom weights.

    Alpha lies in (-1, 1]: both metrics are squared distances between points (the
    corners of a simplex, the mid-ranks). An item's distance sum over its ordered pairs
    divided by r - 1 is 2 r / (r - 1) <= 4 times its sum of squares about its own mean,
    and over all values sum_k,l pi_k pi_l delta_kl is 2 / n.. times the total sum of
    squares, which the items' sums of squares cannot exceed; so D_o <= 2 sum pi pi delta and
    alpha >= 1 - 2 (1 - 1/n..).

    Args:
        items: The rating patterns and their numbers of items; codes follow the
            categories' scale order (which matters when ordinal).
        ordinal: Use Krippendorff's ordinal metric instead of the nominal one.
        se: Also compute the standard error.
    """
    stop = items.pairable
    sizes, weights = items.sizes[:stop], items.weights[:stop]
    n, total = sum(weights), sum(map(mul, weights, sizes))
    counts: Counter[int] = Counter()
    for r, tally in items.value_counts.items():
        if r > 1:
            counts.update(tally)
    if len(counts) < 2:
        return Estimate(None)
    pi = {code: counts[code] / total for code in sorted(counts)}
    metric = _ordinal if ordinal else _nominal
    e, spread, chance = metric(items, pi, counts, total)
    observed = sum(map(mul, weights, spread)) / total
    # (1 - 1/n..) is the n.. / (n.. - 1) of Krippendorff's D_e.
    alpha = 1.0 - (1.0 - 1.0 / total) * observed / e
    if n < 2 or not se:
        return Estimate(alpha, floor=-1.0)
    return Estimate(alpha, _alpha_se(weights, sizes, spread, chance, e, observed), n - 1, -1.0, LINEARISED)


def _alpha_se(
    weights: list[int], sizes: list[int], spread: list[float], chance: list[float], e: float, observed: float
) -> float:
    """Gwet's variance of alpha in distance form.

    `observed` is D_o, `e` the expected distance sum_k,l pi_k pi_l delta_kl,
    `spread` each item's distance sum over ordered pairs divided by r - 1 and
    `chance` the sum of e_k over its ratings. Item terms follow the weighted form
    (pa_i - pe) / (1 - pe) and its chance correction (pe_i - pe) / (1 - pe), with
    deviations taken from alpha' (no 1/n.. term). The term is
    1 - (spread / rbar - shrunk (r - rbar) / rbar) / e - slope (e r - chance) / (rbar e) - alpha',
    gathered here into a part that depends on r only and two slopes.
    """
    n, total = sum(weights), sum(map(mul, weights, sizes))
    rbar = total / n
    shrunk = (1.0 - 1.0 / total) * observed
    prime = 1.0 - observed / e
    slope = 2.0 * (1.0 - prime)
    by_size = {r: 1.0 + shrunk * (r - rbar) / (rbar * e) - slope * r / rbar - prime for r in set(sizes)}
    a, b = -1.0 / (rbar * e), slope / (rbar * e)
    terms = [by_size[r] + a * s + b * c for r, s, c in zip(sizes, spread, chance, strict=True)]
    return math.sqrt(sum(map(mul, weights, map(mul, terms, terms))) / (n * (n - 1)))


def _nominal(items: Items, pi: dict[int, float], counts: Counter[int], total: int) -> Metric:
    """Nominal metric: e_k = 1 - pi_k; per item, its disagreeing ordered pairs / (r - 1) and sum of e_k."""
    e = sum(p * (1.0 - p) for p in pi.values())
    stop = items.pairable
    sizes = items.sizes[:stop]
    spread = [r - 2.0 * eq / (r - 1) for r, eq in zip(sizes, items.equal_pairs, strict=False)]
    share = 1.0 / total
    chance = [r - c * share for r, c in zip(sizes, items.sums(items.table(counts, 0), stop), strict=True)]
    return e, spread, chance


def _ordinal(items: Items, pi: dict[int, float], counts: Counter[int], total: int) -> Metric:
    """Krippendorff's ordinal metric (sum_{g=k..l} n_g - (n_k + n_l) / 2)^2.

    The bracket is the difference of the two values' mid-ranks, so the metric is
    the squared mid-rank difference, and an item's sum over its pairs is
    r * sum m^2 - (sum m)^2. Mid-ranks are kept as integers 2 (n_<k) + n_k, so that
    sum is exact; m_k is that divided by 2 n... The expected distance of value k,
    e_k = sum_l pi_l (m_k - m_l)^2, is s2 - 2 m_k s1 + m_k^2 with s1, s2 the
    pi-weighted sums of m and m^2, so an item's sum of e_k needs the same two sums.
    """
    mid, below = {}, 0
    for value in pi:
        mid[value] = 2 * below + counts[value]
        below += counts[value]
    unit = 1.0 / (2 * total)
    ranks = {v: m * unit for v, m in mid.items()}
    s1 = sum(p * ranks[v] for v, p in pi.items())
    s2 = sum(p * ranks[v] ** 2 for v, p in pi.items())
    e = sum(p * (s2 - 2.0 * ranks[v] * s1 + ranks[v] * ranks[v]) for v, p in pi.items())
    stop = items.pairable
    sums = items.sums(items.table(mid, 0), stop)
    squares = items.sums(items.table({v: m * m for v, m in mid.items()}, 0), stop)
    rows = list(zip(items.sizes[:stop], sums, squares, strict=True))
    unit2, twice = unit * unit, 2.0 * s1 * unit
    spread = [2.0 * (r * q - m * m) * unit2 / (r - 1) for r, m, q in rows]
    chance = [r * s2 - twice * m + q * unit2 for r, m, q in rows]
    return e, spread, chance
