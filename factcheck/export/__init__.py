"""Exports: the labelled dataset as JSONL records (the contract) and in the field's formats.

Every format streams, so a database of any size exports in constant memory.
"""

from factcheck.export.base import Exporter, ExportError, ExportOptions, ExportSummary
from factcheck.export.files import check_output, export_to_file
from factcheck.export.jsonl import EXPORTERS, export, iter_jsonl, record, write_export
from factcheck.export.parquet import arrow_schema, export_parquet

__all__ = [
    "EXPORTERS",
    "ExportError",
    "ExportOptions",
    "ExportSummary",
    "Exporter",
    "arrow_schema",
    "check_output",
    "export",
    "export_parquet",
    "export_to_file",
    "iter_jsonl",
    "record",
    "write_export",
]
