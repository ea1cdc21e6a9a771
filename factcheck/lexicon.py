"""Verbs of saying and the form of a dateline, as data: one list read by attribution, segmentation,
ingest and claim clustering."""

from __future__ import annotations

import re


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


SPEECH_VERBS = _words(
    """acknowledge acknowledged acknowledges added adds allege alleged alleges announced announces
    answered answers argue argued argues asked asks assert asserted asserts cautioned cautions
    claimed claims commented comments concede conceded concedes concluded concludes contend
    contended contends continued continues countered counters cried declare declared declares
    demanded demands documented emphasised emphasises emphasized emphasizes estimated exclaimed
    explain explained explains highlighted insist insisted insists joked jokes maintained maintains
    noted notes observed observes posted posts predicted predicts quoted recalled recalls remarked
    remarks repeated replied replies reported reports responded responds said say says shouted
    shouts stated states stressed stresses suggested suggests tell tells told tweeted tweets urged
    urges warn warned warns wondered wonders write writes wrote"""
)
"""Verbs that introduce a speaker without taking a side on what is said."""

STANCE_VERBS = _words(
    """accused accuses admitted admits agreed agrees blasted condemned confirmed denied denies deny
    rejected rejects"""
)
"""Verbs that introduce a speaker and take a side: "…, officials denied." and "…, officials
confirmed." report different claims, so claim clustering never strips them as attribution."""

ATTRIBUTION_VERBS = SPEECH_VERBS | STANCE_VERBS
"""Every verb after which the words around it may name who is speaking."""


DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'’-]{2,}(?: [A-Z][A-Z.'’-]+){0,3}(?:,\s*[A-Z][\w.'’]+(?: [A-Z][\w.'’]+){0,2})?"
    r"(?:,?\s+[A-Z][a-z]{2,8}\.? \d{1,2})?\s*)?"  # Reuters dates its datelines: "LONDON, Nov 30 (Reuters) -"
    r"(?:\((?P<wire>Reuters|AP|AFP|UPI|dpa|IANS|PTI|Xinhua|CNN|Bloomberg)\)\s*|/PRNewswire(?:-\w+)?/\s*)?"
    r"[—–-]{1,2}\s+(?=[A-Z\"“])"
)
"""A dateline before a story's first sentence ("MOSUL, Iraq (AP) — ", "LONDON, Nov 30 (Reuters) - ",
"NEW YORK, Oct. 3 /PRNewswire/ -- "): where it was filed and by whom, never part of what it
claims. Ingest strips it from a paragraph; claim clustering from a sentence that still has it."""
