"""Inter-annotator agreement for label fields: pure functions over a ratings table."""

from __future__ import annotations

import math
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from itertools import combinations
from operator import itemgetter
from typing import Any

from factcheck.agreement_alpha import krippendorff_alpha
from factcheck.agreement_pairs import (
    Cells,
    Pair,
    PairTable,
    Pattern,
    mean_cohen_kappa,
    pair_cells,
    pair_tables,
)
from factcheck.agreement_stats import (
    Estimate,
    Profile,
    count_table,
    fleiss_kappa,
    gwet_ac1,
    percent_agreement,
)

Rating = tuple[str, str, str]
"""(item_id, annotator, value); text values already normalised by the caller."""

CONFIDENCE = 0.95
"""Level of every "<coefficient>_ci" interval."""

MAX_CONFUSION_LABELS = 50
"""Fields with more values than this (free text) get no confusion matrices."""

COEFFICIENTS = (
    "percent_agreement",
    "cohen_kappa",
    "fleiss_kappa",
    "krippendorff_alpha",
    "krippendorff_alpha_ordinal",
    "gwet_ac1",
)
"""Coefficient keys of a field's report; each also has "<key>_se" and "<key>_ci"."""


def normalise_text(value: str) -> str:
    """Fold case, Unicode compatibility forms (NFKC) and runs of white space.

    Example: ``normalise_text("  Amnesty\\u00a0 INTERNATIONAL ")`` is
    ``"amnesty international"``.
    """
    return " ".join(unicodedata.normalize("NFKC", value).casefold().split())


def field_agreement(
    ratings: Iterable[Rating],
    *,
    values: Sequence[str] | None = None,
    ordered: bool = False,
) -> dict[str, Any]:
    """Agreement for one field, as a JSON-ready dict.

    Definitions follow Gwet's *Handbook of Inter-Rater Reliability* (irrCAC):
    items with fewer than two ratings are not pairable; missing ratings are never
    imputed; if an annotator rates an item twice, the last rating wins.
    An undefined coefficient (no pairable items, one annotator, one value used
    throughout) is None, as are its standard error and interval. Gwet's AC1 is
    defined whenever the category set has two values or more.

    Standard errors are analytic: Gwet's linearised variances for percent
    agreement, Fleiss' kappa, AC1 and Krippendorff's alpha (as irrCAC computes
    them; for ordinal alpha with Krippendorff's ordinal distances as the weights),
    and the same linearisation of each pair's kappa for the mean Cohen's kappa.
    Intervals are Student t with items - 1 degrees of freedom (pairable items for
    alpha and Cohen's kappa), the upper end clipped at 1 as irrCAC does, and
    percent agreement's lower end at 0.

    Args:
        ratings: (item_id, annotator, value) triples, in any order.
        values: The schema's values in order; values seen but not listed are
            appended, sorted. Their number is AC1's q; their order is the ordinal
            scale.
        ordered: Also compute Krippendorff's ordinal alpha.

    Returns:
        The contract keys (items, pairable_items, annotators and the six
        coefficients), each coefficient's "_se" and "_ci", mean_ratings_per_item,
        ratings, values, cohen_pairwise {"a|b": kappa}, per_label {value: {"count",
        "specific_agreement"}} and confusion {"a|b": {"labels", "matrix"}} (rows
        are the first annotator's values; omitted for fields with more than
        MAX_CONFUSION_LABELS values). Pairs are named in sorted order and listed
        only when they share an item.
    """
    patterns = _patterns(ratings)
    annotators = sorted({a for pattern, _ in patterns for a, _ in pattern})
    categories = _categories(values, {v for pattern, _ in patterns for _, v in pattern})
    profiles = _profiles(patterns)
    table = count_table(profiles, len(categories))
    cells = pair_cells(patterns)
    tables = pair_tables(cells)
    estimates = {
        "percent_agreement": percent_agreement(table),
        "cohen_kappa": mean_cohen_kappa(patterns, cells, tables, table.n2),
        "fleiss_kappa": fleiss_kappa(table),
        "krippendorff_alpha": krippendorff_alpha(profiles, categories, ordinal=False),
        "krippendorff_alpha_ordinal": (
            krippendorff_alpha(profiles, categories, ordinal=True) if ordered else Estimate(None)
        ),
        "gwet_ac1": gwet_ac1(table),
    }
    report = _counts(profiles, len(annotators), categories)
    for name, estimate in estimates.items():
        report.update(_estimate_keys(name, estimate))
    report["cohen_pairwise"] = {f"{a}|{b}": _finite(t.kappa) for (a, b), t in tables.items()}
    report["per_label"] = _per_label(profiles, categories)
    report["confusion"] = _confusion(cells, tables, categories)
    return report


