"""CSV in long form: one row per mention and annotator, plus a ``gold`` row per adjudicated mention."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from factcheck.export.base import ExportOptions, ExportSummary

if TYPE_CHECKING:
    from factcheck.store import ExportRow, Store

COLUMNS = (
    "row_kind",
    "annotator",
    "mention_id",
    "claim_id",
    "article_id",
    "article_path",
    "index",
    "start",
    "end",
    "text",
)
"""The fixed columns; one column per schema field follows them."""

LABEL_PREFIX = "label_"
"""Put before a field's column name when the field is called like a fixed column."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""A spreadsheet evaluates a cell that starts with one of these (OWASP, CSV injection)."""


def neutralise(cell: object) -> object:
    """A text cell a spreadsheet would run as a formula, made plain text with a leading ``'``.

    ``=HYPERLINK("http://evil", "click")`` in an article sentence, a note or an annotator
    name would otherwise become a live formula when the CSV is opened in Excel, LibreOffice
    or Google Sheets. Numbers (offsets) are left alone.
    """
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def field_columns(names: Sequence[str]) -> list[str]:
    """The column name of each field, in schema order."""
    return [LABEL_PREFIX + n if n in COLUMNS else n for n in names]


def iter_csv(
    store: Store,
    gold_only: bool = False,
    *,
    summary: ExportSummary | None = None,
    options: ExportOptions | None = None,
) -> Iterator[str]:
    """Stream the CSV: a header, then the rows of each mention in export order.

    Mentions with neither a label nor gold have no row; they are counted in ``summary``.
    Values are quoted by the csv module, so text with commas, quotes or newlines loads
    as is in pandas. A cell starting with ``= + - @``, a tab or a carriage return gets a
    leading ``'`` (see :func:`neutralise`) unless ``options.csv_raw``.
    """
    raw = options is not None and options.csv_raw
    return _rows(store, gold_only, summary if summary is not None else ExportSummary(), raw)


def _rows(store: Store, gold_only: bool, summary: ExportSummary, raw: bool) -> Iterator[str]:
    names = store.schema.names
    buffer = io.StringIO()
    plain = csv.writer(buffer, lineterminator="\n")
    writer = plain if raw else _Neutralising(plain)
    writer.writerow([*COLUMNS, *field_columns(names)])
    yield _drain(buffer)
    for row in store.iter_export(gold_only=gold_only):
        if not row.labels and not row.gold:
            summary.leave_out("sentence(s) with no label")
            continue
        for annotator in sorted(row.labels):
            writer.writerow(_cells(row, "annotation", annotator, row.labels[annotator], names))
            summary.records += 1
        if row.gold:
            writer.writerow(_cells(row, "gold", "", row.gold, names))
            summary.records += 1
        yield _drain(buffer)


def _cells(
    row: ExportRow, kind: str, who: str, values: Mapping[str, str], names: Sequence[str]
) -> list[object]:
    m = row.mention
    fixed = [kind, who, m.id, m.claim_id, row.article.id, row.article.path, m.index, m.start, m.end, m.text]
    return [*fixed, *(values.get(n, "") for n in names)]


class _Neutralising:
    """A csv writer whose cells pass through :func:`neutralise` first."""

    def __init__(self, writer: Any) -> None:
        self._writer = writer

    def writerow(self, row: Sequence[object]) -> None:
        self._writer.writerow([neutralise(cell) for cell in row])


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text
