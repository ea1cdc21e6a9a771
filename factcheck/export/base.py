"""What every exporter shares: options, the summary of what was left out, verdicts."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from factcheck.schema import EVIDENCE, VERDICT, SchemaError, normalise_text

if TYPE_CHECKING:
    from factcheck.schema import Field, Schema
    from factcheck.store import ClaimRow, Store


class ExportError(SchemaError):
    """The database cannot be exported in a format (no field of its schema plays a role the format needs)."""


@dataclass(frozen=True)
class ExportOptions:
    """Settings some formats use."""

    organization: str = "factcheck"
    """ClaimReview: the name of the organisation publishing the reviews (their ``author``)."""
    csv_raw: bool = False
    """CSV: write cells exactly as stored, formula-like ones too (for programs, not spreadsheets)."""
    review_url: str | None = None
    """ClaimReview: the address of each review, with ``{claim_id}`` where the claim id goes."""
    allow_missing_url: bool = False
    """ClaimReview: write reviews without a ``url`` when no ``review_url`` is given."""


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
        counts[normalise_text(value) if text else value] += n
    ranked = counts.most_common(2)
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return Verdict(None, "tie", dict(spellings))
    winner = ranked[0][0]
    forms = [v for v in spellings if (normalise_text(v) if text else v) == winner]
    return Verdict(min(forms, key=lambda v: (-spellings[v], v)), "majority", dict(spellings))


def require_role(schema: Schema, role: str, fmt: str) -> Field:
    """The field that plays the role a format is built on.

    Raises:
        ExportError: no field of the schema plays it.
    """
    try:
        return schema.require_role(role, f"the {fmt} format")
    except SchemaError as err:
        raise ExportError(str(err)) from None


def verdict_field(schema: Schema, fmt: str) -> Field:
    """The field that plays the verdict role, for the claim-level formats.

    Raises:
        ExportError: no field plays it.
    """
    return require_role(schema, VERDICT, fmt)


def claim_verdict(claim: ClaimRow, field: Field, summary: ExportSummary, gold_only: bool) -> Verdict | None:
    """A claim's verdict (gold, else majority), or None after counting why it is left out."""
    name = field.name
    gold = claim.gold.get(name)
    # A schema may make its verdict mention-scoped: then the canonical mention's labels vote.
    votes = claim.votes.get(name) or {who: v[name] for who, v in claim.labels.items() if name in v}
    verdict = decide(gold.value if gold else None, votes.values())
    if gold_only and verdict.basis != "gold":
        summary.leave_out(f"claim(s) without a gold {name}")
    elif verdict.basis == "none":
        summary.leave_out(f"claim(s) with no {name}")
    elif verdict.basis == "tie":
        summary.leave_out(f"claim(s) with tied {name} votes")
    else:
        return verdict
    return None


def references(text: str) -> list[str]:
    """The sources cited in an evidence value, in order and without repeats.

    Sources are separated by ``;`` or line breaks; a part made only of URLs separated by
    spaces gives each URL. Example: ``"https://a.org/1 https://b.org/2; Ministry report"``
    gives the two URLs and ``"Ministry report"``.
    """
    found: list[str] = []
    for part in re.split(r"[;\n]", text):
        words = part.split()
        if not words:
            continue
        for item in words if all(is_url(w) for w in words) else [" ".join(words)]:
            if item not in found:
                found.append(item)
    return found


def is_url(text: str) -> bool:
    """Whether ``text`` is an absolute http(s) URL."""
    return text.startswith(("http://", "https://")) and len(text) > len("https://")


def verdict_evidence(claim: ClaimRow, verdict: Verdict, schema: Schema) -> list[str]:
    """The sources the verdict rests on: the gold evidence, else that of the annotators who
    gave the verdict; none when no field plays the evidence role."""
    spec = schema.role(EVIDENCE)
    if spec is None:
        return []
    gold = claim.gold.get(spec.name)
    if gold is not None:
        return references(gold.value)
    name = verdict_field(schema, "claim exports").name
    verdicts = claim.votes.get(name) or {w: v[name] for w, v in claim.labels.items() if name in v}
    given = claim.votes.get(spec.name) or {w: v[spec.name] for w, v in claim.labels.items() if spec.name in v}
    found: list[str] = []
    for who in sorted(w for w, v in verdicts.items() if v == verdict.value and w in given):
        found += [ref for ref in references(given[who]) if ref not in found]
    return found
