"""The review screen's keys as data: each binding has a stable id (remappable with ``set_keymap``)."""

from __future__ import annotations

from collections.abc import Mapping

from textual.binding import Binding

from factcheck.schema import MAX_CHOICES
from factcheck.tui.keymap import Key, bindings, key_help_rows, value_bindings, value_keys_text

PICK_GROUP = Binding.Group("pick gold", compact=True)
"""The value keys share one footer entry."""

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
    return [*value_bindings(MAX_CHOICES, "pick", "review-pick", PICK_GROUP), *bindings(KEYS)]


def help_rows(keymap: Mapping[str, str] | None = None) -> list[tuple[str, str]]:
    """(keys, what they do) for the help screen, value keys first, as ``keymap`` binds them."""
    picks = (
        value_keys_text(keymap or {}, "review-pick"),
        "make the value with that number gold, then go to the next pending item "
        "(choice fields: the schema's values in order, as when annotating; "
        "text fields: the distinct values given, most given first)",
    )
    return [picks, *key_help_rows(KEYS, keymap)]
