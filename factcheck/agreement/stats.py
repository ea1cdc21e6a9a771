"""Rating patterns stored as columns; percent agreement, Fleiss' kappa and Gwet's AC1 with their errors."""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import chain, combinations, compress, groupby, islice, repeat
from operator import and_, eq, ge, gt, mul, truediv
from statistics import NormalDist
from typing import TypeVar, cast

T = TypeVar("T", bound=Hashable)
N = TypeVar("N", int, float)

MISSING = -1
"""Code of a rating an annotator did not give."""

TINY = 1e-12
"""Chance agreement this close to 1 leaves a coefficient at 0/0: undefined."""


LINEARISED = "linearised"
"""Standard error from Gwet's linearisation of the coefficient over items (irrCAC's)."""
JACKKNIFE = "jackknife"
"""Standard error from the leave-one-item-out jackknife."""
BOOTSTRAP = "bootstrap"
"""Standard error and interval from resampling items."""


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
    """Lowest value the coefficient can take: its interval is clipped there."""
    method: str | None = None
    """How the standard error was found: LINEARISED, JACKKNIFE or BOOTSTRAP."""

    def interval(self, level: float = 0.95) -> list[float] | None:
        """Return the two-sided confidence interval, Student t with `df` degrees.

        This is the interval Gwet's handbook and irrCAC report, with both ends clipped to
        the coefficient's range: the upper end at 1 (as irrCAC does), the lower end at
        `floor`. An estimate outside the range (Fleiss' kappa with varying raters per item
        can fall below -1) stays inside its interval.
        """
        if self.value is None or self.se is None or self.df < 1:
            return None
        half = t_critical(self.df, level) * self.se
        low = self.value - half if self.floor is None else max(self.floor, self.value - half)
        return [min(self.value, low), max(self.value, min(1.0, self.value + half))]


@dataclass(frozen=True)
class Items:
    """Items grouped into distinct rating patterns, stored column by column.

    Values are coded as their index in the field's categories. Pattern j is
    (columns[0][j], ..., columns[k-1][j]), one code per annotator in sorted order
    (MISSING where the annotator gave none), shared by weights[j] items. Patterns
    are sorted by their number of ratings, most first, so the pairable ones are a
    prefix. Sums over an item's ratings or pairs of ratings are taken column by
    column with map and zip: the work is per pattern and never per category.
    """

    columns: list[list[int]]
    """One list per annotator: the code of the annotator's value in each pattern."""
    weights: list[int]
    """Number of items with each pattern."""
    sizes: list[int]
    """Number of ratings in each pattern."""
    q: int
    """Number of categories: codes run from 0 to q - 1."""

    @cached_property
    def pairable(self) -> int:
        """Number of patterns with two ratings or more (the leading ones)."""
        return sum(map(gt, self.sizes, repeat(1)))

    @cached_property
    def shared(self) -> dict[tuple[int, int], list[bool]]:
        """Per pair of columns i < j: whether both annotators rated the pattern."""
        present = [list(map(ge, column, repeat(0))) for column in self.columns]
        return {(i, j): list(map(and_, present[i], present[j])) for i, j in self._pairs()}

    @cached_property
    def agreeing(self) -> dict[tuple[int, int], list[bool]]:
        """Per pair of columns i < j: whether both annotators gave the same value."""
        cols = self.columns
        return {
            (i, j): list(map(and_, map(eq, cols[i], cols[j]), self.shared[i, j])) for i, j in self._pairs()
        }

    @cached_property
    def equal_pairs(self) -> list[int]:
        """Per pattern: the number of unordered pairs of its ratings that agree."""
        if not self.agreeing:
            return [0] * len(self.weights)
        return list(map(sum, zip(*self.agreeing.values(), strict=True)))

    @cached_property
    def heavy(self) -> list[int]:
        """Indices of the patterns that more than one item has, in order."""
        return list(compress(range(len(self.weights)), map(gt, self.weights, repeat(1))))

    @cached_property
    def value_counts(self) -> dict[int, Counter[int]]:
        """Number of ratings r -> weighted counts of the codes in patterns with r ratings."""
        out: dict[int, Counter[int]] = {}
        start, heavy, weights = 0, self.heavy, self.weights
        for r, group in groupby(self.sizes):
            stop = start + len(list(group))
            counts = Counter(chain.from_iterable(c[start:stop] for c in self.columns))
            for j in heavy[bisect_left(heavy, start) : bisect_left(heavy, stop)]:
                for column in self.columns:
                    counts[column[j]] += weights[j] - 1
            counts.pop(MISSING, None)
            out[r], start = counts, stop
        return out

    def count(self, keys: Sequence[T], mask: Sequence[bool] | None = None) -> Counter[T]:
        """Weighted counts of keys[j] over the patterns j that `mask` selects (all by default).

        Each pattern is counted once in C, then topped up where more items have it.
        """
        counts = Counter(keys if mask is None else compress(keys, mask))
        weights = self.weights
        for j in self.heavy:
            if mask is None or mask[j]:
                counts[keys[j]] += weights[j] - 1
        return counts

    def table(self, values: Mapping[int, N], zero: N) -> list[N]:
        """values[code] for every code, `zero` for codes not given and, in the last slot, for MISSING."""
        out = list(map(values.get, range(self.q), repeat(zero)))
        out.append(zero)
        return cast(list[N], out)

    def sums(self, table: list[N], stop: int | None = None) -> list[N]:
        """Per pattern (the first `stop`): the sum of table[code] over its ratings."""
        get = table.__getitem__
        return list(map(sum, zip(*(map(get, islice(c, stop)) for c in self.columns), strict=True)))

    def _pairs(self) -> Iterator[tuple[int, int]]:
        return combinations(range(len(self.columns)), 2)


