"""Typed agreement results, and their JSON form (the DESIGN.md agreement contract)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

COEFFICIENTS = (
    "percent_agreement",
    "cohen_kappa",
    "fleiss_kappa",
    "krippendorff_alpha",
    "krippendorff_alpha_ordinal",
    "gwet_ac1",
)
"""Coefficient keys of a field's report; in JSON each also has "<key>_se", "<key>_ci" and
"<key>_se_method"."""

FEW_ITEMS = 10
"""A report on fewer pairable items than this carries the warning FEW_ITEMS_WARNING."""

FEW_ITEMS_WARNING = "few items"

FEW_PAIR_ITEMS_WARNING = "few items per pair"
"""Cohen's kappa's warning when annotator pairs share fewer than FEW_ITEMS items on average:
each pair's kappa is then a ratio over a handful of items, and their mean runs low (in
simulations of sparse designs, 0.35 for a true 0.41 at 4 items per pair, 0.38 at 9), which
Fleiss' kappa and Krippendorff's alpha, pooling all pairs, do not."""

STUDENT_T = "student-t"
"""Intervals: estimate +- t quantile x standard error, clipped to the coefficient's range."""
BOOTSTRAP_PERCENTILE = "bootstrap-percentile"
"""Intervals: the 2.5% and 97.5% quantiles of the coefficient over resamples of the items."""


@dataclass(frozen=True)
class Coefficient:
    """One coefficient with its standard error and 95% interval; None where undefined."""

    value: float | None
    se: float | None = None
    ci: list[float] | None = None
    """[low, high], or None."""
    se_method: str | None = None
    """How ``se`` was found: "linearised", "jackknife" or "bootstrap"; None without one."""

    def to_dict(self, name: str) -> dict[str, Any]:
        """``name``, ``name_se``, ``name_ci`` and ``name_se_method``."""
        return {
            name: self.value,
            f"{name}_se": self.se,
            f"{name}_ci": self.ci,
            f"{name}_se_method": self.se_method,
        }


@dataclass(frozen=True)
class LabelAgreement:
    """How often one value was given, and the proportion of specific agreement on it."""

    count: int
    specific_agreement: float | None


@dataclass(frozen=True)
class Confusion:
    """One annotator pair's contingency table: rows the first annotator's values."""

    labels: list[str]
    matrix: list[list[int]]


@dataclass(frozen=True)
class FieldAgreement:
    """Agreement on one field."""

    items: int
    """Items with at least one rating."""
    pairable_items: int
    """Items with two ratings or more."""
    annotators: int
    ratings: int
    mean_ratings_per_item: float | None
    values: list[str]
    """The categories: the schema's values in order, then any others seen, sorted."""
    coefficients: dict[str, Coefficient]
    """Keyed by the names in :data:`COEFFICIENTS`, in that order."""
    cohen_pairwise: dict[str, float | None] = field(default_factory=dict)
    """Cohen's kappa per annotator pair that shares an item, keyed ``"a|b"`` (sorted names)."""
    per_label: dict[str, LabelAgreement] = field(default_factory=dict)
    confusion: dict[str, Confusion] = field(default_factory=dict)
    """Per pair, keyed as ``cohen_pairwise``; empty for fields with very many values."""
    warning: str | None = None
    """FEW_ITEMS_WARNING when fewer than FEW_ITEMS items are pairable: values are given, but rough."""
    ci_method: str = STUDENT_T
    """How the intervals were found: STUDENT_T or BOOTSTRAP_PERCENTILE."""
    bootstrap_reps: int | None = None
    """Resamples behind bootstrap intervals."""
    bootstrap_seed: int | None = None
    """Seed of the resampling (the same data and seed give the same intervals)."""
    cohen_pairwise_items: dict[str, int] = field(default_factory=dict)
    """Items each pair of ``cohen_pairwise`` shares."""
    cohen_kappa_warning: str | None = None
    """FEW_PAIR_ITEMS_WARNING when the pairs with a kappa share fewer than FEW_ITEMS items on average."""

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: the contract keys, then each coefficient's ``_se``, ``_ci``, ``_se_method``."""
        out: dict[str, Any] = {
            "items": self.items,
            "pairable_items": self.pairable_items,
            "annotators": self.annotators,
            "ratings": self.ratings,
            "mean_ratings_per_item": self.mean_ratings_per_item,
            "values": list(self.values),
        }
        for name, c in self.coefficients.items():
            out.update(c.to_dict(name))
        out["warning"] = self.warning
        out["cohen_kappa_warning"] = self.cohen_kappa_warning
        out["ci_method"] = self.ci_method
        out["bootstrap_reps"] = self.bootstrap_reps
        out["bootstrap_seed"] = self.bootstrap_seed
        out["cohen_pairwise"] = dict(self.cohen_pairwise)
        out["cohen_pairwise_items"] = dict(self.cohen_pairwise_items)
        out["per_label"] = {
            v: {"count": p.count, "specific_agreement": p.specific_agreement}
            for v, p in self.per_label.items()
        }
        out["confusion"] = {
            pair: {"labels": list(c.labels), "matrix": [list(r) for r in c.matrix]}
            for pair, c in self.confusion.items()
        }
        return out


