"""The `b` dialog: which version of the schedule to draw it against (the baseline).

It only asks: what it returns is read and compared in a worker (`tui.app.baseline_view`), and
if that fails the dialog comes back with what was typed and why, so a typo costs one edit.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Label

from tui.app.screens.dialog import Dialog, message_text
from tui.app.shown import shown


class BaselineScreen(Dialog[str | None]):
    """Returns the baseline typed ('' for none), or None if cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, value: str = "", error: str = "", *, revisions_only: bool = False) -> None:
        super().__init__()
        self.value = value
        self.error = error
        #: In a browser: a git revision of the schedule only (no file, no REV:PATH).
        self.revisions_only = revisions_only

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Compare with a baseline", classes="dialog-title")
            yield Input(
                # A name may hold control characters (a file named so): shown, never sent.
                value=shown(self.value),
                placeholder=(
                    "HEAD~1 or a tag"
                    if self.revisions_only
                    else "HEAD~1, a tag, REV:PATH or a file"
                ),
                id="baseline-input",
                select_on_focus=True,
            )
            yield Label(message_text(self.error), id="baseline-error", classes="dialog-error")
            yield Label(
                "[dim]enter compare · empty: no baseline · esc cancel[/dim]",
                classes="dialog-help",
            )

    def on_input_submitted(self, message: Input.Submitted) -> None:
        self.dismiss(message.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
