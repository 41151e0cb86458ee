"""An event's details over the month view: the details panel in a dialog, escape closes it.

The month view has no details panel beside it, and sending the planner to the timeline to
read one event would lose the day they were on; this dialog shows the same facts
(`tui.app.describe.details`) and returns to the grid.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical

from tui.app.screens.dialog import Dialog
from tui.app.widgets.details import DetailsPanel

if TYPE_CHECKING:
    from tui.app.describe import Fact


class EventDetailsScreen(Dialog[None]):
    """The details of one event; escape or enter closes it."""

    def __init__(self, title: str, kind: str, facts: list[Fact], notes: str | None) -> None:
        super().__init__()
        self._shown = (title, kind, facts, notes)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="event-details-dialog"):
            yield DetailsPanel(id="event-details")

    def on_mount(self) -> None:
        panel = self.query_one(DetailsPanel)
        panel.show(*self._shown)
        panel.focus()

    def on_details_panel_left(self, message: DetailsPanel.Left) -> None:
        message.stop()
        self.dismiss(None)
