"""Pace from the event log and factcheck stats against the plan: numbers, chart and JSON."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from tui_helpers import build_db

from factcheck.cli import cli
from factcheck.plan import IDLE_S, pace_by_annotator
from factcheck.store import Store


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def event(who: str, ts: str, mention: str, dwell: int | None, batch: str) -> tuple:
    return (who, ts, mention, dwell, batch)


def test_median_seconds_labels_per_hour_and_days() -> None:
    events = [
        event("alice", "2024-05-01T10:00:00+00:00", "m1", 4_000, "b1"),
        event("alice", "2024-05-01T10:00:06+00:00", "m1", 10_000, "b2"),  # same sentence, longer
        event("alice", "2024-05-01T10:00:20+00:00", "m2", 20_000, "b3"),
        event("alice", "2024-05-01T10:00:50+00:00", "m3", 30_000, "b4"),
        event("alice", "2024-05-02T09:00:00+00:00", "m4", None, "b5"),  # next day, no dwell
        event("bob", "2024-05-01T10:00:00+00:00", "m1", 8_000, "b6"),
    ]
    paces = pace_by_annotator(events, tz=UTC)
    alice = paces["alice"]
    assert alice.labels == 5 and alice.sentences == 4
    assert alice.median_seconds == 20.0, "the median of 10, 20 and 30 s (longest dwell per sentence)"
    assert alice.active_seconds == 50 + IDLE_S, "a gap of a day counts as one pause"
    assert alice.labels_per_hour == pytest.approx(5 * 3600 / (50 + IDLE_S))
    assert alice.days == {"2024-05-01": 3, "2024-05-02": 1}
    assert alice.seconds_left(30) == 600
    assert paces["bob"].labels_per_hour is None and paces["bob"].median_seconds == 8.0


def test_a_claim_scoped_label_reaching_several_sentences_counts_once() -> None:
    events = [
        event("alice", "2024-05-01T10:00:00+00:00", "m5", 3_000, "b1"),
        event("alice", "2024-05-01T10:00:09+00:00", "m1", 9_000, "b2"),
        event("alice", "2024-05-01T10:00:09+00:00", "m5", 9_000, "b2"),  # the claim's other mention
        event("alice", "2024-05-01T10:00:09+00:00", "m7", 9_000, "b2"),
    ]
    alice = pace_by_annotator(events, tz=UTC)["alice"]
    assert alice.labels == 2 and alice.sentences == 1 and alice.median_seconds == 9.0


def test_days_are_counted_in_the_time_zone_given() -> None:
    from datetime import timezone

    events = [event("alice", "2024-05-01T23:30:00+00:00", "m1", 1_000, "b1")]
    assert pace_by_annotator(events, tz=UTC)["alice"].days == {"2024-05-01": 1}
    east = timezone(timedelta(hours=2))
    assert pace_by_annotator(events, tz=east)["alice"].days == {"2024-05-02": 1}


@pytest.fixture
def planned_db(tmp_path: Path) -> Path:
    """The three-article database, a plan by sentence for alice and bob, and alice's timed labels."""
    path = tmp_path / "t.db"
    build_db(path)
    assert run("assign", "--annotators", "alice,bob", "--unit", "sentence", "--db", str(path)).exit_code == 0
    with Store(path) as store:
        mine = sorted(
            i for i, w in store.db.execute("select item_id, annotator from assignments") if w == "alice"
        )
        first = store.schema.fields[0]
        for n, mid in enumerate(mine[:3]):
            store.set_label("alice", mid, first.name, first.values[1], dwell_ms=(10 + 5 * n) * 1000)
        with store.transaction():
            for (number,) in store.db.execute("select id from events").fetchall():
                when = datetime.now(UTC) - timedelta(days=number % 2, seconds=60 - number)
                store.db.execute("update events set ts = ? where id = ?", [when.isoformat(), number])
    return path


def test_stats_json_has_the_plan_share_pace_and_time_left(planned_db: Path) -> None:
    result = run("stats", "--format", "json", "--db", str(planned_db))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["plan_unit"] == "sentence"
    alice, bob = data["annotators"]["alice"], data["annotators"]["bob"]
    assert alice["mentions_labelled"] == 3
    share = alice["plan"]
    assert share["done"] == 3 and share["remaining"] == share["sentences"] - 3 == alice["remaining"]
    assert alice["pace"]["median_seconds_per_sentence"] == 15.0
    assert alice["pace"]["labels"] == 3 and sum(alice["pace"]["days"].values()) == 3
    assert alice["hours_left"] == round(alice["remaining"] * 15 / 3600, 2)
    assert bob["mentions_labelled"] == 0 and bob["plan"]["done"] == 0
    assert bob["pace"]["median_seconds_per_sentence"] is None and bob["hours_left"] is None
    assert alice["plan"]["sentences"] + bob["plan"]["sentences"] == 13


def test_stats_table_shows_progress_pace_and_a_chart_per_day(planned_db: Path) -> None:
    result = CliRunner().invoke(cli, ["stats", "--db", str(planned_db)], terminal_width=100)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "progress against the plan" in out
    row = next(line for line in out.splitlines() if line.startswith("│ alice") and "/" in line)
    assert "3/" in row and "15" in row
    today, yesterday = date.today(), date.today() - timedelta(days=1)
    days = [line for line in out.splitlines() if line.startswith(("│ " + str(today), "│ " + str(yesterday)))]
    assert len(days) == 2 and all("█" in line for line in days)
    assert "sentences labelled per day" in out


def test_stats_without_a_plan_counts_every_sentence(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    build_db(path)
    with Store(path) as store:
        mid = next(store.iter_mentions()).id
        store.set_label("carol", mid, "note", "x", dwell_ms=4000)
    data = json.loads(run("stats", "--format", "json", "--db", str(path)).stdout)
    carol = data["annotators"]["carol"]
    assert data["plan_unit"] is None and carol["plan"] is None and carol["remaining"] == 12
    assert carol["hours_left"] == round(12 * 4 / 3600, 2)
    table = run("stats", "--db", str(path)).stdout
    assert "no plan: every sentence counts" in table and date.today().isoformat() in table


def test_stats_refuses_a_bad_day_count(planned_db: Path) -> None:
    result = run("stats", "--days", "0", "--db", str(planned_db))
    assert result.exit_code == 2 and "--days" in result.stderr
