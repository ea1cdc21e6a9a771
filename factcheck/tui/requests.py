"""Write requests the screen hands to the writer thread."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class SetLabel:
    """Set (or clear, with None) one field of one mention."""

    mention_id: str
    field: str
    value: str | None
    dwell_ms: int | None = None
    claim_id: str | None = None
    """The mention's claim, when the field is claim-scoped (the value reaches all of it)."""


@dataclass(frozen=True)
class SetLabels:
    """Set several mention-scoped fields of one mention as one undoable batch."""

    mention_id: str
    values: dict[str, str | None] = field(default_factory=dict)
    dwell_ms: int | None = None


@dataclass(frozen=True)
class Undo:
    """Revert this session's action ``target`` (a journal entry id).

    None: this annotator's last action in an earlier session on this host (after a restart).
    """

    target: str | None = None


Request = SetLabel | SetLabels | Undo
"""Anything the writer applies."""
