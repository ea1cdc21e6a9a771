"""``factcheck export``, ``import`` and ``merge``: labels out of and into the database."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

from factcheck.cli.ingesting import cluster_pending
from factcheck.cli.main import cli
from factcheck.cli.options import UserError, db_option, open_store, require_db, say, user_errors
from factcheck.store import StoreError

T = TypeVar("T")


@cli.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(
        ["jsonl", "csv", "dataset", "claimreview", "checkthat", "checkthat-run", "fever", "articles"]
    ),
    default="jsonl",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(),
    help="Write here instead of stdout ('-' is stdout). A file is replaced whole once the export is "
    "complete; a pipe or device is written into; the database is refused.",
)
@click.option("--gold-only", is_flag=True, help="Only items with a gold label.")
@click.option(
    "--organization",
    default="factcheck",
    show_default=True,
    help="claimreview: the organisation publishing the reviews.",
)
@click.option(
    "--csv-raw",
    is_flag=True,
    help="csv: write cells exactly as stored. By default a cell starting with = + - @, a tab or a "
    "carriage return gets a leading ' so that a spreadsheet shows it instead of running it as a "
    "formula; use this for programs that read the CSV.",
)
@click.option(
    "--review-url",
    metavar="TEMPLATE",
    help="claimreview: each review's address, with {claim_id} in it "
    "(e.g. https://example.org/checks/{claim_id}).",
)
@click.option("--allow-missing-url", is_flag=True, help="claimreview: write reviews without a url.")
@db_option
@user_errors
def export_cmd(
    fmt: str,
    output: str | None,
    gold_only: bool,
    organization: str,
    csv_raw: bool,
    review_url: str | None,
    allow_missing_url: bool,
    db_path: str,
) -> None:
    """Export the dataset: every mention with its labels (JSONL, to stdout by default),
    long-form CSV, a training dataset, schema.org ClaimReview, CLEF CheckThat! TSV or FEVER JSONL;
    or the articles, one JSON line each with the cleaned text that start/end offsets point into.

    \b
    dataset       one row per sentence: context, each annotator's labels, and
                  per field a final label (gold, else majority) with its basis
                  and agreement; JSONL, or CSV / Parquet when --output ends in
                  .csv / .parquet (Parquet: pip install 'factcheck[parquet]')
    checkthat     Sentence_id, Text, class_label (CheckThat! 2024 Task 1);
                  Sentence_id: the first 15 hex digits of the mention id
    checkthat-run the same labels as a run file for the lab's checker and scorer
    claimreview   one review per claim with a verdict; needs --review-url
    fever         one line per claim; evidence lists the sources cited for the
                  verdict (whole sources, not Wikipedia sentences): label
                  accuracy is meaningful, the FEVER score needs predictions
                  citing the same sources

    Example: factcheck export --format dataset --output train.parquet
    """
    from factcheck.export import ExportOptions, check_output, export, export_parquet, export_to_file

    options = ExportOptions(
        organization=organization,
        csv_raw=csv_raw,
        review_url=review_url,
        allow_missing_url=allow_missing_url,
    )
    require_db(db_path)
    if output == "-":
        output = None
    if output is not None:
        check_output(output, db_path)
    if fmt == "dataset" and output and output.endswith(".csv"):
        fmt = "dataset-csv"
    with open_store(db_path, read_only=True) as store:
        if fmt == "dataset" and output and output.endswith(".parquet"):
            summary = export_parquet(store, output, gold_only, options)
        elif output is None:
            summary = _to_stdout(lambda: export(store, fmt, sys.stdout, gold_only, options))
        else:
            summary = export_to_file(store, fmt, output, gold_only, options)
    for line in summary.lines():
        say(line)
    if output:
        say(f"wrote {summary.records} record(s) to {output}")


def _to_stdout(write: Callable[[], T]) -> T:
    """Run a write to stdout; a failure (a full disk) is one line and exit status 1."""
    try:
        result = write()
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as err:
        # Whatever is still buffered would fail again at exit: send it nowhere.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise UserError(f"cannot write to standard output: {err.strerror or err}") from None
    return result


@cli.command("datasette-metadata")
@db_option
@user_errors
def datasette_metadata_cmd(db_path: str) -> None:
    """Print Datasette metadata (JSON) describing every table, view and column of the database.

    The database has foreign keys, full-text search of sentences and two views for analysis:
    final_labels (one row per sentence) and labels_wide (one row per sentence and annotator).

    Example: factcheck datasette-metadata > metadata.json && datasette annotations.db -m metadata.json
    """
    from factcheck.store import datasette_metadata

    require_db(db_path)
    with open_store(db_path) as store:
        click.echo(json.dumps(datasette_metadata(store), indent=2, ensure_ascii=False))


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

    Every file is checked first, row by row; the merge of all of them is then all or
    nothing (if interrupted, the next factcheck command completes it). For each annotator,
    sentence and field (and each gold item) the newest value or clear of either database
    wins, and a discarded value is kept in the event log. Merging the same file twice
    changes nothing, and merging A into B gives the labels B into A gives.

    Example: factcheck merge alice.db bob.db --db lead.db
    """
    from factcheck.merge import merge_databases

    for other in others:
        if not Path(other).exists():
            raise StoreError(f"{other}: no such database")
    with open_store(db_path, schema_path) as store:
        merge_databases(store, list(others), progress=lambda path, r: say(f"merged {path}: {r.summary()}"))
        cluster_pending(store)


@cli.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@db_option
@user_errors
def import_cmd(file: str, db_path: str) -> None:
    """Import labels and gold from JSONL in the export format (whole file or nothing).

    Only mention_id and annotations are required on each line; gold, labelled_at and
    gold_adjudication are read when present. Every line is checked before anything is
    written. A claim-scoped label reaches every sentence of its claim, as in the labelling
    screen. Where the file and the database (or the file and itself) disagree, the newest
    value wins; values without a time count as set now.

    Example: factcheck import alice.jsonl
    """
    from factcheck.importer import ImportFileError, import_file

    require_db(db_path)
    with open_store(db_path) as store:
        try:
            counts = import_file(file, store)
        except ImportFileError as err:
            raise UserError(f"{err}; nothing was imported") from None
    say(
        f"imported {file}: {counts.inserted} new, {counts.updated} changed, {counts.unchanged} unchanged "
        f"label(s); {counts.gold_added} new, {counts.gold_updated} changed, {counts.gold_unchanged} "
        f"unchanged gold; {counts.conflicts} conflict(s) (the newest value kept)"
    )