def agreement_report(
    ratings_by_field: Mapping[str, tuple[Iterable[Rating], Sequence[str] | None, bool]],
) -> dict[str, Any]:
    """Agreement for several fields: {"fields": {name: field_agreement(...)}}.

    Args:
        ratings_by_field: Field name -> (ratings, schema values or None, ordered).
    """
    return {
        "fields": {
            field: field_agreement(ratings, values=values, ordered=ordered)
            for field, (ratings, values, ordered) in ratings_by_field.items()
        }
    }


def _patterns(ratings: Iterable[Rating]) -> list[tuple[Pattern, int]]:
    """Distinct per-item (annotator, value) tuples, sorted, with their numbers of items.

    Grouping by item first means a later rating by the same annotator replaces an
    earlier one. Choice fields have few distinct patterns, so everything after
    this costs next to nothing.
    """
    rows: defaultdict[str, dict[str, str]] = defaultdict(dict)
    for item, annotator, value in ratings:
        rows[item][annotator] = value
    return list(Counter(map(tuple, map(sorted, map(dict.items, rows.values())))).items())


def _categories(values: Sequence[str] | None, seen: set[str]) -> list[str]:
    listed = list(dict.fromkeys(values or ()))
    return listed + sorted(seen.difference(listed))


def _profiles(patterns: list[tuple[Pattern, int]]) -> list[tuple[Profile, int]]:
    """Collapse patterns to per-item sorted values (who gave which is dropped)."""
    profiles: defaultdict[Profile, int] = defaultdict(int)
    values = map(tuple, map(sorted, (map(itemgetter(1), p) for p, _ in patterns)))
    for profile, (_, w) in zip(values, patterns, strict=True):
        profiles[profile] += w
    return list(profiles.items())


def _counts(profiles: list[tuple[Profile, int]], annotators: int, categories: list[str]) -> dict[str, Any]:
    items = sum(w for _, w in profiles)
    ratings = sum(w * len(p) for p, w in profiles)
    return {
        "items": items,
        "pairable_items": sum(w for p, w in profiles if len(p) > 1),
        "annotators": annotators,
        "ratings": ratings,
        "mean_ratings_per_item": ratings / items if items else None,
        "values": list(categories),
    }


def _per_label(profiles: list[tuple[Profile, int]], categories: list[str]) -> dict[str, dict[str, Any]]:
    """Rating counts and proportions of specific agreement per value.

    Specific agreement for value k is sum_i c_ik (c_ik - 1) / sum_i c_ik (r_i - 1)
    over pairable items: of the pairs in which one rating is k, the share in which
    the other is k too (Fleiss 1971; 2 n_kk / (n_k. + n_.k) for two raters).
    """
    count: defaultdict[str, int] = defaultdict(int)
    agree: defaultdict[str, int] = defaultdict(int)
    pairs: defaultdict[str, int] = defaultdict(int)
    for profile, w in profiles:
        others = w * (len(profile) - 1)
        for value in profile:
            count[value] += w
            pairs[value] += others
        for value, same in combinations(profile, 2):
            if value == same:
                agree[value] += 2 * w
    return {
        v: {"count": count[v], "specific_agreement": agree[v] / pairs[v] if pairs[v] else None}
        for v in categories
    }


def _confusion(cells: Cells, tables: dict[Pair, PairTable], categories: list[str]) -> dict[str, Any]:
    """Each pair's contingency table, rows the first annotator's values."""
    if len(categories) > MAX_CONFUSION_LABELS:
        return {}
    return {
        f"{a}|{b}": {
            "labels": list(categories),
            "matrix": [[cells.get(((a, x), (b, y)), 0) for y in categories] for x in categories],
        }
        for a, b in tables
    }


def _estimate_keys(name: str, estimate: Estimate) -> dict[str, Any]:
    value, se = _finite(estimate.value), _finite(estimate.se)
    ci = Estimate(value, se, estimate.df, estimate.floor).interval(CONFIDENCE)
    return {name: value, f"{name}_se": se if value is not None else None, f"{name}_ci": ci}


def _finite(x: float | None) -> float | None:
    """Keep the output valid JSON: NaN or infinity becomes None."""
    return x if x is not None and math.isfinite(x) else None
