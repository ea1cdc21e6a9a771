"""Agreement coefficients: published worked examples, reference packages, properties."""

from __future__ import annotations

import gc
import json
import math
import random
from collections.abc import Sequence
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.agreement import (
    COEFFICIENTS,
    FieldAgreement,
    Rating,
    agreement_report,
)
from factcheck.agreement import field_agreement as typed_field_agreement
from factcheck.agreement.stats import t_critical
from factcheck.schema import normalise_text


def field_agreement(ratings: Any, **kwargs: Any) -> dict[str, Any]:
    """One field's agreement in its JSON form (the contract ``factcheck agreement`` prints)."""
    return typed_field_agreement(ratings, **kwargs).to_dict()


NAN = float("nan")
Matrix = list[list[float]]  # annotators x items, NaN where missing

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", example C:
# coders A-D, 12 units, values 1-5, some missing (also in the krippendorff package's docs).
KRIPPENDORFF_2011: Matrix = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, NAN, NAN, NAN],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NAN, 3],
    [NAN, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, NAN],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NAN],
]

# Fleiss (1971) as in Wikipedia's "Fleiss' kappa" example: 10 subjects, 14 raters each,
# number of raters per category (5 categories); kappa 0.210, P-bar 0.378, P_e 0.213.
FLEISS_1971 = [
    [0, 0, 0, 0, 14],
    [0, 2, 6, 4, 2],
    [0, 0, 3, 5, 6],
    [0, 3, 9, 2, 0],
    [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0],
    [3, 2, 6, 3, 0],
    [2, 5, 3, 2, 2],
    [6, 5, 2, 1, 0],
    [0, 2, 2, 3, 7],
]


def from_matrix(matrix: Matrix) -> list[Rating]:
    """Long-format ratings from an annotators x items matrix (NaN = missing)."""
    return [
        (f"item{j}", f"coder{i}", str(int(v)))
        for i, row in enumerate(matrix)
        for j, v in enumerate(row)
        if not math.isnan(v)
    ]


def from_counts(table: Sequence[Sequence[int]]) -> list[Rating]:
    """Ratings from per-item category counts (raters are anonymous in Fleiss' design)."""
    ratings = []
    for i, counts in enumerate(table):
        values = [str(k + 1) for k, c in enumerate(counts) for _ in range(c)]
        ratings += [(f"s{i}", f"r{j}", v) for j, v in enumerate(values)]
    return ratings


def cohen_table(cells: dict[tuple[str, str], int]) -> list[Rating]:
    """Two annotators' ratings from a contingency table."""
    ratings, i = [], 0
    for (a, b), count in cells.items():
        for _ in range(count):
            ratings += [(f"p{i}", "A", a), (f"p{i}", "B", b)]
            i += 1
    return ratings


def random_matrix(seed: int, items: int, raters: int, q: int, missing: float) -> Matrix:
    """Ratings that agree more than chance, with missing values; no item left empty."""
    rng = random.Random(seed)
    matrix: Matrix = [[NAN] * items for _ in range(raters)]
    for j in range(items):
        truth = rng.randrange(1, q + 1)
        for i in range(raters):
            if rng.random() >= missing:
                matrix[i][j] = truth if rng.random() < 0.6 else rng.randrange(1, q + 1)
        if all(math.isnan(matrix[i][j]) for i in range(raters)):
            matrix[0][j] = truth
    return matrix


# --- published numbers ---------------------------------------------------------------


def test_krippendorff_2011_worked_example() -> None:
    result = field_agreement(from_matrix(KRIPPENDORFF_2011), values=list("12345"), ordered=True)
    assert round(result["krippendorff_alpha"], 3) == 0.743
    assert round(result["krippendorff_alpha_ordinal"], 3) == 0.815
    assert result["items"] == 12
    assert result["pairable_items"] == 11  # unit 12 has a single value
    assert result["annotators"] == 4


