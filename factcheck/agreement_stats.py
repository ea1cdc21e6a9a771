"""Percent agreement, Fleiss' kappa and Gwet's AC1 with their standard errors and intervals."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations, starmap
from operator import eq, mul
from statistics import NormalDist

Profile = tuple[str, ...]
"""One item's values, sorted, a value repeated once per annotator who gave it."""

Profiles = Sequence[tuple[Profile, int]]
"""Distinct profiles, each with the number of items that have it."""

TINY = 1e-12
"""Chance agreement this close to 1 leaves a coefficient at 0/0: undefined."""


@dataclass(frozen=True)
class Estimate:
    """A coefficient with its standard error, or None where either is undefined."""

    value: float | None
    """The coefficient; None when undefined."""
    se: float | None = None
    """Standard error; None when it cannot be estimated (fewer than two items)."""
    df: int = 0
    """Degrees of freedom of the Student t interval: the number of items minus one."""
    floor: float | None = None
    """Lowest value the coefficient can take, if the interval is to be clipped there."""

    def interval(self, level: float = 0.95) -> list[float] | None:
        """Return the two-sided confidence interval, Student t with `df` degrees.

        This is the interval Gwet's handbook and irrCAC report: the upper end is
        clipped at 1, the lower end only at `floor`. (Fleiss' kappa with varying
        raters per item can itself fall below -1, so kappas are not clipped.)
        """
        if self.value is None or self.se is None or self.df < 1:
            return None
        half = t_critical(self.df, level) * self.se
        low = self.value - half if self.floor is None else max(self.floor, self.value - half)
        return [low, max(self.value, min(1.0, self.value + half))]


def equal_pairs(profile: Profile) -> int:
    """Number of unordered pairs of the item's ratings that agree."""
    return sum(starmap(eq, combinations(profile, 2)))


@dataclass(frozen=True)
class CountTable:
    """Items as value profiles, with the sums percent agreement, Fleiss and AC1 share."""

    profiles: Profiles
    """The distinct profiles and their numbers of items."""
    agree: list[float]
    """Per profile: proportion of agreeing pairs of ratings (0 when r < 2)."""
    chance: list[float]
    """Per profile: sum_k c_k * pi_k / r, the item's share of Fleiss' chance agreement."""
    n: int
    """Items with at least one rating."""
    n2: int
    """Items with at least two ratings (pairable)."""
    q: int
    """Number of categories (schema values plus values seen)."""
    pi: dict[str, float]
    """Classification probabilities: mean over items of c_k / r (Fleiss 1971)."""

    @property
    def pa(self) -> float | None:
        """Percent agreement: mean pairwise agreement over pairable items."""
        if self.n2 == 0:
            return None
        return sum(map(mul, (w for _, w in self.profiles), self.agree)) / self.n2


def count_table(profiles: Profiles, q: int) -> CountTable:
    """Summarise value profiles for percent agreement, Fleiss' kappa and AC1."""
    n = sum(w for _, w in profiles)
    pi: defaultdict[str, float] = defaultdict(float)
    for profile, w in profiles:
        share = w / len(profile) / n
        for value in profile:
            pi[value] += share
    agree = [2.0 * equal_pairs(p) / (len(p) * (len(p) - 1)) if len(p) > 1 else 0.0 for p, _ in profiles]
    chance = [sum(map(pi.__getitem__, p)) / len(p) for p, _ in profiles]
    n2 = sum(w for p, w in profiles if len(p) > 1)
    return CountTable(profiles, agree, chance, n, n2, q, dict(pi))


def percent_agreement(t: CountTable) -> Estimate:
    """Percent agreement with Gwet's variance (irrCAC's pa.coeff.raw)."""
    pa = t.pa
    if pa is None or t.n < 2:
        return Estimate(pa, floor=0.0)
    scale, total = t.n / t.n2, 0.0
    for (p, w), agree in zip(t.profiles, t.agree, strict=True):
        total += w * ((scale * agree if len(p) > 1 else 0.0) - pa) ** 2
    return Estimate(pa, math.sqrt(total / (t.n * (t.n - 1))), t.n - 1, 0.0)


