"""The `D` dialog: delete the selected event, only on an explicit confirm.

Cancel has the focus when it opens, so an enter typed ahead (or a second `D`) deletes
nothing; the Delete button must be chosen (tab or arrows to it, then enter, or a click).
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label

from tui.app.screens.dialog import Dialog
from tui.app.shown import shown
from tui.core.model import Event
from tui.core.text import truncate
from tui.edit.edits import DeleteEvent

#: The longest title the question quotes whole (a pasted megabyte is named by its start).
TITLE_WIDTH = 120


class ConfirmDelete(Dialog[DeleteEvent | None]):
    """Returns a `DeleteEvent` for the event if Delete is chosen, else None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("left,right", "app.focus_next", "Switch", show=False),
    ]

    def __init__(self, event: Event) -> None:
        super().__init__()
        self.event = event

    def compose(self) -> ComposeResult:
        question = Text("Delete the ")
        question.append(self.event.kind)
        question.append(" “")
        question.append(truncate(shown(self.event.title), TITLE_WIDTH), style="bold")
        question.append(f"” ({truncate(shown(self.event.id), TITLE_WIDTH)})?")
        with Vertical(classes="dialog", id="delete-dialog"):
            yield Label("Delete event", classes="dialog-title")
            yield Label(question, id="delete-question", classes="dialog-help")
            yield Label(
                "[dim]Undo brings it back; the file changes on save.[/dim]",
                classes="dialog-help",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Delete", variant="error", id="delete-ok")
                yield Button("Cancel", id="delete-cancel")

    def on_mount(self) -> None:
        self.query_one("#delete-cancel", Button).focus()
        self._fit_buttons()

    def on_resize(self) -> None:
        self._fit_buttons()

    def _fit_buttons(self) -> None:
        for button in self.query(Button):
            button.compact = self.app.size.height < 24

    def on_button_pressed(self, message: Button.Pressed) -> None:
        message.stop()
        confirmed = message.button.id == "delete-ok"
        self.dismiss(DeleteEvent(self.event.id) if confirmed else None)

    def action_cancel(self) -> None:
        self.dismiss(None)