def test_fleiss_1971_worked_example() -> None:
    result = field_agreement(from_counts(FLEISS_1971), values=list("12345"))
    assert round(result["fleiss_kappa"], 3) == 0.210
    assert round(result["percent_agreement"], 3) == 0.378
    assert result["mean_ratings_per_item"] == 14


def test_cohen_two_by_two_textbook() -> None:
    # Wikipedia's Cohen's kappa example: 50 proposals, yes/yes 20, yes/no 5, no/yes 10, no/no 15.
    ratings = cohen_table({("yes", "yes"): 20, ("yes", "no"): 5, ("no", "yes"): 10, ("no", "no"): 15})
    result = field_agreement(ratings, values=["yes", "no"])
    assert result["cohen_kappa"] == pytest.approx(0.4, abs=1e-12)
    assert result["cohen_pairwise"] == {"A|B": pytest.approx(0.4, abs=1e-12)}
    assert result["percent_agreement"] == pytest.approx(0.7)
    assert result["confusion"]["A|B"] == {"labels": ["yes", "no"], "matrix": [[20, 5], [10, 15]]}
    # Specific agreement 2 n_kk / (n_k. + n_.k).
    assert result["per_label"]["yes"]["specific_agreement"] == pytest.approx(40 / 55)
    assert result["per_label"]["no"]["specific_agreement"] == pytest.approx(30 / 45)
    assert result["per_label"]["yes"]["count"] == 55


# --- reference implementations --------------------------------------------------------

DATASETS = [
    (1, 40, 3, 3, 0.2),
    (2, 120, 5, 4, 0.35),
    (3, 30, 2, 5, 0.1),
    (4, 200, 4, 2, 0.4),
    (5, 60, 6, 7, 0.5),
    (6, 150, 4, 60, 0.3),  # text-like: nearly every item's ratings are a pattern of their own
]


@pytest.mark.parametrize(("seed", "items", "raters", "q", "missing"), DATASETS)
def test_matches_krippendorff_package(seed: int, items: int, raters: int, q: int, missing: float) -> None:
    krippendorff = pytest.importorskip("krippendorff")
    matrix = random_matrix(seed, items, raters, q, missing)
    result = field_agreement(from_matrix(matrix), values=[str(k) for k in range(1, q + 1)], ordered=True)
    domain = list(range(1, q + 1))
    nominal = krippendorff.alpha(matrix, value_domain=domain, level_of_measurement="nominal")
    ordinal = krippendorff.alpha(matrix, value_domain=domain, level_of_measurement="ordinal")
    assert result["krippendorff_alpha"] == pytest.approx(nominal, abs=1e-9)
    assert result["krippendorff_alpha_ordinal"] == pytest.approx(ordinal, abs=1e-9)


def _irrcac(matrix: Matrix, q: int, weights: Any = "identity") -> Any:
    pd = pytest.importorskip("pandas")
    raw = pytest.importorskip("irrCAC.raw")
    frame = pd.DataFrame({f"coder{i}": row for i, row in enumerate(matrix)})
    return raw.CAC(frame, weights=weights, categories=list(range(1, q + 1)), digits=15)


def _same_estimate(result: dict[str, Any], key: str, reference: dict[str, Any]) -> None:
    est = reference["est"]
    assert result[key] == pytest.approx(est["coefficient_value"], abs=1e-9)
    assert result[f"{key}_se"] == pytest.approx(est["se"], abs=1e-9)
    # scipy's t quantile is itself off by up to ~1e-10 at small df; ours is exact.
    low, high = est["confidence_interval"]
    assert result[f"{key}_ci"] == pytest.approx([low, high], abs=1e-8)


@pytest.mark.parametrize(("seed", "items", "raters", "q", "missing"), DATASETS)
def test_matches_irrcac(seed: int, items: int, raters: int, q: int, missing: float) -> None:
    matrix = random_matrix(seed, items, raters, q, missing)
    result = field_agreement(from_matrix(matrix), values=[str(k) for k in range(1, q + 1)])
    cac = _irrcac(matrix, q)
    fleiss, ac1, alpha = cac.fleiss(), cac.gwet(), cac.krippendorff()
    _same_estimate(result, "fleiss_kappa", fleiss)
    _same_estimate(result, "gwet_ac1", ac1)
    _same_estimate(result, "krippendorff_alpha", alpha)
    assert result["percent_agreement"] == pytest.approx(fleiss["est"]["pa"], abs=1e-12)


