"""What every table, view and column of a factcheck database holds, as Datasette metadata."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from factcheck.store.views import BASIS_SUFFIX, FINAL_FIXED, FTS_TABLE, WIDE_FIXED, field_column

if TYPE_CHECKING:
    from factcheck.schema import Schema
    from factcheck.store.core import Store

TABLES: dict[str, tuple[str, dict[str, str]]] = {
    "meta": (
        "Settings of the database: the label schema in force (JSON), the format version, "
        "clustering settings.",
        {"key": "setting name", "value": "setting value"},
    ),
    "articles": (
        "One row per ingested article.",
        {
            "id": "content hash of the cleaned text (the same on every machine)",
            "seq": "ingest order, from 1",
            "path": "the file (and line, for JSONL) it was read from",
            "title": "title, when the file gave one",
            "outlet": "publishing outlet, when known (the site, not a wire service it republishes)",
            "wire": "the wire service (AP, Reuters, ...) the outlet republished the story from, when known",
            "url": "address of the article, when known",
            "published": "publication date (ISO 8601), when known",
            "raw": "the text as read",
            "text": "the cleaned text that mention offsets point into",
            "ingested_at": "when it was ingested (UTC)",
        },
    ),
    "mentions": (
        "One row per sentence (candidate claim) of an article; search its text with full-text search.",
        {
            "id": "hash of the article id and the offsets",
            "article_id": "the article",
            "idx": "position of the sentence in its article, from 0",
            "start": "character offset of the sentence in the article's cleaned text",
            "end": "character offset just after the sentence",
            "text": "the sentence",
            "claim_id": "the claim cluster the sentence belongs to",
            "suggested_source": "who makes the claim, as found by attribution (a suggestion)",
        },
    ),
    "claims": (
        "One row per cluster of near-duplicate sentences: the same claim across articles.",
        {
            "id": "claim id (hash of the mention it was first formed from)",
            "canonical_mention_id": "the sentence that states the claim",
            "size": "number of sentences in the cluster",
        },
    ),
    "annotations": (
        "Labels, one row per sentence, annotator and field (labels_wide has one row per sentence "
        "and annotator).",
        {
            "mention_id": "the sentence",
            "annotator": "who labelled it",
            "field": "the label field (see the schema in meta)",
            "value": "the label",
            "updated_at": "when it was last set (UTC)",
        },
    ),
    "events": (
        "Append-only log of every label and gold change: who, when, old and new value.",
        {
            "id": "order of the change",
            "ts": "when (UTC)",
            "annotator": "who made the change",
            "mention_id": "the sentence; for a gold change on a claim, the claim id",
            "field": "the label field",
            "old": "value before (empty: none)",
            "new": "value after (empty: cleared)",
            "dwell_ms": "how long the sentence had been on screen, in milliseconds",
            "kind": "what made the change (label, undo, dedup, merge, gold, ...)",
            "batch": "changes made as one action share a batch",
            "undoes": "the batch this change undoes",
            "session": "the annotation session that made it (see sessions)",
        },
    ),
    "gold": (
        "Adjudicated labels, one per sentence or claim and field.",
        {
            "target_kind": "mention or claim",
            "target_id": "the sentence or the claim",
            "field": "the label field",
            "value": "the adjudicated label",
            "adjudicator": "who adjudicated",
            "updated_at": "when (UTC)",
        },
    ),
    "claim_links": (
        "Pairs of claims that are near-identical but differ in a figure, a negation, a polarity, "
        "an entity or a clause one side adds.",
        {
            "claim_a": "one claim",
            "claim_b": "the other claim",
            "kind": "how they differ: number, negation, polarity, entity, modality, extra-clause",
            "score": "similarity of the two wordings (0-100)",
        },
    ),
    "dedup_keys": (
        "Clustering state: the distinct comparison keys (nodes) of the clustered sentences.",
        {
            "node": "node number",
            "key": "the normalised wording used for matching",
            "cues": "figures, negations, polar words, names and a clause after the attribution",
        },
    ),
    "dedup_nodes": (
        "Clustering state: each clustered sentence's node.",
        {
            "mention_id": "the sentence",
            "node": "its node (empty for a sentence too short to match)",
        },
    ),
    "dedup_pending": (
        "Clustering state: sentences waiting to be clustered (kept by triggers on mentions).",
        {"mention_id": "the sentence"},
    ),
    "dedup_df": (
        "Clustering state: in how many nodes each word occurs (the blocking index's counts).",
        {"word": "a word of the comparison keys", "df": "number of nodes that have it"},
    ),
    "dedup_postings": (
        "Clustering state: the nodes indexed under each word, in appended segments.",
        {"word": "a word", "seg": "segment number", "nodes": "node numbers (32-bit integers)"},
    ),
    "dedup_edges": (
        "Clustering state: pairs of nodes found to match, the same claim or conflicting variants.",
        {
            "a": "the lower node",
            "b": "the higher node",
            "kind": "same, or how they differ: number, negation, polarity, entity, modality, extra-clause",
            "score": "similarity of the two wordings (0-100)",
        },
    ),
    "sessions": (
        "Annotation sessions, one per opening of the labelling screen.",
        {
            "id": "session id",
            "annotator": "who labelled in it",
            "host": "the machine it ran on",
            "started_at": "when it started (UTC)",
        },
    ),
    "journal_entries": (
        "Journal entries (labels written ahead by a session) already applied or refused, so a "
        "replay never applies one twice.",
        {
            "id": "entry id",
            "session": "the session that wrote it",
            "outcome": "what became of it (applied, or why it was refused)",
            "applied_at": "when (UTC)",
        },
    ),
    "flags": (
        "Sentences an annotator flagged (unsure, come back later), for the adjudicator to see.",
        {
            "mention_id": "the sentence",
            "annotator": "who flagged it",
            "flagged_at": "when (UTC)",
        },
    ),
    "bulk_ops": (
        "Imports and merges being applied in short transactions; the next command completes one "
        "whose process died. Empty when none is under way.",
        {
            "id": "operation id",
            "kind": "import or merge",
            "stage": "the validated copy of its input being applied",
            "origin": "the file imported or the database merged",
            "owner": "the process applying it (host:pid)",
            "started_at": "when it was registered (UTC)",
        },
    ),
    "assignments": (
        "The assignment plan (factcheck assign): which annotator is to label which article or sentence.",
        {
            "item_id": "the article or the sentence, as unit says",
            "annotator": "who is to label it",
            "unit": "article or sentence (the same for the whole plan)",
            "assigned_at": "when the plan was made (UTC)",
        },
    ),
    FTS_TABLE: ("Full-text index of mention text (search mentions instead).", {"text": "the sentence"}),
}
"""Table -> (description, column -> description)."""

LABEL_COLUMNS = {"articles": "title", "mentions": "text", "claims": "id"}
"""The column Datasette shows for a row referenced from another table."""


def datasette_metadata(store: Store) -> dict[str, Any]:
    """Datasette metadata for this database: a description of every table, view and column.

    Tables that are not factcheck's own are listed without descriptions.
    """
    schema = store.schema
    tables: dict[str, Any] = {}
    for name, description, columns in _described(schema):
        tables[name] = {"description": description, "columns": columns}
        if name in LABEL_COLUMNS:
            tables[name]["label_column"] = LABEL_COLUMNS[name]
    tables["mentions"]["fts_table"] = FTS_TABLE
    tables["mentions"]["fts_pk"] = "rowid"
    tables[FTS_TABLE]["hidden"] = True
    present = {
        r[0] for r in store.db.execute("select name from sqlite_master where type in ('table', 'view')")
    }
    described = {n: t for n, t in tables.items() if n in present}
    return {
        "title": "factcheck annotations",
        "description": "Claims in news articles labelled for check-worthiness, stance, source and "
        "verification. Start with final_labels (one row per sentence) or labels_wide (one row per "
        "sentence and annotator).",
        "databases": {Path(store.path).stem: {"tables": described}},
    }


def _described(schema: Schema) -> list[tuple[str, str, dict[str, str]]]:
    found = [(name, text, dict(columns)) for name, (text, columns) in TABLES.items()]
    wide = {
        "mention_id": "the sentence",
        "article_id": "its article",
        "claim_id": "its claim",
        "annotator": "who labelled it",
        "updated_at": "when their latest label on it was set (UTC)",
    }
    for f in schema:
        wide[field_column(f.name, WIDE_FIXED)] = _field_text(f.label, f.help)
    found.append(("labels_wide", "Labels, one row per sentence and annotator, one column per field.", wide))
    final = {
        "mention_id": "the sentence",
        "article_id": "its article",
        "claim_id": "its claim",
        "text": "the sentence",
    }
    for f in schema:
        column = field_column(f.name, FINAL_FIXED)
        final[column] = "final " + _field_text(f.label, f.help)
        final[column + BASIS_SUFFIX] = (
            f"where the final {f.label} comes from: gold, majority (strictly most annotators), "
            "tie, or none (unlabelled)"
        )
    found.append(
        (
            "final_labels",
            "One row per sentence with the final label of each field: gold, else the annotators' "
            "strict majority (text compared as written), else empty.",
            final,
        )
    )
    return found


def _field_text(title: str, help_text: str) -> str:
    return f"{title}: {help_text}" if help_text else title
