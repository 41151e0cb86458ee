"""The `x` dialog: where to write the calendar and which events to put in it.

It only gathers choices and returns an `ExportRequest`; the app hands that to the domain's
writer (`tui.ical.export`) in a worker, the same functions and the same `EventSelection`
that `docket export` uses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical
from textual.widgets import Button, Input, Label

from tui.app.screens.dialog import Dialog, message_text
from tui.app.shown import shown
from tui.core.dates import DateInputError, parse_optional_date, split_list
from tui.core.selection import EventSelection

if TYPE_CHECKING:
    from tui.app.export_prefill import Prefill


@dataclass(frozen=True)
class ExportRequest:
    path: Path
    selection: EventSelection = field(default_factory=EventSelection)
    alarms: tuple[timedelta, ...] = ()
    #: What was typed in each field, to bring the dialog back as it was if the export fails.
    texts: dict[str, str] = field(default_factory=dict, compare=False)
    #: Where the dialog started from (a filter), said again if it comes back.
    prefill: Prefill | None = field(default=None, compare=False)
    #: The fields' placeholders (`export_prefill.hints`), the same if it comes back.
    hints: dict[str, str] = field(default_factory=dict, compare=False)


#: Each field's key, label and placeholder; the schedule's own names and dates replace the
#: placeholders where it has them (`export_prefill.hints`).
FIELDS: tuple[tuple[str, str, str], ...] = (
    ("path", "File", "calendar.ics"),
    ("kinds", "Kinds", "all"),
    ("tags", "Tags", "all"),
    ("venues", "Venues", "all"),
    ("start", "From", "first event (or a date: YYYY-MM-DD)"),
    ("end", "To", "last event (or a date: YYYY-MM-DD)"),
    ("alarms", "Reminders", "none (or: 1d 2h)"),
)


class ExportScreen(Dialog[ExportRequest | None]):
    """Returns an `ExportRequest`, or None if cancelled. Given a failed request and its
    error, it opens again with what was typed and the reason."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self,
        default_path: Path,
        previous: ExportRequest | None = None,
        error: str = "",
        prefill: Prefill | None = None,
        hints: dict[str, str] | None = None,
    ) -> None:
        super().__init__()
        self.default_path = default_path
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

    def _request(self) -> ExportRequest:
        path = self._value("path").strip()
        if not path:
            raise DateInputError("File: type where to write the calendar")
        alarms: tuple[timedelta, ...] = ()
        if self._value("alarms").strip():
            from tui.ical.alarms import AlarmError, parse_duration

            try:
                alarms = tuple(parse_duration(a) for a in split_list(self._value("alarms")))
            except AlarmError as error:
                raise DateInputError(f"Reminders: {error}") from None
        start = parse_optional_date(self._value("start"), "From")
        end = parse_optional_date(self._value("end"), "To")
        if start and end and end < start:
            raise DateInputError("To is before From")
        choices = {
            "kinds": split_list(self._value("kinds")),
            "tags": split_list(self._value("tags")),
            "venues": split_list(self._value("venues")),
            "start": start,
            "end": end,
        }
        selection = EventSelection(**choices)  # type: ignore[arg-type]
        if self.prefill is not None and self.prefill.ids is not None:
            from tui.app.export_prefill import FilteredSelection

            selection = FilteredSelection(**choices, ids=self.prefill.ids)  # type: ignore[arg-type]
        return ExportRequest(
            path=Path(path).expanduser(),
            selection=selection,
            alarms=alarms,
            texts={key: self._value(key) for key, _, _ in FIELDS},
            prefill=self.prefill,
            hints=self.hints,
        )

    def _submit(self) -> None:
        try:
            self.dismiss(self._request())
        except DateInputError as error:
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
