"""``factcheck stats``, ``agreement`` and ``dedup``: what the lead reads and recomputes."""

from __future__ import annotations

import json
from datetime import date

import click

from factcheck.cli.main import cli
from factcheck.cli.options import db_option, open_store, require_db, user_errors
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
    with open_store(db_path) as store:
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
        click.echo(json.dumps(out, indent=2, ensure_ascii=False))
        return
    from factcheck.cli.progress_render import print_days, print_progress
    from factcheck.cli.render import print_stats

    print_stats(stats, fields)
    print_progress(team)
    print_days(team, days, date.today())


@cli.command("agreement")
@click.option("--field", "field_name", help="Only this field.")
@click.option("--by-article", is_flag=True, help="Report each article separately.")
@click.option(
    "--overlap-only",
    is_flag=True,
    help="Only items the assignment plan gives to two or more annotators (factcheck assign --overlap).",
)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@db_option
@user_errors
def agreement_cmd(
    field_name: str | None, by_article: bool, overlap_only: bool, fmt: str, db_path: str
) -> None:
    """Inter-annotator agreement per field: percent agreement, Cohen's and Fleiss' kappa,
    Krippendorff's alpha (and ordinal alpha for ordered fields), Gwet's AC1, with 95% intervals.

    Example: factcheck agreement --field stance --format json
    """
    from factcheck.agreement import agreement_by_article, database_agreement

    require_db(db_path)
    with open_store(db_path) as store:
        if field_name is not None and store.schema.get(field_name) is None:
            raise click.BadParameter(
                f"unknown field {field_name!r} (fields: {', '.join(store.schema.names)})",
                param_hint="--field",
            )
        if overlap_only:
            _require_overlap(store)
        if by_article:
            per_article = agreement_by_article(store, field_name, overlap_only)
        else:
            report = database_agreement(store, field_name, overlap_only)
    from factcheck.cli.agreement_table import print_article_reports, print_report

    if by_article:
        if fmt == "json":
            click.echo(json.dumps(per_article.to_dict(), indent=2, ensure_ascii=False, allow_nan=False))
        else:
            print_article_reports(per_article)
        return
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False, allow_nan=False))
    else:
        print_report(report)


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
    from factcheck.dedup import DEFAULT_THRESHOLD, cluster_store

    require_db(db_path)
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
