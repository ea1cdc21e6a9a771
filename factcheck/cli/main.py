"""The click group every command hangs from, and the console-script entry point."""

from __future__ import annotations

import click


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="factcheck")
def cli() -> None:
    """Label the claims in news articles: ingest, annotate, measure agreement, export.

    Start with: factcheck annotate seeds/
    """


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="factcheck")