@pytest.mark.parametrize(("seed", "items", "raters", "q", "missing"), DATASETS)
def test_ordinal_alpha_se_is_irrcac_with_krippendorff_distances(
    seed: int, items: int, raters: int, q: int, missing: float
) -> None:
    np = pytest.importorskip("numpy")
    matrix = random_matrix(seed, items, raters, q, missing)
    result = field_agreement(from_matrix(matrix), values=[str(k) for k in range(1, q + 1)], ordered=True)
    # Krippendorff's ordinal metric from the pairable values' counts n_g, as weights 1 - d / max d.
    columns = [[row[j] for row in matrix if not math.isnan(row[j])] for j in range(items)]
    n = [sum(col.count(g) for col in columns if len(col) > 1) for g in range(1, q + 1)]
    d = np.array(
        [[(sum(n[min(c, k) : max(c, k) + 1]) - (n[c] + n[k]) / 2) ** 2 for k in range(q)] for c in range(q)]
    )
    reference = _irrcac(matrix, q, weights=1 - d / d.max()).krippendorff()
    _same_estimate(result, "krippendorff_alpha_ordinal", reference)


def test_percent_agreement_se_is_gwets() -> None:
    # irrCAC's pa.coeff.raw (R): var = sum_i (n / n2 * pa_i - pa)^2 / (n (n - 1)).
    matrix = random_matrix(7, 80, 4, 3, 0.45)
    result = field_agreement(from_matrix(matrix))
    columns = [[row[j] for row in matrix if not math.isnan(row[j])] for j in range(80)]
    pairable = [c for c in columns if len(c) > 1]
    agree = [
        sum(c.count(v) * (c.count(v) - 1) for v in set(c)) / (len(c) * (len(c) - 1)) if len(c) > 1 else 0.0
        for c in columns
    ]
    pa = sum(agree) / len(pairable)
    var = sum((80 / len(pairable) * a - pa) ** 2 for a in agree) / (80 * 79)
    assert result["percent_agreement"] == pytest.approx(pa, abs=1e-12)
    assert result["percent_agreement_se"] == pytest.approx(math.sqrt(var), abs=1e-12)


def test_two_annotator_cohen_matches_irrcac_table() -> None:
    pd = pytest.importorskip("pandas")
    table = pytest.importorskip("irrCAC.table")
    cells = {(a, b): random.Random(a + b).randrange(1, 30) for a in "xyz" for b in "xyz"}
    result = field_agreement(cohen_table(cells))
    frame = pd.DataFrame(
        [[cells[a, b] for b in "xyz"] for a in "xyz"], index=list("xyz"), columns=list("xyz")
    )
    reference = table.CAC(frame, digits=15).cohen()["est"]
    n = sum(cells.values())
    assert result["cohen_kappa"] == pytest.approx(reference["coefficient_value"], abs=1e-12)
    # irrCAC's table formula divides by n^2 where the raw-data formulas use n (n - 1).
    assert result["cohen_kappa_se"] * math.sqrt((n - 1) / n) == pytest.approx(reference["se"], abs=1e-12)


def test_cohen_is_the_mean_over_pairs_on_shared_items() -> None:
    matrix = random_matrix(11, 50, 3, 3, 0.3)
    result = field_agreement(from_matrix(matrix))
    kappas = []
    for a in range(3):
        for b in range(a + 1, 3):
            both = [(x, y) for x, y in zip(matrix[a], matrix[b], strict=True) if x == x and y == y]
            po = sum(x == y for x, y in both) / len(both)
            pe = sum(
                sum(x == v for x, _ in both) * sum(y == v for _, y in both) / len(both) ** 2
                for v in (1, 2, 3)
            )
            kappa = (po - pe) / (1 - pe)
            assert result["cohen_pairwise"][f"coder{a}|coder{b}"] == pytest.approx(kappa, abs=1e-12)
            kappas.append(kappa)
    assert result["cohen_kappa"] == pytest.approx(sum(kappas) / 3, abs=1e-12)
    assert 0 < result["cohen_kappa_se"] < 0.5


