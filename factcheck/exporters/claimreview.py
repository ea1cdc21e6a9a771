"""schema.org ClaimReview JSON-LD: one review per claim with a verification, streamed as one document."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from factcheck.exporters.base import (
    VERIFICATION,
    ExportOptions,
    ExportSummary,
    Verdict,
    claim_verdict,
    decide,
    require_field,
)

if TYPE_CHECKING:
    from factcheck.store import Store
    from factcheck.store.claim_rows import Appearance, ClaimRow

RATING_SCALE = {"refuted": 1, "conflicting": 2, "supported": 3}
"""``ratingValue`` of a verification on a truth scale (worst 1, best 3). ``conflicting`` (evidence
on both sides, or misleading) sits between false and true. ``not-enough-evidence`` is not a point
on that scale, so its rating carries only ``alternateName``, as do a custom schema's values."""
BEST, WORST = max(RATING_SCALE.values()), min(RATING_SCALE.values())

PERSON_TYPES = {"eyewitness", "expert", "anonymous"}
"""``source_type`` values whose source is a person; any other source is an Organization."""

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

    The verdict is the claim's gold verification, else its annotators' majority;
    ``reviewBasis`` says which and ``voteCounts`` holds the annotators' votes. Claims
    with no verdict or a tie are left out and counted in ``summary``.

    Raises:
        ExportError: the schema has no ``verification`` choice field (raised at once).
    """
    require_field(store.schema, VERIFICATION, "claimreview")
    return _document(store, gold_only, summary or ExportSummary(), options or ExportOptions())


def _document(store: Store, gold_only: bool, summary: ExportSummary, options: ExportOptions) -> Iterator[str]:
    yield OPENING
    separator = ""
    for claim in store.iter_claim_rows():
        verdict = claim_verdict(claim, summary, gold_only)
        if verdict is None:
            continue
        summary.records += 1
        yield separator + json.dumps(review(claim, verdict, options), ensure_ascii=False)
        separator = ",\n"
    yield CLOSING


def review(claim: ClaimRow, verdict: Verdict, options: ExportOptions) -> dict[str, Any]:
    """The ClaimReview of one claim."""
    gold = claim.gold.get(VERIFICATION)
    published = gold.updated_at[:10] if verdict.basis == "gold" and gold else options.today
    return {
        "@type": "ClaimReview",
        "identifier": claim.claim_id,
        "claimReviewed": claim.canonical.text,
        "itemReviewed": _claim(claim),
        "reviewRating": rating(str(verdict.value)),
        "datePublished": published,
        "author": {"@type": "Organization", "name": options.organization},
        "reviewBasis": verdict.basis,
        "voteCounts": dict(sorted(verdict.counts.items())),
    }


def rating(value: str) -> dict[str, Any]:
    """A schema.org Rating for a verification value."""
    found: dict[str, Any] = {"@type": "Rating", "alternateName": value}
    if value in RATING_SCALE:
        found.update(ratingValue=RATING_SCALE[value], bestRating=BEST, worstRating=WORST)
    return found


def _claim(claim: ClaimRow) -> dict[str, Any]:
    works: dict[str, Appearance] = {}
    for a in claim.appearances:
        works.setdefault(a.article_id, a)
    item: dict[str, Any] = {"@type": "Claim"}
    author = _author(claim)
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


def _author(claim: ClaimRow) -> dict[str, str] | None:
    """Who makes the claim: gold, else majority ``source`` of the canonical mention, else the suggestion."""
    name = _label(claim, "source", text=True) or claim.canonical.suggested_source
    if not name:
        return None
    kind = "Person" if _label(claim, "source_type") in PERSON_TYPES else "Organization"
    return {"@type": kind, "name": name}


def _label(claim: ClaimRow, field: str, text: bool = False) -> str | None:
    gold = claim.gold.get(field)
    votes = [v[field] for v in claim.labels.values() if field in v]
    return decide(gold.value if gold else None, votes, text=text).value
