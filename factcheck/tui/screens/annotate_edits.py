"""The annotation screen's keys for flags and segmentation fixes, and why a key does nothing."""

from __future__ import annotations

from collections.abc import Callable

from textual import actions, events
from textual.app import App
from textual.binding import BindingsMap

from factcheck.tui.requests import Request, Split
from factcheck.tui.screens.split import SplitScreen
from factcheck.tui.session import Session
from factcheck.tui.writer import SegmentSaved


class SentenceActions:
    """Flag, split and join the current sentence; explain keys that do not apply (mixed into the screen)."""

    session: Session
    app: App[None]
    _bindings: BindingsMap
    editing: bool
    submit: Callable[[Request | None], None]
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
        if request is None:
            return
        self.submit(request)
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
        if at is not None:
            self.submit(self.session.split_request(at))

    def action_join(self) -> None:
        """Join the sentence with the next one."""
        request = self.session.join_request()
        if request is None:
            self.notify("The last sentence of an article has nothing to join with.", markup=False)
            return
        self.submit(request)

    def on_segment_saved(self, message: SegmentSaved) -> None:
        """A split or join was committed: show the article's new sentences, at the first changed one."""
        s, edit = self.session, message.edit
        if s.article is None or s.article.id != edit.article_id:
            return
        s.reload_article()
        index = next((i for i, m in enumerate(s.mentions) if m.id == edit.added[0]), None)
        s.open_article(edit.article_id, index)
        self.labels_changed()
        what = "Split it in two" if isinstance(message.request, Split) else "Joined it with the next"
        others = sorted({who for _mid, who in edit.flagged if who != s.annotator})
        moved = f"; flagged for {', '.join(others)}, whose labels moved" if others else ""
        self.notify(f"{what} (u undoes){moved}.", markup=False, timeout=4)
        self.refresh_view()
