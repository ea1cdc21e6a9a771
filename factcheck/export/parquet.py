"""The training dataset as Parquet through pyarrow (the ``parquet`` extra), in row groups of constant size."""

from __future__ import annotations

from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factcheck.export.base import ExportError, ExportOptions, ExportSummary
from factcheck.export.dataset import ANNOTATIONS, FLOAT, INTEGER, columns, rows

if TYPE_CHECKING:
    from factcheck.schema import Schema
    from factcheck.store import Store

ROWS_PER_GROUP = 5_000
"""Rows held in memory and written as one Parquet row group."""

MISSING = "Parquet output needs pyarrow: pip install 'factcheck[parquet]'"


def _pyarrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet  # the writer is a submodule
    except ImportError:
        raise ExportError(MISSING) from None
    return pyarrow


def arrow_schema(schema: Schema) -> Any:
    """The declared Arrow schema of the dataset (also for reading its JSONL with types).

    Raises:
        ExportError: pyarrow is not installed.
    """
    pa = _pyarrow()
    scalar = {INTEGER: pa.int64(), FLOAT: pa.float64()}
    annotator = pa.struct(
        [pa.field("annotator", pa.string()), *(pa.field(f.name, pa.string()) for f in schema)]
    )
    fields = [
        pa.field(c.name, pa.list_(annotator) if c.type == ANNOTATIONS else scalar.get(c.type, pa.string()))
        for c in columns(schema)
    ]
    return pa.schema(fields, metadata={"factcheck.schema": schema.to_json()})


def export_parquet(
    store: Store, path: str, gold_only: bool = False, options: ExportOptions | None = None
) -> ExportSummary:
    """Write the dataset to ``path`` as Parquet; the old file stays whole until the new one is.

    Raises:
        ExportError: pyarrow is not installed (before anything is written).
        OSError: the file cannot be written (its ``filename`` is the path given).
    """
    pa = _pyarrow()
    declared = arrow_schema(store.schema)
    summary = ExportSummary()
    tmp = Path(path + ".part")
    try:
        with pa.parquet.ParquetWriter(str(tmp), declared) as writer:
            stream = rows(store, gold_only, summary)
            while batch := list(islice(stream, ROWS_PER_GROUP)):
                writer.write_table(pa.Table.from_pylist(batch, schema=declared))
            if summary.records == 0:
                writer.write_table(declared.empty_table())
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    tmp.replace(path)
    return summary
