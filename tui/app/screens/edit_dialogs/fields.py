"""What the edit dialogs share: inputs that take a paste as text, and a labelled row.

The app shows every paste as text on its way in (`DocketApp.on_event`); these inputs do
it again themselves, so a dialog pushed by any app still never draws a pasted escape or
bidi override raw (`pasted` is idempotent: a control's picture is not a control).
A field's value from the file is shown through `shown` too; `typed_value` gives back the
file's own value for a field left as it was shown, so an untouched field never changes.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Input, Label, TextArea

from tui.app.screens.dialog import message_text
from tui.app.shown import pasted, shown
from tui.edit.form_values import revealed


class TextInput(Input):
    """A one-line input whose paste arrives as text (controls as their pictures)."""

    def on_paste(self, event: events.Paste) -> None:
        # Textual calls each class's handler in turn, this one first: `Input`'s
        # (private) then inserts the text made here.
        event.text = pasted(event.text)


class NotesArea(TextArea):
    """A several-line input whose paste arrives as text (newlines kept)."""

    async def on_paste(self, event: events.Paste) -> None:
        event.text = pasted(event.text)  # then `TextArea`'s handler inserts it


def field_row(label: str, widget: Widget) -> ComposeResult:
    """A field: its label at the left, the widget in the rest of the line."""
    with Horizontal(classes="form-row"):
        yield Label(label, classes="form-label")
        yield widget


def note_line(key: str) -> Label:
    """The line under a field where its error (or its hint) goes; hidden while empty."""
    return Label("", id=f"form-{key}-note", classes="form-note")


def show_note(note: Label, message: str, *, error: bool = True) -> None:
    """Put `message` (text, never markup) under its field, or hide the line if empty."""
    note.update(message_text(message) if error else Text(shown(message), style="dim"))
    note.set_class(error, "-error")
    note.display = bool(message)


def typed_value(text: str, original: str) -> str:
    """What a field's text says: the file's own `original` if the text is as it was shown,
    else the text with the bidi stand-ins made characters again (`revealed`)."""
    return original if text == shown(original, multiline="\n" in original) else revealed(text)
