"""Progress against the plan with pace and time left, per annotator (``factcheck stats``, the status line)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo
from typing import Any

from factcheck.plan.pace import Pace, pace_by_annotator
from factcheck.store import PlanProgress, Store, label_events


@dataclass(frozen=True)
class AnnotatorReport:
    """One annotator's share of the plan, pace and estimate."""

    labelled: int
    """Sentences they have labelled anywhere."""
    remaining: int
    """Sentences left: of their share of the plan, or of the whole database without a plan."""
    plan: PlanProgress | None
    """Their share of the plan (None: the plan gives them nothing, or there is no plan)."""
    pace: Pace

    @property
    def seconds_left(self) -> float | None:
        """Estimated time to label what remains at their median pace."""
        return self.pace.seconds_left(self.remaining)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form."""
        plan = None
        if self.plan is not None:
            plan = {
                "items": self.plan.items,
                "sentences": self.plan.sentences,
                "done": self.plan.done,
                "remaining": self.plan.remaining,
            }
        left = self.seconds_left
        return {
            "labelled": self.labelled,
            "remaining": self.remaining,
            "plan": plan,
            "pace": self.pace.to_dict(),
            "hours_left": None if left is None else round(left / 3600, 2),
        }


@dataclass(frozen=True)
class TeamReport:
    """Every annotator's report, and the plan they are measured against."""

    unit: str | None
    """The plan's unit, or None without a plan."""
    annotators: dict[str, AnnotatorReport]
    """By name."""

    def to_dict(self) -> dict[str, Any]:
        """The JSON form."""
        return {
            "plan_unit": self.unit,
            "annotators": {who: r.to_dict() for who, r in self.annotators.items()},
        }


def team_report(store: Store, labelled: dict[str, int], tz: tzinfo | None = None) -> TeamReport:
    """Plan progress, pace and time left of everyone who has a plan share or a label.

    Args:
        store: the database.
        labelled: annotator -> sentences labelled (from :meth:`Store.stats`).
        tz: the time zone per-day counts use (default: this machine's).
    """
    plan = store.plan_progress()
    paces = pace_by_annotator(label_events(store), tz)
    total = store.count("mentions")
    people = sorted(set(plan) | set(labelled) | set(paces))
    reports = {}
    for who in people:
        share = plan.get(who)
        done = labelled.get(who, 0)
        remaining = share.remaining if share is not None else (0 if plan else total - done)
        reports[who] = AnnotatorReport(done, remaining, share, paces.get(who, Pace()))
    return TeamReport(store.plan_unit(), reports)
