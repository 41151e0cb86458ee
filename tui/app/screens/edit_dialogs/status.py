"""The `S` dialog: the selected event's status, one of four, the current one marked."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from tui.app.screens.dialog import Dialog
from tui.app.shown import as_text, shown
from tui.core.model import STATUSES, Event
from tui.core.text import truncate
from tui.edit.edits import SetStatus

#: The longest title (and id) the dialog names whole: a pasted megabyte is named by its start.
TITLE_WIDTH = 120
#: What each status means for the countdowns, said beside it.
MEANINGS = {
    "confirmed": "going ahead",
    "tentative": "planned, not confirmed",
    "postponed": "off: not counted",
    "cancelled": "off: not counted",
}


class StatusDialog(Dialog[SetStatus | None]):
    """Returns a `SetStatus` for the status chosen, or None if cancelled or the current
    status is chosen again (nothing to change). Arrows and enter choose; a status's first
    letter moves to it (`c` again goes on from confirmed to cancelled)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, event: Event) -> None:
        super().__init__()
        self.event = event

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="status-dialog"):
            yield Label("Status", classes="dialog-title")
            line = as_text(truncate(self.event.title, TITLE_WIDTH), "bold")
            line.append(f" · {shown(truncate(self.event.id, TITLE_WIDTH))}", style="dim")
            yield Label(line, id="status-event", classes="dialog-help")
            yield OptionList(*(self._option(status) for status in STATUSES), id="status-options")
            yield Label("[dim]↑↓ or a letter · enter set · esc cancel[/dim]", classes="dialog-help")

    def _option(self, status: str) -> Option:
        current = status == self.event.status
        line = Text("● " if current else "  ", style="bold")
        line.append(status, style="bold" if current else "")
        line.append(f"  {MEANINGS[status]}" + (" (now)" if current else ""), style="dim")
        return Option(line, id=status)

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = STATUSES.index(self.event.status)
        options.focus()

    def on_key(self, event: events.Key) -> None:
        """A letter moves to the next status that begins with it (enter then sets it)."""
        letter = (event.character or "").lower()
        starting = [i for i, status in enumerate(STATUSES) if status.startswith(letter)]
        if not letter.isalpha() or not starting:
            return
        event.stop()
        options = self.query_one(OptionList)
        here = options.highlighted if options.highlighted is not None else -1
        later = [i for i in starting if i > here]
        options.highlighted = (later or starting)[0]

    def on_option_list_option_selected(self, message: OptionList.OptionSelected) -> None:
        message.stop()
        status = STATUSES[message.option_index]
        self.dismiss(None if status == self.event.status else SetStatus(self.event.id, status))

    def action_cancel(self) -> None:
        self.dismiss(None)
