"""The annotation screen's keys for flags and segmentation fixes, and why a key does nothing."""

from __future__ import annotations

from collections.abc import Callable

from textual import actions, events
from textual.app import App
from textual.binding import BindingsMap

from factcheck.store import SegmentEdit
from factcheck.tui.requests import Request
from factcheck.tui.screens.split import SplitScreen
from factcheck.tui.session import Session


class SentenceActions:
    """Flag, split and join the current sentence; explain keys that do not apply (mixed into the screen)."""

    session: Session
    app: App[None]
    _bindings: BindingsMap
    editing: bool
    submit: Callable[[Request | None], bool]
    refresh_view: Callable[[], None]
    labels_changed: Callable[[], None]
    check_action: Callable[[str, tuple[object, ...]], bool | None]
    notify: Callable[..., None]

    def on_key(self, event: events.Key) -> None:
        """A key bound to something that does not apply here says why, instead of nothing."""
        if self.editing:
            return
        for binding in self._bindings.key_to_bindings.get(event.key, []):
            _target, name, parameters = actions.parse(binding.action)
            if self.check_action(name, parameters):
                return
            why = self.why_not(name, parameters)
            if why:
                self.notify(why, markup=False, timeout=3)
                return

    def why_not(self, action: str, parameters: tuple[object, ...]) -> str | None:
        """Why ``action`` does nothing now, for the keys a user expects something from."""
        s = self.session
        if s.mention is None:
            return None
        field = s.field
        keys = f"1-{len(field.values)}" if len(field.values) > 1 else "1"
        if action == "choose" and field.is_choice:
            return f"{field.label} has {len(field.values)} values: press {keys}."
        if action == "choose":
            return f"{field.label} is free text: press enter to type it."
        if action == "edit" and field.is_choice:
            return f"{field.label} is a choice: press {keys} ({', '.join(field.values)})."
        return None

    def action_flag(self) -> None:
        """Flag the sentence as unsure (to come back to, and for the adjudicator), or unflag it."""
        request = self.session.toggle_flag()
        if request is None or not self.submit(request):
            self.refresh_view()
            return
        if request.flagged:
            note = "Flagged: f shows your flagged sentences, and review lists them for the adjudicator."
        else:
            note = "Flag removed."
        self.notify(note, markup=False, timeout=3)
        self.refresh_view()

    def action_split(self) -> None:
        """Split the sentence in two where the annotator puts the cursor."""
        s = self.session
        if s.mention is None or s.article is None:
            return
        self.app.push_screen(SplitScreen(s.mention, s.article.text), self._split_at)

    def _split_at(self, at: int | None) -> None:
        if at is None:
            return
        request = self.session.split_request(at)
        if request is not None and self.submit(request):
            self.notify("Split it in two (u undoes).", markup=False, timeout=4)
        self.labels_changed()
        self.refresh_view()

    def action_join(self) -> None:
        """Join the sentence with the next one."""
        request = self.session.join_request()
        if request is None:
            self.notify("The last sentence of an article has nothing to join with.", markup=False)
            return
        if self.submit(request):
            self.notify("Joined it with the next (u undoes).", markup=False, timeout=4)
        self.labels_changed()
        self.refresh_view()

    def segment_written(self, edit: SegmentEdit) -> None:
        """A split or join reached the database: say whose labels it moved (their sentence is flagged)."""
        others = sorted({who for _mid, who in edit.flagged if who != self.session.annotator})
        if others:
            self.notify(
                f"Flagged the new sentence for {', '.join(others)}, whose labels moved to it.",
                markup=False,
                timeout=6,
            )
