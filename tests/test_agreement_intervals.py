"""Agreement intervals: calibrated Cohen's kappa errors, clipping, few items, the bootstrap."""

from __future__ import annotations

import json
import math
import random
from collections import Counter
from collections.abc import Callable
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.agreement import (
    BOOTSTRAP_PERCENTILE,
    COEFFICIENTS,
    FEW_ITEMS,
    LINEARISED_MIN_SHARED,
    Bootstrap,
    Rating,
    field_agreement,
)
from factcheck.agreement.bootstrap import binomial, multinomial, percentile

Rules = list[list[list[float]]]
"""Per annotator, per true value, the probability of each value given."""


# --- a labelling model whose mean pairwise kappa is known --------------------------------------


def labelling_model(annotators: int, seed: int) -> tuple[list[float], Rules]:
    """Three values; each annotator gives the true one with its accuracy, else one of its bias."""
    rng = random.Random(seed)
    prevalence = [0.5, 0.3, 0.2]
    rules = []
    for _ in range(annotators):
        accuracy = rng.uniform(0.55, 0.85)
        bias = [rng.random() + 0.5 for _ in prevalence]
        total = sum(bias)
        rules.append(
            [[accuracy * (x == t) + (1 - accuracy) * bias[x] / total for x in range(3)] for t in range(3)]
        )
    return prevalence, rules


def mean_pairwise_kappa(prevalence: list[float], rules: Rules) -> float:
    """The population value the mean Cohen's kappa estimates: the mean over pairs of their kappas."""
    kappas = []
    values = range(len(prevalence))
    for a, b in combinations(rules, 2):
        observed = sum(prevalence[t] * sum(a[t][x] * b[t][x] for x in values) for t in values)
        first = [sum(prevalence[t] * a[t][x] for t in values) for x in values]
        second = [sum(prevalence[t] * b[t][x] for t in values) for x in values]
        chance = sum(p * q for p, q in zip(first, second, strict=True))
        kappas.append((observed - chance) / (1 - chance))
    return sum(kappas) / len(kappas)


def simulate(
    prevalence: list[float],
    rules: Rules,
    items: int,
    raters: Callable[[random.Random], int],
    rng: random.Random,
) -> list[Rating]:
    """Items with a true value, each rated by ``raters(rng)`` annotators drawn at random."""
    ratings = []
    for i in range(items):
        truth = rng.choices(range(len(prevalence)), prevalence)[0]
        for a in rng.sample(range(len(rules)), raters(rng)):
            ratings.append((f"i{i}", f"a{a}", str(rng.choices(range(3), rules[a][truth])[0])))
    return ratings


def cohen_coverage(
    annotators: int, items: int, raters: Callable[[random.Random], int], reps: int, seed: int
) -> tuple[float, set[str | None]]:
    """Share of simulated data sets whose 95% interval covers the true mean kappa; the SE methods used."""
    prevalence, rules = labelling_model(annotators, seed)
    truth = mean_pairwise_kappa(prevalence, rules)
    rng = random.Random(seed)
    covered, methods = 0, set()
    for _ in range(reps):
        kappa = field_agreement(simulate(prevalence, rules, items, raters, rng)).coefficients["cohen_kappa"]
        assert kappa.ci is not None
        covered += kappa.ci[0] <= truth <= kappa.ci[1]
        methods.add(kappa.se_method)
    return covered / reps, methods


# --- 1. the standard error of the mean Cohen's kappa --------------------------------------------

COVERAGE_TOLERANCE = 0.045
"""About three binomial standard errors of a coverage measured on 200 data sets."""


def test_cohen_interval_covers_on_a_sparse_design() -> None:
    # 10 annotators, each item rated by 1 to 3 of them: about 9 items per pair. The
    # linearised error alone covered about 80% of the time here.
    coverage, methods = cohen_coverage(10, 300, lambda rng: rng.randint(1, 3), reps=200, seed=1)
    assert methods == {"jackknife"}
    assert abs(coverage - 0.95) <= COVERAGE_TOLERANCE


