"""Pace from the event log: seconds per sentence, labels per hour, sentences per day, time left."""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from itertools import groupby, pairwise
from typing import Any

from factcheck.store import LabelEvent

IDLE_S = 300.0
"""A gap longer than this between two labels is a pause, not work: it adds this much at most."""


@dataclass(frozen=True)
class Pace:
    """How fast one annotator labels, from their label events."""

    labels: int = 0
    """Key presses that set or cleared a label (one per batch)."""
    sentences: int = 0
    """Distinct sentences labelled."""
    median_seconds: float | None = None
    """Median time a labelled sentence was on screen (its longest dwell), in seconds."""
    active_seconds: float = 0.0
    """Time spent labelling: the gaps between labels, each counted up to :data:`IDLE_S`."""
    days: dict[str, int] = field(default_factory=dict)
    """Local date (YYYY-MM-DD) -> sentences labelled that day, oldest first."""

    @property
    def labels_per_hour(self) -> float | None:
        """Labels per hour of active time (None before there is any)."""
        return self.labels * 3600 / self.active_seconds if self.active_seconds else None

    def seconds_left(self, remaining: int) -> float | None:
        """Time to label ``remaining`` sentences at the median pace (None without a pace)."""
        return None if self.median_seconds is None else remaining * self.median_seconds

    def to_dict(self) -> dict[str, Any]:
        """The JSON form."""
        return {
            "labels": self.labels,
            "sentences": self.sentences,
            "median_seconds_per_sentence": _round(self.median_seconds),
            "active_hours": round(self.active_seconds / 3600, 3),
            "labels_per_hour": _round(self.labels_per_hour),
            "days": dict(self.days),
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def pace_by_annotator(events: Iterable[LabelEvent], tz: tzinfo | None = None) -> dict[str, Pace]:
    """Each annotator's pace, from their label events (ordered by annotator, then time).

    Args:
        events: rows as :func:`factcheck.store.label_events` yields them.
        tz: the time zone days are counted in (default: this machine's).
    """
    return {who: _pace(list(rows), tz) for who, rows in groupby(events, key=lambda e: e[0])}


def _pace(events: list[LabelEvent], tz: tzinfo | None) -> Pace:
    presses = list(_presses(events))
    if not presses:
        return Pace()
    dwell: dict[str, int] = {}
    days: dict[str, set[str]] = {}
    times = [datetime.fromisoformat(ts) for ts, _m, _d in presses]
    for (_ts, mention, ms), when in zip(presses, times, strict=True):
        if ms is not None and ms >= 0:
            dwell[mention] = max(ms, dwell.get(mention, 0))
        days.setdefault(when.astimezone(tz).date().isoformat(), set()).add(mention)
    active = sum(min((b - a).total_seconds(), IDLE_S) for a, b in pairwise(times))
    median = statistics.median(dwell.values()) / 1000 if dwell else None
    return Pace(
        labels=len(presses),
        sentences=len({m for _ts, m, _d in presses}),
        median_seconds=median,
        active_seconds=active,
        days={day: len(ids) for day, ids in sorted(days.items())},
    )


def _presses(events: list[LabelEvent]) -> Iterator[tuple[str, str, int | None]]:
    """(time, sentence, dwell) per key press: a batch that reached several mentions of a claim
    counts once, for the sentence labelled just before it if it is one of them."""
    previous: str | None = None
    for _batch, group in groupby(events, key=lambda e: e[4]):
        rows = list(group)
        mentions = [r[2] for r in rows]
        mention = previous if previous in mentions else mentions[0]
        yield rows[0][1], mention, rows[0][3]
        previous = mention
