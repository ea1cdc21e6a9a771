"""The command line: a click group of thin commands over the library, and their rich rendering."""

from factcheck.cli import configuring, data, ingesting, labelling, planning, reports, web
from factcheck.cli.main import cli, main

__all__ = ["cli", "configuring", "data", "ingesting", "labelling", "main", "planning", "reports", "web"]
