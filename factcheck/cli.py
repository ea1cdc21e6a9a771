"""The command line: a click group of thin commands over the library."""

from __future__ import annotations

import functools
import getpass
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from factcheck.schema import SchemaError, load_schema
from factcheck.store import Store, StoreError
from factcheck.store.core import default_db_path

F = TypeVar("F", bound=Callable[..., Any])


def db_option(func: F) -> F:
    """The ``--db`` option every command takes."""
    return click.option(
        "--db",
        "db_path",
        type=click.Path(dir_okay=False),
        default=default_db_path,
        show_default="annotations.db or $FACTCHECK_DB",
        help="Database file.",
    )(func)


def user_errors(func: F) -> F:
    """Turn errors a user can cause into one message on stderr and exit status 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (StoreError, SchemaError) as err:
            click.echo(f"Error: {err}", err=True)
            sys.exit(1)
        except BrokenPipeError:
            # `factcheck export | head` closes the pipe early: not an error.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(0)
        except OSError as err:
            if err.filename is None:  # not about a file the user named: a bug, keep the traceback
                raise
            name = str(err.filename).removesuffix(".part")
            click.echo(f"Error: {name}: {err.strerror or err}", err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


def open_store(db_path: str, schema_path: str | None = None) -> Store:
    """Open the database, installing or extending the schema from a TOML file."""
    schema = load_schema(schema_path) if schema_path else None
    return Store(db_path, schema)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="factcheck")
def cli() -> None:
    """Label the claims in news articles: ingest, annotate, measure agreement, export.

    Start with: factcheck annotate seeds/
    """


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="factcheck")


def default_annotator() -> str:
    """``$FACTCHECK_ANNOTATOR``, then the login name."""
    env = os.environ.get("FACTCHECK_ANNOTATOR")
    if env:
        return env
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "annotator"


def run_ingest(store: Store, paths: tuple[str, ...]) -> bool:
    """Ingest with a progress bar on stderr; print errors and a summary. True if all went well."""
    from factcheck.ingest.pipeline import ingest

    bar = _Progress()
    try:
        report = ingest(store, paths, progress=bar.update)
    finally:
        bar.close()
    for error in report.errors:
        click.echo(f"skipped {error.path}: {error.reason}", err=True)
    _cluster_pending(store)
    click.echo(report.summary(), err=True)
    return not report.errors


def _cluster_pending(store: Store) -> None:
    """Cluster mentions not clustered yet: new ones, merged ones, or those an interrupted run left."""
    if not store.has_unclustered():
        return
    from factcheck.dedup import cluster_store

    result = cluster_store(store)
    for conflict in result.conflicts:
        click.echo(f"conflict: {conflict}", err=True)


class _Progress:
    """A progress bar on stderr, shown only for runs long enough to need one."""

    MIN_FILES = 20

    def __init__(self) -> None:
        self._bar: Any = None
        self._done = 0

    def update(self, done: int, total: int) -> None:
        if total < self.MIN_FILES:
            return
        if self._bar is None:
            self._bar = click.progressbar(length=total, label="ingesting", file=sys.stderr, show_pos=True)
            self._bar.__enter__()
        self._bar.update(done - self._done)
        self._done = done

    def close(self) -> None:
        if self._bar is not None:
            self._bar.update(self._bar.length - self._done)
            self._bar.__exit__(None, None, None)


@cli.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--schema", "schema_path", type=click.Path(dir_okay=False), help="Label schema (TOML).")
@db_option
@user_errors
def ingest_cmd(paths: tuple[str, ...], schema_path: str | None, db_path: str) -> None:
    """Read, clean and segment articles (.txt, .md, .html, .jsonl, folders) into the database.

    Re-ingesting the same content adds nothing. A bad file is reported and skipped,
    and the exit status is then 1.

    Example: factcheck ingest seeds/ --db project.db
    """
    with open_store(db_path, schema_path) as store:
        ok = run_ingest(store, paths)
    if not ok:
        sys.exit(1)


@cli.command("annotate")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--annotator", default=default_annotator, show_default="$FACTCHECK_ANNOTATOR or login name")
@click.option("--schema", "schema_path", type=click.Path(dir_okay=False), help="Label schema (TOML).")
@db_option
@user_errors
def annotate_cmd(paths: tuple[str, ...], annotator: str, schema_path: str | None, db_path: str) -> None:
    """Open the labelling screen, after ingesting PATHS if given.

    Example: factcheck annotate seeds/ --annotator alice
    """
    with open_store(db_path, schema_path) as store:
        if paths:
            run_ingest(store, paths)
        if store.count("mentions") == 0:
            raise StoreError(f"{db_path}: no articles yet; give files to ingest: factcheck annotate seeds/")
    from factcheck.tui.app import run_annotate

    run_annotate(db_path, annotator)


@cli.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv", "claimreview", "checkthat", "fever"]),
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
    long-form CSV, schema.org ClaimReview, CLEF CheckThat! TSV or FEVER JSONL.

    Example: factcheck export --format csv --output labels.csv
    """
    from factcheck.export import ExportOptions, export

    options = ExportOptions(organization=organization)
    _require_db(db_path)
    with open_store(db_path) as store:
        if output is None:
            summary = export(store, fmt, sys.stdout, gold_only, options)
        else:
            tmp = Path(output + ".part")
            try:
                with open(tmp, "w", encoding="utf-8", newline="\n") as out:
                    summary = export(store, fmt, out, gold_only, options)
            except BaseException:
                tmp.unlink(missing_ok=True)
                raise
            tmp.replace(output)
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
        _cluster_pending(store)


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

    _require_db(db_path)
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


