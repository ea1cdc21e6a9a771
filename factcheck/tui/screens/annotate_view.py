"""What the annotation screen shows: layout, and bringing the widgets up to date with the session."""

from __future__ import annotations

import time

from textual import events, work
from textual.app import ComposeResult
from textual.binding import BindingsMap
from textual.containers import Container, Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer

from factcheck.schema import Schema
from factcheck.store import Store
from factcheck.tui.cluster import ClusterInfo, cluster_info
from factcheck.tui.keymap import SECONDARY, label_bindings
from factcheck.tui.schema_change import describe_change
from factcheck.tui.session import Session
from factcheck.tui.summary import row_summary
from factcheck.tui.widgets.article_view import ArticleHeader, ArticleView
from factcheck.tui.widgets.cluster_panel import ClusterPanel
from factcheck.tui.widgets.content_static import ContentStatic
from factcheck.tui.widgets.key_bar import KeyBar
from factcheck.tui.widgets.label_panel import FieldEditor, LabelPanel
from factcheck.tui.widgets.sentence_list import Row, SentenceList
from factcheck.tui.widgets.status_bar import StatusBar
from factcheck.tui.writer import LabelWriter

FOOTER_DELAY_S = 0.3
"""Quiet time after a key before the footer shows which keys now apply."""

MIN_SIZE = (64, 16)
"""Columns and lines below which the screen shows only a request for a larger terminal."""

TICK_S = 0.25
"""How often the screen looks at the writer (labels waiting, a quit waiting for them)."""

WAIT_SHOWN_S = 0.5
"""A label unwritten for this long is shown as waiting for the database."""

SCHEMA_CHECK_S = 2.0
"""How often an idle screen looks for a schema changed by another process."""


