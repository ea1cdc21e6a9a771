"""Ingest: read files, clean scraped noise, segment into claims, pre-annotate."""

from factcheck.ingest.pipeline import FileError, IngestReport, ingest

__all__ = ["FileError", "IngestReport", "ingest"]
