"""A deterministic, balanced assignment plan that never moves work already started."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from factcheck.store import PlanState

Pair = tuple[str, str]
"""(item id, annotator)."""


class PlanError(ValueError):
    """Plan settings a user gave that cannot make a plan; the message says why."""


@dataclass(frozen=True)
class PlanRequest:
    """What ``factcheck assign`` was asked for."""

    annotators: tuple[str, ...]
    """The team, in the order given."""
    per_item: int = 1
    """Annotators per item (ignored when ``overlap`` is set)."""
    overlap: float | None = None
    """Fraction of items given to two annotators, the others to one."""
    seed: int = 0
    """Breaks ties (who gets which item, which items overlap): another seed, another plan."""
    only_unlabelled: bool = False
    """Plan only items nobody has labelled yet; leave the others as they are."""

    def __post_init__(self) -> None:
        names = self.annotators
        if not names:
            raise PlanError("name at least one annotator (--annotators alice,bob)")
        blank = [n for n in names if not n.strip() or n != n.strip()]
        if blank:
            raise PlanError(f"annotator names must not be blank or padded with spaces: {blank[0]!r}")
        twice = sorted({n for n in names if names.count(n) > 1})
        if twice:
            raise PlanError(f"annotator named twice: {', '.join(twice)}")
        if self.overlap is not None:
            if not 0 <= self.overlap <= 1:
                raise PlanError(f"--overlap must be between 0 and 1, not {self.overlap}")
            if self.overlap > 0 and len(names) < 2:
                raise PlanError("--overlap needs at least two annotators")
        elif not 1 <= self.per_item <= len(names):
            raise PlanError(
                f"--per-item must be between 1 and the number of annotators ({len(names)}), "
                f"not {self.per_item}"
            )

    def settings(self) -> dict[str, Any]:
        """The JSON form stored with the plan (a re-run without options reuses it)."""
        return {
            "annotators": list(self.annotators),
            "per_item": None if self.overlap is not None else self.per_item,
            "overlap": self.overlap,
            "seed": self.seed,
            "only_unlabelled": self.only_unlabelled,
        }


def plan_rows(state: PlanState, request: PlanRequest) -> set[Pair]:
    """The plan: which annotators label each item.

    Work already started stays where it is: an annotator who has labelled part of an item
    keeps it (a team member's own labels count as theirs even without a plan). Stored
    assignments not started are kept unless an item has more annotators than it now
    needs, or an annotator carries more than a fair share plus one item (a new annotator
    joined, or the settings changed); those are given out again. Missing places are filled
    one by one, each going to the least-loaded team member not already on the item, load
    counted in sentences, ties broken by a hash of the seed and the item. The same state and request
    always give the same plan, and running it again on its own result changes nothing.
    """
    builder = _Builder(state, request)
    return builder.build()


class _Builder:
    """The steps of :func:`plan_rows`, sharing the state they work on."""

    def __init__(self, state: PlanState, request: PlanRequest) -> None:
        self.request = request
        self.team = request.annotators
        self.weight = dict(state.items)
        self.rows: set[Pair] = set()
        self.planned: list[str] = []
        for item, _weight in state.items:
            if request.only_unlabelled and state.labelled.get(item):
                self.rows |= {(item, who) for who in state.assigned.get(item, ())}
            else:
                self.planned.append(item)
        members = frozenset(self.team)
        nobody: frozenset[str] = frozenset()
        self.started: dict[str, frozenset[str]] = {}
        self.keep: dict[str, set[str]] = {}
        for item in self.planned:
            assigned = frozenset(state.assigned.get(item, nobody))
            labelled = state.labelled.get(item)
            started = frozenset(labelled & (assigned | members)) if labelled else nobody
            if started - members:
                # Someone no longer in the team keeps what they started, outside the count.
                self.rows |= {(item, who) for who in started - members}
            self.started[item] = started & members if started else nobody
            self.keep[item] = set((started | assigned) & members) if started or assigned else set()
        self._spins: dict[str, int] = {}
        self.load = dict.fromkeys(self.team, 0)
        for item in self.planned:
            for who in self.keep[item]:
                self.load[who] += self.weight[item]

    def build(self) -> set[Pair]:
        target = self._targets()
        self._trim(target)
        self._release(target)
        self._fill(target)
        return self.rows | {(item, who) for item in self.planned for who in self.keep[item]}

    def _rank(self, *parts: str) -> bytes:
        text = "\0".join((str(self.request.seed), *parts))
        return hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest()

    def _spin(self, item: str) -> int:
        """The item's seeded hash, computed once."""
        found = self._spins.get(item)
        if found is None:
            found = self._spins[item] = int.from_bytes(self._rank(item), "big")
        return found

    def _targets(self) -> dict[str, int]:
        """Annotators each item needs."""
        overlap = self.request.overlap
        if overlap is None:
            return dict.fromkeys(self.planned, self.request.per_item)
        count = round(overlap * len(self.planned))
        # Items two have started must be double; then those already double stay so.
        ranked = sorted(
            self.planned,
            key=lambda i: (
                len(self.started[i]) < 2,
                -len(self.keep[i]),
                -len(self.started[i]),
                self._spin(i),
            ),
        )
        double = set(ranked[:count])
        return {item: 2 if item in double else 1 for item in self.planned}

    def _drop(self, item: str, who: str) -> None:
        self.keep[item].discard(who)
        self.load[who] -= self.weight[item]

    def _trim(self, target: dict[str, int]) -> None:
        """Items with more annotators than they need lose those who have not started."""
        for item in self.planned:
            extra = len(self.keep[item]) - target[item]
            if extra <= 0:
                continue
            free = self.keep[item] - self.started[item]
            for who in sorted(free, key=lambda w: (-self.load[w], self._rank(item, w)))[:extra]:
                self._drop(item, who)

    def _release(self, target: dict[str, int]) -> None:
        """Annotators over a fair share plus one item give back unstarted items, last ones first."""
        if not self.planned:
            return
        fair = sum(target[i] * self.weight[i] for i in self.planned) / len(self.team)
        slack = max(self.weight[i] for i in self.planned)
        for who in self.team:
            if self.load[who] <= fair + slack:
                continue
            for item in reversed(self.planned):
                if who in self.keep[item] and who not in self.started[item]:
                    self._drop(item, who)
                    if self.load[who] <= fair:
                        break

    def _fill(self, target: dict[str, int]) -> None:
        """Give each missing place to the least-loaded team member not on the item yet.

        Ties go round the team from a place the item's hash picks (one hash per item).
        """
        position = {item: n for n, item in enumerate(self.planned)}
        size = len(self.team)
        for item in sorted(self.planned, key=lambda i: (-self.weight[i], position[i])):
            if len(self.keep[item]) >= target[item]:
                continue
            start = self._spin(item) % size
            rotated = [self.team[(start + k) % size] for k in range(size)]
            while len(self.keep[item]) < target[item]:
                free: Sequence[str] = [w for w in rotated if w not in self.keep[item]]
                chosen = min(free, key=self.load.__getitem__)
                self.keep[item].add(chosen)
                self.load[chosen] += self.weight[item]
