"""Every annotator's value per item, grouped for unanimity and disagreement checks."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import sqlite_utils

if TYPE_CHECKING:
    from factcheck.schema import Schema


@dataclass(frozen=True)
class LabelGroup:
    """Every annotator's value for one item (a mention, or a claim for claim-scoped fields)."""

    target_kind: str
    target_id: str
    field: str
    values: dict[str, str]
    """annotator -> value."""
    mention_id: str
    """A mention to show for the item (the claim's canonical mention for a claim)."""
    gold: str | None = None
    """The item's gold value, if adjudicated."""


Disagreement = LabelGroup
"""An item on which annotators gave different values (same shape as a group)."""


def consensus(group: LabelGroup, schema: Schema) -> str | None:
    """The value every annotator gave (text compared normalised), or None if they differ.

    For a text field the most common spelling is returned, white space collapsed.
    """
    spec = schema.get(group.field)
    text = spec is not None and not spec.is_choice
    keys = {spec.comparable(v) if spec is not None else v for v in group.values.values()}
    if len(keys) != 1:
        return None
    spellings = Counter(" ".join(v.split()) if text else v for v in group.values.values())
    return min(spellings, key=lambda v: (-spellings[v], v))


def label_groups(db: sqlite_utils.Database, schema: Schema, field: str | None = None) -> Iterator[LabelGroup]:
    """Every labelled item with each annotator's value, streamed in target-id order.

    Mention-scoped fields are grouped by mention; claim-scoped fields by claim, taking
    each annotator's most recent value on the claim's mentions.

    Raises:
        ValueError: ``field`` is not in the schema.
    """
    fields = [f for f in schema if field is None or f.name == field]
    if field is not None and not fields:
        raise ValueError(f"unknown field {field!r}")
    per_mention = [f.name for f in fields if f.scope == "mention"]
    per_claim = [f.name for f in fields if f.scope == "claim"]
    if per_mention:
        sql = _MENTION_GROUPS_SQL.format(marks=_marks(per_mention))
        yield from _grouped("mention", db.execute(sql, per_mention))
    if per_claim:
        sql = _CLAIM_GROUPS_SQL.format(marks=_marks(per_claim))
        yield from _grouped("claim", db.execute(sql, per_claim))


_MENTION_GROUPS_SQL = (
    "select a.mention_id, a.field, a.annotator, a.value, a.mention_id, g.value "
    "from annotations a left join gold g on g.target_id = a.mention_id and g.field = a.field "
    "where a.field in ({marks}) order by a.mention_id, a.field, a.annotator"
)
# SQLite takes the bare columns (value, mention_id) from the row holding max(updated_at):
# each annotator's latest value on the claim.
_CLAIM_GROUPS_SQL = (
    "select m.claim_id, a.field, a.annotator, a.value, "
    "coalesce(c.canonical_mention_id, a.mention_id), g.value, max(a.updated_at) "
    "from annotations a join mentions m on m.id = a.mention_id "
    "left join claims c on c.id = m.claim_id "
    "left join gold g on g.target_id = m.claim_id and g.field = a.field "
    "where a.field in ({marks}) and m.claim_id is not null "
    "group by m.claim_id, a.field, a.annotator order by m.claim_id, a.field, a.annotator"
)


def _marks(items: Sequence[str]) -> str:
    return ",".join("?" * len(items))


def _grouped(kind: str, rows: Iterable[Sequence[str | None]]) -> Iterator[LabelGroup]:
    for (target, field), members in itertools.groupby(rows, key=lambda r: (r[0], r[1])):
        rows = list(members)
        values = {str(r[2]): str(r[3]) for r in rows}
        yield LabelGroup(kind, str(target), str(field), values, str(rows[0][4]), rows[0][5])
