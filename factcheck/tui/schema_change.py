"""What changed between two label schemas, in a few words for the annotator."""

from __future__ import annotations

from factcheck.schema import Schema


def describe_change(old: Schema, new: Schema) -> str:
    """Fields and values removed or added, e.g. ``stance: 'discuss' removed; note added``."""
    parts = []
    for field in old:
        after = new.get(field.name)
        if after is None:
            parts.append(f"{field.name} removed")
            continue
        removed = [v for v in field.values if v not in after.values]
        added = [v for v in after.values if v not in field.values]
        if removed:
            parts.append(f"{field.name}: {', '.join(map(repr, removed))} removed")
        if added:
            parts.append(f"{field.name}: {', '.join(map(repr, added))} added")
    parts += [f"{f.name} added" for f in new if old.get(f.name) is None]
    return "; ".join(parts) or "field settings changed"
