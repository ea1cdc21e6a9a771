"""A readable terminal report of agreement results (rich tables)."""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from factcheck.agreement import (
    BOOTSTRAP_PERCENTILE,
    FEW_ITEMS,
    LINEARISED_MIN_SHARED,
    AgreementReport,
    AnnotatorAgreement,
    AnnotatorsAgreement,
    ArticlesAgreement,
    Coefficient,
    FieldAgreement,
    Versus,
)
from factcheck.cli.safe import escape_controls

SHOWN = (
    ("percent_agreement", "percent agreement"),
    ("cohen_kappa", "Cohen κ (mean of pairs)"),
    ("fleiss_kappa", "Fleiss κ"),
    ("krippendorff_alpha", "Krippendorff α"),
    ("krippendorff_alpha_ordinal", "Krippendorff α (ordinal)"),
    ("gwet_ac1", "Gwet AC1"),
)

NOTE = (
    "Items with fewer than two ratings are not pairable; — means undefined "
    "(one annotator, or one value in all the data). Intervals are 95%: Student t around "
    "Gwet's linearised standard errors (for Cohen's κ, a jackknife over items when a pair "
    f"shares fewer than {LINEARISED_MIN_SHARED}), clipped to each coefficient's range."
)
BOOTSTRAP_NOTE = (
    "Items with fewer than two ratings are not pairable; — means undefined "
    "(one annotator, or one value in all the data). Intervals are 95% percentile "
    "bootstrap intervals over {reps} resamples of the items (seed {seed})."
)


def _number(value: float | None) -> Text:
    return Text("—", style="dim") if value is None else Text(f"{value:.3f}")


def _interval(c: Coefficient) -> Text:
    return Text(f"[{c.ci[0]:.3f}, {c.ci[1]:.3f}]" if c.ci else "")


def _few(report: FieldAgreement) -> str:
    return (
        f"few items: {report.pairable_items} pairable (fewer than {FEW_ITEMS}); "
        "the values are shown but are rough"
    )


def field_table(name: str, report: FieldAgreement) -> Table:
    """One field: its counts in the title, then each coefficient with its 95% interval.

    With fewer than FEW_ITEMS pairable items the rows are dimmed and a note says why; so is
    Cohen's kappa's row when the pairs share fewer than FEW_ITEMS items on average.
    """
    title = f"{name}: {report.items} items, {report.pairable_items} pairable, {report.annotators} annotators"
    notes = [_few(report)] if report.warning else []
    if report.cohen_kappa_warning:
        shared = [
            n
            for pair, n in report.cohen_pairwise_items.items()
            if report.cohen_pairwise.get(pair) is not None
        ]
        notes.append(
            f"Cohen κ: pairs share {sum(shared) / len(shared):.1f} items on average; a mean of pairwise κ "
            "on so few runs low (Fleiss κ and Krippendorff α do not)"
        )
    caption = Text("\n".join(notes), style="dim italic") if notes else None
    table = Table(
        title=Text(escape_controls(title)),
        title_justify="left",
        min_width=50,
        caption=caption,
        caption_justify="left",
    )
    table.add_column("coefficient")
    table.add_column("value", justify="right")
    table.add_column("95% interval", justify="right")
    for key, label in SHOWN:
        c = report.coefficients[key]
        if key.endswith("_ordinal") and c.value is None:
            continue
        dim = report.warning or (key == "cohen_kappa" and report.cohen_kappa_warning)
        table.add_row(label, _number(c.value), _interval(c), style="dim" if dim else None)
    return table


def fields_tables(fields: dict[str, FieldAgreement]) -> list[Table | Text]:
    """A table for every field with ratings, a line for those without."""
    parts: list[Table | Text] = []
    for name, report in fields.items():
        if not report.items:
            parts.append(Text(escape_controls(f"{name}: no ratings yet"), style="dim"))
        else:
            parts.append(field_table(name, report))
    return parts


