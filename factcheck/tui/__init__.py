"""Textual user interface for annotation and review."""
