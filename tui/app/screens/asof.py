"""The `a` dialog: compute everything as of another moment, or the real time again."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar
from zoneinfo import ZoneInfo

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Label

from tui.app.screens.dialog import Dialog, message_text
from tui.app.shown import as_text
from tui.core.asof import AsOfError, parse_as_of


@dataclass(frozen=True)
class AsOfChoice:
    """The moment chosen, or None for the real time ("now")."""

    moment: datetime | None


class AsOfScreen(Dialog[AsOfChoice | None]):
    """Returns an `AsOfChoice`, or None if cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, zone: ZoneInfo, current: datetime | None) -> None:
        super().__init__()
        self.zone = zone
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Compute as of", classes="dialog-title")
            value = self.current.strftime("%Y-%m-%dT%H:%M") if self.current else ""
            yield Input(value=value, placeholder="2023-04-11 or 2023-04-11T15:30", id="asof-input")
            yield Label(
                as_text(
                    f"No offset means {self.zone.key} time. Type now for the real clock.",
                    "dim",
                ),
                classes="dialog-help",
            )
            yield Label("", id="asof-error", classes="dialog-error")
            yield Label("[dim]enter set · esc cancel[/dim]", classes="dialog-help")

    def on_input_submitted(self, message: Input.Submitted) -> None:
        text = message.value.strip()
        if text.lower() in ("now", ""):
            self.dismiss(AsOfChoice(None))
            return
        try:
            self.dismiss(AsOfChoice(parse_as_of(text, self.zone)))
        except AsOfError as error:
            self.query_one("#asof-error", Label).update(message_text(str(error)))

    def action_cancel(self) -> None:
        self.dismiss(None)