def test_unused_schema_values_count_for_ac1_only() -> None:
    # AC1's chance agreement depends on q, the number of values the schema offers.
    matrix = random_matrix(8, 90, 3, 3, 0.2)
    result = field_agreement(from_matrix(matrix), values=["1", "2", "3", "4", "5"])
    cac = _irrcac(matrix, 5)
    _same_estimate(result, "gwet_ac1", cac.gwet())
    _same_estimate(result, "fleiss_kappa", cac.fleiss())
    unlisted = field_agreement(from_matrix(matrix))
    assert unlisted["fleiss_kappa"] == pytest.approx(result["fleiss_kappa"], abs=1e-12)
    assert unlisted["gwet_ac1"] != pytest.approx(result["gwet_ac1"], abs=1e-3)


def test_cohen_se_agrees_with_a_bootstrap_over_items() -> None:
    # No reference package has a standard error for the mean of pairwise kappas.
    matrix = random_matrix(3, 300, 4, 4, 0.35)
    ratings = from_matrix(matrix)
    by_item: dict[str, list[Rating]] = {}
    for rating in ratings:
        by_item.setdefault(rating[0], []).append(rating)
    rng, items, kappas = random.Random(0), list(by_item), []
    for _ in range(200):
        sample = [
            (f"{item}#{j}", who, v)
            for j, item in enumerate(rng.choices(items, k=len(items)))
            for _, who, v in by_item[item]
        ]
        kappas.append(field_agreement(sample)["cohen_kappa"])
    mean = sum(kappas) / len(kappas)
    bootstrap = math.sqrt(sum((k - mean) ** 2 for k in kappas) / (len(kappas) - 1))
    assert field_agreement(ratings)["cohen_kappa_se"] == pytest.approx(bootstrap, rel=0.2)


@pytest.mark.parametrize("df", [1, 2, 3, 4, 7, 11, 30, 120, 999, 1000, 1001, 4321, 10**6])
@pytest.mark.parametrize("level", [0.9, 0.95, 0.99])
def test_t_critical_is_the_student_t_quantile(df: int, level: float) -> None:
    # Checked through scipy's t CDF: its ppf is itself off by up to ~1e-8 at small df.
    stats = pytest.importorskip("scipy.stats")
    assert stats.t.sf(t_critical(df, level), df) == pytest.approx((1 - level) / 2, rel=1e-11)
    assert t_critical(df, level) == pytest.approx(stats.t.ppf((1 + level) / 2, df), abs=1e-7)


# --- degenerate input ------------------------------------------------------------------


def _all_coefficients_none(result: dict[str, Any], *, but: Sequence[str] = ()) -> None:
    for key in COEFFICIENTS:
        if key not in but:
            assert result[key] is None, key
            assert result[f"{key}_se"] is None and result[f"{key}_ci"] is None, key


def test_empty_input() -> None:
    result = field_agreement([], values=["a", "b"], ordered=True)
    _all_coefficients_none(result)
    assert (result["items"], result["pairable_items"], result["annotators"]) == (0, 0, 0)
    assert result["mean_ratings_per_item"] is None
    assert result["per_label"] == {
        "a": {"count": 0, "specific_agreement": None},
        "b": {"count": 0, "specific_agreement": None},
    }
    json.dumps(result, allow_nan=False)


def test_one_annotator() -> None:
    ratings = [(f"i{k}", "alice", "ab"[k % 2]) for k in range(10)]
    result = field_agreement(ratings, ordered=True)
    _all_coefficients_none(result)
    assert result["pairable_items"] == 0 and result["cohen_pairwise"] == {}


