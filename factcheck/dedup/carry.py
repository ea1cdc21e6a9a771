"""What clustering carries between claims: claim-scoped labels and gold, and the conflicts it finds."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from factcheck.store import Change, ClaimGold


@dataclass
class Carry:
    """Labels and gold to copy, and human-readable conflicts."""

    labels: list[Change] = field(default_factory=list)
    gold: list[ClaimGold] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)


def carry_labels(
    members: Mapping[str, Sequence[str]], labels: Iterable[tuple[str, str, str, str]], carry: Carry
) -> None:
    """Copy each annotator's claim-scoped value to the mentions of the claim that lack it.

    Args:
        members: claim id -> its mention ids (the claims that were joined).
        labels: (mention, annotator, field, value) of claim-scoped fields on those mentions.
        carry: where copies and conflicts are added. When one annotator gave a claim's
            mentions different values, nothing is copied and the conflict is reported.
    """
    claim_of = {m: c for c, ms in members.items() for m in ms}
    found: dict[tuple[str, str, str], dict[str, list[str]]] = {}
    for mention, annotator, name, value in labels:
        found.setdefault((claim_of[mention], annotator, name), {}).setdefault(value, []).append(mention)
    for (claim, annotator, name), values in sorted(found.items()):
        if len(values) > 1:
            carry.conflicts.append(_label_conflict(claim, annotator, name, values))
            continue
        [(value, have)] = values.items()
        carry.labels.extend(
            Change(m, annotator, name, None, value) for m in members[claim] if m not in set(have)
        )


def _label_conflict(claim: str, annotator: str, name: str, values: dict[str, list[str]]) -> str:
    parts = " vs ".join(f"{v!r} on {len(ms)} mention(s)" for v, ms in sorted(values.items()))
    return f"claim {claim}: {annotator} labelled {name} {parts}; kept as they are"


def carry_gold(sources: Mapping[str, set[str]], gold: Iterable[ClaimGold], carry: Carry) -> None:
    """Give a claim the claim-scoped gold of the claims it was formed from, when they agree.

    Args:
        sources: new claim id -> the claim ids its mentions had before.
        gold: claim-scoped gold of the new and the source claims.
        carry: where copies and conflicts are added. A claim's own gold is never replaced.
    """
    by_claim: dict[str, dict[str, ClaimGold]] = {}
    for g in gold:
        by_claim.setdefault(g.claim_id, {})[g.field] = g
    for claim, before in sorted(sources.items()):
        offered: dict[str, dict[str, ClaimGold]] = {}
        for source in sorted(before - {claim}):
            for name, g in by_claim.get(source, {}).items():
                offered.setdefault(name, {}).setdefault(g.value, g)
        own = by_claim.get(claim, {})
        for name, values in sorted(offered.items()):
            mine = own.get(name)
            if mine is None and len(values) == 1:
                [g] = values.values()
                carry.gold.append(ClaimGold(claim, name, g.value, g.adjudicator, g.updated_at))
            elif len(values | ({mine.value: mine} if mine else {})) > 1:
                shown = ", ".join(repr(v) for v in sorted(set(values) | ({mine.value} if mine else set())))
                carry.conflicts.append(
                    f"claim {claim}: gold {name} differs among the joined claims ({shown})"
                )
