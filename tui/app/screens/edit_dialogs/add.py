"""The `A` dialog: a new event, its kind, title, start and (for a span) its last day.

The new event goes after the last one in the file, its id made from the title
(`AddEvent.new_id`); everything else about it is set afterwards in the form (`f`).
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Select

from tui.app.screens.dialog import Dialog
from tui.app.screens.edit_dialogs.fields import TextInput, field_row, note_line, show_note
from tui.core.model import KINDS, POINT_KINDS, Schedule
from tui.edit.edits import AddEvent
from tui.edit.form_values import FieldError, parse_field, revealed

#: The kind a new event has unless another is chosen.
DEFAULT_KIND = "meeting"
HELP = "tab next field · enter add · esc cancel"


class AddEventDialog(Dialog[AddEvent | None]):
    """Returns an `AddEvent`, or None if cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, schedule: Schedule, default_start: date) -> None:
        super().__init__()
        self.schedule = schedule
        self.default_start = default_start

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="add-dialog"):
            yield Label("Add event", classes="dialog-title")
            with VerticalScroll(id="add-body"):
                kinds = Select(
                    [(kind, kind) for kind in KINDS],
                    value=DEFAULT_KIND,
                    allow_blank=False,
                    compact=True,
                    id="add-kind",
                )
                yield from field_row("Kind", kinds)
                yield from field_row("Title", self._input("title", "", "required"))
                yield note_line("title")
                start = self.default_start.isoformat()
                yield from field_row("Start", self._input("start", start, "2023-04-11"))
                yield note_line("start")
                yield from field_row("End", self._input("end", "", "none (last day)"))
                yield note_line("end")
            yield Label(f"[dim]{HELP}[/dim]", classes="dialog-help")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Add", variant="primary", id="add-ok")
                yield Button("Cancel", id="add-cancel")

    @staticmethod
    def _input(key: str, value: str, placeholder: str) -> TextInput:
        return TextInput(value, placeholder=placeholder, id=f"add-{key}", compact=True)

    def on_mount(self) -> None:
        for note in self.query(".form-note").results(Label):
            note.display = False
        self._fit()
        self.query_one("#add-title", Input).focus()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        height = self.app.size.height
        short = height < 24
        for button in self.query(Button):
            button.compact = short
        self.query_one("#add-body").styles.max_height = max(1, height - 4 - (1 if short else 3))

    def on_select_changed(self, message: Select.Changed) -> None:
        """A deadline or a milestone is a point: its End field says so."""
        end = self.query_one("#add-end", Input)
        point = message.value in POINT_KINDS
        end.placeholder = "none (a point has no end)" if point else "none (last day)"

    def _value(self, key: str) -> str:
        return revealed(self.query_one(f"#add-{key}", Input).value)

    def _submit(self) -> None:
        values: dict[str, object] = {}
        errors = False
        for key in ("title", "start", "end"):
            note = self.query_one(f"#form-{key}-note", Label)
            text = self._value(key)
            try:
                if key == "start" and not text.strip():
                    raise FieldError("a new event needs a start date")
                values[key] = parse_field(key, text)
                show_note(note, "")
            except FieldError as error:
                show_note(note, str(error))
                errors = True
        if errors:
            return
        kind = self.query_one("#add-kind", Select).value
        assert isinstance(kind, str)
        title, start, end = values["title"], values["start"], values["end"]
        assert isinstance(title, str)
        assert isinstance(start, date)
        assert end is None or isinstance(end, date)
        self.dismiss(AddEvent(kind, title, start, end))

    def on_input_submitted(self, message: Input.Submitted) -> None:
        message.stop()
        self._submit()

    def on_button_pressed(self, message: Button.Pressed) -> None:
        message.stop()
        if message.button.id == "add-ok":
            self._submit()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