def test_one_value_everywhere() -> None:
    ratings = [(f"i{k}", who, "agree") for k in range(10) for who in ("alice", "bob", "carol")]
    result = field_agreement(ratings, ordered=True)
    _all_coefficients_none(result, but=["percent_agreement"])
    assert result["percent_agreement"] == 1.0
    assert result["cohen_pairwise"] == {"alice|bob": None, "alice|carol": None, "bob|carol": None}
    # With a schema of three values AC1's chance agreement is 0: AC1 is defined, and 1.
    with_schema = field_agreement(ratings, values=["agree", "disagree", "discuss"])
    assert with_schema["gwet_ac1"] == 1.0 and with_schema["fleiss_kappa"] is None


def test_single_pairable_item_has_coefficients_but_no_se() -> None:
    result = field_agreement([("i", "a", "x"), ("i", "b", "y"), ("j", "a", "x")])
    assert result["percent_agreement"] == 0.0
    assert result["krippendorff_alpha"] is not None
    assert result["krippendorff_alpha_se"] is None and result["cohen_kappa_se"] is None


# --- input handling --------------------------------------------------------------------


def test_ratings_may_be_any_iterable_and_the_collector_is_restored() -> None:
    ratings = from_matrix(random_matrix(12, 40, 3, 4, 0.3))
    assert field_agreement(iter(ratings), ordered=True) == field_agreement(ratings, ordered=True)
    assert gc.isenabled()


def test_last_duplicate_wins() -> None:
    ratings = [("i", "a", "x"), ("i", "b", "x"), ("i", "a", "y"), ("j", "a", "y"), ("j", "b", "y")]
    result = field_agreement(ratings)
    assert result["ratings"] == 4
    assert result["percent_agreement"] == 0.5


def test_values_order_and_unlisted_values() -> None:
    result = field_agreement([("i", "a", "zz"), ("i", "b", "mid")], values=["low", "mid", "high"])
    assert result["values"] == ["low", "mid", "high", "zz"]
    assert list(result["per_label"]) == ["low", "mid", "high", "zz"]
    assert result["krippendorff_alpha_ordinal"] is None  # not an ordered field


def test_normalise_text() -> None:
    assert normalise_text("  Amnesty\u00a0 INTERNATIONAL\n") == "amnesty international"
    assert normalise_text("Straße") == normalise_text("STRASSE")
    assert normalise_text("") == ""


def test_agreement_report_shape() -> None:
    stance = [("i", "a", "agree"), ("i", "b", "agree"), ("j", "a", "agree"), ("j", "b", "discuss")]
    report = agreement_report(
        {"stance": (stance, ["agree", "disagree", "discuss"], False), "x": ([], None, True)}
    ).to_dict()
    assert set(report) == {"fields"} and set(report["fields"]) == {"stance", "x"}
    assert report["fields"]["stance"] == field_agreement(stance, values=["agree", "disagree", "discuss"])
    contract = {"items", "pairable_items", "annotators", *COEFFICIENTS}
    assert contract <= set(report["fields"]["x"])
    json.dumps(report, allow_nan=False)


def test_many_values_have_no_confusion_matrices() -> None:
    ratings = [(f"i{k}", who, f"source {k}") for k in range(60) for who in "ab"]
    result = field_agreement(ratings)
    assert result["confusion"] == {}
    assert result["percent_agreement"] == 1.0 and result["cohen_kappa"] == pytest.approx(1.0)


# --- properties -------------------------------------------------------------------------

ratings_strategy = st.lists(
    st.tuples(
        st.sampled_from("abcdefgh"), st.sampled_from(["ann", "bob", "cy", "di"]), st.sampled_from("xyz")
    ),
    max_size=40,
)


