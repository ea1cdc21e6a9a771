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
"""Coefficient keys of a field's report; in JSON each also has "<key>_se" and "<key>_ci"."""


@dataclass(frozen=True)
class Coefficient:
    """One coefficient with its standard error and 95% interval; None where undefined."""

    value: float | None
    se: float | None = None
    ci: list[float] | None = None
    """[low, high], or None."""


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

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: the contract keys, then each coefficient's ``_se`` and ``_ci``."""
        out: dict[str, Any] = {
            "items": self.items,
            "pairable_items": self.pairable_items,
            "annotators": self.annotators,
            "ratings": self.ratings,
            "mean_ratings_per_item": self.mean_ratings_per_item,
            "values": list(self.values),
        }
        for name, c in self.coefficients.items():
            out.update({name: c.value, f"{name}_se": c.se, f"{name}_ci": c.ci})
        out["cohen_pairwise"] = dict(self.cohen_pairwise)
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