class AnnotateView(Screen[None]):
    """The widgets of the annotation screen and how they present the session."""

    def __init__(self, session: Session, writer: LabelWriter) -> None:
        super().__init__()
        self.session = session
        """What is shown and where the annotator is."""
        self.writer = writer
        """Where label writes go."""
        # The value keys depend on the schema stored in the database, so they are
        # generated here rather than declared on the class.
        self._own_bindings = self._bindings
        generated = BindingsMap(label_bindings(session.schema))
        self._bindings = BindingsMap.merge([generated, self._own_bindings])
        self.quitting = False
        """Quit was asked for while labels wait for the database."""
        self._waiting_shown = (0, False)
        self._schema_checked = time.monotonic()
        self._shown_article: str | None = None
        self._shown_visible: list[int] | None = None
        self._cluster_key: tuple[str, int] | None = None
        self._version = 0
        self._rows_version = -1
        self._keys_signature: tuple[bool, bool, int, bool] | None = None
        self._keys_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        """Status line, article and sentences, label panel and claim context, footer."""
        yield StatusBar(id="status")
        with Horizontal(id="main"):
            with Container(id="reading"):
                with Vertical(id="article-pane"):
                    yield ArticleHeader(id="article-header")
                    yield ArticleView(id="article-view")
                yield SentenceList(id="sentences")
            with Vertical(id="side"):
                yield LabelPanel(self.session.schema, id="labels")
                yield ClusterPanel(id="cluster")
        yield ContentStatic(id="too-small")
        yield KeyBar(SECONDARY, id="keys")

    def on_mount(self) -> None:
        """Show where the session starts."""
        self.refresh_view()
        self.set_interval(TICK_S, self.tick)
        if not self.session.index:
            self.notify("No articles yet: ingest some with `factcheck ingest PATH`.", markup=False)

    def on_resize(self, event: events.Resize) -> None:
        """Below the minimum size, say so instead of drawing an unusable layout."""
        width, height = event.size
        small = width < MIN_SIZE[0] or height < MIN_SIZE[1]
        self.set_class(small, "-too-small")
        if small:
            message = (
                f"The terminal is too small ({width}x{height}): "
                f"factcheck needs at least {MIN_SIZE[0]}x{MIN_SIZE[1]}. "
                "Enlarge the window; every label is saved, q quits."
            )
            self.query_one("#too-small", ContentStatic).show_content(Content(message))

    # -- presenting ------------------------------------------------------------------

    def refresh_view(self) -> None:
        """Bring every widget up to date with the session (cheap: one article)."""
        s = self.session
        self.query_one(StatusBar).show(s)
        if s.article is not None and s.article.id != self._shown_article:
            self._shown_article = s.article.id
            self.query_one(ArticleHeader).show(s.article, s.position + 1, len(s.index))
        self._show_sentences()
        m = s.mention
        labelled = [(x.start, x.end) for x in s.mentions if s.labelled(x)]
        current = (m.start, m.end) if m is not None else None
        self.query_one(ArticleView).show(s.article.text if s.article else "", current, labelled)
        values = s.mine.get(m.id, {}) if m is not None else {}
        focused = s.field_index if m is not None else None
        self.query_one(LabelPanel).show(values, focused, s.suggestion(s.field))
        self._show_cluster()
        self._refresh_keys()

    def _refresh_keys(self) -> None:
        """Update the footer when the keys that apply change, once the annotator pauses.

        Redrawing the footer costs more than everything else a key does, so while
        keys come quickly it waits (the keys themselves always act on the current state).
        """
        s = self.session
        m, f = s.mention, s.field
        signature = (m is None, f.is_choice, len(f.values), self.editing)
        if signature == self._keys_signature:
            return
        first, self._keys_signature = self._keys_signature is None, signature
        if first:
            self.refresh_bindings()
            return
        if self._keys_timer is not None:
            self._keys_timer.stop()
        self._keys_timer = self.set_timer(FOOTER_DELAY_S, self.refresh_bindings)

    def _show_sentences(self) -> None:
        s = self.session
        listing = self.query_one(SentenceList)
        if s.visible is not self._shown_visible:
            self._shown_visible, self._rows_version = s.visible, self._version
            listing.show(s.mentions, s.visible, [self._row(i) for i in s.visible])
        elif self._rows_version != self._version:
            # Rows change only with labels: moving from sentence to sentence leaves them be.
            self._rows_version = self._version
            listing.update_rows([self._row(i) for i in s.visible])
        listing.select_mention(s.current)

    def _row(self, index: int) -> Row:
        s = self.session
        values = s.mine.get(s.mentions[index].id, {})
        flagged = s.mentions[index].id in s.flags
        return Row(self._state(index), flagged, row_summary(s.schema, values))

    def _state(self, index: int) -> str:
        s = self.session
        m = s.mentions[index]
        if s.filter == "disagree" and s.disagrees(m):
            return "disagree"
        if s.labelled(m):
            return "labelled"
        return "claim" if s.from_claim_only(m) else "unlabelled"

    def _show_cluster(self) -> None:
        s = self.session
        m = s.mention
        key = (m.id, self._version) if m is not None else None
        if key == self._cluster_key:
            return
        self._cluster_key = key
        info = ClusterInfo([], [])
        if m is not None:
            info = cluster_info(s.store, s.annotator, m, s.mine.get(m.id, {}))
        self.query_one(ClusterPanel).show(info)

    def labels_changed(self) -> None:
        """Note that labels changed, so derived views are recomputed."""
        self._version += 1

    @work(thread=True, exclusive=True, group="counts")
    def refresh_counts(self) -> None:
        """Re-read the progress counts in a thread, with its own connection."""
        s = self.session
        with Store(s.store.path) as store:
            counts = store.labelled_counts(s.annotator)
        self.app.call_from_thread(self._set_counts, counts)

    def _set_counts(self, counts: dict[str, int]) -> None:
        s = self.session
        for aid in s.pending.articles():  # the database does not hold those labels yet
            counts[aid] = s.counts.get(aid, 0)
        if s.article is not None:
            counts[s.article.id] = s.article_progress()[0]
        s.counts = counts
        self.query_one(StatusBar).show(s)

    # -- the writer's progress, the schema --------------------------------------------------

    def tick(self) -> None:
        """Say when labels wait for the database; finish a quit once none does; notice a new schema."""
        writer = self.writer
        pending = writer.pending
        if self.quitting and not pending:
            self.app.exit()
            return
        since = writer.waiting_since()
        late = since is None or time.monotonic() - since >= WAIT_SHOWN_S
        shown = (pending if pending and (late or self.quitting) else 0, self.quitting)
        if shown != self._waiting_shown:
            self._waiting_shown = shown
            self.query_one(StatusBar).show_waiting(self.session, *shown)
        if time.monotonic() - self._schema_checked >= SCHEMA_CHECK_S:
            self._schema_checked = time.monotonic()
            if self.session.store.refresh_schema():
                self.schema_changed(self.session.store.schema)

    def schema_changed(self, schema: Schema) -> None:
        """Show and label by ``schema`` from now on, and say what changed."""
        old = self.session.schema
        if schema == old:
            return
        self.session.set_schema(schema)
        self._bindings = BindingsMap.merge([BindingsMap(label_bindings(schema)), self._own_bindings])
        self._keys_signature = None
        self.query_one(LabelPanel).set_schema(schema)
        self.notify(
            f"The label schema of this database changed: {describe_change(old, schema)}. "
            "Labels are now checked against it; one it refuses is not saved, and you are told.",
            severity="warning",
            markup=False,
            timeout=20,
        )
        self.labels_changed()
        self.refresh_view()

    @property
    def editing(self) -> bool:
        """Whether a text field is being edited."""
        return isinstance(self.focused, FieldEditor)
