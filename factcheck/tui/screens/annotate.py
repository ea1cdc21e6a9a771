"""The annotation screen: its keys and what they do (DESIGN.md's TUI keys are a contract)."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import BindingType

from factcheck.schema import Field
from factcheck.store import FLAG, SEGMENT, Change, JournalError, Mention
from factcheck.tui.keymap import navigation_bindings
from factcheck.tui.requests import Request, Undo
from factcheck.tui.screens.annotate_edits import SentenceActions
from factcheck.tui.screens.annotate_view import AnnotateView
from factcheck.tui.screens.help import HelpScreen
from factcheck.tui.screens.picker import ArticlePicker
from factcheck.tui.screens.search import SearchScreen
from factcheck.tui.widgets.article_view import ArticleView
from factcheck.tui.widgets.label_panel import FieldEditor, LabelPanel
from factcheck.tui.widgets.sentence_list import SentenceList
from factcheck.tui.writer import LabelSaved, SchemaChanged, WriteFailed

NEEDS_SENTENCE = frozenset(
    {
        *("choose", "not_factual", "edit", "copy_previous", "clear_field", "next_field", "previous_field"),
        *("flag", "split", "join"),
    }
)
"""Actions that act on the current sentence."""

FILTER_NOTES = {
    "all": "Showing all sentences.",
    "unlabelled": "Showing only sentences you have not labelled.",
    "flagged": "Showing only sentences you flagged.",
    "disagree": "Showing only sentences annotators disagree on.",
}
"""What the filter key says for each filter."""


class AnnotateScreen(SentenceActions, AnnotateView):
    """Label one sentence after another; every key is written at once by the writer thread."""

    BINDINGS: ClassVar[list[BindingType]] = list(navigation_bindings())
    """Navigation keys; the label keys are added per schema in ``__init__``."""

    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [  # type: ignore[misc]
        (0, "-narrow"),
        (100, "-normal"),
        (160, "-wide"),
    ]
    """Layout classes: article stacked over the sentences, or beside them when wide."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Grey out what does not apply; while a text field is edited, keys go to the editor."""
        if self.editing:
            return False
        if action in NEEDS_SENTENCE and self.session.mention is None:
            return None
        field = self.session.field
        if action == "choose":
            number = parameters[0] if parameters else 0
            # None, not False: the value keys stay in the footer, dimmed, and say why when pressed.
            valid = field.is_choice and isinstance(number, int) and number <= len(field.values)
            return True if valid else None
        if action == "edit":
            return None if field.is_choice else True
        if action == "not_factual":
            return None if self.session.not_factual() is None else True
        return True

    # -- moving ------------------------------------------------------------------------

    def after_move(self, moved: bool, note: str) -> None:
        """Show where a move went; ``note`` says why when it could not move."""
        if not moved:
            self.notify(note, markup=False)
        self.refresh_view()

    def action_next_sentence(self) -> None:
        """Next sentence (into the next article after the last)."""
        self.after_move(self.session.move(1), "This is the last sentence.")

    def action_previous_sentence(self) -> None:
        """Previous sentence (into the previous article before the first)."""
        self.after_move(self.session.move(-1), "This is the first sentence.")

    def action_next_unlabelled(self) -> None:
        """Next sentence this annotator has not labelled, across articles."""
        self.after_move(self.session.next_unlabelled(), "Every sentence has a label from you.")

    def action_next_field(self) -> None:
        """Focus the next field."""
        self.session.next_field(1)
        self.refresh_view()

    def action_previous_field(self) -> None:
        """Focus the previous field."""
        self.session.next_field(-1)
        self.refresh_view()

    def action_article(self, delta: int) -> None:
        """Previous (-1) or next (+1) article."""
        self.after_move(self.session.move_article(delta), "No more articles that way.")

    def action_cycle_filter(self) -> None:
        """Show all sentences, only unlabelled ones, or only those annotators disagree on."""
        self.session.cycle_filter()
        self.notify(FILTER_NOTES[self.session.filter], markup=False, timeout=2)
        self.refresh_view()

    def on_option_list_option_selected(self, event: SentenceList.OptionSelected) -> None:
        """A sentence was clicked: go to it."""
        listing = event.option_list
        if isinstance(listing, SentenceList) and event.option_index < len(listing.indices):
            self.session.go_to(listing.indices[event.option_index])
            self.refresh_view()

    def on_article_view_clicked(self, event: ArticleView.Clicked) -> None:
        """A sentence was clicked in the article: go to it."""
        s = self.session
        found = next((i for i, m in enumerate(s.mentions) if m.start <= event.offset < m.end), None)
        if found is not None:
            s.open_article(s.mentions[found].article_id, found)
            self.refresh_view()

    def action_toggle_article(self) -> None:
        """Hide or show the article pane."""
        self.toggle_class("-no-article")

    # -- labelling -------------------------------------------------------------------------

    def submit(self, request: Request | None) -> bool:
        """Journal a write and hand it to the writer thread; the session already shows its effect.

        Once this returns True, the action survives the process: it is in the session's journal.
        """
        if request is None:
            return False
        if not self.writer.alive:
            self.notify(
                "Labels cannot be saved: the database could not be opened for writing.",
                severity="error",
                markup=False,
            )
            self.session.forget()
            return False
        try:
            entry = self.writer.submit(request)
        except JournalError as err:
            self.notify(f"Not saved: {err.strerror}", severity="error", markup=False, timeout=10)
            self.session.forget()
            return False
        self.session.track(entry)
        self.labels_changed()
        return True

    def label_and_advance(self, field: Field, value: str | None) -> None:
        """Label the focused field, then focus the next field that applies (after the last: next sentence)."""
        self.submit(self.session.set_value(field, value))
        s = self.session
        if not s.later_field():
            s.move(1)
        else:
            s.next_field(1)
        self.refresh_view()

    def action_choose(self, number: int) -> None:
        """Choose the ``number``-th value of the focused choice field."""
        field = self.session.field
        if field.is_choice and 1 <= number <= len(field.values):
            self.label_and_advance(field, field.values[number - 1])

    def action_not_factual(self) -> None:
        """Mark the sentence not factual and go to the next one."""
        found = self.session.not_factual()
        if found is None:
            return
        self.submit(self.session.set_value(*found))
        self.session.move(1)
        self.refresh_view()

    def action_copy_previous(self) -> None:
        """Copy the previous sentence's mention-scoped labels, and say which."""
        request = self.session.copy_previous()
        if request is None:
            self.notify("The previous sentence has no labels to copy.", markup=False)
        else:
            copied = [f.label for f in self.session.schema if f.name in request.values]
            where = self.session.current or 0
            self.notify(f"Copied {', '.join(copied)} from sentence {where}.", markup=False, timeout=2)
        self.submit(request)
        self.refresh_view()

    def action_clear_field(self) -> None:
        """Remove this annotator's value of the focused field."""
        s = self.session
        if s.mention is not None and s.field.name in s.mine.get(s.mention.id, {}):
            self.submit(s.set_value(s.field, None))
            self.refresh_view()

    async def action_edit(self) -> None:
        """Edit the focused text field in place, pre-filled with its value or the suggestion."""
        s = self.session
        if s.mention is None or s.field.is_choice:
            return
        current = s.mine.get(s.mention.id, {}).get(s.field.name)
        value = current if current is not None else (s.suggestion(s.field) or "")
        await self.query_one(LabelPanel).open_editor(s.field_index, value)
        self.refresh_bindings()

    async def on_input_submitted(self, event: FieldEditor.Submitted) -> None:
        """Accept the edited value of the focused text field."""
        if not isinstance(event.input, FieldEditor):
            return
        event.stop()
        await self.query_one(LabelPanel).close_editor()
        self.label_and_advance(self.session.field, event.value.strip() or None)

    async def on_field_editor_cancelled(self) -> None:
        """Abandon the edit."""
        await self.query_one(LabelPanel).close_editor()
        self.refresh_view()

    def action_undo(self) -> None:
        """Undo this session's last action (after a restart: this annotator's last one on this host).

        The screen shows the old values at once; the database refuses the undo when
        one of them was changed since by someone else, and then the screen says so.
        """
        self.submit(self.session.undo())
        self.refresh_view()

    # -- results of writes ----------------------------------------------------------------

    def on_label_saved(self, message: LabelSaved) -> None:
        """An entry reached the database: show what it holds now, which may reach other articles."""
        outcome = message.outcome
        if message.annotator != self.session.annotator:
            # Another annotator's split or join replayed from a journal left behind: the
            # sentences shown are no longer those of the database.
            shown = self.session.article.id if self.session.article is not None else None
            if outcome.segment is not None and outcome.segment.article_id == shown:
                self.session.reread()
                self.labels_changed()
                self.refresh_view()
            return
        resegmented = outcome.segment is not None or any(c.field == SEGMENT for c in message.changes)
        elsewhere = any(c.mention_id not in {m.id for m in self.session.mentions} for c in message.changes)
        self.session.settle(message.entry.id, message.changes, message.exact, resegmented)
        self.labels_changed()
        if elsewhere or resegmented:
            self.refresh_counts()
        if isinstance(message.request, Undo):
            self.show_undo(message.changes, outcome.refused, message.request.target is None)
        elif outcome.refused:
            self.notify(f"Not saved: {outcome.refused}.", severity="error", markup=False, timeout=15)
        if outcome.kept:
            kept = "; ".join(outcome.kept)
            self.notify(f"Kept the newer value of {kept}.", severity="warning", markup=False, timeout=15)
        if outcome.segment is not None and message.request is not None:
            self.segment_written(outcome.segment)
        self.refresh_view()
        self.tick()

    def show_undo(self, changes: list[Change], refused: str | None, moved: bool) -> None:
        """Say what an undo did; after a restart (``moved``), go to the sentence it changed."""
        if refused:
            self.notify(f"Not undone: {refused}.", severity="warning", markup=False, timeout=15)
            return
        if not changes:
            self.notify("Nothing to undo.", markup=False)
            return
        s = self.session
        here = {m.id for m in s.mentions}
        change = next((c for c in changes if c.mention_id in here), changes[0])
        target: Mention | None = s.store.mention(change.mention_id)
        if target is None:
            return
        fields = [f for f in s.schema if any(c.field == f.name for c in changes)]
        if moved:
            s.open_article(target.article_id, target.index)
            if fields:
                s.field_index = s.schema.names.index(fields[0].name)
                s.fit_field()
        others = len({c.mention_id for c in changes}) - 1
        where = f"sentence {target.index + 1}" + (f" and {others} other mention(s)" if others else "")
        what = [f.label for f in fields]
        marks = {c.field: c.old for c in changes if c.field in (FLAG, SEGMENT)}
        if SEGMENT in marks:
            what, where = [f"the {marks[SEGMENT]}"], f"sentence {target.index + 1}"
        elif FLAG in marks:
            what = ["the flag", *what]
        self.notify(f"Undone: {', '.join(what)} of {where}.", markup=False)

    def on_write_failed(self, message: WriteFailed) -> None:
        """Writing failed for now (the labels stay shown and journaled) or the database cannot be opened."""
        self.notify(f"Not saved yet: {message.error}", severity="error", markup=False, timeout=10)
        if not self.writer.alive:
            self.session.reload_labels()
            self.labels_changed()
        self.refresh_view()

    def on_schema_changed(self, message: SchemaChanged) -> None:
        """The writer met a new schema: show and label by it."""
        self.schema_changed(message.schema)

    # -- other screens -----------------------------------------------------------------------

    def action_help(self) -> None:
        """Show every key and the label guidelines."""
        self.app.push_screen(HelpScreen(self.session.schema))

    def action_pick_article(self) -> None:
        """Choose an article from the list of all of them."""
        s = self.session
        picker = ArticlePicker(s.store, len(s.index), s.counts, s.position)
        self.app.push_screen(picker, self._picked)

    def _picked(self, article_id: str | None) -> None:
        if article_id is not None:
            self.session.open_article(article_id)
            self.refresh_view()

    def action_search(self) -> None:
        """Search every sentence of the database."""
        s = self.session
        self.app.push_screen(SearchScreen(s.store.path, s.seq_of), self._found)

    def _found(self, mention: Mention | None) -> None:
        if mention is not None:
            self.session.open_article(mention.article_id, mention.index)
            self.refresh_view()

    def action_quit(self) -> None:
        """Quit once every label is written; pressed again while waiting, quit now (labels kept)."""
        if self.writer.pending and not self.quitting:
            self.quitting = True
            self.notify(
                "Labels are still waiting for the database: another command is using it. factcheck "
                "quits as soon as they are written. Press q again to quit now: they stay in the journal "
                "and are written the next time factcheck annotate opens this database.",
                markup=False,
                timeout=30,
            )
            self.tick()
            return
        if self.writer.pending:
            self.writer.leave()
        self.app.exit()
