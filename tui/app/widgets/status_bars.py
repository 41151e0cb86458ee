"""The two bars above the footer: the active filter, and the errors of an invalid reload."""

from __future__ import annotations

from collections.abc import Sequence
from os import PathLike, fspath
from typing import ClassVar

from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Label, Static

from tui.app.shown import middle, shown
from tui.core.errors import Diagnostic


class ErrorBar(Static):
    """The located errors of the file on disk, while the app keeps the last valid schedule.

    Each error says why first and where after, the path shortened in the middle to the
    width (a long path never pushes the reason off the bar). Toasts are lifted above the
    bar while it shows: a notification never covers the reason."""

    def show_errors(self, errors: Sequence[Diagnostic | str], path: str | PathLike[str]) -> None:
        """Up to three errors; a message quotes the file (values, names, paths), so it is
        made visible and kept out of markup."""
        self.update(ErrorLines([_reason_and_place(e, fspath(path)) for e in errors]))
        self.display = True
        self.call_after_refresh(self._lift_toasts)

    def clear_errors(self) -> None:
        self.update("")
        self.display = False
        self.call_after_refresh(self._lift_toasts)

    def on_resize(self) -> None:
        self._lift_toasts()

    def _lift_toasts(self) -> None:
        """Textual docks its toasts at the bottom of the screen, over this bar: while it
        shows, they sit on its top edge instead."""
        if not self.is_attached:
            return
        for rack in self.screen.query("#textual-toastrack"):
            if self.display and self.region:
                rack.styles.margin = (0, 0, max(1, self.screen.size.height - self.region.y), 0)
            else:
                rack.styles.clear_rule("margin")  # Textual's own: above the footer


class ErrorLines:
    """The error bar's text, laid out for the width it is drawn at (a Rich renderable)."""

    def __init__(self, entries: list[tuple[str, str]]) -> None:
        self.entries = entries

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.text(options.max_width)

    def text(self, width: int) -> Text:
        text = Text()
        for reason, place in self.entries[:3]:
            line = Text().append("✕", "bold").append(f" {reason}")
            room = width - line.cell_len - len(PLACE_GAP)
            if place and room >= MIN_PLACE:
                line.append(PLACE_GAP).append(middle(place, room), "dim")
            elif place:  # on a line of its own, under the reason
                line.append("\n  ").append(middle(place, max(1, width - 2)), "dim")
            text.append_text(line).append("\n")
        if len(self.entries) > 3:
            text.append(f"  … and {len(self.entries) - 3} more (docket check shows them all)\n")
        text.append("Showing the last valid schedule; save a fix and it reloads.", "dim")
        return text


#: Between an error's reason and where it is; the fewest cells a shortened place keeps.
PLACE_GAP = " · "
MIN_PLACE = 24


def _reason_and_place(error: Diagnostic | str, path: str) -> tuple[str, str]:
    """(why, where) of one error, both made visible: a diagnostic's message and its
    `file:line:col`; a message that starts with the schedule's path, what follows it."""
    if isinstance(error, Diagnostic):
        return shown(error.message), shown(f"{error.path}:{error.line}:{error.column}")
    message = str(error)
    if path and message.startswith(f"{path}: "):
        return shown(message[len(path) + 2 :]), shown(path)
    return shown(message), ""


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
