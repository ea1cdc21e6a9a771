"""A readable terminal report of agreement results (rich tables)."""

from __future__ import annotations

from typing import Any

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

SHOWN = (
    ("percent_agreement", "percent agreement"),
    ("cohen_kappa", "Cohen κ (mean of pairs)"),
    ("fleiss_kappa", "Fleiss κ"),
    ("krippendorff_alpha", "Krippendorff α"),
    ("krippendorff_alpha_ordinal", "Krippendorff α (ordinal)"),
    ("gwet_ac1", "Gwet AC1"),
)


def _value(report: dict[str, Any], key: str) -> tuple[Text, Text]:
    value = report.get(key)
    if value is None:
        return Text("—", style="dim"), Text("")
    ci = report.get(f"{key}_ci")
    return Text(f"{value:.3f}"), Text(f"[{ci[0]:.3f}, {ci[1]:.3f}]" if ci else "")


def field_table(name: str, report: dict[str, Any]) -> Table:
    """One field: its counts in the title, then each coefficient with its 95% interval."""
    title = (
        f"{name}: {report.get('items', 0)} items, {report.get('pairable_items', 0)} pairable, "
        f"{report.get('annotators', 0)} annotators"
    )
    table = Table(title=Text(title), title_justify="left", min_width=50)
    table.add_column("coefficient")
    table.add_column("value", justify="right")
    table.add_column("95% interval", justify="right")
    for key, label in SHOWN:
        if key.endswith("_ordinal") and report.get(key) is None:
            continue
        table.add_row(label, *_value(report, key))
    return table


def fields_tables(fields: dict[str, dict[str, Any]]) -> list[Table | Text]:
    """A table for every field with ratings, a line for those without."""
    parts: list[Table | Text] = []
    for name, report in fields.items():
        if not report.get("items"):
            parts.append(Text(f"{name}: no ratings yet", style="dim"))
        else:
            parts.append(field_table(name, report))
    return parts


def pairwise_table(name: str, report: dict[str, Any]) -> Table | None:
    """Cohen's kappa for every annotator pair of one field, if there are pairs."""
    pairs = report.get("cohen_pairwise") or {}
    if not pairs:
        return None
    table = Table(title=f"{name}: Cohen's κ per pair", title_justify="left", min_width=50)
    table.add_column("pair")
    table.add_column("κ", justify="right")
    for pair, kappa in sorted(pairs.items()):
        table.add_row(Text(pair.replace("|", " · ")), "—" if kappa is None else f"{kappa:.3f}")
    return table


def print_report(report: dict[str, Any], console: Console | None = None) -> None:
    """Print a whole-database report, or a per-article one (``{"articles": ...}``)."""
    console = console or Console()
    if "articles" in report:
        for article_id, sub in report["articles"].items():
            heading = Text(f"{sub.get('title') or sub.get('path')} ({article_id})", style="bold")
            console.print(Group(heading, *fields_tables(sub["fields"])))
        return
    parts: list[Any] = []
    for name, sub in report["fields"].items():
        parts += fields_tables({name: sub})
        table = pairwise_table(name, sub) if sub.get("items") else None
        if table is not None:
            parts.append(table)
    console.print(Group(*parts))
    console.print(
        "Items with fewer than two ratings are not pairable; — means undefined "
        "(one annotator, or one value in all the data). Intervals are 95%.",
        style="dim",
    )