@cli.command("stats")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@db_option
@user_errors
def stats_cmd(fmt: str, db_path: str) -> None:
    """Progress per annotator and field.

    Example: factcheck stats --format json
    """
    _require_db(db_path)
    with open_store(db_path) as store:
        stats = store.stats()
        fields = store.schema.names
    if fmt == "json":
        click.echo(json.dumps(stats, indent=2, ensure_ascii=False))
        return
    _print_stats_table(stats, fields)


def _print_stats_table(stats: dict[str, Any], fields: list[str]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    total = stats["mentions"]
    title = f"{stats['articles']} articles, {total} sentences, {stats['claims']} claims, {stats['gold']} gold"
    table = Table(title=title, title_justify="left", min_width=min(len(title), 100))
    table.add_column("")
    people = sorted(stats["annotators"].items())
    for who, _per in people:
        table.add_column(Text(who), justify="right")
    if not people:
        Console().print(Text(title + "; nobody has labelled anything yet"))
        return

    def share(n: int) -> str:
        return f"{n} ({100 * n / total:.0f}%)" if total else str(n)

    table.add_row("sentences labelled", *(share(per["mentions_labelled"]) for _w, per in people))
    for name in fields:
        table.add_row(Text(name), *(str(per["fields"].get(name, 0)) for _w, per in people))
    Console().print(table)


@cli.command("agreement")
@click.option("--field", "field_name", help="Only this field.")
@click.option("--by-article", is_flag=True, help="Report each article separately.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@db_option
@user_errors
def agreement_cmd(field_name: str | None, by_article: bool, fmt: str, db_path: str) -> None:
    """Inter-annotator agreement per field: percent agreement, Cohen's and Fleiss' kappa,
    Krippendorff's alpha (and ordinal alpha for ordered fields), Gwet's AC1, with 95% intervals.

    Example: factcheck agreement --field stance --format json
    """
    from factcheck.agreement_data import agreement_by_article, database_agreement

    _require_db(db_path)
    with open_store(db_path) as store:
        if field_name is not None and store.schema.get(field_name) is None:
            raise click.BadParameter(
                f"unknown field {field_name!r} (fields: {', '.join(store.schema.names)})",
                param_hint="--field",
            )
        compute = agreement_by_article if by_article else database_agreement
        report = compute(store, field_name)
    if fmt == "json":
        click.echo(json.dumps(report, indent=2, ensure_ascii=False, allow_nan=False))
        return
    from factcheck.agreement_table import print_report

    print_report(report)


@cli.command("dedup")
@click.option(
    "--threshold",
    type=click.FloatRange(0, 100),
    default=None,
    help="Similarity (0-100) at which two sentences are the same claim [default: the last one used].",
)
@db_option
@user_errors
def dedup_cmd(threshold: float | None, db_path: str) -> None:
    """Recompute the claim clusters over every sentence; labels are kept.

    Sentences that differ only in a number or a negation are kept apart and linked as
    conflicting variants. Claim-scoped labels follow their claim; where joining two
    claims brings together different values from one annotator, nothing is overwritten
    and the conflict is listed.

    Example: factcheck dedup --threshold 90
    """
    from factcheck.dedup import DEFAULT_THRESHOLD, cluster_store

    _require_db(db_path)
    with open_store(db_path) as store:
        if threshold is None:
            threshold = store.dedup_meta()[0] or DEFAULT_THRESHOLD
        report = cluster_store(store, threshold=threshold, full=True)
    for conflict in report.conflicts:
        click.echo(f"conflict: {conflict}", err=True)
    click.echo(
        f"{report.mentions} sentence(s) in {report.claims} claim(s); {report.merged_mentions} share "
        f"a claim with another sentence; {report.variants} conflicting variant link(s); "
        f"{report.seconds:.2f}s",
        err=True,
    )


@cli.command("review")
@click.option(
    "--annotator",
    "adjudicator",
    default=default_annotator,
    show_default="$FACTCHECK_ANNOTATOR or login name",
    help="Who adjudicates: recorded with every gold label.",
)
@click.option(
    "--accept-unanimous",
    is_flag=True,
    help="Make gold of every item that at least two annotators labelled alike (existing gold is "
    "kept), print how many, and exit without opening the screen.",
)
@db_option
@user_errors
def review_cmd(adjudicator: str, accept_unanimous: bool, db_path: str) -> None:
    """Adjudicate the items annotators disagree on into gold labels.

    Walks every disagreement with each annotator's value and the sentence in its
    article; a key makes a value gold, recorded with the adjudicator and the time.

    Example: factcheck review --annotator carol
    """
    _require_db(db_path)
    if accept_unanimous:
        from factcheck.tui.review.accept import accept_unanimous as accept

        count = accept(db_path)
        click.echo(f"{count} item(s) made gold from unanimous labels (adjudicator 'unanimous')", err=True)
        return
    from factcheck.tui.review.app import run_review

    run_review(db_path, adjudicator)


def _require_db(db_path: str) -> None:
    if not Path(db_path).exists():
        raise StoreError(f"{db_path}: no such database (run 'factcheck ingest FILES' first)")
