"""The dialogs of editing in the app: each gathers one edit and dismisses with it (a value
of `tui.edit.edits`) or with None; the main screen applies it through its edit session,
which refuses an invalid result with the loader's message.

- `StatusDialog(event)` -> `SetStatus | None`
- `EventForm(event, schedule)` -> `SetFields | None`
- `AddEventDialog(schedule, default_start)` -> `AddEvent | None`
- `ConfirmDelete(event)` -> `DeleteEvent | None`
"""

from tui.app.screens.edit_dialogs.add import AddEventDialog
from tui.app.screens.edit_dialogs.delete import ConfirmDelete
from tui.app.screens.edit_dialogs.form import EventForm
from tui.app.screens.edit_dialogs.status import StatusDialog

__all__ = ["AddEventDialog", "ConfirmDelete", "EventForm", "StatusDialog"]
