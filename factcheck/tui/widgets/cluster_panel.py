"""The claim panel: where else the current sentence's claim appears, and its conflicting variants."""

from __future__ import annotations

from typing import ClassVar

from textual.content import Content

from factcheck.tui.cluster import ClusterInfo
from factcheck.tui.display import one_line
from factcheck.tui.widgets.content_static import ContentStatic

MAX_SIBLINGS = 5
"""Other mentions listed in full; the rest are counted."""


def _labels(labels: dict[str, str]) -> str:
    return ", ".join(f"{k}={one_line(v, 30)}" for k, v in labels.items()) or "no labels yet"


class ClusterPanel(ContentStatic):
    """Other mentions of the claim with similarity and this annotator's labels; variants flagged."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"cluster-panel--muted", "cluster-panel--warning"}
    """Styles of secondary text and of conflict flags."""

    def show(self, info: ClusterInfo) -> None:
        """Present ``info`` (the panel's height is fixed by the layout, so no new layout is needed)."""
        muted = self.get_visual_style("cluster-panel--muted", partial=True)
        if not info:
            self.show_content(Content.styled("This claim appears only here.", muted), layout=False)
            return
        warning = self.get_visual_style("cluster-panel--warning", partial=True)
        if info.siblings:
            head = f"Same claim in {len(info.siblings)} other place(s):"
        else:
            head = "Appears only here; variants:"  # narrow: the panel is 35 columns wide at 80x24
        lines = [Content.styled(head, muted)]
        for sib in info.siblings[:MAX_SIBLINGS]:
            where = f"{sib.similarity}% alike · article #{sib.article_seq}, sentence {sib.index + 1}"
            lines.append(Content(where))
            lines.append(Content.styled(f"  {one_line(sib.article_title, 200)}", muted))
            lines.append(Content(f"  {one_line(sib.text, 300)}"))
            lines.append(Content.styled(f"  you: {_labels(sib.labels)}", muted))
        if len(info.siblings) > MAX_SIBLINGS:
            lines.append(Content.styled(f"… and {len(info.siblings) - MAX_SIBLINGS} more", muted))
        for v in info.variants:
            lines.append(Content.styled(f"⚠ conflicting variant ({one_line(v.kind, 20)})", warning))
            lines.append(Content(f"  {one_line(v.text, 300)}"))
            lines.append(Content.styled(f"  you: {_labels(v.labels)}", muted))
            if v.same_verdict:
                note = f"  same {', '.join(v.same_verdict)} as this claim: check both"
                lines.append(Content.styled(note, warning))
        self.show_content(Content("\n").join(lines), layout=False)
