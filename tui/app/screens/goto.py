"""The `g` dialog: which date to show on the timeline."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Label

from tui.app.go_to import parse_go_to
from tui.app.screens.dialog import Dialog, message_text
from tui.core.dates import FIRST_YEAR, LAST_YEAR, DateInputError


class GoToDateScreen(Dialog[date | None]):
    """Returns the date typed (a year, a month or a day), or None if cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Go to date", classes="dialog-title")
            yield Input(placeholder="2023, 2023-04 or 2023-04-11", id="goto-input")
            yield Label("", id="goto-error", classes="dialog-error")
            yield Label("[dim]enter go · esc cancel[/dim]", classes="dialog-help")

    def on_input_submitted(self, message: Input.Submitted) -> None:
        try:
            self.dismiss(_in_range(message.value))
        except DateInputError as error:
            self.query_one("#goto-error", Label).update(message_text(str(error)))

    def action_cancel(self) -> None:
        self.dismiss(None)


def _in_range(text: str) -> date:
    """The date typed, if it is in the years docket supports (the timeline shows no others);
    a year out of them is named as such, even one Python has no dates in (0000)."""
    value = text.strip()
    head = value.split("-", 1)[0]
    year = int(head) if len(head) == 4 and head.isdigit() else parse_go_to(value).year
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise DateInputError(
            f"{value!r} is outside the years docket supports ({FIRST_YEAR} to {LAST_YEAR})"
        )
    return parse_go_to(value)