@dataclass(frozen=True)
class AgreementReport:
    """Agreement on several fields, in schema order."""

    fields: dict[str, FieldAgreement]

    def to_dict(self) -> dict[str, Any]:
        """``{"fields": {name: field report}}`` (DESIGN.md contract)."""
        return {"fields": {name: f.to_dict() for name, f in self.fields.items()}}


@dataclass(frozen=True)
class ArticleAgreement:
    """The agreement report of one article."""

    article_id: str
    title: str | None
    path: str
    report: AgreementReport


@dataclass(frozen=True)
class ArticlesAgreement:
    """One report per article, in ingest order (``factcheck agreement --by-article``)."""

    articles: list[ArticleAgreement]

    def to_dict(self) -> dict[str, Any]:
        """``{"articles": {article id: {"fields": ..., "title", "path"}}}``."""
        return {
            "articles": {
                a.article_id: {**a.report.to_dict(), "title": a.title, "path": a.path} for a in self.articles
            }
        }


@dataclass(frozen=True)
class Versus:
    """One annotator's agreement with a reference labelling: the others' majority, or gold."""

    items: int
    """Items the annotator rated that have a reference value."""
    agreement: Coefficient
    """Share of those items on which the annotator gave the reference value."""
    kappa: Coefficient
    """Cohen's kappa between the annotator and the reference."""
    warning: str | None = None
    """FEW_ITEMS_WARNING on fewer than FEW_ITEMS items."""

    def to_dict(self) -> dict[str, Any]:
        """``items``, ``agreement``, ``kappa`` (each with ``_se``, ``_ci``, ``_se_method``), ``warning``."""
        return {
            "items": self.items,
            **self.agreement.to_dict("agreement"),
            **self.kappa.to_dict("kappa"),
            "warning": self.warning,
        }


@dataclass(frozen=True)
class AnnotatorAgreement:
    """One annotator against the others on one field."""

    items: int
    """Items the annotator rated."""
    shared_items: int
    """Of those, the items someone else rated too."""
    mean_kappa: float | None
    """Mean of the annotator's defined pairwise Cohen's kappas."""
    pairwise: dict[str, float | None]
    """Cohen's kappa with each annotator sharing an item, on the items both rated."""
    majority: Versus
    """Against the value most of the other annotators gave (items where they tie are left out)."""
    gold: Versus
    """Against the adjudicated gold value."""

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of one annotator."""
        return {
            "items": self.items,
            "shared_items": self.shared_items,
            "mean_kappa": self.mean_kappa,
            "pairwise": dict(self.pairwise),
            "majority": self.majority.to_dict(),
            "gold": self.gold.to_dict(),
        }


@dataclass(frozen=True)
class AnnotatorsAgreement:
    """Each annotator against the others, per field (``factcheck agreement --by annotator``)."""

    fields: dict[str, dict[str, AnnotatorAgreement]]
    """Field -> annotator (sorted) -> their agreement."""
    ci_method: str = STUDENT_T
    bootstrap_reps: int | None = None
    bootstrap_seed: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """``{"fields": {name: {"annotators": {name: ...}, "ci_method": ...}}}``."""
        return {
            "fields": {
                name: {
                    "annotators": {who: a.to_dict() for who, a in annotators.items()},
                    "ci_method": self.ci_method,
                    "bootstrap_reps": self.bootstrap_reps,
                    "bootstrap_seed": self.bootstrap_seed,
                }
                for name, annotators in self.fields.items()
            }
        }
