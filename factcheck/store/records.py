"""Plain records the store reads and writes."""

from __future__ import annotations

from dataclasses import dataclass

NUMBER = "number"
"""Variant kind: the same wording with another figure."""
NEGATION = "negation"
"""Variant kind: negated on one side only."""
POLARITY = "polarity"
"""Variant kind: a polar word turned (confirmed / denied, rose / fell)."""
ENTITY = "entity"
"""Variant kind: another place, person or group."""
MODALITY = "modality"
"""Variant kind: one side says it will or may happen, the other that it does or did ("will
raise" / "raised", "is set to leave" / "start leaving")."""
EXTRA = "extra-clause"
"""Variant kind: one side adds a clause of content (``…," he said, adding 26 were women.``)."""
VARIANT_KINDS = (NUMBER, NEGATION, POLARITY, ENTITY, MODALITY, EXTRA)
"""``claim_links`` kinds written by clustering, in the order a pair is classified; other
kinds (human decisions) are left alone by re-clustering."""


@dataclass(frozen=True)
class Article:
    """One ingested article."""

    id: str
    """Hash of the cleaned text."""
    seq: int
    """Ingest order, from 1."""
    path: str
    """The path as ingested (``file.jsonl#3`` for a JSONL line)."""
    title: str | None
    outlet: str | None
    url: str | None
    published: str | None
    text: str
    """The cleaned text that mention offsets point into."""
    wire: str | None = None
    """The wire service the story came from, when the outlet republished it."""


@dataclass(frozen=True)
class Mention:
    """One segment (candidate claim) of an article."""

    id: str
    article_id: str
    index: int
    start: int
    end: int
    text: str
    claim_id: str | None
    suggested_source: str | None


@dataclass(frozen=True)
class NewArticle:
    """An article ready to be stored, with its segments."""

    path: str
    raw: str
    text: str
    spans: list[tuple[int, int]]
    sources: list[str | None]
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    wire: str | None = None


FLAG = "!flag"
"""The ``field`` of a :class:`Change` (and of its event) that flags or unflags a sentence.

No schema field can be called this (names are letters, digits, ``_`` and ``-``)."""
FLAGGED = "flagged"
"""The ``new`` (or ``old``) value of a flag change that flags the sentence; None unflags it."""
SEGMENT = "!segment"
"""The ``field`` of a :class:`Change` reporting that a split or join (``old``) was undone."""


@dataclass(frozen=True)
class Change:
    """One label change: the value of (mention, annotator, field) went from old to new."""

    mention_id: str
    annotator: str
    field: str
    old: str | None
    new: str | None