def test_cohen_interval_covers_on_complete_designs() -> None:
    coverage, methods = cohen_coverage(4, 40, lambda rng: 4, reps=200, seed=2)
    assert methods == {"linearised"}  # every pair shares 40 items
    assert abs(coverage - 0.95) <= COVERAGE_TOLERANCE
    coverage, methods = cohen_coverage(3, 20, lambda rng: 3, reps=200, seed=3)
    assert methods == {"jackknife"}  # 20 items per pair
    assert abs(coverage - 0.95) <= COVERAGE_TOLERANCE


def test_jackknife_is_the_brute_force_leave_one_item_out() -> None:
    prevalence, rules = labelling_model(6, 4)
    ratings = simulate(prevalence, rules, 40, lambda rng: rng.randint(1, 3), random.Random(4))
    kappa = field_agreement(ratings).coefficients["cohen_kappa"]
    assert kappa.se_method == "jackknife"
    by_item: dict[str, list[Rating]] = {}
    for rating in ratings:
        by_item.setdefault(rating[0], []).append(rating)
    pairable = [item for item, rows in by_item.items() if len(rows) > 1]
    replicates = []
    for left_out in pairable:
        rest = [r for r in ratings if r[0] != left_out]
        value = field_agreement(rest).coefficients["cohen_kappa"].value
        assert value is not None
        replicates.append(value)
    n = len(replicates)
    centre = sum(replicates) / n
    expected = math.sqrt((n - 1) / n * sum((r - centre) ** 2 for r in replicates))
    assert kappa.se == pytest.approx(expected, rel=1e-12)


def test_linearised_error_needs_every_pair_to_share_enough_items() -> None:
    rng = random.Random(5)
    values = "xyz"
    # alice and bob share LINEARISED_MIN_SHARED items; carol shares one fewer with each.
    ratings: list[Rating] = []
    for i in range(LINEARISED_MIN_SHARED):
        truth = rng.choice(values)
        ratings += [(f"i{i}", "alice", truth), (f"i{i}", "bob", rng.choice([truth, rng.choice(values)]))]
        if i:
            ratings.append((f"i{i}", "carol", rng.choice([truth, rng.choice(values)])))
    assert field_agreement(ratings).coefficients["cohen_kappa"].se_method == "jackknife"
    without_carol = [r for r in ratings if r[1] != "carol"]
    assert field_agreement(without_carol).coefficients["cohen_kappa"].se_method == "linearised"


def test_every_standard_error_names_its_method() -> None:
    prevalence, rules = labelling_model(4, 6)
    result = field_agreement(
        simulate(prevalence, rules, 80, lambda rng: 4, random.Random(6)), ordered=True
    ).to_dict()
    for key in COEFFICIENTS:
        assert result[f"{key}_se_method"] == "linearised", key
    assert result["ci_method"] == "student-t" and result["bootstrap_reps"] is None
    empty = field_agreement([]).to_dict()
    assert all(empty[f"{key}_se_method"] is None for key in COEFFICIENTS)


# --- 2. intervals within range, few items ---------------------------------------------------------


def test_kappa_intervals_are_clipped_at_minus_one() -> None:
    # Two annotators who disagree on all but one of six items: t intervals reach far below -1.
    ratings = [(f"i{k}", "a", x) for k, x in enumerate("xxxyyy")]
    ratings += [(f"i{k}", "b", y) for k, y in enumerate("yyyxxy")]
    result = field_agreement(ratings).to_dict()
    for key in ("cohen_kappa", "fleiss_kappa", "krippendorff_alpha", "gwet_ac1"):
        low, high = result[f"{key}_ci"]
        assert low == -1.0 <= result[key] <= high <= 1.0, key
    assert result["fleiss_kappa"] < -0.5


def test_ac1_interval_floor_is_minus_one_over_q_minus_one() -> None:
    ratings = [(f"i{k}", "a", x) for k, x in enumerate("xxxyyy")]
    ratings += [(f"i{k}", "b", y) for k, y in enumerate("yyyxxy")]
    result = field_agreement(ratings, values=["x", "y", "z", "w"]).to_dict()
    assert result["gwet_ac1_ci"][0] == pytest.approx(-1 / 3)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from("abcdefgh"), st.sampled_from(["ann", "bob", "cy"]), st.sampled_from("xyz")),
        max_size=40,
    )
)
def test_intervals_stay_in_each_coefficients_range(ratings: list[Rating]) -> None:
    result = field_agreement(ratings, values=["x", "y", "z"], ordered=True).to_dict()
    floors = dict.fromkeys(COEFFICIENTS, -1.0) | {"percent_agreement": 0.0, "gwet_ac1": -0.5}
    for key in COEFFICIENTS:
        value, ci = result[key], result[f"{key}_ci"]
        if ci is not None:
            # Only Fleiss' kappa (items rated once weigh in its chance term) can fall below -1.
            assert min(floors[key], value) <= ci[0] <= value <= ci[1] <= 1.0, key


