"""The annotation app, headless in a process of its own: the subject of the durability tests.

Usage: python tui_child.py DB N MODE [KEYS]

Marks N sentences not-factual (``x``), or presses KEYS (comma separated) instead, then
prints ``SHOWN <status line>`` once the screen shows them (and, when the database is
locked, says they wait), and ``STATE <json>``: the first article as the screen shows it
(sentence ids, this annotator's labels and flags). Then, by MODE:
``wait`` waits until the app ends (a signal, or SIGKILL from the test); ``quit`` presses
``q`` and prints ``QUITTING <status line>`` while it waits; ``quit-now`` presses ``q``
twice. At the end it prints ``EXITED <labels left unwritten>``.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from collections.abc import Callable

from factcheck.tui.app import FactcheckApp
from factcheck.tui.screens.annotate import AnnotateScreen
from factcheck.tui.widgets.status_bar import StatusBar

DEADLINE_S = 120.0


def say(*words: object) -> None:
    print(*words, flush=True)


async def until(check: Callable[[], bool]) -> None:
    """Let the app run until ``check()`` holds (the app may end meanwhile)."""
    deadline = time.monotonic() + DEADLINE_S
    while not check():
        if time.monotonic() > deadline:
            say("TIMEOUT")
            sys.exit(3)
        await asyncio.sleep(0.05)


async def main(db: str, count: int, mode: str, keys: list[str]) -> None:
    app = FactcheckApp(db, "alice")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = next(s for s in app.screen_stack if isinstance(s, AnnotateScreen))

        def status() -> str:
            return str(screen.query_one(StatusBar).render())

        if keys:
            await pilot.press(*keys)
        else:
            await pilot.press(*["x"] * count)
            await until(lambda: screen.session.overall_progress()[0] == count)
        await until(lambda: app.writer.pending == 0 or "waiting for the database" in status())
        say("SHOWN", status())
        s = screen.session
        s.open_position(0)
        state = {"mentions": [m.id for m in s.mentions], "labels": s.mine, "flags": sorted(s.flags)}
        say("STATE", json.dumps(state))
        if mode in ("quit", "quit-now"):
            await pilot.press("q")
            await until(lambda: not app.is_running or "Quitting" in status())
            say("QUITTING", status())
            if mode == "quit-now":
                await pilot.press("q")
        await until(lambda: not app.is_running)
    say("EXITED", app.unwritten)


if __name__ == "__main__":
    keys = sys.argv[4].split(",") if sys.argv[4:] else []
    asyncio.run(main(sys.argv[1], int(sys.argv[2]), sys.argv[3], keys))
