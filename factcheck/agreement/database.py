"""Agreement over a database: gathers each field's ratings and reports them."""

from __future__ import annotations

from collections.abc import Iterator

from factcheck.agreement.coefficients import Rating, agreement_report
from factcheck.agreement.report import AgreementReport, ArticleAgreement, ArticlesAgreement
from factcheck.schema import Field
from factcheck.store import Store


def _field_ratings(store: Store, field: Field, overlap_only: bool = False) -> Iterator[tuple[Rating, str]]:
    """(rating, article id) pairs; a claim-scoped field yields each claim once per article.

    With ``overlap_only``, only items the assignment plan gives to two or more annotators.
    """
    seen: set[tuple[str, str, str]] = set()
    claim = field.scope == "claim"
    targets = store.overlap_targets(claim) if overlap_only else None
    for item, annotator, value, article in store.ratings(field.name, claim):
        if targets is not None and item not in targets:
            continue
        if claim:
            key = (item, annotator, article)
            if key in seen:
                continue
            seen.add(key)
        if not field.is_choice:
            value = field.comparable(value)
            if not value:
                continue
        yield (item, annotator, value), article


def _fields(store: Store, name: str | None) -> list[Field]:
    if name is None:
        return list(store.schema.fields)
    field = store.schema.get(name)
    if field is None:
        raise KeyError(name)
    return [field]


def database_agreement(store: Store, field: str | None = None, overlap_only: bool = False) -> AgreementReport:
    """The agreement report (``.to_dict()``: the DESIGN.md contract) for every field, or one.

    Claim-scoped fields count each claim once, whatever its number of mentions. With
    ``overlap_only``, only the items the assignment plan gives to two or more annotators.

    Raises:
        KeyError: ``field`` is not in the schema.
    """
    spec = {}
    for f in _fields(store, field):
        ratings = {r for r, _article in _field_ratings(store, f, overlap_only)}
        spec[f.name] = (sorted(ratings), list(f.values) or None, f.ordered)
    return agreement_report(spec)


def agreement_by_article(
    store: Store, field: str | None = None, overlap_only: bool = False
) -> ArticlesAgreement:
    """The same report computed separately for each article, in ingest order."""
    per_article: dict[str, dict[str, list[Rating]]] = {}
    fields = _fields(store, field)
    for f in fields:
        for rating, article_id in _field_ratings(store, f, overlap_only):
            per_article.setdefault(article_id, {}).setdefault(f.name, []).append(rating)
    out = []
    for article in store.articles():
        ratings = per_article.get(article.id, {})
        spec = {f.name: (ratings.get(f.name, []), list(f.values) or None, f.ordered) for f in fields}
        out.append(ArticleAgreement(article.id, article.title, article.path, agreement_report(spec)))
    return ArticlesAgreement(out)
