"""The bootstrap over items: seeded multinomial resampling of rating patterns, percentile intervals."""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from random import Random

from factcheck.agreement.stats import Items

DEFINED_SHARE = 0.9
"""A coefficient undefined in more than 1 - DEFINED_SHARE of the resamples gets no bootstrap
interval: what is left is not the coefficient's sampling distribution but a conditional one."""

INVERSION_LIMIT = 10.0
"""Binomial draws with n p below this are made by inversion, the others by BTRS."""


@dataclass(frozen=True)
class Bootstrap:
    """Percentile bootstrap intervals over items instead of Student t ones."""

    reps: int = 1000
    """Number of resamples."""
    seed: int = 0
    """Seed of the resampling: the same data and seed give the same intervals."""
    stream: str = ""
    """Names one report's draws (its field, say), so that reports sharing a seed draw apart."""

    def rng(self) -> Random:
        """The generator of this stream's draws, fixed by the seed."""
        return Random(f"{self.seed}/{self.stream}")


def resamples(items: Items, bootstrap: Bootstrap) -> Iterator[Items]:
    """``bootstrap.reps`` resamples of the items, drawn with replacement, one at a time.

    A resample of n items is a multinomial draw of n over the distinct patterns, with
    probabilities their shares of the items, so its cost grows with the number of
    patterns and not of items. Patterns are first put in a canonical order (by number
    of ratings, as Items keeps them, then by their codes), so the draws do not depend
    on the order the ratings came in.
    """
    n = sum(items.weights)
    if not n:
        return
    keys = list(zip(*items.columns, strict=True))
    order = sorted(range(len(keys)), key=lambda j: (-items.sizes[j], keys[j]))
    columns = [[column[j] for j in order] for column in items.columns]
    sizes = [items.sizes[j] for j in order]
    weights = [items.weights[j] for j in order]
    rng = bootstrap.rng()
    for _ in range(bootstrap.reps):
        counts = multinomial(rng, n, weights)
        keep = [k for k, c in enumerate(counts) if c]
        yield Items(
            [[column[k] for k in keep] for column in columns],
            [counts[k] for k in keep],
            [sizes[k] for k in keep],
            items.q,
        )


def multinomial(rng: Random, n: int, weights: list[int]) -> list[int]:
    """Counts of ``n`` draws over categories with probabilities proportional to ``weights``.

    Each count is a binomial draw conditional on the ones before it: the k-th is
    Binomial(n left, w_k / weights left).
    """
    left, total, out = n, sum(weights), []
    for w in weights:
        if not left or not w:
            k = 0
        elif w >= total:
            k = left
        else:
            k = binomial(rng, left, w / total)
        out.append(k)
        left -= k
        total -= w
    return out


def binomial(rng: Random, n: int, p: float) -> int:
    """An exact Binomial(n, p) draw in constant expected time.

    By inversion of the distribution function when n p < INVERSION_LIMIT (the
    probabilities from P(0) = (1 - p)^n by their ratio recurrence), else by
    Hormann's transformed rejection with squeeze, BTRS ("The generation of binomial
    random variates", J. Statist. Comput. Simul. 46, 1993), which needs n p >= 10.
    """
    if n <= 0 or p <= 0.0:
        return 0
    if p >= 1.0:
        return n
    if p > 0.5:
        return n - binomial(rng, n, 1.0 - p)
    if n * p < INVERSION_LIMIT:
        return _inversion(rng, n, p)
    return _btrs(rng, n, p)


def _inversion(rng: Random, n: int, p: float) -> int:
    q = 1.0 - p
    ratio = p / q
    start = q**n
    while True:
        u, x, prob = rng.random(), 0, start
        while u > prob and x < n:
            u -= prob
            x += 1
            prob *= ratio * (n - x + 1) / x
        if u <= prob:
            return x
        # Rounding left u above the whole distribution: draw again.


def _btrs(rng: Random, n: int, p: float) -> int:
    q = 1.0 - p
    spq = math.sqrt(n * p * q)
    b = 1.15 + 2.53 * spq
    a = -0.0873 + 0.0248 * b + 0.01 * p
    c = n * p + 0.5
    v_r = 0.92 - 4.2 / b
    alpha = (2.83 + 5.1 / b) * spq
    lpq = math.log(p / q)
    m = math.floor((n + 1) * p)
    h = math.lgamma(m + 1) + math.lgamma(n - m + 1)
    while True:
        u = rng.random() - 0.5
        v = rng.random()
        us = 0.5 - abs(u)
        if us <= 0.0:
            continue
        k = math.floor((2.0 * a / us + b) * u + c)
        if k < 0 or k > n:
            continue
        if us >= 0.07 and v <= v_r:
            return k
        if v <= 0.0:
            continue
        v = math.log(v * alpha / (a / (us * us) + b))
        if v <= h - math.lgamma(k + 1) - math.lgamma(n - k + 1) + (k - m) * lpq:
            return k


def percentile(ordered: list[float], share: float) -> float:
    """The ``share`` quantile of sorted values, interpolated between order statistics (R's type 7)."""
    h = (len(ordered) - 1) * share
    low = math.floor(h)
    if low + 1 >= len(ordered):
        return ordered[-1]
    return ordered[low] + (h - low) * (ordered[low + 1] - ordered[low])