@settings(max_examples=200, deadline=None)
@given(ratings_strategy, st.booleans())
def test_coefficients_in_range_and_json_valid(ratings: list[Rating], ordered: bool) -> None:
    result = field_agreement(ratings, values=["x", "y", "z"], ordered=ordered)
    json.dumps(result, allow_nan=False)
    for key in COEFFICIENTS:
        value, se, ci = result[key], result[f"{key}_se"], result[f"{key}_ci"]
        if value is not None:
            assert value <= 1 + 1e-12
            # No lower bound for kappas: Fleiss' kappa with varying raters can go below -1.
            assert value >= 0 or key != "percent_agreement"
        if se is not None:
            assert se >= 0 and ci is not None and ci[0] <= value <= ci[1]
    for kappa in result["cohen_pairwise"].values():
        assert kappa is None or -1 - 1e-12 <= kappa <= 1 + 1e-12  # Cohen's kappa is within [-1, 1]


def _coefficients(result: dict[str, Any]) -> dict[str, Any]:
    keys = [*COEFFICIENTS, *(f"{k}_se" for k in COEFFICIENTS), "items", "pairable_items", "annotators"]
    return {k: result[k] for k in keys}


def _close(a: dict[str, Any], b: dict[str, Any]) -> None:
    assert a.keys() == b.keys()
    for key in a:
        assert (a[key] is None) == (b[key] is None), key
        if a[key] is not None:
            assert a[key] == pytest.approx(b[key], abs=1e-9), key


@settings(max_examples=150, deadline=None)
@given(ratings_strategy, st.randoms(use_true_random=False))
def test_invariant_to_renaming_and_reordering(ratings: list[Rating], rng: random.Random) -> None:
    # Renaming annotators or items and shuffling rows keeps the result; the last duplicate
    # must stay last, so duplicates are dropped first.
    unique = list({(item, who): (item, who, v) for item, who, v in ratings}.values())
    names = ["ann", "bob", "cy", "di"]
    renamed = dict(zip(names, rng.sample(["zed", "yan", "xi", "will"], 4), strict=True))
    shuffled = [(f"item-{item}", renamed[who], v) for item, who, v in unique]
    rng.shuffle(shuffled)
    before = field_agreement(unique, values=["x", "y", "z"], ordered=True)
    after = field_agreement(shuffled, values=["x", "y", "z"], ordered=True)
    _close(_coefficients(before), _coefficients(after))

    def kappas(result: dict[str, Any]) -> list[float]:
        return sorted(-9.0 if k is None else round(k, 9) for k in result["cohen_pairwise"].values())

    assert kappas(before) == kappas(after)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.text(max_size=3), st.sampled_from("xyz")), max_size=30), st.booleans())
def test_one_annotator_is_undefined(rows: list[tuple[str, str]], ordered: bool) -> None:
    result = field_agreement([(item, "solo", v) for item, v in rows], ordered=ordered)
    _all_coefficients_none(result)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("abcd"), st.sampled_from(["ann", "bob", "cy"])), max_size=30))
def test_a_single_value_everywhere_is_undefined(rows: list[tuple[str, str]]) -> None:
    result = field_agreement([(item, who, "same") for item, who in rows], ordered=True)
    _all_coefficients_none(result, but=["percent_agreement"])
    assert result["percent_agreement"] in (None, 1.0)


def test_typed_result_matches_its_json_form() -> None:
    ratings = [("i", "a", "x"), ("i", "b", "x"), ("j", "a", "x"), ("j", "b", "y"), ("k", "a", "y")]
    typed = typed_field_agreement(ratings, values=["x", "y"])
    assert isinstance(typed, FieldAgreement)
    assert (typed.items, typed.pairable_items, typed.annotators) == (3, 2, 2)
    as_json = typed.to_dict()
    for name in COEFFICIENTS:
        c = typed.coefficients[name]
        assert (c.value, c.se, c.ci) == (as_json[name], as_json[f"{name}_se"], as_json[f"{name}_ci"])
    assert typed.per_label["x"].count == as_json["per_label"]["x"]["count"] == 3
    assert typed.confusion["a|b"].matrix == as_json["confusion"]["a|b"]["matrix"]
