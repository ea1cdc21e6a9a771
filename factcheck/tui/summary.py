"""A compact summary of one sentence's labels for its row in the list (``CW agree Maalouf ngo``)."""

from __future__ import annotations

from functools import cache

from factcheck.schema import Schema
from factcheck.tui.display import one_line

TEXT_LIMIT = 16
"""Characters of a text value shown in a summary."""

Piece = tuple[str, bool]
"""One value as shown, and whether it belongs to the claim (set once for every mention)."""


@cache
def short_forms(values: tuple[str, ...]) -> dict[str, str]:
    """How each value of a choice field (its ``values``) is shown in a summary.

    A value of several hyphenated words is shown by its initials (``check-worthy``: ``CW``,
    ``not-enough-evidence``: ``NEE``) unless two values of the field would share them;
    other values are shown whole.
    """
    initials = {v: "".join(w[:1] for w in v.split("-")).upper() for v in values if "-" in v}
    taken = list(initials.values()) + [v for v in values if v not in initials]
    return {v: initials[v] if v in initials and taken.count(initials[v]) == 1 else v for v in values}


def row_summary(schema: Schema, values: dict[str, str]) -> tuple[Piece, ...]:
    """The values of the fields that apply, in schema order, each shortened."""
    pieces = []
    for field in schema.fields:
        value = values.get(field.name)
        if value is None or not field.applies(values):
            continue
        if field.is_choice:
            shown = short_forms(field.values).get(value, value)
        else:
            shown = one_line(value, TEXT_LIMIT)
        pieces.append((shown, field.scope == "claim"))
    return tuple(pieces)
