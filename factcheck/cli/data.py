"""``factcheck export``, ``import`` and ``merge``: labels out of and into the database."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from factcheck.cli.ingesting import cluster_pending
from factcheck.cli.main import cli
from factcheck.cli.options import db_option, open_store, require_db, user_errors
from factcheck.store import StoreError


@cli.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv", "claimreview", "checkthat", "fever", "articles"]),
    default="jsonl",
    show_default=True,
    help="Output format.",
)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write here instead of stdout.")
@click.option("--gold-only", is_flag=True, help="Only items with a gold label.")
@click.option(
    "--organization",
    default="factcheck",
    show_default=True,
    help="claimreview: the organisation publishing the reviews.",
)
@db_option
@user_errors
def export_cmd(fmt: str, output: str | None, gold_only: bool, organization: str, db_path: str) -> None:
    """Export the dataset: every mention with its labels (JSONL, to stdout by default),
    long-form CSV, schema.org ClaimReview, CLEF CheckThat! TSV or FEVER JSONL; or the
    articles, one JSON line each with the cleaned text that start/end offsets point into.

    Example: factcheck export --format csv --output labels.csv
    """
    from factcheck.export import ExportOptions, export, export_to_file

    options = ExportOptions(organization=organization)
    require_db(db_path)
    with open_store(db_path) as store:
        if output is None:
            summary = export(store, fmt, sys.stdout, gold_only, options)
        else:
            summary = export_to_file(store, fmt, output, gold_only, options)
    for line in summary.lines():
        click.echo(line, err=True)
    if output:
        click.echo(f"wrote {summary.records} record(s) to {output}", err=True)


@cli.command("merge")
@click.argument("others", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option(
    "--schema",
    "schema_path",
    type=click.Path(dir_okay=False),
    help="Extend this database's schema first (TOML).",
)
@db_option
@user_errors
def merge_cmd(others: tuple[str, ...], schema_path: str | None, db_path: str) -> None:
    """Union other annotators' databases (built from the same articles) into this one.

    Every file is checked first; each merge is all or nothing. Where two databases hold
    different values for the same annotator, sentence and field (or gold), the newest wins
    and the other is kept in the event log. Merging the same file twice changes nothing.

    Example: factcheck merge alice.db bob.db --db lead.db
    """
    from factcheck.merge import merge_databases

    for other in others:
        if not Path(other).exists():
            raise StoreError(f"{other}: no such database")
    with open_store(db_path, schema_path) as store:
        merge_databases(
            store,
            list(others),
            progress=lambda path, r: click.echo(f"merged {path}: {r.summary()}", err=True),
        )
        cluster_pending(store)


@cli.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@db_option
@user_errors
def import_cmd(file: str, db_path: str) -> None:
    """Import labels from JSONL in the export format (whole file or nothing).

    Only mention_id and annotations are required on each line.

    Example: factcheck import alice.jsonl
    """
    from factcheck.importer import ImportFileError, import_file

    require_db(db_path)
    with open_store(db_path) as store:
        try:
            counts = import_file(file, store)
        except ImportFileError as err:
            click.echo(f"Error: {err}; nothing was imported", err=True)
            sys.exit(1)
    click.echo(
        f"imported {file}: {counts.inserted} new, {counts.updated} changed, "
        f"{counts.unchanged} unchanged label(s)",
        err=True,
    )
