"""A readable terminal report of agreement results (rich tables)."""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from factcheck.agreement import AgreementReport, ArticlesAgreement, FieldAgreement

SHOWN = (
    ("percent_agreement", "percent agreement"),
    ("cohen_kappa", "Cohen κ (mean of pairs)"),
    ("fleiss_kappa", "Fleiss κ"),
    ("krippendorff_alpha", "Krippendorff α"),
    ("krippendorff_alpha_ordinal", "Krippendorff α (ordinal)"),
    ("gwet_ac1", "Gwet AC1"),
)


def _value(report: FieldAgreement, key: str) -> tuple[Text, Text]:
    c = report.coefficients[key]
    if c.value is None:
        return Text("—", style="dim"), Text("")
    return Text(f"{c.value:.3f}"), Text(f"[{c.ci[0]:.3f}, {c.ci[1]:.3f}]" if c.ci else "")


def field_table(name: str, report: FieldAgreement) -> Table:
    """One field: its counts in the title, then each coefficient with its 95% interval."""
    title = f"{name}: {report.items} items, {report.pairable_items} pairable, {report.annotators} annotators"
    table = Table(title=Text(title), title_justify="left", min_width=50)
    table.add_column("coefficient")
    table.add_column("value", justify="right")
    table.add_column("95% interval", justify="right")
    for key, label in SHOWN:
        if key.endswith("_ordinal") and report.coefficients[key].value is None:
            continue
        table.add_row(label, *_value(report, key))
    return table


def fields_tables(fields: dict[str, FieldAgreement]) -> list[Table | Text]:
    """A table for every field with ratings, a line for those without."""
    parts: list[Table | Text] = []
    for name, report in fields.items():
        if not report.items:
            parts.append(Text(f"{name}: no ratings yet", style="dim"))
        else:
            parts.append(field_table(name, report))
    return parts


def pairwise_table(name: str, report: FieldAgreement) -> Table | None:
    """Cohen's kappa for every annotator pair of one field, if there are pairs."""
    if not report.cohen_pairwise:
        return None
    table = Table(title=f"{name}: Cohen's κ per pair", title_justify="left", min_width=50)
    table.add_column("pair")
    table.add_column("κ", justify="right")
    for pair, kappa in sorted(report.cohen_pairwise.items()):
        table.add_row(Text(pair.replace("|", " · ")), "—" if kappa is None else f"{kappa:.3f}")
    return table


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
    console.print(
        "Items with fewer than two ratings are not pairable; — means undefined "
        "(one annotator, or one value in all the data). Intervals are 95%.",
        style="dim",
    )


def print_article_reports(reports: ArticlesAgreement, console: Console | None = None) -> None:
    """Print one report per article."""
    console = console or Console()
    for article in reports.articles:
        heading = Text(f"{article.title or article.path} ({article.article_id})", style="bold")
        console.print(Group(heading, *fields_tables(article.report.fields)))
