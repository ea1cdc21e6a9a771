"""Ingest: read files, clean scraped noise, segment into claims, pre-annotate."""

from factcheck.ingest.attribution import suggest_sources
from factcheck.ingest.pipeline import Between, FileError, IngestReport, ingest

__all__ = ["Between", "FileError", "IngestReport", "ingest", "suggest_sources"]