def pairwise_table(name: str, report: FieldAgreement) -> Table | None:
    """Cohen's kappa for every annotator pair of one field, if there are pairs."""
    if not report.cohen_pairwise:
        return None
    table = Table(
        title=Text(escape_controls(f"{name}: Cohen's κ per pair")), title_justify="left", min_width=50
    )
    table.add_column("pair")
    table.add_column("items", justify="right")
    table.add_column("κ", justify="right")
    for pair, kappa in sorted(report.cohen_pairwise.items()):
        shared = report.cohen_pairwise_items.get(pair)
        table.add_row(
            Text(escape_controls(pair.replace("|", " · "))),
            "" if shared is None else str(shared),
            _number(kappa),
        )
    return table


def _note(fields: list[FieldAgreement]) -> str:
    boot = next((f for f in fields if f.ci_method == BOOTSTRAP_PERCENTILE), None)
    if boot is None:
        return NOTE
    return BOOTSTRAP_NOTE.format(reps=boot.bootstrap_reps, seed=boot.bootstrap_seed)


def print_report(report: AgreementReport, console: Console | None = None) -> None:
    """Print a whole-database report."""
    console = console or Console()
    parts: list[RenderableType] = []
    for name, sub in report.fields.items():
        parts += fields_tables({name: sub})
        table = pairwise_table(name, sub) if sub.items else None
        if table is not None:
            parts.append(table)
    console.print(Group(*parts))
    console.print(_note(list(report.fields.values())), style="dim")


def print_article_reports(reports: ArticlesAgreement, console: Console | None = None) -> None:
    """Print one report per article."""
    console = console or Console()
    fields: list[FieldAgreement] = []
    for article in reports.articles:
        heading = Text(
            escape_controls(f"{article.title or article.path} ({article.article_id})"), style="bold"
        )
        console.print(Group(heading, *fields_tables(article.report.fields)))
        fields += article.report.fields.values()
    console.print(_note(fields), style="dim")


def _versus_row(against: str, v: Versus) -> tuple[list[Text], str | None]:
    """One reference's cells (items, agreement, kappa, interval), and the row's style."""
    cells = [
        Text(escape_controls(against)),
        Text(str(v.items)),
        _number(v.agreement.value),
        _number(v.kappa.value),
    ]
    return [*cells, _interval(v.kappa)], "dim" if v.warning else None


def annotator_table(name: str, annotators: dict[str, AnnotatorAgreement]) -> Table:
    """One field: per annotator, a row against the others (mean pairwise κ), their majority, and gold.

    Rows on fewer than FEW_ITEMS items are dimmed, and a note says why.
    """
    table = Table(
        title=Text(escape_controls(f"{name}: each annotator against the others")), title_justify="left"
    )
    for column, justify in (
        ("annotator", "left"),
        ("against", "left"),
        ("items", "right"),
        ("agree", "right"),
        ("κ", "right"),
        ("95% interval", "right"),
    ):
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    few = False
    for who, a in annotators.items():
        table.add_row(
            Text(escape_controls(who)),
            Text("others (mean κ)"),
            Text(str(a.shared_items)),
            "",
            _number(a.mean_kappa),
            "",
        )
        for against, versus in (("majority", a.majority), ("gold", a.gold)):
            cells, style = _versus_row(against, versus)
            few = few or (style is not None and versus.items > 0)
            table.add_row(
                Text(f"{a.items} rated" if against == "majority" else "", style="dim"),
                *cells,
                style=style,
                end_section=against == "gold",
            )
    if few:
        table.caption = Text(
            f"dimmed: fewer than {FEW_ITEMS} items; the values are rough", style="dim italic"
        )
        table.caption_justify = "left"
    return table


def print_annotator_reports(report: AnnotatorsAgreement, console: Console | None = None) -> None:
    """Print each field's per-annotator table."""
    console = console or Console()
    for name, annotators in report.fields.items():
        if not annotators:
            console.print(Text(escape_controls(f"{name}: no ratings yet"), style="dim"))
            continue
        console.print(annotator_table(name, annotators))
    console.print(
        "others: mean Cohen's κ with each other annotator, each on the items both rated; majority: "
        "the value most of the other annotators gave (ties left out); agree: the share of items "
        "with the same value. "
        + (
            f"Intervals are 95% percentile bootstrap intervals, {report.bootstrap_reps} resamples "
            f"(seed {report.bootstrap_seed})."
            if report.ci_method == BOOTSTRAP_PERCENTILE
            else "Intervals are 95%."
        ),
        style="dim",
    )
