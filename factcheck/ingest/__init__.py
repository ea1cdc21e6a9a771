"""Ingest: read files, clean scraped noise, segment into claims, pre-annotate."""
