"""Content-addressed identifiers: the same files give the same ids on every machine."""

from __future__ import annotations

import hashlib

ID_LENGTH = 16
"""Hex digits kept from SHA-256: 64 bits, ample for millions of rows."""


def _digest(*parts: str) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()[:ID_LENGTH]


def article_id(cleaned_text: str) -> str:
    """Id of an article: a hash of its cleaned text."""
    return _digest("article", cleaned_text)


def mention_id(article: str, start: int, end: int) -> str:
    """Id of a mention: a hash of its article id and character offsets."""
    return _digest("mention", article, str(start), str(end))


def claim_id(canonical_mention: str) -> str:
    """Id of a claim cluster, derived from the mention chosen as its canonical one."""
    return _digest("claim", canonical_mention)
