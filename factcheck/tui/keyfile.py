"""A user's keymap file (TOML): binding id -> keys, checked before a screen opens.

```toml
[keys]
next-unlabelled = "n"
undo = ["u", "ctrl+z"]
choose-1 = "a"
```
"""

from __future__ import annotations

import difflib
import tomllib
import unicodedata
from pathlib import Path

MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})
"""Modifiers a key may carry (``ctrl+z``)."""

KEYMAP_FILE = "keymap.toml"
"""The keymap's name in the user's configuration folder."""


class KeymapError(ValueError):
    """A keymap file that cannot be used; the message names the file and what is wrong."""


def default_keymap_path() -> Path:
    """Where the keymap is looked for without ``--keymap``: the platform's configuration folder
    (``~/.config/factcheck/keymap.toml`` on Linux)."""
    import platformdirs

    return platformdirs.user_config_path("factcheck") / KEYMAP_FILE


def load_keymap(path: str | Path | None = None) -> dict[str, str]:
    """Read and check a keymap: ``path``, or the default file when it exists (else no keymap).

    Raises:
        KeymapError: the file is missing (when named), not TOML, has no ``[keys]`` table, names
            an unknown binding id or an unknown key, or gives one key to two actions of a screen.
    """
    if path is None:
        path = default_keymap_path()
        if not path.is_file():
            return {}
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise KeymapError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as err:
        raise KeymapError(f"{path}: cannot read it: {err}") from None
    except tomllib.TOMLDecodeError as err:
        raise KeymapError(f"{path}: not valid TOML: {err}") from None
    try:
        keymap = _parse(data)
        check_keymap(keymap)
    except KeymapError as err:
        raise KeymapError(f"{path}: {err}") from None
    return keymap


def _parse(data: dict[str, object]) -> dict[str, str]:
    table = data.get("keys")
    extra = sorted(set(data) - {"keys"})
    if not isinstance(table, dict) or extra:
        raise KeymapError('expected only a [keys] table of binding id = "key" lines')
    keymap = {}
    for binding_id, value in table.items():
        if isinstance(value, str):
            keys = [k.strip() for k in value.split(",")]
        elif isinstance(value, list) and value and all(isinstance(k, str) for k in value):
            keys = [k.strip() for k in value]
        else:
            raise KeymapError(f"{binding_id}: give a key as a string, or several as a list of strings")
        keymap[binding_id] = ",".join(normalise_key(k, binding_id) for k in keys)
    return keymap


def normalise_key(key: str, binding_id: str) -> str:
    """A key as Textual names it (``?`` -> ``question_mark``), or an error saying why it is none.

    Raises:
        KeymapError: not a key Textual knows.
    """
    from textual.keys import Keys, _character_to_key

    *modifiers, base = key.split("+") if key not in ("+",) else [key]
    problem = None
    if not base:
        problem = "is empty"
    elif unknown := [m for m in modifiers if m not in MODIFIERS]:
        problem = f"has an unknown modifier {unknown[0]!r} (use {', '.join(sorted(MODIFIERS))})"
    elif len(base) == 1:
        if not base.isprintable() or (unicodedata.category(base).startswith("Z") and base != " "):
            problem = "is not a key"
        base = "space" if base == " " else _character_to_key(base)
    elif base not in {k.value for k in Keys} and not _names_a_character(base):
        close = difflib.get_close_matches(base, sorted({k.value for k in Keys}), n=1)
        problem = "is not a key name" + (f" (did you mean {close[0]!r}?)" if close else "")
    if problem is not None:
        raise KeymapError(f"{binding_id}: {key!r} {problem}")
    return "+".join([*modifiers, base])


def _names_a_character(name: str) -> bool:
    """Whether ``name`` is Textual's name of a printable character (``question_mark``, ``plus``)."""
    from textual.keys import REPLACED_KEYS, key_to_character

    return name in REPLACED_KEYS or key_to_character(name) is not None


def check_keymap(keymap: dict[str, str]) -> None:
    """Refuse unknown binding ids, and a key given to two actions of the same screen.

    Raises:
        KeymapError: the first problem found.
    """
    screens = binding_ids()
    known = {binding_id for ids in screens.values() for binding_id in ids}
    for binding_id in keymap:
        if binding_id not in known:
            close = difflib.get_close_matches(binding_id, sorted(known), n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            raise KeymapError(
                f"unknown binding id {binding_id!r} ({hint}the README's keys table lists every id)"
            )
    for screen, ids in screens.items():
        owner: dict[str, str] = {}
        for binding_id, default in ids.items():
            for key in keymap.get(binding_id, default).split(","):
                if key in owner and owner[key] != binding_id:
                    raise KeymapError(
                        f"{key!r} would do two things on the {screen} screen: "
                        f"{owner[key]} and {binding_id} (give one of them another key)"
                    )
                owner[key] = binding_id


def binding_ids() -> dict[str, dict[str, str]]:
    """Every remappable binding, per screen: screen -> binding id -> default keys."""
    from factcheck.schema import MAX_CHOICES
    from factcheck.tui.keymap import KEYS
    from factcheck.tui.review.keys import KEYS as REVIEW_KEYS

    values = {f"choose-{n}": str(n) for n in range(1, MAX_CHOICES + 1)}
    picks = {f"review-pick-{n}": str(n) for n in range(1, MAX_CHOICES + 1)}
    return {
        "annotation": {**values, "not-factual": "x", **{k.id: k.keys for k in KEYS}},
        "review": {**picks, **{k.id: k.keys for k in REVIEW_KEYS}},
        "help": {"help-close": "escape,q,question_mark", "help-down": "j,down", "help-up": "k,up"},
        "review help": {
            "review-help-close": "escape,q,question_mark",
            "review-help-down": "j,down",
            "review-help-up": "k,up",
        },
        "article list": {"picker-close": "escape,q,p", "list-select": "enter"},
        "search": {"search-close": "escape"},
        "text editor": {"editor-cancel": "escape", "editor-accept": "tab"},
        "split": {"split-here": "enter", "split-cancel": "escape"},
    }
