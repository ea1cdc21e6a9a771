"""FEVER-style JSONL: one line per claim with ``SUPPORTS``, ``REFUTES`` or ``NOT ENOUGH INFO``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING

from factcheck.exporters.base import VERIFICATION, ExportOptions, ExportSummary, claim_verdict, require_field

if TYPE_CHECKING:
    from factcheck.store import Store

LABELS = {"supported": "SUPPORTS", "refuted": "REFUTES", "not-enough-evidence": "NOT ENOUGH INFO"}
"""Verification value -> FEVER label; other values (``conflicting``) have none and are left out."""


def iter_fever(
    store: Store,
    gold_only: bool = False,
    *,
    summary: ExportSummary | None = None,
    options: ExportOptions | None = None,
) -> Iterator[str]:
    """Stream ``{"id", "verifiable", "label", "claim", "evidence"}`` per claim, in claim-id order.

    ``claim`` is the text of the claim's canonical mention; ``evidence`` is empty (the
    labels carry no evidence sentences). Claims with no verdict, a tie or a value without a
    FEVER label (``conflicting``) are left out and counted in ``summary``.

    Raises:
        ExportError: the schema has no ``verification`` choice field (raised at once).
    """
    require_field(store.schema, VERIFICATION, "fever")
    return _lines(store, gold_only, summary if summary is not None else ExportSummary())


def _lines(store: Store, gold_only: bool, summary: ExportSummary) -> Iterator[str]:
    for claim in store.iter_claim_rows():
        verdict = claim_verdict(claim, summary, gold_only)
        if verdict is None:
            continue
        label = LABELS.get(str(verdict.value))
        if label is None:
            summary.leave_out(f"{verdict.value} claim(s) (no FEVER label)")
            continue
        record: dict[str, object] = {
            "id": claim.claim_id,
            "verifiable": "NOT VERIFIABLE" if label == "NOT ENOUGH INFO" else "VERIFIABLE",
            "label": label,
            "claim": claim.canonical.text,
            "evidence": [],
        }
        summary.records += 1
        yield json.dumps(record, ensure_ascii=False) + "\n"