def test_few_pairable_items_carry_a_warning() -> None:
    def ratings(items: int) -> list[Rating]:
        rows = [(f"i{k}", "a", "xy"[k % 2]) for k in range(items)]
        return rows + [(f"i{k}", "b", "xy"[k % 3 % 2]) for k in range(items)] + [("solo", "a", "x")]

    few = field_agreement(ratings(FEW_ITEMS - 1)).to_dict()
    assert few["warning"] == "few items" and few["pairable_items"] == FEW_ITEMS - 1
    assert few["cohen_kappa"] is not None and few["cohen_kappa_ci"] is not None  # the value is still given
    enough = field_agreement(ratings(FEW_ITEMS)).to_dict()
    assert enough["warning"] is None


def test_few_items_per_pair_warn_on_cohens_kappa_only() -> None:
    prevalence, rules = labelling_model(10, 8)
    sparse = field_agreement(
        simulate(prevalence, rules, 300, lambda rng: rng.randint(1, 3), random.Random(8))
    )
    shared = [n for pair, n in sparse.cohen_pairwise_items.items() if sparse.cohen_pairwise[pair] is not None]
    assert sum(shared) / len(shared) < FEW_ITEMS
    assert sparse.cohen_kappa_warning == "few items per pair" and sparse.warning is None
    dense = field_agreement(simulate(prevalence, rules, 40, lambda rng: 10, random.Random(8)))
    assert dense.cohen_kappa_warning is None
    assert dense.to_dict()["cohen_kappa_warning"] is None


# --- the bootstrap ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def moderate() -> list[Rating]:
    prevalence, rules = labelling_model(4, 7)
    return simulate(prevalence, rules, 200, lambda rng: rng.randint(2, 4), random.Random(7))


def test_bootstrap_is_seeded_and_deterministic(moderate: list[Rating]) -> None:
    once = field_agreement(moderate, ordered=True, bootstrap=Bootstrap(reps=60, seed=3)).to_dict()
    again = field_agreement(moderate, ordered=True, bootstrap=Bootstrap(reps=60, seed=3)).to_dict()
    other = field_agreement(moderate, ordered=True, bootstrap=Bootstrap(reps=60, seed=4)).to_dict()
    assert once == again
    assert once["fleiss_kappa_ci"] != other["fleiss_kappa_ci"]
    shuffled = list(moderate)
    random.Random(0).shuffle(shuffled)
    # The draws do not depend on the order of the ratings (sums may differ in the last bit).
    reordered = field_agreement(shuffled, ordered=True, bootstrap=Bootstrap(reps=60, seed=3)).to_dict()
    for key in COEFFICIENTS:
        assert reordered[f"{key}_ci"] == pytest.approx(once[f"{key}_ci"], abs=1e-12)
        assert reordered[f"{key}_se"] == pytest.approx(once[f"{key}_se"], abs=1e-12)
    assert once["ci_method"] == BOOTSTRAP_PERCENTILE
    assert (once["bootstrap_reps"], once["bootstrap_seed"]) == (60, 3)
    json.dumps(once, allow_nan=False)


def test_bootstrap_replaces_every_error_and_keeps_every_value(moderate: list[Rating]) -> None:
    analytic = field_agreement(moderate, ordered=True).to_dict()
    boot = field_agreement(moderate, ordered=True, bootstrap=Bootstrap(reps=400, seed=1)).to_dict()
    for key in COEFFICIENTS:
        assert boot[key] == analytic[key]
        assert boot[f"{key}_se_method"] == "bootstrap"
        assert boot[f"{key}_se"] == pytest.approx(analytic[f"{key}_se"], rel=0.2), key
        low, high = boot[f"{key}_ci"]
        assert low < boot[key] < high <= 1.0
        assert high - low == pytest.approx(analytic[f"{key}_ci"][1] - analytic[f"{key}_ci"][0], rel=0.25)


