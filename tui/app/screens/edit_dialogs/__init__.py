"""The dialogs of editing in the app.

Those that gather one edit dismiss with it (a value of `tui.edit.edits`) or with None; the
main screen applies it through its edit session, which refuses an invalid result with the
loader's message:

- `StatusDialog(event)` -> `SetStatus | None`
- `EventForm(event, schedule)` -> `SetFields | None`
- `AddEventDialog(schedule, default_start)` -> `AddEvent | None`
- `ConfirmDelete(event)` -> `DeleteEvent | None`

Those that ask what to do with pending edits (choices.py): `ChoiceScreen` (a conflict with
the file on disk, quitting unsaved, a journal left behind) and `SavePathScreen`.
"""

from tui.app.screens.edit_dialogs.add import AddEventDialog
from tui.app.screens.edit_dialogs.choices import ChoiceScreen, SavePathScreen
from tui.app.screens.edit_dialogs.delete import ConfirmDelete
from tui.app.screens.edit_dialogs.form import EventForm
from tui.app.screens.edit_dialogs.status import StatusDialog

__all__ = [
    "AddEventDialog",
    "ChoiceScreen",
    "ConfirmDelete",
    "EventForm",
    "SavePathScreen",
    "StatusDialog",
]
