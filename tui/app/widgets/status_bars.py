"""The two bars above the footer: the active filter, and the error of an invalid reload."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Label, Static

from tui.app.shown import shown
from tui.core.errors import Diagnostic


class ErrorBar(Static):
    """The located errors of the file on disk, while the app keeps the last valid schedule."""

    def show_errors(self, errors: list[Diagnostic] | list[str]) -> None:
        """Up to three errors; a message quotes the file (values, names, paths), so it is
        made visible and kept out of markup."""
        text = Text()
        for error in errors[:3]:
            text.append("✕", "bold").append(f" {shown(str(error))}\n")
        if len(errors) > 3:
            text.append(f"  … and {len(errors) - 3} more (docket check shows them all)\n")
        text.append("Showing the last valid schedule; save a fix and it reloads.", "dim")
        self.update(text)
        self.display = True

    def clear_errors(self) -> None:
        self.update("")
        self.display = False


class FilterBar(Horizontal):
    """`/` opens it; typing filters live; enter keeps the filter; escape clears it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "clear", "Clear filter")]

    class Changed(Message):
        def __init__(self, text: str, done: bool) -> None:
            self.text = text
            self.done = done
            super().__init__()

    def compose(self) -> ComposeResult:
        yield Label("/", id="filter-prompt")
        yield Input(
            placeholder="words, kind:session tag:x venue:vienna status:cancelled",
            id="filter-input",
            select_on_focus=False,
        )
        yield Label("", id="filter-count")

    @property
    def input(self) -> Input:
        return self.query_one("#filter-input", Input)

    def open(self) -> None:
        self.display = True
        self.input.focus()

    def show_count(self, shown: int, total: int) -> None:
        self.query_one("#filter-count", Label).update(f"{shown} of {total}")

    def on_input_changed(self, message: Input.Changed) -> None:
        message.stop()
        if self.display:  # not the echo of `action_clear` emptying a closed bar
            self.post_message(self.Changed(message.value, done=False))

    def on_input_submitted(self, message: Input.Submitted) -> None:
        message.stop()
        self.post_message(self.Changed(message.value, done=True))

    def action_clear(self) -> None:
        self.input.value = ""
        self.display = False
        self.post_message(self.Changed("", done=True))
