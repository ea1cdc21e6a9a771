"""FEVER-style JSONL: one line per claim with ``SUPPORTS``, ``REFUTES`` or ``NOT ENOUGH INFO``.

FEVER's evidence is sentences of Wikipedia pages (``[annotation_id, evidence_id, page, line]``).
The labels here cite whole sources (the evidence field: URLs or references), so each cited
source becomes an evidence set of its own with the source as ``page`` and the other three
null. The label accuracy is meaningful; the FEVER score, which also asks for the right evidence
sentences, can only be met by predictions citing the same sources with a null line.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING

from factcheck.export.base import (
    ExportOptions,
    ExportSummary,
    claim_verdict,
    verdict_evidence,
    verdict_field,
)
from factcheck.schema import NOT_ENOUGH_EVIDENCE, REFUTED, SUPPORTED, Field

if TYPE_CHECKING:
    from factcheck.store import Store

LABELS = {SUPPORTED: "SUPPORTS", REFUTED: "REFUTES", NOT_ENOUGH_EVIDENCE: "NOT ENOUGH INFO"}
"""Verdict meaning -> FEVER label; other verdicts (conflicting, or without a meaning) are left out."""


def iter_fever(
    store: Store,
    gold_only: bool = False,
    *,
    summary: ExportSummary | None = None,
    options: ExportOptions | None = None,
) -> Iterator[str]:
    """Stream ``{"id", "verifiable", "label", "claim", "evidence"}`` per claim, in claim-id order.

    ``claim`` is the text of the claim's canonical mention. ``evidence`` lists one set
    ``[[null, null, source, null]]`` per source cited for the verdict (gold evidence, else
    that of the annotators who gave the verdict), empty when none is cited or the schema has
    no evidence field. Claims with no verdict, a tie or a value without a FEVER label
    (``conflicting``) are left out and counted in ``summary``.

    Raises:
        ExportError: no field plays the verdict role (raised at once).
    """
    field = verdict_field(store.schema, "fever")
    return _lines(store, field, gold_only, summary if summary is not None else ExportSummary())


def _lines(store: Store, field: Field, gold_only: bool, summary: ExportSummary) -> Iterator[str]:
    schema = store.schema
    for claim in store.iter_claim_rows():
        verdict = claim_verdict(claim, field, summary, gold_only)
        if verdict is None:
            continue
        label = LABELS.get(field.meaning(str(verdict.value)) or "")
        if label is None:
            summary.leave_out(f"{verdict.value} claim(s) (no FEVER label)")
            continue
        cited = verdict_evidence(claim, verdict, schema)
        record: dict[str, object] = {
            "id": claim.claim_id,
            "verifiable": "NOT VERIFIABLE" if label == "NOT ENOUGH INFO" else "VERIFIABLE",
            "label": label,
            "claim": claim.canonical.text,
            "evidence": [[[None, None, source, None]] for source in cited],
        }
        summary.records += 1
        yield json.dumps(record, ensure_ascii=False) + "\n"
