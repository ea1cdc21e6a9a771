"""Agreement over a database: gathers each field's ratings and reports them."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from factcheck.agreement.annotators import annotator_agreement
from factcheck.agreement.bootstrap import Bootstrap
from factcheck.agreement.coefficients import Pattern, Rating, field_agreement, pattern_agreement
from factcheck.agreement.report import (
    BOOTSTRAP_PERCENTILE,
    STUDENT_T,
    AgreementReport,
    AnnotatorsAgreement,
    ArticleAgreement,
    ArticlesAgreement,
)
from factcheck.schema import Field
from factcheck.store import Store


def _field_ratings(store: Store, field: Field, since: datetime | None, overlap_only: bool) -> list[Rating]:
    """One (item, annotator, value) per item and annotator; text values as they are compared."""
    rows = store.ratings(field.name, field.scope == "claim", since, overlap_only)
    return rows if field.is_choice else _comparable(field, rows)


def _field_patterns(
    store: Store, field: Field, since: datetime | None, overlap_only: bool
) -> dict[Pattern, int]:
    """The field's distinct rating patterns and their numbers of items; text values as compared."""
    counts = store.rating_patterns(field.name, field.scope == "claim", since, overlap_only)
    if field.is_choice:
        return counts
    seen: dict[str, str] = {}
    out: dict[Pattern, int] = {}
    for pattern, count in counts.items():
        kept = []
        for who, value in pattern:
            text = seen.get(value)
            if text is None:
                text = seen[value] = field.comparable(value)
            if text:
                kept.append((who, text))
        if kept:
            key = tuple(kept)
            out[key] = out.get(key, 0) + count
    return out


def _comparable(field: Field, rows: list[Rating]) -> list[Rating]:
    """Text values normalised (each distinct one once); values that normalise to nothing dropped."""
    seen: dict[str, str] = {}
    out = []
    for item, annotator, value in rows:
        text = seen.get(value)
        if text is None:
            text = seen[value] = field.comparable(value)
        if text:
            out.append((item, annotator, text))
    return out


def _fields(store: Store, name: str | None) -> list[Field]:
    if name is None:
        return list(store.schema.fields)
    field = store.schema.get(name)
    if field is None:
        raise KeyError(name)
    return [field]


def _stream(bootstrap: Bootstrap | None, field: Field) -> Bootstrap | None:
    return None if bootstrap is None else replace(bootstrap, stream=field.name)


def database_agreement(
    store: Store,
    field: str | None = None,
    overlap_only: bool = False,
    *,
    since: datetime | None = None,
    bootstrap: Bootstrap | None = None,
) -> AgreementReport:
    """The agreement report (``.to_dict()``: the DESIGN.md contract) for every field, or one.

    Claim-scoped fields count each claim once, with each annotator's newest value for it.

    Args:
        store: The database.
        field: Only this field.
        overlap_only: Only the items the assignment plan gives to two or more annotators.
        since: Only labels written at or after this time (naive: UTC).
        bootstrap: Percentile bootstrap intervals instead of Student t ones.

    Raises:
        KeyError: ``field`` is not in the schema.
    """
    fields = {}
    for f in _fields(store, field):
        counts = _field_patterns(store, f, since, overlap_only)
        fields[f.name] = pattern_agreement(
            counts, values=list(f.values) or None, ordered=f.ordered, bootstrap=_stream(bootstrap, f)
        )
    return AgreementReport(fields)


def agreement_by_article(
    store: Store,
    field: str | None = None,
    overlap_only: bool = False,
    *,
    since: datetime | None = None,
    bootstrap: Bootstrap | None = None,
) -> ArticlesAgreement:
    """The same report computed separately for each article, in ingest order.

    A claim counts in every article it occurs in (where the annotator's label is on one
    of its mentions), with the annotator's newest value for the claim.
    """
    per_article: dict[str, dict[str, list[Rating]]] = {}
    fields = _fields(store, field)
    for f in fields:
        rows = store.article_ratings(f.name, f.scope == "claim", since, overlap_only)
        for item, annotator, value, article_id in rows:
            text = f.comparable(value)
            if text:
                per_article.setdefault(article_id, {}).setdefault(f.name, []).append((item, annotator, text))
    out = []
    for article in store.articles():
        ratings = per_article.get(article.id, {})
        report = {
            f.name: field_agreement(
                ratings.get(f.name, []),
                values=list(f.values) or None,
                ordered=f.ordered,
                bootstrap=None if bootstrap is None else replace(bootstrap, stream=f"{article.id}/{f.name}"),
            )
            for f in fields
        }
        out.append(ArticleAgreement(article.id, article.title, article.path, AgreementReport(report)))
    return ArticlesAgreement(out)


def agreement_by_annotator(
    store: Store,
    field: str | None = None,
    overlap_only: bool = False,
    *,
    since: datetime | None = None,
    bootstrap: Bootstrap | None = None,
) -> AnnotatorsAgreement:
    """Each annotator against the others, per field (see :func:`annotator_agreement`).

    Gold values count whenever they were set; ``since`` selects the annotators' labels only.
    """
    fields = {}
    for f in _fields(store, field):
        gold = store.gold_values(f.name)
        if not f.is_choice:
            gold = {item: text for item, value in gold.items() if (text := f.comparable(value))}
        ratings = _field_ratings(store, f, since, overlap_only)
        fields[f.name] = annotator_agreement(
            ratings, gold, values=list(f.values) or None, bootstrap=_stream(bootstrap, f)
        )
    if bootstrap is None:
        return AnnotatorsAgreement(fields, STUDENT_T)
    return AnnotatorsAgreement(fields, BOOTSTRAP_PERCENTILE, bootstrap.reps, bootstrap.seed)
