"""``factcheck stats``, ``agreement``, ``dedup`` and ``check``: what the lead reads and recomputes."""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from typing import Any

import click

from factcheck.cli.main import cli
from factcheck.cli.options import db_option, open_store, require_db, say, user_errors
from factcheck.cli.safe import json_for_terminal
from factcheck.store import Store, StoreError


@cli.command("stats")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option(
    "--days", type=click.IntRange(1, 366), default=14, show_default=True, help="Days the per-day chart shows."
)
@db_option
@user_errors
def stats_cmd(fmt: str, days: int, db_path: str) -> None:
    """Progress per annotator and field; against the plan when `factcheck assign` made one;
    pace from the event log (median seconds per sentence, labels per hour), the time what
    is left takes at that pace, and sentences labelled per day.

    Example: factcheck stats --format json
    """
    from factcheck.plan import team_report

    require_db(db_path)
    with open_store(db_path, read_only=True) as store:
        stats = store.stats()
        fields = store.schema.names
        labelled = {who: p.mentions_labelled for who, p in stats.annotators.items()}
        team = team_report(store, labelled)
    if fmt == "json":
        out = stats.to_dict()
        out["plan_unit"] = team.unit
        for who, report in team.to_dict()["annotators"].items():
            entry = out["annotators"].setdefault(who, {"mentions_labelled": 0, "fields": {}})
            entry.update({k: v for k, v in report.items() if k != "labelled"})
        click.echo(json_for_terminal(json.dumps(out, indent=2, ensure_ascii=False)))
        return
    from factcheck.cli.progress_render import print_days, print_progress
    from factcheck.cli.render import print_stats

    print_stats(stats, fields)
    print_progress(team)
    print_days(team, days, date.today())


SINCE_FORMATS = ["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S"]
DEFAULT_REPS = 1000


@cli.command("agreement")
@click.option("--field", "field_name", help="Only this field.")
@click.option(
    "--by",
    type=click.Choice(["article", "annotator"]),
    help="Report each article separately, or each annotator against the others "
    "(pairwise kappa, agreement with the majority and with gold).",
)
@click.option("--by-article", is_flag=True, hidden=True, help="Same as --by article.")
@click.option(
    "--overlap-only",
    is_flag=True,
    help="Only items the assignment plan gives to two or more annotators (factcheck assign --overlap).",
)
@click.option(
    "--since",
    type=click.DateTime(SINCE_FORMATS),
    metavar="DATE",
    help="Only labels set on or after DATE (YYYY-MM-DD, or YYYY-MM-DDTHH:MM:SS; UTC).",
)
@click.option(
    "--ci",
    type=click.Choice(["t", "bootstrap"]),
    default="t",
    show_default=True,
    help="Intervals: Student t around the analytic standard errors, or a percentile bootstrap over items.",
)
@click.option(
    "--reps",
    type=click.IntRange(min=10),
    help=f"Bootstrap resamples [default: {DEFAULT_REPS}]; time grows with reps x distinct rating patterns.",
)
@click.option(
    "--seed", type=int, help="Seed of the bootstrap [default: 0]; the same seed gives the same intervals."
)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@db_option
@user_errors
def agreement_cmd(
    field_name: str | None,
    by: str | None,
    by_article: bool,
    overlap_only: bool,
    since: datetime | None,
    ci: str,
    reps: int | None,
    seed: int | None,
    fmt: str,
    db_path: str,
) -> None:
    """Inter-annotator agreement per field: percent agreement, Cohen's and Fleiss' kappa,
    Krippendorff's alpha (and ordinal alpha for ordered fields), Gwet's AC1, with 95% intervals.

    Values on fewer than 10 pairable items are given with the warning "few items".

    Example: factcheck agreement --field stance --by annotator --since 2025-03-01
    """
    from factcheck.agreement import (
        Bootstrap,
        agreement_by_annotator,
        agreement_by_article,
        database_agreement,
    )

    if by_article:
        if by == "annotator":
            raise click.UsageError("--by-article and --by annotator exclude each other")
        by = "article"
    if ci != "bootstrap" and (reps is not None or seed is not None):
        raise click.UsageError("--reps and --seed need --ci bootstrap")
    bootstrap = Bootstrap(reps or DEFAULT_REPS, seed or 0) if ci == "bootstrap" else None
    require_db(db_path)
    with open_store(db_path, read_only=True) as store:
        if field_name is not None and store.schema.get(field_name) is None:
            raise click.BadParameter(
                f"unknown field {field_name!r} (fields: {', '.join(store.schema.names)})",
                param_hint="--field",
            )
        if overlap_only:
            _require_overlap(store)
        options: dict[str, Any] = {"overlap_only": overlap_only, "since": since, "bootstrap": bootstrap}
        if by == "article":
            result: Any = agreement_by_article(store, field_name, **options)
        elif by == "annotator":
            result = agreement_by_annotator(store, field_name, **options)
        else:
            result = database_agreement(store, field_name, **options)
    if fmt == "json":
        click.echo(
            json_for_terminal(json.dumps(result.to_dict(), indent=2, ensure_ascii=False, allow_nan=False))
        )
        return
    from factcheck.cli.agreement_table import print_annotator_reports, print_article_reports, print_report

    if by == "article":
        print_article_reports(result)
    elif by == "annotator":
        print_annotator_reports(result)
    else:
        print_report(result)


def _require_overlap(store: Store) -> None:
    """Refuse ``--overlap-only`` without a plan that gives some item to two annotators."""
    if store.plan_unit() is None:
        raise StoreError("--overlap-only needs an assignment plan (factcheck assign --overlap 0.2)")
    if not store.overlap_targets(claim_scope=False):
        raise StoreError("the assignment plan gives no item to two annotators (factcheck assign --overlap)")


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
    from factcheck.cli.ingesting import say_waiting
    from factcheck.dedup import DEFAULT_THRESHOLD, cluster_store

    require_db(db_path)
    with open_store(db_path) as store:
        if threshold is None:
            threshold = store.dedup_state().threshold or DEFAULT_THRESHOLD
        report = cluster_store(store, threshold=threshold, full=True, waiting=say_waiting)
    for conflict in report.conflicts:
        say(f"conflict: {conflict}")
    say(
        f"{report.mentions} sentence(s) in {report.claims} claim(s); {report.merged_mentions} share "
        f"a claim with another sentence; {report.variants} conflicting variant link(s); "
        f"{report.seconds:.2f}s ({report.transactions} write(s), the longest {report.longest_write:.2f}s)"
    )


@cli.command("check")
@db_option
@user_errors
def check_cmd(db_path: str) -> None:
    """Check the database: SQLite's integrity and foreign keys, and that every claim has
    sentences, its size is their number, its canonical sentence is one of them, and every
    claim link names two stored claims. Each failure is listed; the exit status is then 1.

    Example: factcheck check --db project.db
    """
    require_db(db_path)
    with open_store(db_path) as store:
        failures = store.check()
        counts = {name: store.count(name) for name in ("articles", "mentions", "claims", "claim_links")}
    for failure in failures:
        click.echo(f"failed: {failure}", err=True)
    if failures:
        sys.exit(1)
    shown = ", ".join(
        f"{n} {what}"
        for what, n in zip(
            ("article(s)", "sentence(s)", "claim(s)", "claim link(s)"), counts.values(), strict=True
        )
    )
    click.echo(f"ok: integrity, references and claim invariants hold ({shown})", err=True)
