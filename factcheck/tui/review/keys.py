"""The review screen's keys as data: each binding has a stable id (remappable with ``set_keymap``)."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding

from factcheck.schema import MAX_CHOICES
from factcheck.tui.keymap import describe_key

PICK_GROUP = Binding.Group("pick gold", compact=True)
"""The value keys share one footer entry."""


@dataclass(frozen=True)
class Key:
    """One key of the review screen."""

    id: str
    """Stable binding id."""
    keys: str
    """Default keys, comma separated."""
    action: str
    """The screen action it runs."""
    footer: str
    """Short description for the footer."""
    help: str
    """What it does, for the help screen."""
    show: bool = True
    """Shown in the footer (moving keys are not)."""


KEYS: list[Key] = [
    Key(
        "review-type",
        "enter",
        "type_gold",
        "type",
        "type the gold value of a text field (pre-filled with the most common value); "
        "enter saves, escape cancels",
    ),
    Key("review-skip", "s,space", "skip", "skip", "leave this item pending and go to the next pending one"),
    Key("review-undo", "u", "undo", "undo", "undo your last gold decision (also after a restart)"),
    Key("review-filter", "f", "cycle_filter", "field", "show one field at a time, in turn, then all again"),
    Key("review-help", "question_mark", "help", "help", "this help"),
    Key("review-quit", "q", "quit", "quit", "quit (every decision is already saved)"),
    Key("review-next", "j,down", "move(1)", "next", "next item (pending or not)", show=False),
    Key("review-previous", "k,up", "move(-1)", "previous", "previous item", show=False),
]
"""Every key of the review screen except the value keys, in footer order."""


def review_bindings() -> list[Binding]:
    """The value keys 1-9, then KEYS."""
    picks = [
        Binding(str(n), f"pick({n})", f"value {n}", id=f"review-pick-{n}", group=PICK_GROUP)
        for n in range(1, MAX_CHOICES + 1)
    ]
    return [*picks, *(Binding(k.keys, k.action, k.footer, show=k.show, id=k.id) for k in KEYS)]


def help_rows() -> list[tuple[str, str]]:
    """(keys, what they do) for the help screen, value keys first."""
    picks = (
        f"1-{MAX_CHOICES}",
        "make the value with that number gold, then go to the next pending item "
        "(choice fields: the schema's values in order, as when annotating; "
        "text fields: the distinct values given, most given first)",
    )
    return [picks, *((describe_key(k.keys), k.help) for k in KEYS)]
