"""Writing an export to a file the user named: the old file stays whole until the new one is."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from factcheck.export.base import ExportOptions, ExportSummary
from factcheck.export.jsonl import export

if TYPE_CHECKING:
    from factcheck.store import Store


def export_to_file(
    store: Store, fmt: str, path: str, gold_only: bool = False, options: ExportOptions | None = None
) -> ExportSummary:
    """Stream an export into ``path`` through a temporary file renamed over it at the end.

    A failure part-way (a full disk, an interrupt) leaves any previous file at ``path`` as it was.

    Raises:
        OSError: the file cannot be written (its ``filename`` is the path given).
        ExportError: the format needs a field this database's schema lacks.
    """
    tmp = Path(path + ".part")
    try:
        with open(tmp, "w", encoding="utf-8", newline="\n") as out:
            summary = export(store, fmt, out, gold_only, options)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    tmp.replace(path)
    return summary
