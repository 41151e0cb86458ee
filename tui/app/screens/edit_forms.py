"""The main screen's edits that need a dialog: the status (S), every field (f), a new
event (A) and deleting one (D); and the one table of every editing key.

A part of `MainScreen`, on top of `EditChoices` (edit_choices.py). Each dialog
(`tui.app.screens.edit_dialogs`) dismisses with an edit or None; the edit goes through
`apply_edit` like a key's, so the loader's checks, the refusal, undo and the pending view
are the same for both. A read-only file, or nothing selected, is said before any dialog opens.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding

from tui.app.screens.edit_choices import EditChoices

if TYPE_CHECKING:
    from tui.core.model import Event
    from tui.edit.edits import Edit

MOVE, SIZE = Binding.Group("move", compact=True), Binding.Group("size", compact=True)
UNDO, CHANGE = Binding.Group("undo", compact=True), Binding.Group("change", compact=True)

#: Every editing key, as the footer, `?` and the palette show them (see `MainScreen`).
EDIT_BINDINGS = [
    Binding("left_square_bracket", "move_event(-1)", "Day earlier", key_display="[", group=MOVE),
    Binding("right_square_bracket", "move_event(1)", "Day later", key_display="]", group=MOVE),
    Binding("left_curly_bracket", "move_event(-7)", "Week earlier", key_display="{", group=MOVE),
    Binding("right_curly_bracket", "move_event(7)", "Week later", key_display="}", group=MOVE),
    Binding("less_than_sign", "resize_event(-1)", "Shorten", key_display="<", group=SIZE),
    Binding("greater_than_sign", "resize_event(1)", "Lengthen", key_display=">", group=SIZE),
    Binding("S", "set_status", "Status…", group=CHANGE),
    Binding("f", "edit_fields", "Fields…", group=CHANGE),
    Binding("A", "add_event", "Add…", group=CHANGE),
    Binding("D", "delete_event", "Delete…", group=CHANGE),
    Binding("u", "undo", "Undo", group=UNDO),
    Binding("ctrl+r", "redo", "Redo", group=UNDO),
    Binding("ctrl+s", "save", "Save"),
    Binding("exclamation_mark", "why_read_only", "Read-only", key_display="!"),
]


class EditForms(EditChoices):
    """The keys S, f, A and D: a dialog, then `apply_edit`."""

    def _selected(self, what: str) -> Event | None:
        event_id = self._edit_target(what)
        schedule = self.document.schedule
        if event_id is None or schedule is None:
            return None
        return schedule.event(event_id)

    def _then_apply(self, edit: Edit | None) -> None:
        if edit is not None:
            self.apply_edit(edit)

    def action_set_status(self) -> None:
        from tui.app.screens.edit_dialogs import StatusDialog

        event = self._selected("setting a status")
        if event is not None:
            self.app.push_screen(StatusDialog(event), self._then_apply)

    def action_edit_fields(self) -> None:
        from tui.app.screens.edit_dialogs import EventForm

        event, schedule = self._selected("editing fields"), self.document.schedule
        if event is not None and schedule is not None:
            self.app.push_screen(EventForm(event, schedule), self._then_apply)

    def action_add_event(self) -> None:
        from tui.app.screens.edit_dialogs import AddEventDialog

        schedule = self.document.schedule
        if schedule is None or self.refuse_if_read_only("adding an event"):
            return
        selected = schedule.event(self.document.selected_id or "")
        start = selected.first_day if selected is not None else self.document.clock.now().date()
        self.app.push_screen(AddEventDialog(schedule, start), self._then_apply)

    def action_delete_event(self) -> None:
        from tui.app.screens.edit_dialogs import ConfirmDelete

        event = self._selected("deleting an event")
        if event is not None:
            self.app.push_screen(ConfirmDelete(event), self._then_apply)
