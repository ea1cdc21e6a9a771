"""What every exporter shares: options, the summary of what was left out, verdicts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Protocol

from factcheck.schema import SchemaError
from factcheck.store.label_groups import normalise

if TYPE_CHECKING:
    from factcheck.schema import Field, Schema
    from factcheck.store import Store
    from factcheck.store.claim_rows import ClaimRow


VERIFICATION = "verification"
"""The claim-scoped field the claim-level formats (claimreview, fever) are built on."""


class ExportError(SchemaError):
    """The database cannot be exported in a format (its schema lacks a field the format needs)."""


@dataclass(frozen=True)
class ExportOptions:
    """Settings some formats use."""

    organization: str = "factcheck"
    """ClaimReview: the name of the organisation publishing the reviews (their ``author``)."""
    date: str | None = None
    """ClaimReview: ``datePublished`` of reviews not taken from gold (default: today, UTC)."""

    @property
    def today(self) -> str:
        """The date given, or today's date (UTC) as YYYY-MM-DD."""
        return self.date or datetime.now(UTC).date().isoformat()


@dataclass
class ExportSummary:
    """Filled while an export streams: what was written and what was left out, and why."""

    records: int = 0
    """Records written (lines, rows or items, not counting headers)."""
    left_out: Counter[str] = field(default_factory=Counter)
    """Reason -> number of items left out for it."""

    def leave_out(self, reason: str) -> None:
        """Count one item left out for ``reason``."""
        self.left_out[reason] += 1

    def lines(self) -> list[str]:
        """One line per reason, for stderr."""
        return [f"left out {n} {reason}" for reason, n in sorted(self.left_out.items())]


class Exporter(Protocol):
    """A format: yields the output in chunks, so any database exports in constant memory."""

    def __call__(
        self,
        store: Store,
        gold_only: bool = False,
        *,
        summary: ExportSummary | None = None,
        options: ExportOptions | None = None,
    ) -> Iterator[str]: ...


@dataclass(frozen=True)
class Verdict:
    """The value an item is exported with: its gold value, else its annotators' majority."""

    value: str | None
    basis: str
    """``gold``, ``majority``, ``tie`` (no single most common value) or ``none`` (no votes)."""
    counts: dict[str, int] = field(default_factory=dict)
    """Annotators' votes: value -> count."""


def decide(gold: str | None, votes: Iterable[str], text: bool = False) -> Verdict:
    """Gold first, else the strict plurality of the votes.

    Args:
        gold: the gold value, if any.
        votes: one value per annotator.
        text: compare votes after normalising case and white space (the most common
            spelling of the winner is returned).
    """
    spellings = Counter(votes)
    if gold is not None:
        return Verdict(gold, "gold", dict(spellings))
    if len(spellings) <= 1:
        # The common cases, without normalising: no votes, or every annotator alike.
        return (
            Verdict(next(iter(spellings)), "majority", dict(spellings))
            if spellings
            else Verdict(None, "none")
        )
    counts: Counter[str] = Counter()
    for value, n in spellings.items():
        counts[normalise(value) if text else value] += n
    ranked = counts.most_common(2)
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return Verdict(None, "tie", dict(spellings))
    winner = ranked[0][0]
    forms = [v for v in spellings if (normalise(v) if text else v) == winner]
    return Verdict(min(forms, key=lambda v: (-spellings[v], v)), "majority", dict(spellings))


def require_field(schema: Schema, name: str, fmt: str) -> Field:
    """The field a format is built on.

    Raises:
        ExportError: the schema has no such choice field.
    """
    spec = schema.get(name)
    if spec is None or not spec.is_choice:
        raise ExportError(
            f"the {fmt} format needs a choice field {name!r}, which this database's schema lacks"
        )
    return spec


def claim_verdict(claim: ClaimRow, summary: ExportSummary, gold_only: bool) -> Verdict | None:
    """A claim's verification (gold, else majority), or None after counting why it is left out."""
    gold = claim.gold.get(VERIFICATION)
    # A schema may make verification mention-scoped: then the canonical mention's labels vote.
    votes = claim.votes.get(VERIFICATION) or {
        who: v[VERIFICATION] for who, v in claim.labels.items() if VERIFICATION in v
    }
    verdict = decide(gold.value if gold else None, votes.values())
    if gold_only and verdict.basis != "gold":
        summary.leave_out("claim(s) without a gold verification")
    elif verdict.basis == "none":
        summary.leave_out("claim(s) with no verification")
    elif verdict.basis == "tie":
        summary.leave_out("claim(s) with tied verification votes")
    else:
        return verdict
    return None
