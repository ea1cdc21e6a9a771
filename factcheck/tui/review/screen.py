"""The review screen: its keys and what they do."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import BindingType

from factcheck.review import choices, typing_default
from factcheck.store import GoldChange
from factcheck.tui.review.help import ReviewHelpScreen
from factcheck.tui.review.keys import review_bindings
from factcheck.tui.review.view import LOADING, ReviewView
from factcheck.tui.review.widgets import GoldPanel
from factcheck.tui.review.writer import GoldFailed, GoldSaved, LoadQueue, QueueLoaded, SetGold, UndoGold
from factcheck.tui.widgets.label_panel import FieldEditor

NEEDS_ITEM = frozenset({"pick", "type_gold", "skip", "move", "cycle_filter"})
"""Actions that act on the item shown."""


class ReviewScreen(ReviewView):
    """Walk the disagreements and pick a gold value for each; writes go to the writer thread."""

    BINDINGS: ClassVar[list[BindingType]] = list(review_bindings())
    """Value keys 1-9, then the other keys (see keys.py)."""

    def on_mount(self) -> None:
        """Ask the writer thread for the queue; say so until it arrives."""
        self.show_message(LOADING)
        self.refresh_view()
        self.writer.submit(LoadQueue())

    def on_queue_loaded(self, message: QueueLoaded) -> None:
        """Show the first pending item."""
        self.state.load(message.items)
        self.refresh_view()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Grey out what does not apply; while the editor is open, keys go to it."""
        if self.editing:
            return False
        item = self.state.current
        if action in NEEDS_ITEM and item is None:
            return False  # nothing shown: only undo, help and quit apply
        if item is None or action not in {"pick", "type_gold"}:
            return True
        field = self.state.schema[item.field]
        if action == "type_gold":
            return None if field.is_choice else True
        number = parameters[0] if parameters else 0
        return isinstance(number, int) and number <= len(choices(item.group, field))

    # -- moving ----------------------------------------------------------------------

    def after_move(self, moved: bool, note: str) -> None:
        """Show where a move went; ``note`` says why when it could not move."""
        if not moved:
            self.notify(note, markup=False)
        self.refresh_view()

    def action_move(self, delta: int) -> None:
        """Next (+1) or previous (-1) item of the filter, pending or not."""
        note = "This is the last item." if delta > 0 else "This is the first item."
        self.after_move(self.state.move(delta), note)

    def action_skip(self) -> None:
        """Leave this item pending and go to the next pending one."""
        self.after_move(self.state.next_pending(), "No other item is pending.")

    def action_cycle_filter(self) -> None:
        """Show one field's disagreements at a time, in turn, then all of them."""
        self.state.cycle_filter()
        done, total = self.state.progress(self.state.filter)
        shown = self.state.schema.get(self.state.filter or "")
        name = shown.label if shown is not None else "every field"
        self.notify(f"Showing {name}: {done} of {total} adjudicated.", markup=False, timeout=2)
        self.refresh_view()

    # -- deciding --------------------------------------------------------------------

    def action_pick(self, number: int) -> None:
        """Make the ``number``-th value shown gold."""
        item = self.state.current
        if item is None:
            return
        offered = choices(item.group, self.state.schema[item.field])
        if 1 <= number <= len(offered):
            self.decide(offered[number - 1].value)

    def decide(self, value: str) -> None:
        """Make ``value`` the current item's gold, then go to the next pending item."""
        s, item = self.state, self.state.current
        if item is None:
            return
        if not self.writer.alive:
            self.notify(
                "Not saved: the database could not be opened for writing.", severity="error", markup=False
            )
            return
        if s.gold_of(item) != value:
            g = item.group
            self.writer.submit(SetGold(g.target_kind, g.target_id, g.field, value))
            s.set_gold(item.key, value, s.adjudicator)
        if not s.next_pending():
            done, total = s.progress(s.filter)
            if done == total:
                which = f"{s.filter} " if s.filter else ""
                self.notify(
                    f"All {total} {which}disagreements are adjudicated: j/k to look back, q to quit.",
                    markup=False,
                )
        self.refresh_view()

    async def action_type_gold(self) -> None:
        """Open the editor for a text field's gold, pre-filled with the gold or most common value."""
        item = self.state.current
        if item is None or self.state.schema[item.field].is_choice:
            return
        default = typing_default(item.group, self.state.schema[item.field], self.state.gold_of(item))
        panel = self.query_one(GoldPanel)
        await panel.query(FieldEditor).remove()
        editor = FieldEditor(value=default, select_on_focus=False, compact=True, id="gold-editor")
        await panel.mount(editor)
        editor.focus()
        self.refresh_bindings()

    async def on_input_submitted(self, event: FieldEditor.Submitted) -> None:
        """Save the typed value (an empty one saves nothing)."""
        if not isinstance(event.input, FieldEditor):
            return
        event.stop()
        await self.close_editor()
        value = event.value.strip()
        if value:
            self.decide(value)
        else:
            self.notify("Nothing typed: the item stays as it was.", markup=False)

    async def on_field_editor_cancelled(self) -> None:
        """Abandon the edit."""
        await self.close_editor()

    async def close_editor(self) -> None:
        """Remove the editor if one is open."""
        await self.query_one(GoldPanel).query(FieldEditor).remove()
        self.refresh_view()

    def action_undo(self) -> None:
        """Undo this adjudicator's last decision (read from the event log: also after a restart)."""
        self.writer.submit(UndoGold())

    # -- results of writes -----------------------------------------------------------

    def on_gold_saved(self, message: GoldSaved) -> None:
        """A write was committed; for an undo, show the item it changed."""
        if not isinstance(message.request, UndoGold):
            return  # the pick was shown when it was made
        if not message.changes:
            self.notify("Nothing to undo.", markup=False)
            return
        for change in message.changes:
            self.state.set_gold((change.target_id, change.field), change.new, change.adjudicator)
        self.state.go_to((message.changes[0].target_id, message.changes[0].field))
        self.notify(self._undone(message.changes[0]), markup=False)
        self.refresh_view()

    def _undone(self, change: GoldChange) -> str:
        after = f"back to {change.new!r}" if change.new is not None else "pending again"
        field = self.state.schema.get(change.field)
        return f"Undone: {field.label if field else change.field} gold {change.old!r} is {after}."

    def on_gold_failed(self, message: GoldFailed) -> None:
        """Say what failed and show what the database holds."""
        request = message.request
        if request is None or isinstance(request, LoadQueue):
            self.show_message(f"Could not read the disagreements.\n\n{message.error}\n\nPress q to quit.")
            return
        self.notify(f"Not saved: {message.error}", severity="error", markup=False, timeout=10)
        if isinstance(request, SetGold):
            stored = self.store.gold_for(request.target_id).get(request.field)
            self.state.set_gold((request.target_id, request.field), stored, "")
            self.state.credit.pop((request.target_id, request.field), None)
        self.refresh_view()

    # -- other screens ---------------------------------------------------------------

    def action_help(self) -> None:
        """Show every key and the label guidelines."""
        self.app.push_screen(ReviewHelpScreen(self.state.schema))

    def action_quit(self) -> None:
        """Finish the queued writes, then quit."""
        self.writer.close()
        self.app.exit()
