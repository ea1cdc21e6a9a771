"""Export formats: csv, claimreview, checkthat and fever, their summaries and streaming."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from factcheck.export import EXPORTERS, ExportError, ExportOptions, ExportSummary, export, iter_jsonl
from factcheck.export.table import COLUMNS
from factcheck.schema import Field, Schema
from factcheck.store import NewArticle, Store

TEXT_A = 'Amnesty said 105 civilians were killed. The "ministry", it said,\nlied. Rain fell.'
SENTENCES_A = ["Amnesty said 105 civilians were killed.", 'The "ministry", it said,\nlied.', "Rain fell."]
TEXT_B = "Officials said 105 civilians were killed. Markets shut. Prices rose."
SENTENCES_B = ["Officials said 105 civilians were killed.", "Markets shut.", "Prices rose."]


def new_article(text: str, sentences: list[str], **meta: str) -> NewArticle:
    spans = [(text.index(s), text.index(s) + len(s)) for s in sentences]
    sources: list[str | None] = ["Amnesty"] + [None] * (len(spans) - 1)
    return NewArticle(raw=text, text=text, spans=spans, sources=sources, **meta)  # type: ignore[arg-type]


def build(path: Path) -> tuple[Store, list[str], str]:
    """Two articles, a claim repeated in both, two annotators and some gold."""
    store = Store(path)
    store.add_article(
        new_article(
            TEXT_A,
            SENTENCES_A,
            path="a.txt",
            title="A",
            url="https://a.example/1",
            outlet="Outlet A",
            published="2024-03-02",
        )
    )
    store.add_article(new_article(TEXT_B, SENTENCES_B, path="b.txt", title="B", published="2024-03-01"))
    ids = [m.id for m in store.iter_mentions()]
    claim = store.mention(ids[0]).claim_id  # type: ignore[union-attr]
    with store.transaction():
        store.db.execute("update mentions set claim_id = ? where id = ?", [claim, ids[3]])
    for who, values in {
        "alice": {
            0: ("check-worthy", "refuted", "Amnesty"),
            1: ("unimportant", "supported", None),
            2: (None, "conflicting", None),
            4: (None, "refuted", None),
        },
        "bob": {
            0: ("check-worthy", "refuted", "amnesty "),
            1: ("not-factual", "supported", None),
            2: (None, "conflicting", None),
            4: (None, "supported", None),
        },
    }.items():
        for index, (worthy, verdict, source) in values.items():
            if worthy:
                store.set_label(who, ids[index], "checkworthy", worthy)
            store.set_label(who, ids[index], "verification", verdict)
            if source:
                store.set_label(who, ids[index], "source", source)
    store.set_label("alice", ids[0], "source_type", "ngo")
    store.set_gold("mention", ids[1], "checkworthy", "check-worthy", "carol")
    store.set_gold("claim", str(claim), "verification", "not-enough-evidence", "carol")
    return store, ids, str(claim)


@pytest.fixture
def built(tmp_path: Path) -> tuple[Store, list[str], str]:
    return build(tmp_path / "export.db")


REVIEW_URL = "https://checks.example/{claim_id}"


def run(store: Store, fmt: str, gold_only: bool = False) -> tuple[str, ExportSummary]:
    out = io.StringIO()
    summary = export(store, fmt, out, gold_only, ExportOptions(organization="Desk", review_url=REVIEW_URL))
    return out.getvalue(), summary


def test_csv_is_long_form_and_loads_as_is(built: tuple[Store, list[str], str]) -> None:
    store, ids, claim = built
    text, summary = run(store, "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == [*COLUMNS, *store.schema.names]
    kinds = [(r["row_kind"], r["annotator"], r["mention_id"]) for r in rows]
    assert ("annotation", "alice", ids[0]) in kinds and ("annotation", "bob", ids[0]) in kinds
    assert ("gold", "", ids[1]) in kinds
    gold_of_claim = [r for r in rows if r["row_kind"] == "gold" and r["claim_id"] == claim]
    assert {r["mention_id"] for r in gold_of_claim} == {ids[0], ids[3]}
    assert all(r["verification"] == "not-enough-evidence" for r in gold_of_claim)
    quoted = next(r for r in rows if r["mention_id"] == ids[1] and r["annotator"] == "alice")
    assert quoted["text"] == SENTENCES_A[1] and quoted["checkworthy"] == "unimportant"
    assert summary.records == len(rows)
    assert summary.left_out == {"sentence(s) with no label": 1}


def test_csv_loads_in_pandas(built: tuple[Store, list[str], str]) -> None:
    pandas = pytest.importorskip("pandas")
    store, _, _ = built
    text, summary = run(store, "csv")
    frame = pandas.read_csv(io.StringIO(text), keep_default_na=False)
    assert len(frame) == summary.records
    assert list(frame.columns) == [*COLUMNS, *store.schema.names]
    assert SENTENCES_A[1] in set(frame["text"])
    assert set(frame["row_kind"]) == {"annotation", "gold"}


def test_csv_renames_a_field_called_like_a_column(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.db", Schema((Field("text", kind="text"), Field("stance", values=("a", "b")))))
    store.add_article(new_article(TEXT_B, SENTENCES_B, path="b.txt"))
    store.set_label("alice", next(store.iter_mentions()).id, "text", "x")
    header = next(csv.reader(io.StringIO(run(store, "csv")[0])))
    assert header[-2:] == ["label_text", "stance"]


def graph(store: Store, gold_only: bool = False) -> tuple[dict[str, dict], ExportSummary]:
    text, summary = run(store, "claimreview", gold_only)
    document = json.loads(text)
    assert document["@context"] == "https://schema.org"
    return {item["identifier"]: item for item in document["@graph"]}, summary


def test_claimreview_gold_first_then_majority(built: tuple[Store, list[str], str]) -> None:
    store, ids, claim = built
    items, summary = graph(store)
    gold = items[claim]
    assert gold["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": 2,
        "bestRating": 3,
        "worstRating": 1,
        "alternateName": "Not enough evidence",
    }
    assert gold["datePublished"] == store.gold_labels(claim)[0].updated_at[:10]
    assert gold["url"] == gold["@id"] == f"https://checks.example/{claim}"
    majority = items[store.mention(ids[1]).claim_id]  # type: ignore[union-attr]
    assert majority["reviewRating"]["ratingValue"] == 3
    assert majority["reviewRating"]["alternateName"] == "Supported"
    assert majority["author"] == {"@type": "Organization", "name": "Desk"}
    assert summary.left_out == {
        "claim(s) with tied verification votes": 1,
        "claim(s) with no verification": 1,
    }
    assert summary.records == len(items) == 3


def test_claimreview_describes_the_claim(built: tuple[Store, list[str], str]) -> None:
    store, _, claim = built
    item = graph(store)[0][claim]
    assert item["@type"] == "ClaimReview" and item["claimReviewed"] == SENTENCES_A[0]
    reviewed = item["itemReviewed"]
    assert reviewed["@type"] == "Claim"
    assert reviewed["author"] == {"@type": "Organization", "name": "Amnesty"}
    assert [w.get("url", w["headline"]) for w in reviewed["appearance"]] == ["https://a.example/1", "B"]
    assert reviewed["firstAppearance"]["headline"] == "B"  # published a day earlier
    assert reviewed["appearance"][0]["publisher"] == {"@type": "Organization", "name": "Outlet A"}


def test_claimreview_gold_only(built: tuple[Store, list[str], str]) -> None:
    store, _, claim = built
    items, summary = graph(store, gold_only=True)
    assert list(items) == [claim]
    assert summary.left_out["claim(s) without a gold verification"] == 4


def test_claimreview_with_nothing_to_review_is_valid_json(tmp_path: Path) -> None:
    store = Store(tmp_path / "empty.db")
    assert json.loads(run(store, "claimreview")[0])["@graph"] == []


def test_checkthat_tsv(built: tuple[Store, list[str], str]) -> None:
    store, ids, _ = built
    text, summary = run(store, "checkthat")
    lines = text.splitlines()
    assert lines[0] == "Sentence_id\tText\tclass_label"
    rows = [line.split("\t") for line in lines[1:]]
    assert all(len(r) == 3 for r in rows)
    numbers = [str(int(i[:15], 16)) for i in ids[:2]]
    assert rows == [
        [numbers[0], SENTENCES_A[0], "Yes"],
        [numbers[1], '"The ""ministry"", it said, lied."', "Yes"],
    ]
    assert summary.left_out == {"sentence(s) with no checkworthy label": 4}


def test_checkthat_tie_is_left_out(built: tuple[Store, list[str], str]) -> None:
    store, ids, _ = built
    store.clear_gold(ids[1], "checkworthy", "carol")
    text, summary = run(store, "checkthat")
    assert str(int(ids[1][:15], 16)) not in text
    assert summary.left_out["sentence(s) with tied checkworthy votes"] == 1


def test_fever_mapping_and_left_out_counts(built: tuple[Store, list[str], str]) -> None:
    store, ids, claim = built
    text, summary = run(store, "fever")
    records = {r["id"]: r for r in map(json.loads, text.splitlines())}
    assert records[claim] == {
        "id": claim,
        "verifiable": "NOT VERIFIABLE",
        "label": "NOT ENOUGH INFO",
        "claim": SENTENCES_A[0],
        "evidence": [],
    }
    assert records[store.mention(ids[1]).claim_id]["label"] == "SUPPORTS"  # type: ignore[union-attr]
    assert len(records) == 2
    assert summary.left_out["conflicting claim(s) (no FEVER label)"] == 1
    assert summary.left_out["claim(s) with tied verification votes"] == 1


def test_fever_refuted(built: tuple[Store, list[str], str]) -> None:
    store, _, claim = built
    store.set_gold("claim", claim, "verification", "refuted", "carol")
    records = [json.loads(line) for line in run(store, "fever")[0].splitlines()]
    assert next(r for r in records if r["id"] == claim)["label"] == "REFUTES"


@pytest.mark.parametrize("fmt", sorted(EXPORTERS))
def test_every_exporter_streams_in_chunks(built: tuple[Store, list[str], str], fmt: str) -> None:
    store, _, _ = built
    chunks = EXPORTERS[fmt](store, False, options=ExportOptions(review_url=REVIEW_URL))
    assert isinstance(chunks, Iterator)
    assert len(list(chunks)) > 1


@pytest.mark.parametrize("fmt", ["checkthat", "checkthat-run", "claimreview", "fever"])
def test_a_format_needing_a_missing_field_fails_before_streaming(tmp_path: Path, fmt: str) -> None:
    store = Store(tmp_path / "s.db", Schema((Field("stance", values=("a", "b")),)))
    with pytest.raises(ExportError, match="needs a field with role"):
        EXPORTERS[fmt](store, False)


def test_jsonl_counts_its_records(built: tuple[Store, list[str], str]) -> None:
    store, _, _ = built
    summary = ExportSummary()
    lines = list(iter_jsonl(store, summary=summary))
    assert summary.records == len(lines) == 6
    assert summary.lines() == []


def test_articles_give_the_cleaned_text_once_with_every_offset(built: tuple[Store, list[str], str]) -> None:
    store, _, _ = built
    text, summary = run(store, "articles")
    records = [json.loads(line) for line in text.splitlines()]
    assert summary.records == 2
    assert [(r["path"], r["title"], r["outlet"], r["url"], r["published"]) for r in records] == [
        ("a.txt", "A", "Outlet A", "https://a.example/1", "2024-03-02"),
        ("b.txt", "B", None, None, "2024-03-01"),
    ]
    assert [r["text"] for r in records] == [TEXT_A, TEXT_B]
    mentions = [json.loads(line) for line in run(store, "jsonl")[0].splitlines()]
    spans = [(m["mention_id"], m["claim_id"], m["index"], m["start"], m["end"]) for m in mentions]
    assert [tuple(m.values()) for r in records for m in r["mentions"]] == spans
    for record in records:
        for m, sentence in zip(
            record["mentions"], SENTENCES_A if record["title"] == "A" else SENTENCES_B, strict=True
        ):
            assert record["text"][m["start"] : m["end"]] == sentence


def test_articles_gold_only_keeps_articles_and_mentions_with_gold(
    built: tuple[Store, list[str], str],
) -> None:
    store, _, _ = built
    records = [json.loads(line) for line in run(store, "articles", gold_only=True)[0].splitlines()]
    gold = [json.loads(line) for line in run(store, "jsonl", gold_only=True)[0].splitlines()]
    assert [m["mention_id"] for r in records for m in r["mentions"]] == [g["mention_id"] for g in gold]


def test_fever_evidence_cites_the_sources_the_verdict_rests_on(built: tuple[Store, list[str], str]) -> None:
    store, ids, claim = built
    store.set_gold("claim", claim, "verification", "refuted", "carol")
    store.set_label("alice", ids[0], "evidence", "https://report.example/1; Ministry statement")
    store.set_label("bob", ids[0], "evidence", "https://report.example/1")
    records = {r["id"]: r for r in map(json.loads, run(store, "fever")[0].splitlines())}
    assert records[claim]["evidence"] == [
        [[None, None, "https://report.example/1", None]],
        [[None, None, "Ministry statement", None]],
    ]
    other = records[store.mention(ids[1]).claim_id]  # type: ignore[union-attr]
    assert other["evidence"] == []  # nothing cited
