"""Key bindings as data: navigation keys, and label keys generated from the schema."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from textual.binding import Binding
from textual.keys import key_to_character

from factcheck.schema import MAX_CHOICES, Schema

LABEL_GROUP = Binding.Group("label", compact=True)
"""The value keys share one footer entry."""


@dataclass(frozen=True)
class Key:
    """One row of a key table: a key, what it runs, and how the footer and help describe it."""

    id: str
    """Stable binding id (for ``App.set_keymap``)."""
    keys: str
    """Default keys, comma separated."""
    action: str
    """The screen action it runs."""
    footer: str
    """Short description for the footer."""
    help: str
    """What it does, for the help screen."""
    show: bool = True
    """Shown in the footer."""
    group: str | None = None
    """Keys with the same group share one footer entry under this description (``j k sentence``)."""
    secondary: bool = False
    """Shown in the footer only where it fits without another line (always in the help)."""


KEYS: list[Key] = [
    Key("next-sentence", "j,down", "next_sentence", "next", "next sentence", group="sentence"),
    Key("previous-sentence", "k,up", "previous_sentence", "previous", "previous sentence", group="sentence"),
    Key("next-field", "tab", "next_field", "next field", "next field", group="field"),
    Key("previous-field", "shift+tab", "previous_field", "previous field", "previous field", show=False),
    Key(
        "previous-article",
        "left_square_bracket",
        "article(-1)",
        "previous",
        "previous article",
        group="article",
    ),
    Key("next-article", "right_square_bracket", "article(1)", "next", "next article", group="article"),
    Key(
        "next-unlabelled",
        "n",
        "next_unlabelled",
        "unlabelled",
        "next sentence you have not labelled, across articles (of your share, when there is a plan)",
    ),
    Key(
        "edit",
        "enter",
        "edit",
        "edit",
        "edit the focused text field (pre-filled with the suggestion); enter accepts, escape cancels",
    ),
    Key(
        "flag",
        "exclamation_mark",
        "flag",
        "flag",
        "flag the sentence: unsure, come back to it (again: unflag)",
    ),
    Key(
        "undo",
        "u",
        "undo",
        "undo",
        "undo this session's last action: label, flag, split or join (after a restart: your last ones here)",
    ),
    Key(
        "cycle-filter", "f", "cycle_filter", "filter", "show all / unlabelled / flagged / disagreed sentences"
    ),
    Key("pick-article", "p", "pick_article", "articles", "list of articles with your progress"),
    Key("toggle-article", "t", "toggle_article", "article pane", "hide or show the article pane"),
    Key("help", "question_mark", "help", "help", "this help"),
    Key(
        "quit",
        "q",
        "quit",
        "quit",
        "quit once every label is written (q again: now, labels kept for later); ctrl+c too",
    ),
    Key(
        "copy-previous",
        "full_stop",
        "copy_previous",
        "copy prev",
        "copy the previous sentence's mention-scoped labels",
        secondary=True,
    ),
    Key("search", "slash", "search", "search", "search all sentences", secondary=True),
    Key(
        "split",
        "s",
        "split",
        "split",
        "split the sentence in two: move the cursor to where the second begins, enter splits",
        secondary=True,
    ),
    Key("join", "J,shift+j", "join", "join", "join the sentence with the next one", secondary=True),
    Key("clear-field", "backspace,delete", "clear_field", "clear", "clear the focused field", show=False),
]
"""Every key of the annotation screen except the value keys, in footer order."""

SECONDARY = frozenset(k.id for k in KEYS if k.secondary)
"""Ids of the keys the footer shows only where they fit."""


def bindings(keys: Iterable[Key]) -> list[Binding]:
    """One binding per row of a key table, with the row's id."""
    return [
        Binding(
            k.keys,
            k.action,
            k.footer,
            show=k.show,
            id=k.id,
            group=Binding.Group(k.group, compact=True) if k.group else None,
        )
        for k in keys
    ]


def value_bindings(count: int, action: str, id_prefix: str, group: Binding.Group) -> list[Binding]:
    """Keys 1 .. ``count``, each running ``action(n)``, with ids ``{id_prefix}-{n}``, in one footer group."""
    return [
        Binding(str(n), f"{action}({n})", f"value {n}", id=f"{id_prefix}-{n}", group=group)
        for n in range(1, count + 1)
    ]


def key_help_rows(keys: Iterable[Key], keymap: Mapping[str, str] | None = None) -> list[tuple[str, str]]:
    """(keys, what they do) for each row of a key table, for a help screen, as ``keymap`` binds them."""
    keymap = keymap or {}
    return [(describe_key(keymap.get(k.id, k.keys)), k.help) for k in keys]


def keymap_of(app: Any) -> dict[str, str]:
    """The user's keymap an app was started with (binding id -> keys; empty: the defaults)."""
    return dict(getattr(app, "user_keymap", None) or {})


def value_keys(keymap: Mapping[str, str], id_prefix: str, count: int = MAX_CHOICES) -> list[str]:
    """The first key of each value binding ``{id_prefix}-1`` .. ``-{count}``, as people read it."""
    return [describe_key(keymap.get(f"{id_prefix}-{n}", str(n)).split(",")[0]) for n in range(1, count + 1)]


def value_keys_text(keymap: Mapping[str, str], id_prefix: str) -> str:
    """``1-9``, or the remapped value keys in order (``a s d f g h j k l``)."""
    keys = value_keys(keymap, id_prefix)
    defaults = [str(n) for n in range(1, MAX_CHOICES + 1)]
    return f"1-{MAX_CHOICES}" if keys == defaults else " ".join(keys)


def navigation_bindings() -> list[Binding]:
    """Bindings for KEYS."""
    return bindings(KEYS)


def label_bindings(schema: Schema) -> list[Binding]:
    """One key per value position (1 .. the most values any field has), and ``x``."""
    most = max((len(f.values) for f in schema if f.is_choice), default=0)
    return [
        *value_bindings(most, "choose", "choose", LABEL_GROUP),
        Binding("x", "not_factual", "not factual", id="not-factual"),
    ]


def help_rows(schema: Schema, keymap: Mapping[str, str] | None = None) -> list[tuple[str, str]]:
    """(keys, what they do) for the help screen, value keys first, as ``keymap`` binds them."""
    keymap = keymap or {}
    rows = []
    if any(f.is_choice for f in schema):
        rows.append(
            (
                value_keys_text(keymap, "choose"),
                "choose the n-th value of the focused choice field, then the next field",
            )
        )
    rows.append(
        (describe_key(keymap.get("not-factual", "x")), "mark the sentence not-factual and go to the next one")
    )
    return rows + key_help_rows(KEYS, keymap)


def describe_key(keys: str) -> str:
    """A key list as a person reads it: ``j,down`` -> ``j / down``."""
    names = {
        "full_stop": ".",
        "slash": "/",
        "question_mark": "?",
        "left_square_bracket": "[",
        "right_square_bracket": "]",
        "exclamation_mark": "!",
    }
    return " / ".join(names.get(k, _character(k)) for k in keys.split(","))


def _character(key: str) -> str:
    """A key named after a printable character as that character (``plus`` -> ``+``)."""
    char = key_to_character(key) if "+" not in key else None
    return char if char is not None and char.isprintable() and not char.isspace() else key
