"""The `f` dialog: every field of the selected event in one form, saved as one edit.

Each field opens with the event's value written as the TOML holds it (`field_text`), shown
through the sanitiser. On save, the fields whose text says another value go in one
`SetFields` (an emptied optional field removes its key); a field whose text does not read
(not an ISO date, not a meeting block) keeps the form open with the reason under it.
Whether the values make a valid schedule is the loader's to say once the edit is made.
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label

from tui.app.screens.dialog import Dialog
from tui.app.screens.edit_dialogs.fields import (
    NotesArea,
    TextInput,
    field_row,
    note_line,
    show_note,
    typed_value,
)
from tui.app.shown import as_text, shown
from tui.core.model import Event, Schedule
from tui.core.text import suggest, truncate
from tui.edit.edits import SetFields
from tui.edit.form_values import FORM_FIELDS, FormErrors, changed_values, field_text

#: Each field's label and what the input says while empty.
LABELS: dict[str, tuple[str, str]] = {
    "title": ("Title", "required"),
    "venue": ("Venue", "none"),
    "start": ("Start", "2023-04-11 or 2023-04-11T10:00:00"),
    "end": ("End", "none (last day, inclusive)"),
    "hours": ("Hours", "none (10:00-13:00, 15:00-18:00)"),
    "tags": ("Tags", "none (a, b)"),
    "notes": ("Notes", ""),
    "url": ("URL", "none"),
}
DIALOG_WIDTH = 76
HELP = "tab next field · enter or ctrl+s save · esc cancel"


class EventForm(Dialog[SetFields | None]):
    """Returns a `SetFields` with the changed fields, or None if cancelled or nothing
    was changed."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save"),
    ]

    def __init__(self, event: Event, schedule: Schedule) -> None:
        super().__init__()
        self.event = event
        self.venue_ids = tuple(schedule.venues)
        self.originals = {key: field_text(event, key) for key in FORM_FIELDS}

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="form-dialog"):
            title = as_text(f"Edit {truncate(self.event.id, 40)}")
            title.append(f" · {self.event.kind}", style="dim")
            yield Label(title, classes="dialog-title")
            with VerticalScroll(id="form-body"):
                for key in FORM_FIELDS:
                    yield from field_row(LABELS[key][0], self._input(key))
                    yield note_line(key)
            yield Label(f"[dim]{HELP}[/dim]", id="form-help", classes="dialog-help")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", variant="primary", id="form-ok")
                yield Button("Cancel", id="form-cancel")

    def _input(self, key: str) -> Input | NotesArea:
        value = self.originals[key]
        if key == "notes":
            return NotesArea(shown(value, multiline=True), id="form-notes", soft_wrap=True)
        suggester = SuggestFromList(self.venue_ids) if key == "venue" else None
        return TextInput(
            shown(value),
            placeholder=LABELS[key][1],
            id=f"form-{key}",
            compact=True,
            suggester=suggester,
            select_on_focus=False,
        )

    def on_mount(self) -> None:
        for note in self.query(".form-note").results(Label):
            note.display = False
        self._venue_hint(self.originals["venue"])
        self._fit()
        self.query_one("#form-title", Input).focus()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        """The fields get the rows the terminal leaves (they scroll), so the help and the
        buttons stay on screen at any size; the buttons lose their borders when short."""
        width, height = self.app.size
        short = height < 24
        for button in self.query(Button):
            button.compact = short
        inner = max(1, min(DIALOG_WIDTH, width) - 4)
        help_rows = -(-cell_len(HELP) // inner)
        buttons = 1 if short else 3
        rows = max(1, height - 2 - 1 - help_rows - buttons)  # border, title, help, buttons
        self.query_one("#form-body").styles.max_height = rows
        self.query_one("#form-notes").styles.height = 3 if height >= 24 else 2

    def on_input_changed(self, message: Input.Changed) -> None:
        if message.input.id == "form-venue":
            self._venue_hint(message.value)

    def _venue_hint(self, text: str) -> None:
        """Under the venue: the ids there are, or a did-you-mean for one there is not (the
        loader refuses an unknown venue once saved; this only says so early)."""
        typed = typed_value(text, self.originals["venue"]).strip()
        note = self.query_one("#form-venue-note", Label)
        if typed and typed not in self.venue_ids:
            hint = suggest(typed, self.venue_ids) or f" (venues: {', '.join(self.venue_ids)})"
            show_note(note, f"no venue {truncate(typed, 40)!r} in this schedule{hint}")
        else:
            choices = ", ".join(self.venue_ids) or "none declared"
            show_note(note, f"venues: {choices}", error=False)

    def _texts(self) -> dict[str, str]:
        texts: dict[str, str] = {}
        for key in FORM_FIELDS:
            if key == "notes":
                text = self.query_one("#form-notes", NotesArea).text
            else:
                text = self.query_one(f"#form-{key}", Input).value
            texts[key] = typed_value(text, self.originals[key])
        return texts

    def action_save(self) -> None:
        try:
            values = changed_values(self.event, self._texts())
        except FormErrors as errors:
            for key in FORM_FIELDS:
                if key != "venue":
                    note = self.query_one(f"#form-{key}-note", Label)
                    show_note(note, errors.errors.get(key, ""))
            first = next(key for key in FORM_FIELDS if key in errors.errors)
            widget = self.query_one(f"#form-{first}")
            widget.focus()
            self.query_one("#form-body", VerticalScroll).scroll_to_widget(widget)
            return
        self.dismiss(SetFields.of(self.event.id, values) if values else None)

    def on_input_submitted(self, message: Input.Submitted) -> None:
        message.stop()
        self.action_save()

    def on_button_pressed(self, message: Button.Pressed) -> None:
        message.stop()
        if message.button.id == "form-ok":
            self.action_save()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
