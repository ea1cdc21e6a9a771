"""schema.org ClaimReview JSON-LD: one review per claim with a verification, streamed as one document."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from factcheck.export.base import (
    ExportOptions,
    ExportSummary,
    Verdict,
    claim_verdict,
    decide,
    verdict_field,
)
from factcheck.schema import CONFLICTING, PERSON, REFUTED, SOURCE, SOURCE_TYPE, SUPPORTED, Field, Schema

if TYPE_CHECKING:
    from factcheck.store import Appearance, ClaimRow, Store

RATING_SCALE = {REFUTED: 1, CONFLICTING: 2, SUPPORTED: 3}
"""``ratingValue`` of a verdict meaning on a truth scale (worst 1, best 3). Conflicting (evidence
on both sides, or misleading) sits between false and true. Not enough evidence is not a point on
that scale, so its rating carries only ``alternateName``, as do verdicts without a meaning."""
BEST, WORST = max(RATING_SCALE.values()), min(RATING_SCALE.values())

OPENING = '{"@context": "https://schema.org", "@graph": [\n'
CLOSING = "\n]}\n"


def iter_claimreview(
    store: Store,
    gold_only: bool = False,
    *,
    summary: ExportSummary | None = None,
    options: ExportOptions | None = None,
) -> Iterator[str]:
    """Stream a JSON-LD document whose ``@graph`` holds one ClaimReview per claim.

    The verdict is the claim's gold verdict, else its annotators' majority;
    ``reviewBasis`` says which and ``voteCounts`` holds the annotators' votes. Claims
    with no verdict or a tie are left out and counted in ``summary``.

    Raises:
        ExportError: no field plays the verdict role (raised at once).
    """
    verdict_field(store.schema, "claimreview")
    return _document(store, gold_only, summary or ExportSummary(), options or ExportOptions())


def _document(store: Store, gold_only: bool, summary: ExportSummary, options: ExportOptions) -> Iterator[str]:
    schema = store.schema
    field = verdict_field(schema, "claimreview")
    yield OPENING
    separator = ""
    for claim in store.iter_claim_rows():
        verdict = claim_verdict(claim, field, summary, gold_only)
        if verdict is None:
            continue
        summary.records += 1
        yield separator + json.dumps(review(claim, verdict, schema, options), ensure_ascii=False)
        separator = ",\n"
    yield CLOSING


def review(claim: ClaimRow, verdict: Verdict, schema: Schema, options: ExportOptions) -> dict[str, Any]:
    """The ClaimReview of one claim."""
    field = verdict_field(schema, "claimreview")
    gold = claim.gold.get(field.name)
    published = gold.updated_at[:10] if verdict.basis == "gold" and gold else options.today
    return {
        "@type": "ClaimReview",
        "identifier": claim.claim_id,
        "claimReviewed": claim.canonical.text,
        "itemReviewed": _claim(claim, schema),
        "reviewRating": rating(str(verdict.value), field),
        "datePublished": published,
        "author": {"@type": "Organization", "name": options.organization},
        "reviewBasis": verdict.basis,
        "voteCounts": dict(sorted(verdict.counts.items())),
    }


def rating(value: str, field: Field) -> dict[str, Any]:
    """A schema.org Rating for a value of the verdict field."""
    found: dict[str, Any] = {"@type": "Rating", "alternateName": value}
    meaning = field.meaning(value)
    if meaning in RATING_SCALE:
        found.update(ratingValue=RATING_SCALE[meaning], bestRating=BEST, worstRating=WORST)
    return found


def _claim(claim: ClaimRow, schema: Schema) -> dict[str, Any]:
    works: dict[str, Appearance] = {}
    for a in claim.appearances:
        works.setdefault(a.article_id, a)
    item: dict[str, Any] = {"@type": "Claim"}
    author = _author(claim, schema)
    if author:
        item["author"] = author
    item["appearance"] = [_work(a) for a in works.values()]
    item["firstAppearance"] = _work(first_appearance(list(works.values())))
    return item


def first_appearance(appearances: list[Appearance]) -> Appearance:
    """The earliest published appearance; without publication dates, the first ingested."""
    dated = [a for a in appearances if a.published]
    if dated:
        return min(dated, key=lambda a: (str(a.published), a.seq))
    return min(appearances, key=lambda a: a.seq)


def _work(a: Appearance) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork"}
    if a.url:
        work["url"] = a.url
    work["headline"] = a.title or a.path
    if a.published:
        work["datePublished"] = a.published
    if a.outlet:
        work["publisher"] = {"@type": "Organization", "name": a.outlet}
    return work


def _author(claim: ClaimRow, schema: Schema) -> dict[str, str] | None:
    """Who makes the claim: the canonical mention's source (gold, else majority), else the suggestion.

    A Person when the source type's value means a person, else an Organization.
    """
    source, source_type = schema.role(SOURCE), schema.role(SOURCE_TYPE)
    name = (_label(claim, source) if source else None) or claim.canonical.suggested_source
    if not name:
        return None
    kind = _label(claim, source_type) if source_type else None
    person = source_type is not None and kind is not None and source_type.meaning(kind) == PERSON
    return {"@type": "Person" if person else "Organization", "name": name}


def _label(claim: ClaimRow, field: Field) -> str | None:
    gold = claim.gold.get(field.name)
    votes = [v[field.name] for v in claim.labels.values() if field.name in v]
    return decide(gold.value if gold else None, votes, text=not field.is_choice).value
