"""ClaimReview validated against the published schema.org definitions and Google's requirements.

The validator reads a local copy of the relevant part of the schema.org vocabulary
(``tests/data/schemaorg``, see its README): a property is valid on a node when its
``domainIncludes`` names the node's type or a supertype, and a value is valid when its type
(or a supertype) is in the property's ``rangeIncludes``.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from test_export_formats import REVIEW_URL, build, new_article

from factcheck.export import ExportError, ExportOptions, export
from factcheck.store import Store

VOCABULARY = Path(__file__).parent / "data" / "schemaorg"
PREFIX = "https://schema.org/"
KEYWORDS = {"@context", "@id", "@type"}


def _names(cell: str) -> set[str]:
    return {part.strip().removeprefix(PREFIX) for part in cell.split(",") if part.strip()}


class Vocabulary:
    """Types with their supertypes and properties with their domains and ranges."""

    def __init__(self, folder: Path) -> None:
        with open(folder / "types.csv", encoding="utf-8") as f:
            self.parents = {r["label"]: _names(r["subTypeOf"]) for r in csv.DictReader(f)}
        with open(folder / "properties.csv", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        self.domains = {r["label"]: _names(r["domainIncludes"]) for r in rows}
        self.ranges = {r["label"]: _names(r["rangeIncludes"]) for r in rows}

    def lineage(self, kind: str) -> set[str]:
        """The type and all its supertypes."""
        found, todo = set(), [kind]
        while todo:
            t = todo.pop()
            if t not in found:
                found.add(t)
                todo += self.parents.get(t, set())
        return found

    def problems(self, node: Any, where: str = "") -> list[str]:
        """Every way ``node`` (a JSON-LD node object) breaks the schema.org definitions."""
        if not isinstance(node, dict) or node.get("@type") not in self.parents:
            return [f"{where}: not a node of a known type: {node!r}"]
        lineage = self.lineage(node["@type"])
        found = []
        for key, value in node.items():
            if key in KEYWORDS:
                continue
            if key not in self.domains:
                found.append(f"{where}.{key}: not a schema.org property")
            elif not self.domains[key] & lineage:
                found.append(f"{where}.{key}: not a property of {node['@type']}")
            else:
                for n, item in enumerate(value if isinstance(value, list) else [value]):
                    found += self._value_problems(key, item, f"{where}.{key}[{n}]")
        return found

    def _value_problems(self, key: str, value: Any, where: str) -> list[str]:
        allowed = self.ranges[key]
        if isinstance(value, dict):
            if not self.lineage(str(value.get("@type"))) & allowed:
                return [f"{where}: a {value.get('@type')} where {sorted(allowed)} is expected"]
            return self.problems(value, where)
        if isinstance(value, bool):
            ok = "Boolean" in allowed
        elif isinstance(value, int | float):
            ok = bool({"Number", "Integer"} & allowed)
        elif isinstance(value, str):
            ok = bool({"Text", "URL"} & allowed) or (bool({"Date", "DateTime"} & allowed) and _is_date(value))
        else:
            ok = False
        return [] if ok else [f"{where}: {value!r} is not one of {sorted(allowed)}"]


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text[:10])
    except ValueError:
        return False
    return True


SCHEMA_ORG = Vocabulary(VOCABULARY)


def google_problems(item: dict[str, Any]) -> list[str]:
    """Google's requirements for a fact check: claimReviewed, url, a rating with a name
    and, when numeric, a value within its best and worst."""
    found = [f"missing {key}" for key in ("claimReviewed", "reviewRating", "url") if key not in item]
    rating = item.get("reviewRating", {})
    if not rating.get("alternateName"):
        found.append("reviewRating without alternateName")
    if not rating.get("worstRating", 0) <= rating.get("ratingValue", 0) <= rating.get("bestRating", 0):
        found.append(f"ratingValue out of its scale: {rating}")
    return found


def document(store: Store, options: ExportOptions | None = None, gold_only: bool = False) -> dict[str, Any]:
    out = io.StringIO()
    export(store, "claimreview", out, gold_only, options or ExportOptions(review_url=REVIEW_URL))
    return dict(json.loads(out.getvalue()))


@pytest.fixture
def built(tmp_path: Path) -> tuple[Store, list[str], str]:
    store, ids, claim = build(tmp_path / "r.db")
    store.add_article(
        new_article(
            "Nobody titled this. It rained.",
            ["Nobody titled this.", "It rained."],
            path="/home/me/secret/notitle.txt",
        )
    )
    untitled = next(m.id for m in store.iter_mentions() if m.text == "Nobody titled this.")
    store.set_label("alice", untitled, "verification", "refuted")
    store.set_label("alice", ids[4], "evidence", "https://a.example/x https://b.example/y; Ministry report")
    store.set_label("bob", ids[4], "evidence", "https://wrong.example")
    store.set_gold("claim", str(store.mention(ids[4]).claim_id), "verification", "refuted", "carol")  # type: ignore[union-attr]
    return store, ids, claim


def test_the_validator_rejects_what_schema_org_does_not_define() -> None:
    bad = {
        "@type": "ClaimReview",
        "reviewBasis": "gold",
        "additionalProperty": {"@type": "PropertyValue", "name": "votes", "value": 2},
        "reviewRating": {"@type": "Claim"},
        "datePublished": "yesterday",
    }
    problems = SCHEMA_ORG.problems(bad)
    assert len(problems) == 4, problems


def test_every_item_uses_only_schema_org_properties_and_meets_google_requirements(
    built: tuple[Store, list[str], str],
) -> None:
    store = built[0]
    doc = document(store)
    assert doc["@context"] == "https://schema.org" and len(doc["@graph"]) == 5
    for item in doc["@graph"]:
        assert SCHEMA_ORG.problems(item, item["identifier"]) == []
        assert google_problems(item) == []


def test_each_review_has_its_own_address_and_id(built: tuple[Store, list[str], str]) -> None:
    items = document(built[0])["@graph"]
    assert len({i["@id"] for i in items}) == len(items)
    assert all(i["url"] == REVIEW_URL.replace("{claim_id}", i["identifier"]) for i in items)


def test_the_rating_is_readable_with_a_numeric_scale_on_every_item(
    built: tuple[Store, list[str], str],
) -> None:
    ratings = {i["reviewRating"]["alternateName"]: i["reviewRating"] for i in document(built[0])["@graph"]}
    assert set(ratings) == {"Not enough evidence", "Supported", "Refuted", "Conflicting"}
    assert {r["alternateName"]: r["ratingValue"] for r in ratings.values()} == {
        "Refuted": 1,
        "Conflicting": 2,
        "Not enough evidence": 2,
        "Supported": 3,
    }


def test_dates_are_those_of_the_verdict_and_of_the_claim(built: tuple[Store, list[str], str]) -> None:
    store, ids, claim = built
    items = {i["identifier"]: i for i in document(store)["@graph"]}
    assert items[claim]["datePublished"] == store.gold_labels(claim)[0].updated_at[:10]
    majority = items[str(store.mention(ids[1]).claim_id)]  # type: ignore[union-attr]
    latest = max(
        row[0] for row in store.db.execute("select updated_at from annotations where field = 'verification'")
    )
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", majority["datePublished"])
    assert majority["datePublished"] <= latest[:10]
    # The claim was first published on 2024-03-01 (article B), a day before article A.
    assert items[claim]["itemReviewed"]["datePublished"] == "2024-03-01"


def test_the_same_labels_give_the_same_file(built: tuple[Store, list[str], str]) -> None:
    assert document(built[0]) == document(built[0])


def test_no_local_path_is_written(built: tuple[Store, list[str], str]) -> None:
    store = built[0]
    out = io.StringIO()
    export(store, "claimreview", out, options=ExportOptions(review_url=REVIEW_URL))
    for article in store.articles():
        assert article.path not in out.getvalue()
    untitled = next(
        i for i in json.loads(out.getvalue())["@graph"] if i["claimReviewed"] == "Nobody titled this."
    )
    assert untitled["itemReviewed"]["appearance"] == [{"@type": "CreativeWork"}]


def test_evidence_is_cited_from_gold_else_from_those_who_gave_the_verdict(
    built: tuple[Store, list[str], str],
) -> None:
    store, ids, _ = built
    claim = str(store.mention(ids[4]).claim_id)  # type: ignore[union-attr]
    item = next(i for i in document(store)["@graph"] if i["identifier"] == claim)
    # Gold says refuted: alice (refuted) is cited, bob (supported) is not.
    assert item["citation"] == [
        {"@type": "CreativeWork", "url": "https://a.example/x"},
        {"@type": "CreativeWork", "url": "https://b.example/y"},
        "Ministry report",
    ]
    store.set_gold("claim", claim, "evidence", "https://gold.example/z", "carol")
    item = next(i for i in document(store)["@graph"] if i["identifier"] == claim)
    assert item["citation"] == [{"@type": "CreativeWork", "url": "https://gold.example/z"}]


def test_a_missing_url_is_refused_unless_allowed(built: tuple[Store, list[str], str]) -> None:
    store = built[0]
    with pytest.raises(ExportError, match="--review-url"):
        document(store, ExportOptions())
    items = document(store, ExportOptions(allow_missing_url=True))["@graph"]
    assert all("url" not in i and i["@id"].startswith("urn:factcheck:claimreview:") for i in items)
    assert all(SCHEMA_ORG.problems(i) == [] for i in items)


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("https://checks.example/all", "put {claim_id}"),
        ("https://checks.example/{claim}/{claim_id}", "only placeholder"),
        ("checks/{claim_id}", "absolute"),
    ],
)
def test_an_unusable_template_is_refused(
    built: tuple[Store, list[str], str], template: str, message: str
) -> None:
    with pytest.raises(ExportError, match=re.escape(message)):
        document(built[0], ExportOptions(review_url=template))