def fleiss_kappa(t: CountTable) -> Estimate:
    """Fleiss' kappa generalised to varying raters per item (as irrCAC's fleiss())."""
    pe = sum(p * p for p in t.pi.values())
    return _chance_corrected(t, pe, t.chance)


def gwet_ac1(t: CountTable) -> Estimate:
    """Gwet's AC1: chance agreement sum_k pi_k (1 - pi_k) / (q - 1) (Gwet 2008)."""
    if t.q < 2:
        return Estimate(None)
    pe = sum(p * (1.0 - p) for p in t.pi.values()) / (t.q - 1)
    return _chance_corrected(t, pe, [(1.0 - s) / (t.q - 1) for s in t.chance])


def _chance_corrected(t: CountTable, pe: float, pe_items: list[float]) -> Estimate:
    """(pa - pe) / (1 - pe) with the linearised variance of Gwet (2008).

    Each item's term is its agreement rescaled by n / n2 (items with one rating
    count as zero), corrected for the item's share of chance agreement `pe_items`.
    """
    pa = t.pa
    if pa is None or pe > 1.0 - TINY:
        return Estimate(None)
    coef = (pa - pe) / (1.0 - pe)
    if t.n < 2:
        return Estimate(coef)
    scale, slope, total = t.n / t.n2 / (1.0 - pe), 2.0 * (1.0 - coef) / (1.0 - pe), 0.0
    for (p, w), agree, pe_i in zip(t.profiles, t.agree, pe_items, strict=True):
        item = scale * (agree - pe) if len(p) > 1 else 0.0
        total += w * (item - slope * (pe_i - pe) - coef) ** 2
    return Estimate(coef, math.sqrt(total / (t.n * (t.n - 1))), t.n - 1)


@lru_cache(maxsize=256)
def t_critical(df: int, level: float = 0.95) -> float:
    """Two-sided Student t critical value: the t.ppf((1 + level) / 2, df) of scipy.

    Exact series for up to 1000 degrees of freedom, solved by bisection on the
    angle; the Cornish-Fisher expansion beyond (Abramowitz & Stegun 26.7.5).
    """
    if df > 1000:
        return _cornish_fisher(df, level)
    lo, hi = 0.0, math.pi / 2.0
    for _ in range(64):
        mid = (lo + hi) / 2.0
        lo, hi = (mid, hi) if _t_central(mid, df) < level else (lo, mid)
    return math.sqrt(df) * math.tan((lo + hi) / 2.0)


def _t_central(theta: float, df: int) -> float:
    """P(|T| < sqrt(df) tan(theta)) for T ~ t(df) (Abramowitz & Stegun 26.7.3-4)."""
    cos2, term, total = math.cos(theta) ** 2, 1.0, 1.0
    odd = df % 2
    # odd df: 1 + 2/3 c^2 + 2*4/(3*5) c^4 + ...; even df: 1 + 1/2 c^2 + 1*3/(2*4) c^4 + ...
    for j in range(1, (df - 1) // 2 if odd else df // 2):
        term *= (2 * j - 1 + odd) / (2 * j + odd) * cos2
        total += term
    if odd:
        series = math.sin(theta) * math.cos(theta) * total if df > 1 else 0.0
        return 2.0 / math.pi * (theta + series)
    return math.sin(theta) * total


def _cornish_fisher(df: int, level: float) -> float:
    z = NormalDist().inv_cdf((1.0 + level) / 2.0)
    g1 = (z**3 + z) / 4.0
    g2 = (5 * z**5 + 16 * z**3 + 3 * z) / 96.0
    g3 = (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / 384.0
    g4 = (79 * z**9 + 776 * z**7 + 1482 * z**5 - 1920 * z**3 - 945 * z) / 92160.0
    return z + g1 / df + g2 / df**2 + g3 / df**3 + g4 / df**4
