"""The command line: a click group of thin commands over the library, and their rich rendering."""

from factcheck.cli import data, ingesting, labelling, planning, reports
from factcheck.cli.main import cli, main

__all__ = ["cli", "data", "ingesting", "labelling", "main", "planning", "reports"]
