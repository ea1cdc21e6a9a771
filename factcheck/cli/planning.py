"""``factcheck assign``: who labels which article or sentence."""

from __future__ import annotations

from typing import Any

import click

from factcheck.cli.main import cli
from factcheck.cli.options import db_option, open_store, require_db, user_errors
from factcheck.store import UNITS, Store, StoreError


def _names(text: str | None) -> tuple[str, ...] | None:
    return None if text is None else tuple(part.strip() for part in text.split(","))


@cli.command("assign")
@click.option("--annotators", help="The team, comma separated: alice,bob,carol.")
@click.option("--per-item", type=int, help="Annotators per item [default: 1].")
@click.option(
    "--overlap", type=float, help="Fraction of items (0-1) given to two annotators, the rest to one."
)
@click.option(
    "--unit", type=click.Choice(UNITS), help="Plan whole articles or single sentences [default: article]."
)
@click.option("--seed", type=int, help="Another seed, another (equally balanced) plan [default: 0].")
@click.option(
    "--only-unlabelled", is_flag=True, default=None, help="Plan only items nobody has labelled yet."
)
@click.option("--clear", is_flag=True, help="Drop the plan (labels are kept) and exit.")
@db_option
@user_errors
def assign_cmd(
    annotators: str | None,
    per_item: int | None,
    overlap: float | None,
    unit: str | None,
    seed: int | None,
    only_unlabelled: bool | None,
    clear: bool,
    db_path: str,
) -> None:
    """Plan who labels what: every annotator gets an even share (counted in sentences),
    each item goes to --per-item annotators, or --overlap of them to two and the rest to one
    (for agreement). The plan is stored in the database; `annotate` follows it.

    Run it again after ingesting more articles or adding an annotator: work already
    started never moves, and settings not given are those of the stored plan.

    Example: factcheck assign --annotators alice,bob,carol --overlap 0.2
    """
    from factcheck.plan import PlanRequest, plan_rows

    require_db(db_path)
    with open_store(db_path) as store:
        if clear:
            removed = store.clear_plan()
            click.echo(f"plan dropped: {removed} assignment(s); labels are kept", err=True)
            return
        given = {
            "annotators": _names(annotators),
            "per_item": per_item,
            "overlap": overlap,
            "seed": seed,
            "only_unlabelled": only_unlabelled,
        }
        settings = _settings(store, given, unit)
        chosen_unit = str(settings.pop("unit"))
        request = PlanRequest(**settings)
        change = store.replan(chosen_unit, lambda state: plan_rows(state, request), request.settings())
        _report(store, chosen_unit, change.added, change.removed)


def _settings(store: Store, given: dict[str, Any], unit: str | None) -> dict[str, Any]:
    """The options given, the stored plan's settings for the others, then the defaults."""
    stored = store.plan_settings() or {}
    if given["annotators"] is None and not stored:
        raise StoreError("no plan yet: name the team with --annotators alice,bob")
    if given["per_item"] is not None and given["overlap"] is not None:
        raise StoreError("give --per-item or --overlap, not both")
    if given["per_item"] is not None or given["overlap"] is not None:
        stored = {k: v for k, v in stored.items() if k not in ("per_item", "overlap")}
    defaults: dict[str, Any] = {"per_item": 1, "overlap": None, "seed": 0, "only_unlabelled": False}
    chosen = {}
    for key in ("annotators", "per_item", "overlap", "seed", "only_unlabelled"):
        value = given[key]
        if value is None:
            value = stored.get(key, defaults.get(key))
        chosen[key] = value
    chosen["annotators"] = tuple(chosen["annotators"])
    chosen["per_item"] = chosen["per_item"] or 1
    chosen["unit"] = unit or stored.get("unit") or "article"
    return chosen


def _report(store: Store, unit: str, added: int, removed: int) -> None:
    progress = store.plan_progress()
    click.echo(f"plan by {unit}: {added} assignment(s) added, {removed} not yet started taken back", err=True)
    for who, share in progress.items():
        items = f"{share.items} article(s), " if unit == "article" else ""
        click.echo(f"  {who}: {items}{share.sentences} sentence(s), {share.done} labelled", err=True)
    overlap = len(store.overlap_targets(claim_scope=False))
    click.echo(f"  {overlap} sentence(s) planned for two or more annotators", err=True)