def test_bootstrap_of_undefined_coefficients_stays_undefined() -> None:
    ratings = [(f"i{k}", who, "same") for k in range(12) for who in "ab"]
    result = field_agreement(ratings, bootstrap=Bootstrap(reps=20)).to_dict()
    assert result["fleiss_kappa"] is None and result["fleiss_kappa_ci"] is None
    assert result["percent_agreement"] == 1.0 and result["percent_agreement_ci"] == [1.0, 1.0]
    assert field_agreement([], bootstrap=Bootstrap(reps=20)).to_dict()["percent_agreement_ci"] is None


def test_bootstrap_gives_no_interval_where_resamples_are_mostly_undefined() -> None:
    # Two items: half the resamples repeat one item, where kappa is 0/0.
    ratings = [("i", "a", "x"), ("i", "b", "x"), ("j", "a", "y"), ("j", "b", "x")]
    result = field_agreement(ratings, bootstrap=Bootstrap(reps=200)).to_dict()
    assert result["cohen_kappa"] == 0.0
    assert result["cohen_kappa_ci"] is None and result["cohen_kappa_se"] is None
    assert result["percent_agreement_ci"] is not None  # defined in every resample


def _exact_pmf(n: int, p: float) -> list[float]:
    log_p, log_q = math.log(p), math.log1p(-p)
    return [
        math.exp(
            math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1) + k * log_p + (n - k) * log_q
        )
        for k in range(n + 1)
    ]


@pytest.mark.parametrize(("n", "p"), [(30, 0.1), (12, 0.5), (400, 0.3), (60, 0.93), (5000, 0.004)])
def test_binomial_draws_follow_the_binomial_distribution(n: int, p: float) -> None:
    draws = 20_000
    rng = random.Random(n)
    counts = Counter(binomial(rng, n, p) for _ in range(draws))
    pmf = _exact_pmf(n, p)
    # Pearson's chi-square over cells with an expected count of 20 or more, tails pooled.
    cells = [k for k in range(n + 1) if pmf[k] * draws >= 20]
    low, high = cells[0], cells[-1]
    observed = [sum(c for k, c in counts.items() if k <= low)]
    expected = [sum(pmf[: low + 1]) * draws]
    observed += [counts[k] for k in range(low + 1, high)]
    expected += [pmf[k] * draws for k in range(low + 1, high)]
    observed.append(sum(c for k, c in counts.items() if k >= high))
    expected.append(sum(pmf[high:]) * draws)
    chi2 = sum((o - e) ** 2 / e for o, e in zip(observed, expected, strict=True))
    df = len(observed) - 1
    # The 0.999 quantile of chi-square is below df + 3.1 sqrt(2 df) + 10 for these df.
    assert chi2 < df + 3.1 * math.sqrt(2 * df) + 10


def test_binomial_large_n_mean_and_variance() -> None:
    rng = random.Random(1)
    n, p = 10**7, 0.37
    draws = [binomial(rng, n, p) for _ in range(4000)]
    mean = sum(draws) / len(draws)
    var = sum((d - mean) ** 2 for d in draws) / (len(draws) - 1)
    sd = math.sqrt(n * p * (1 - p))
    assert abs(mean - n * p) < 4 * sd / math.sqrt(len(draws))
    assert var == pytest.approx(n * p * (1 - p), rel=0.1)


def test_multinomial_counts_sum_to_n_with_the_right_shares() -> None:
    rng = random.Random(2)
    weights = [5, 0, 1, 14, 80]
    totals = [0] * len(weights)
    for _ in range(2000):
        counts = multinomial(rng, 1000, weights)
        assert sum(counts) == 1000 and counts[1] == 0
        totals = [t + c for t, c in zip(totals, counts, strict=True)]
    for w, t in zip(weights, totals, strict=True):
        assert t / 2000 == pytest.approx(1000 * w / 100, rel=0.02, abs=0.5)


def test_percentile_is_r_type_seven() -> None:
    values = [1.0, 2.0, 4.0, 8.0]
    assert percentile(values, 0.0) == 1.0 and percentile(values, 1.0) == 8.0
    assert percentile(values, 0.5) == 3.0
    assert percentile(values, 0.025) == pytest.approx(1.075)
