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


@dataclass(frozen=True)
class SetFlag:
    """Flag (or unflag) a sentence for this annotator."""

    mention_id: str
    flagged: bool


@dataclass(frozen=True)
class Split:
    """Split a sentence at character ``at`` of its article."""

    mention_id: str
    at: int
    suggestions: tuple[str | None, str | None] = (None, None)
    """Source suggestions for the two parts."""


@dataclass(frozen=True)
class Join:
    """Join a sentence with the next one."""

    mention_id: str
    suggestion: str | None = None
    """Source suggestion for the joined sentence."""


Request = SetLabel | SetLabels | Undo | SetFlag | Split | Join
"""Anything the writer applies."""
