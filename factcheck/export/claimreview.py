"""schema.org ClaimReview JSON-LD: one review per claim with a verdict, streamed as one document.

Only schema.org properties are written, so validators that check types accept every item,
and Google's requirements for fact checks are met: ``claimReviewed``, ``reviewRating`` with a
readable ``alternateName`` and a numeric scale, and a ``url`` per review (from a template).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from factcheck.export.base import (
    ExportError,
    ExportOptions,
    ExportSummary,
    Verdict,
    claim_verdict,
    decide,
    is_url,
    verdict_evidence,
    verdict_field,
)
from factcheck.schema import (
    CONFLICTING,
    NOT_ENOUGH_EVIDENCE,
    PERSON,
    REFUTED,
    SOURCE,
    SOURCE_TYPE,
    SUPPORTED,
    Field,
    Schema,
)

if TYPE_CHECKING:
    from factcheck.store import Appearance, ClaimRow, Store

RATING_SCALE = {REFUTED: 1, CONFLICTING: 2, NOT_ENOUGH_EVIDENCE: 2, SUPPORTED: 3}
"""``ratingValue`` of a verdict meaning on a truth scale (worst 1, best 3). Conflicting (evidence
on both sides, or misleading) and not enough evidence both sit between false and true: neither
is established; ``alternateName`` tells them apart. A verdict value without a meaning has no
point on the scale and is rated by name only."""
BEST, WORST = max(RATING_SCALE.values()), min(RATING_SCALE.values())

PLACEHOLDER = "{claim_id}"
"""Where the claim id goes in a ``--review-url`` template."""
ID_SCHEME = "urn:factcheck:claimreview:"
"""``@id`` of a review without a ``url``: this, then the claim id."""

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

    The verdict is the claim's gold verdict, else its annotators' majority. Claims with no
    verdict or a tie are left out and counted in ``summary``. A review is dated by its
    verdict: the adjudication date for gold, else the date of the latest vote, so the
    same labels give the same file on every run.

    Raises:
        ExportError: no field plays the verdict role, or no ``review_url`` was given
            (without ``allow_missing_url``), or the template is not usable (raised at once).
    """
    verdict_field(store.schema, "claimreview")
    chosen = options or ExportOptions()
    check_review_url(chosen)
    return _document(store, gold_only, summary if summary is not None else ExportSummary(), chosen)


def check_review_url(options: ExportOptions) -> None:
    """Refuse a missing or unusable review URL template.

    Raises:
        ExportError: the message says what to give instead.
    """
    template = options.review_url
    if template is None:
        if options.allow_missing_url:
            return
        raise ExportError(
            "claimreview needs --review-url TEMPLATE, the address of each review with "
            f"{PLACEHOLDER} in it (e.g. https://example.org/checks/{PLACEHOLDER}); Google requires "
            "a url per review. --allow-missing-url writes reviews without one"
        )
    if PLACEHOLDER not in template:
        raise ExportError(f"--review-url {template!r}: put {PLACEHOLDER} where the claim id goes")
    try:
        address = template.replace(PLACEHOLDER, "0")
        address.format()  # any other {placeholder} is a mistake
    except (KeyError, IndexError, ValueError):
        raise ExportError(f"--review-url {template!r}: the only placeholder is {PLACEHOLDER}") from None
    if not is_url(address):
        raise ExportError(f"--review-url {template!r}: not an absolute http(s) address")


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
    url = options.review_url.replace(PLACEHOLDER, claim.claim_id) if options.review_url else None
    item: dict[str, Any] = {"@type": "ClaimReview", "@id": url or ID_SCHEME + claim.claim_id}
    if url:
        item["url"] = url
    item["identifier"] = claim.claim_id
    item["claimReviewed"] = claim.canonical.text
    item["itemReviewed"] = _claim(claim, schema)
    item["reviewRating"] = rating(str(verdict.value), field)
    published = _decided_on(claim, verdict, field)
    if published:
        item["datePublished"] = published
    item["author"] = {"@type": "Organization", "name": options.organization}
    cited = [_citation(ref) for ref in verdict_evidence(claim, verdict, schema)]
    if cited:
        item["citation"] = cited
    return item


def rating(value: str, field: Field) -> dict[str, Any]:
    """A schema.org Rating for a value of the verdict field, named for people to read."""
    found: dict[str, Any] = {"@type": "Rating"}
    meaning = field.meaning(value)
    if meaning in RATING_SCALE:
        found.update(ratingValue=RATING_SCALE[meaning], bestRating=BEST, worstRating=WORST)
    found["alternateName"] = readable(value)
    return found


def readable(value: str) -> str:
    """A value as a phrase: ``not-enough-evidence`` is ``Not enough evidence``."""
    words = " ".join(value.replace("-", " ").replace("_", " ").split())
    return words[:1].upper() + words[1:]


def _citation(reference: str) -> dict[str, str] | str:
    return {"@type": "CreativeWork", "url": reference} if is_url(reference) else reference


def _decided_on(claim: ClaimRow, verdict: Verdict, field: Field) -> str | None:
    """The day the verdict was reached: adjudicated, else the latest vote."""
    gold = claim.gold.get(field.name)
    if verdict.basis == "gold" and gold is not None:
        return gold.updated_at[:10]
    voted = claim.voted_at.get(field.name)
    return voted[:10] if voted else None


def _claim(claim: ClaimRow, schema: Schema) -> dict[str, Any]:
    works: dict[str, Appearance] = {}
    for a in claim.appearances:
        works.setdefault(a.article_id, a)
    item: dict[str, Any] = {"@type": "Claim"}
    author = _author(claim, schema)
    if author:
        item["author"] = author
    first = first_appearance(list(works.values()))
    if first.published:
        item["datePublished"] = first.published
    item["appearance"] = [_work(a) for a in works.values()]
    item["firstAppearance"] = _work(first)
    return item


def first_appearance(appearances: list[Appearance]) -> Appearance:
    """The earliest published appearance; without publication dates, the first ingested."""
    dated = [a for a in appearances if a.published]
    if dated:
        return min(dated, key=lambda a: (str(a.published), a.seq))
    return min(appearances, key=lambda a: a.seq)


def _work(a: Appearance) -> dict[str, Any]:
    """An article the claim appears in: its address, title, date and outlet, never a local path."""
    work: dict[str, Any] = {"@type": "CreativeWork"}
    if a.url:
        work["url"] = a.url
    if a.title:
        work["headline"] = a.title
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