@dataclass(frozen=True)
class CountTable:
    """Items as rating patterns, with the sums percent agreement, Fleiss and AC1 share."""

    items: Items
    """The distinct patterns and their numbers of items."""
    agree: list[float]
    """Per pattern: proportion of agreeing pairs of ratings (0 when r < 2)."""
    chance: list[float]
    """Per pattern: sum_k c_k * pi_k / r, the item's share of Fleiss' chance agreement."""
    n: int
    """Items with at least one rating."""
    n2: int
    """Items with at least two ratings (pairable)."""
    q: int
    """Number of categories (schema values plus values seen)."""
    pi: dict[int, float]
    """Classification probabilities by code: mean over items of c_k / r (Fleiss 1971)."""

    @property
    def pa(self) -> float | None:
        """Percent agreement: mean pairwise agreement over pairable items."""
        if self.n2 == 0:
            return None
        return sum(map(mul, self.items.weights, self.agree)) / self.n2


def count_table(items: Items) -> CountTable:
    """Summarise rating patterns for percent agreement, Fleiss' kappa and AC1."""
    n = sum(items.weights)
    pi: defaultdict[int, float] = defaultdict(float)
    for r, counts in items.value_counts.items():
        for value, c in counts.items():
            pi[value] += c / r / n
    sizes = items.sizes
    agree = [2.0 * e / (r * (r - 1)) if r > 1 else 0.0 for e, r in zip(items.equal_pairs, sizes, strict=True)]
    chance = list(map(truediv, items.sums(items.table(pi, 0.0)), sizes))
    n2 = sum(items.weights[: items.pairable])
    return CountTable(items, agree, chance, n, n2, items.q, dict(pi))


def percent_agreement(t: CountTable, se: bool = True) -> Estimate:
    """Percent agreement with Gwet's variance (irrCAC's pa.coeff.raw); in [0, 1].

    Args:
        t: The items' count table.
        se: Also compute the standard error (a bootstrap replicate needs only the value).
    """
    pa = t.pa
    if pa is None or t.n < 2 or not se:
        return Estimate(pa, floor=0.0)
    scale = t.n / t.n2
    terms = [scale * agree - pa for agree in t.agree]  # agree is 0 for items rated once
    total = sum(map(mul, t.items.weights, map(mul, terms, terms)))
    return Estimate(pa, math.sqrt(total / (t.n * (t.n - 1))), t.n - 1, 0.0, LINEARISED)


def fleiss_kappa(t: CountTable, se: bool = True) -> Estimate:
    """Fleiss' kappa generalised to varying raters per item (as irrCAC's fleiss()).

    Its range is [-1, 1] when every item has two ratings or more; items rated once
    still weigh in the chance agreement, and can take the estimate below -1.
    """
    pe = sum(p * p for p in t.pi.values())
    return _chance_corrected(t, pe, t.chance if se else None, -1.0)


def gwet_ac1(t: CountTable, se: bool = True) -> Estimate:
    """Gwet's AC1: chance agreement sum_k pi_k (1 - pi_k) / (q - 1) (Gwet 2008).

    Chance agreement is at most 1/q, so AC1 lies in [-1/(q - 1), 1].
    """
    if t.q < 2:
        return Estimate(None)
    pe = sum(p * (1.0 - p) for p in t.pi.values()) / (t.q - 1)
    pe_items = [(1.0 - s) / (t.q - 1) for s in t.chance] if se else None
    return _chance_corrected(t, pe, pe_items, -1.0 / (t.q - 1))


def _chance_corrected(t: CountTable, pe: float, pe_items: list[float] | None, floor: float) -> Estimate:
    """(pa - pe) / (1 - pe) with the linearised variance of Gwet (2008).

    Each item's term is its agreement rescaled by n / n2 (items with one rating
    count as zero), corrected for the item's share of chance agreement `pe_items`
    (None: no standard error wanted).
    """
    pa = t.pa
    if pa is None or pe > 1.0 - TINY:
        return Estimate(None)
    coef = (pa - pe) / (1.0 - pe)
    if t.n < 2 or pe_items is None:
        return Estimate(coef, floor=floor)
    scale, slope = t.n / t.n2 / (1.0 - pe), 2.0 * (1.0 - coef) / (1.0 - pe)
    terms = [
        (scale * (agree - pe) if r > 1 else 0.0) - slope * (pe_i - pe) - coef
        for agree, pe_i, r in zip(t.agree, pe_items, t.items.sizes, strict=True)
    ]
    total = sum(map(mul, t.items.weights, map(mul, terms, terms)))
    return Estimate(coef, math.sqrt(total / (t.n * (t.n - 1))), t.n - 1, floor, LINEARISED)


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
