"""Ingest: read files, clean scraped noise, segment into claims, pre-annotate."""

from factcheck.ingest.attribution import suggest_sources
from factcheck.ingest.pipeline import FileError, IngestReport, ingest

__all__ = ["FileError", "IngestReport", "ingest", "suggest_sources"]
