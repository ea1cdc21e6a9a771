"""Benchmark of the annotation TUI: start-up time and key-to-saved latency on a large database.

In the same run, the same keys are pressed in a bare Textual app with one list (bench/floor.py):
the floor any Textual app pays on this machine now. factcheck's p99 key-to-paint for
``1``, ``j``, ``[`` and ``n`` is printed beside the floor's, with the ratio (goal: within 2x).

Usage:
    python bench/tui.py                    # 5,000 mentions, runs in seconds
    python bench/tui.py --mentions 100000  # the full size (2,000 articles x 50 mentions)
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from floor import FloorApp
from textual.app import App
from textual.pilot import Pilot

from factcheck.store import NewArticle, Store
from factcheck.tui.app import FactcheckApp
from factcheck.tui.screens.annotate import AnnotateScreen
from factcheck.tui.widgets.sentence_list import SentenceList
from factcheck.tui.writer import LabelSaved

VOCABULARY = (
    "the minister said that at least civilians were killed in strikes on city officials "
    "reported army denied claims according to witnesses hospital figures rose week"
)
WORDS = VOCABULARY.split()


def sentence(rng: random.Random, n: int) -> str:
    """A synthetic sentence with a number in it."""
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 24))]
    words.insert(rng.randrange(len(words)), str(n))
    return " ".join(words).capitalize() + "."


def build(path: Path, mentions: int, per_article: int, labelled: float = 0.0) -> float:
    """Fill a database; every tenth article repeats a claim of the one before. Returns seconds.

    The first ``labelled`` fraction of the sentences get a label from the benchmark's
    annotator (and half of those one from a second annotator), as after weeks of work.
    """
    rng = random.Random(7)
    started = time.perf_counter()
    store = Store(path)
    previous: str | None = None
    for a in range(max(mentions // per_article, 1)):
        texts = [sentence(rng, a * per_article + i) for i in range(per_article)]
        if previous is not None and a % 10 == 0:
            texts[0] = previous
        text, spans, start = "", [], 0
        for t in texts:
            spans.append((start, start + len(t)))
            text += t + " "
            start += len(t) + 1
        title = f"Synthetic article {a}"
        new = NewArticle(f"bench/{a:06}.txt", text, text, spans, [None] * len(spans), title, "Bench")
        store.add_article(new)
        previous = texts[1]
    label_some(store, int(mentions * labelled))
    store.close()
    return time.perf_counter() - started


def label_some(store: Store, count: int) -> None:
    """Label the first ``count`` sentences in export order, through the store's import."""
    if count <= 0:
        return
    ids = [m.id for _, m in zip(range(count), store.iter_mentions(), strict=False)]
    rows = [(mid, "bench", "checkworthy", "unimportant") for mid in ids]
    rows += [(mid, "other", "checkworthy", "check-worthy") for mid in ids[: count // 2]]
    store.import_labels(rows)


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) of ``values``."""
    ordered = sorted(values)
    return ordered[min(int(len(ordered) * q / 100), len(ordered) - 1)]


class Probe:
    """Times of paints and of LabelSaved messages, recorded as they happen."""

    def __init__(self, app: App[None]) -> None:
        self.painted: list[float] = []
        self.saved: list[float] = []
        display = app._display

        def on_display(*args: object) -> None:
            display(*args)  # type: ignore[arg-type]
            self.painted.append(time.perf_counter())

        app._display = on_display  # type: ignore[method-assign,assignment]
        self._original = AnnotateScreen.on_label_saved
        if not isinstance(app, FactcheckApp):
            return

        def on_saved(screen: AnnotateScreen, message: LabelSaved) -> None:
            self.saved.append(time.perf_counter())
            self._original(screen, message)

        # Textual looks message handlers up on the class, so the probe goes there.
        AnnotateScreen.on_label_saved = on_saved  # type: ignore[method-assign,assignment]

    def close(self) -> None:
        """Put the real handler back."""
        AnnotateScreen.on_label_saved = self._original  # type: ignore[method-assign]


async def press(pilot: Pilot[None], probe: Probe, key: str, found: dict[str, list[float]]) -> float:
    """Press ``key``; record key-to-painted and key-to-returned; return when it was pressed."""
    pressed = time.perf_counter()
    probe.painted.clear()
    await pilot.press(key)
    found[f"{key} handled"].append((time.perf_counter() - pressed) * 1000)
    found[f"{key} painted"].append((probe.painted[0] - pressed) * 1000)
    return pressed


async def drive(pilot: Pilot[None], probe: Probe, keys: int, wait_saved: bool) -> dict[str, list[float]]:
    """Press ``1`` ``keys`` times (``j`` after every other), then ``[`` and ``n`` in turn."""
    found: dict[str, list[float]] = defaultdict(list)
    for i in range(keys):
        pressed = await press(pilot, probe, "1", found)
        if wait_saved:
            while len(probe.saved) <= i:
                await asyncio.sleep(0.0005)
            found["1 saved"].append((probe.saved[i] - pressed) * 1000)
        if i % 2:
            await press(pilot, probe, "j", found)
    for _ in range(max(keys // 10, 1)):
        await press(pilot, probe, "left_square_bracket", found)
        await press(pilot, probe, "n", found)
    return found


async def measure(path: Path, keys: int) -> tuple[float, dict[str, list[float]]]:
    """Start-up seconds; key-to-painted, key-to-saved and key-to-handled milliseconds."""
    started = time.perf_counter()
    app = FactcheckApp(str(path), "bench")
    probe = Probe(app)
    async with app.run_test(size=(120, 40)) as pilot:
        while not app.screen.query(SentenceList) or not app.screen.query_one(SentenceList).option_count:
            await asyncio.sleep(0.005)
        startup = time.perf_counter() - started
        found = await drive(pilot, probe, keys, wait_saved=True)
        await pilot.press("q")
    probe.close()
    return startup, found


async def measure_floor(per_article: int, keys: int) -> dict[str, list[float]]:
    """Key-to-painted milliseconds of the bare one-list app, for the same keys."""
    rng = random.Random(11)
    articles = [[sentence(rng, a * per_article + i) for i in range(per_article)] for a in range(20)]
    app = FloorApp(articles)
    probe = Probe(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        found = await drive(pilot, probe, keys, wait_saved=False)
        await pilot.press("q")
    return found


FLOOR_KEYS = {"1": "1", "j": "j", "[": "left_square_bracket", "n": "n"}
"""The keys compared with the floor, as printed and as pressed."""


def compare(found: dict[str, list[float]], floor: dict[str, list[float]]) -> None:
    """Print factcheck's p99 key-to-paint beside the floor's, with the ratio."""
    print("p99 key-to-paint, factcheck vs a bare Textual app with one list (same run; goal <= 2x):")
    for shown, key in FLOOR_KEYS.items():
        ours, base = percentile(found[f"{key} painted"], 99), percentile(floor[f"{key} painted"], 99)
        print(f"  {shown}: factcheck {ours:.1f} ms  floor {base:.1f} ms  ratio {ours / base:.2f}x")


NAMES = {
    "1 painted": "'1' to screen painted",
    "1 saved": "'1' to LabelSaved (row committed)",
    "j painted": "'j' to screen painted",
    "left_square_bracket painted": "'[' (previous, labelled article) to screen painted",
    "n painted": "'n' (next unlabelled, in a later article) to screen painted",
    "1 handled": "'1' to pilot.press returning (test harness, includes its idle waits)",
    "j handled": "'j' to pilot.press returning",
}
"""What is measured, as printed."""


def main() -> None:
    """Build the database, run the app headless, print the numbers."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mentions", type=int, default=5000)
    parser.add_argument("--per-article", type=int, default=50)
    parser.add_argument("--keys", type=int, default=200)
    parser.add_argument("--labelled", type=float, default=0.5, help="fraction already labelled")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        built = build(path, args.mentions, args.per_article, args.labelled)
        articles = args.mentions // args.per_article
        print(
            f"database: {args.mentions} mentions in {articles} articles, "
            f"{args.labelled:.0%} already labelled; built in {built:.1f} s"
        )
        # The floor is measured before and after factcheck, so drift on a shared machine
        # weighs on both alike.
        floor = asyncio.run(measure_floor(args.per_article, args.keys // 2))
        startup, found = asyncio.run(measure(path, args.keys))
        for key, values in asyncio.run(measure_floor(args.per_article, args.keys // 2)).items():
            floor[key] += values
    print(f"start-up to a usable screen: {startup:.3f} s")
    for key, name in NAMES.items():
        print(f"{name}: {summary(found[key])}")
    for shown, key in FLOOR_KEYS.items():
        print(f"floor: '{shown}' to screen painted: {summary(floor[key + ' painted'])}")
    compare(found, floor)


def summary(values: list[float]) -> str:
    """p50, p99 and mean of some milliseconds."""
    return (
        f"p50 {percentile(values, 50):.1f} ms  p99 {percentile(values, 99):.1f} ms  "
        f"mean {statistics.fmean(values):.1f} ms  (n={len(values)})"
    )


if __name__ == "__main__":
    main()
