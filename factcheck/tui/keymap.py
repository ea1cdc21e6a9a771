"""Key bindings as data: navigation keys, and label keys generated from the schema."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding

from factcheck.schema import Schema

LABEL_GROUP = Binding.Group("label", compact=True)
"""The value keys share one footer entry."""

ARTICLE_GROUP = Binding.Group("article", compact=True)
"""Previous and next article share one footer entry."""

NOT_FACTUAL = ("checkworthy", "not-factual")
"""The (field, value) the ``x`` key sets."""


@dataclass(frozen=True)
class Key:
    """One key of the annotation screen."""

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
    """Shown in the footer (navigation keys are not)."""


KEYS: list[Key] = [
    Key(
        "next-unlabelled",
        "n",
        "next_unlabelled",
        "unlabelled",
        "next sentence you have not labelled, across articles",
    ),
    Key(
        "edit",
        "enter",
        "edit",
        "edit",
        "edit the focused text field (pre-filled with the suggestion); enter accepts, escape cancels",
    ),
    Key("undo", "u", "undo", "undo", "undo your last change (also after a restart)"),
    Key("help", "question_mark", "help", "help", "this help"),
    Key("quit", "q", "quit", "quit", "quit (every label is already saved)"),
    Key(
        "copy-previous",
        "full_stop",
        "copy_previous",
        "copy prev",
        "copy the previous sentence's mention-scoped labels",
    ),
    Key("search", "slash", "search", "search", "search all sentences"),
    Key("pick-article", "p", "pick_article", "articles", "list of articles with your progress"),
    Key("cycle-filter", "f", "cycle_filter", "filter", "show all / unlabelled / disagreed sentences"),
    Key("next-sentence", "j,down", "next_sentence", "next", "next sentence", show=False),
    Key("previous-sentence", "k,up", "previous_sentence", "previous", "previous sentence", show=False),
    Key("next-field", "tab", "next_field", "next field", "next field", show=False),
    Key("previous-field", "shift+tab", "previous_field", "previous field", "previous field", show=False),
    Key("clear-field", "backspace,delete", "clear_field", "clear", "clear the focused field", show=False),
    Key("previous-article", "left_square_bracket", "article(-1)", "article", "previous article", show=False),
    Key("next-article", "right_square_bracket", "article(1)", "article", "next article", show=False),
    Key("toggle-article", "t", "toggle_article", "article pane", "hide or show the article pane", show=False),
]
"""Every key of the annotation screen except the value keys, in footer order."""


def navigation_bindings() -> list[Binding]:
    """Bindings for KEYS."""
    return [Binding(k.keys, k.action, k.footer, show=k.show, id=k.id) for k in KEYS]


def label_bindings(schema: Schema) -> list[Binding]:
    """One key per value position (1 .. the most values any field has), and ``x``."""
    most = max((len(f.values) for f in schema if f.is_choice), default=0)
    bindings = [
        Binding(str(n), f"choose({n})", f"value {n}", id=f"choose-{n}", group=LABEL_GROUP)
        for n in range(1, most + 1)
    ]
    bindings.append(Binding("x", "not_factual", "not factual", id="not-factual"))
    return bindings


def help_rows(schema: Schema) -> list[tuple[str, str]]:
    """(keys, what they do) for the help screen, value keys first."""
    most = max((len(f.values) for f in schema if f.is_choice), default=0)
    rows = []
    if most:
        rows.append(
            (
                f"1-{most}" if most > 1 else "1",
                "choose the n-th value of the focused field, then the next field",
            )
        )
    rows.append(("x", "mark the sentence not-factual and go to the next one"))
    rows += [(describe_key(k.keys), k.help) for k in KEYS]
    return rows


def describe_key(keys: str) -> str:
    """A key list as a person reads it: ``j,down`` -> ``j / down``."""
    names = {
        "full_stop": ".",
        "slash": "/",
        "question_mark": "?",
        "left_square_bracket": "[",
        "right_square_bracket": "]",
    }
    return " / ".join(names.get(k, k) for k in keys.split(","))
