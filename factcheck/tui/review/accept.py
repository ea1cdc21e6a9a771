"""Headless gold-making for ``factcheck review --accept-unanimous``: no Textual imported here."""

from __future__ import annotations

from factcheck.store import Store


def accept_unanimous(db_path: str, min_annotators: int = 2, field: str | None = None) -> int:
    """Make gold of every item on which all of at least ``min_annotators`` annotators agree.

    Existing gold is kept. The values are recorded as adjudicated by ``unanimous`` in
    one batch, so ``store.undo_gold("unanimous")`` reverts the whole run.

    Args:
        db_path: the database file.
        min_annotators: how many annotators must have labelled an item (at least 2).
        field: only this field (default: every field).

    Returns:
        How many items became gold.

    Raises:
        StoreError: the database cannot be opened or written.
        ValueError: ``field`` is not in the schema, or ``min_annotators`` is below 2.
    """
    with Store(db_path) as store:
        return store.accept_unanimous(min_annotators=min_annotators, field=field)
