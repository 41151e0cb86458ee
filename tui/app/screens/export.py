"""The `x` dialog: where to write the calendar and which events to put in it.

A thin front end over the one export flow, `tui.ical.export_plan`, the one `docket export`
goes through: it gathers the fields into an `ExportRequest` (named as the dialog names them,
`DIALOG`), runs the flow's checks that need no schedule as enter is pressed (a typo keeps
the dialog open, with the flow's message), and returns the checked choices in an
`ExportForm`; the main screen plans and writes them in a worker.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical
from textual.widgets import Button, Input, Label

from tui.app.screens.dialog import Dialog, message_text
from tui.app.shown import shown
from tui.core.dates import split_list
from tui.ical.export_plan import DIALOG, ExportChoices, ExportFailure, ExportRequest, check_request

if TYPE_CHECKING:
    from tui.app.export_prefill import Prefill


@dataclass(frozen=True)
class ExportForm:
    """The dialog's answer: the checked choices, and what it needs to come back as it was
    if the export fails."""

    choices: ExportChoices
    #: What was typed in each field.
    texts: dict[str, str] = field(default_factory=dict, compare=False)
    #: Where the dialog started from (a filter), said again if it comes back.
    prefill: Prefill | None = field(default=None, compare=False)
    #: The fields' placeholders (`export_prefill.hints`), the same if it comes back.
    hints: dict[str, str] = field(default_factory=dict, compare=False)

    @property
    def path(self) -> Path:
        """Where the calendar goes (the dialog never lets a form out without one)."""
        return Path(self.choices.request.output or "")


#: Each field's key, label and placeholder; the schedule's own names and dates replace the
#: placeholders where it has them (`export_prefill.hints`).
#: The labels are the flow's names for the inputs (`DIALOG`), which its messages use.
FIELDS: tuple[tuple[str, str, str], ...] = (
    ("path", DIALOG.output, "calendar.ics"),
    ("kinds", DIALOG.kinds, "all"),
    ("tags", DIALOG.tags, "all"),
    ("venues", DIALOG.venues, "all"),
    ("start", DIALOG.start, "first event (or a date: YYYY-MM-DD)"),
    ("end", DIALOG.end, "last event (or a date: YYYY-MM-DD)"),
    ("alarms", DIALOG.alarms, "none (or: 1d 2h)"),
)


class ExportScreen(Dialog[ExportForm | None]):
    """Returns an `ExportForm`, or None if cancelled. Given a failed form and its error, it
    opens again with what was typed and the reason."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self,
        default_path: Path,
        previous: ExportForm | None = None,
        error: str = "",
        prefill: Prefill | None = None,
        hints: dict[str, str] | None = None,
        *,
        names_only: bool = False,
    ) -> None:
        super().__init__()
        self.default_path = default_path
        #: In a browser the path names a download: taken as typed (no `~` looked up).
        self.names_only = names_only
        self.prefill = previous.prefill if previous else prefill
        self.hints = dict(previous.hints) if previous else dict(hints or {})
        if previous:
            self.texts = dict(previous.texts)
        else:
            self.texts = {"path": str(default_path), **(self.prefill.texts if self.prefill else {})}
        self.error = error

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="export-dialog"):
            yield Label("Export to iCalendar (.ics)", classes="dialog-title")
            if self.prefill is not None:
                note = message_text(self.prefill.note)
                yield Label(note, id="export-note", classes="dialog-help")
            with Grid(id="export-grid"):
                for key, label, placeholder in FIELDS:
                    yield Label(label)
                    value = self.texts.get(key, "")
                    hint = self.hints.get(key, placeholder)
                    yield Input(value=shown(value), placeholder=hint, id=f"export-{key}")
            yield Label(message_text(self.error), id="export-error", classes="dialog-error")
            yield Label(
                "[dim]Lists: spaces or commas. tab next field · enter export · esc cancel[/dim]",
                classes="dialog-help",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Export", variant="primary", id="export-ok")
                yield Button("Cancel", id="export-cancel")

    def on_mount(self) -> None:
        self._fit_buttons()

    def on_resize(self) -> None:
        self._fit_buttons()

    def _fit_buttons(self) -> None:
        """In a short terminal the buttons lose their borders, so they stay on screen even
        with a two-line error above them (at 60x15 the dialog has no row to spare)."""
        for button in self.query(Button):
            button.compact = self.app.size.height < 24

    def _value(self, key: str) -> str:
        return self.query_one(f"#export-{key}", Input).value

    def _form(self) -> ExportForm:
        """The fields as the flow's request (a blank date or list is not given), checked."""
        path = self._value("path").strip()
        output = str(Path(path) if self.names_only else Path(path).expanduser()) if path else ""
        request = ExportRequest(
            output=output,
            kinds=split_list(self._value("kinds")),
            tags=split_list(self._value("tags")),
            venues=split_list(self._value("venues")),
            alarms=split_list(self._value("alarms")),
            ids=self.prefill.ids if self.prefill is not None else None,
            start=self._value("start").strip() or None,
            end=self._value("end").strip() or None,
            names=DIALOG,
        )
        return ExportForm(
            choices=check_request(request),
            texts={key: self._value(key) for key, _, _ in FIELDS},
            prefill=self.prefill,
            hints=self.hints,
        )

    def _submit(self) -> None:
        try:
            self.dismiss(self._form())
        except ExportFailure as error:
            self.query_one("#export-error", Label).update(message_text(str(error)))

    def on_input_submitted(self, message: Input.Submitted) -> None:
        message.stop()
        self._submit()

    def on_button_pressed(self, message: Button.Pressed) -> None:
        if message.button.id == "export-ok":
            self._submit()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
