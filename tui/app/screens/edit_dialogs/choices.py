"""The dialogs of editing in the app: a choice among a few answers, and a path to save to.

`ChoiceScreen` asks what to do when both sides matter (the file changed on disk while
edits are pending; quitting with unsaved edits; a journal a killed app left): each answer
has a key and a button, escape cancels (returns None). `SavePathScreen` asks for a file to
save the edits to (the bundled schedule, or "save mine elsewhere" after a conflict); what
it returns is written by the screen, and if that fails it comes back saying why.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label

from tui.app.screens.dialog import Dialog, message_text
from tui.app.shown import shown


class ChoiceScreen(Dialog[str | None]):
    """`message`, then one button per `(key, label, answer)`; returns the answer chosen
    (by its key or its button), or None on escape."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self, title: str, message: str, choices: list[tuple[str, str, str]], *, id: str
    ) -> None:
        super().__init__(id=id)
        self.title_text, self.message = title, message
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog choice-dialog"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            # It quotes the file (names, reasons): text, never markup.
            yield Label(message_text(self.message), classes="choice-message")
            with Horizontal(classes="dialog-buttons"):
                for key, label, answer in self.choices:
                    yield Button(f"{key} {label}", id=f"choice-{answer}", compact=True)
            yield Label("esc cancel", classes="dialog-help", markup=False)

    def on_key(self, event: events.Key) -> None:
        for key, _label, answer in self.choices:
            if event.character == key:
                event.stop()
                self.dismiss(answer)
                return

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id is not None:
            self.dismiss(event.button.id.removeprefix("choice-"))

    def action_cancel(self) -> None:
        self.dismiss(None)


class SavePathScreen(Dialog[str | None]):
    """Returns the path typed (stripped; never empty), or None if cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, why: str, value: str = "", error: str = "") -> None:
        super().__init__(id="save-path")
        self.why, self.value, self.error = why, value, error

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Save the edits to a file", classes="dialog-title")
            yield Label(message_text(self.why), classes="choice-message")
            yield Input(
                value=shown(self.value),
                placeholder="a new file, e.g. plan.toml",
                id="save-path-input",
                select_on_focus=True,
            )
            yield Label(message_text(self.error), id="save-path-error", classes="dialog-error")
            yield Label(
                "enter save (never over an existing file) · esc cancel",
                classes="dialog-help",
                markup=False,
            )

    def on_input_submitted(self, message: Input.Submitted) -> None:
        value = message.value.strip()
        if value:
            self.dismiss(value)

    def action_cancel(self) -> None:
        self.dismiss(None)
