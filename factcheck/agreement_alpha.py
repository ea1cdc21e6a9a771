"""Krippendorff's alpha, nominal and ordinal, with Gwet's analytic standard error."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Sequence
from itertools import combinations

from factcheck.agreement_stats import Estimate, Profile, Profiles, equal_pairs

Distance = Callable[[Profile], float]
"""Sum of the distances over the unordered pairs of one item's ratings."""


def krippendorff_alpha(profiles: Profiles, categories: Sequence[str], *, ordinal: bool) -> Estimate:
    """Krippendorff's alpha over pairable items, nominal or ordinal.

    alpha = 1 - D_o / D_e as in Krippendorff (2011), "Computing Krippendorff's
    Alpha-Reliability": items with one rating are left out, each item's pairs
    weigh 1 / (r - 1), and D_e is taken over all pairs of pairable values. The
    standard error is Gwet's linearisation for alpha (irrCAC's krippendorff()),
    written with distances delta instead of weights 1 - delta / max(delta); the
    rescaling cancels out, so for ordinal alpha it is irrCAC's formula with
    Krippendorff's ordinal distances as custom weights.

    Args:
        profiles: Distinct per-item sorted values with their numbers of items.
        categories: Every value, in scale order (the order matters when ordinal).
        ordinal: Use Krippendorff's ordinal metric instead of the nominal one.
    """
    rows = [(p, w) for p, w in profiles if len(p) > 1]
    n, total = sum(w for _, w in rows), sum(w * len(p) for p, w in rows)
    counts: defaultdict[str, int] = defaultdict(int)
    for profile, w in rows:
        for value in profile:
            counts[value] += w
    if len(counts) < 2:
        return Estimate(None)
    pi = {value: counts[value] / total for value in categories if value in counts}
    ranks = _midranks(pi)
    distance = _ordinal(ranks) if ordinal else _nominal
    expected = _expected_ordinal(pi, ranks) if ordinal else {v: 1.0 - p for v, p in pi.items()}
    e = sum(p * expected[v] for v, p in pi.items())
    pairs = [2.0 * distance(p) for p, _ in rows]  # over ordered pairs, as D_o counts them
    observed = sum(w * d / (len(p) - 1) for (p, w), d in zip(rows, pairs, strict=True)) / total
    # (1 - 1/n..) is the n.. / (n.. - 1) of Krippendorff's D_e.
    alpha = 1.0 - (1.0 - 1.0 / total) * observed / e
    if n < 2:
        return Estimate(alpha)
    return Estimate(alpha, _alpha_se(rows, pairs, expected, e, observed), n - 1)


def _alpha_se(
    rows: list[tuple[Profile, int]],
    pairs: list[float],
    expected: dict[str, float],
    e: float,
    observed: float,
) -> float:
    """Gwet's variance of alpha in distance form.

    `observed` is D_o, `e` the expected distance sum_k,l pi_k pi_l delta_kl and
    `pairs` each item's distance sum over ordered pairs. Item terms follow the
    weighted form (pa_i - pe) / (1 - pe) and its chance correction
    (pe_i - pe) / (1 - pe), with deviations taken from alpha' (no 1/n.. term).
    """
    n = sum(w for _, w in rows)
    total = sum(w * len(p) for p, w in rows)
    rbar = total / n
    shrunk = (1.0 - 1.0 / total) * observed
    prime = 1.0 - observed / e
    acc = 0.0
    for (p, w), d in zip(rows, pairs, strict=True):
        r = len(p)
        item = 1.0 - (d / (rbar * (r - 1)) - shrunk * (r - rbar) / rbar) / e
        chance = (e * r - sum(map(expected.__getitem__, p))) / (rbar * e)
        acc += w * (item - 2.0 * (1.0 - prime) * chance - prime) ** 2
    return math.sqrt(acc / (n * (n - 1)))


def _nominal(profile: Profile) -> float:
    r = len(profile)
    return r * (r - 1) / 2 - equal_pairs(profile)


def _ordinal(ranks: dict[str, float]) -> Distance:
    """Krippendorff's ordinal metric (sum_{g=k..l} n_g - (n_k + n_l) / 2)^2.

    The bracket is the difference of the two values' mid-ranks, so the metric
    is the squared mid-rank difference (ranks here are divided by n..).
    """

    def distance(profile: Profile) -> float:
        return sum((ranks[a] - ranks[b]) ** 2 for a, b in combinations(profile, 2))

    return distance


def _midranks(pi: dict[str, float]) -> dict[str, float]:
    """Mid-rank of each value (in the dict's order) as a share of all values."""
    ranks, below = {}, 0.0
    for value, p in pi.items():
        ranks[value] = below + p / 2.0
        below += p
    return ranks


def _expected_ordinal(pi: dict[str, float], ranks: dict[str, float]) -> dict[str, float]:
    """e_k = sum_l pi_l (m_k - m_l)^2, expanded to be O(q)."""
    s1 = sum(p * ranks[v] for v, p in pi.items())
    s2 = sum(p * ranks[v] ** 2 for v, p in pi.items())
    return {v: s2 - 2.0 * m * s1 + m * m for v, m in ranks.items()}
