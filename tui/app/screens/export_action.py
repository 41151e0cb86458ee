"""The main screen's export (the key x): a dialog for the file and the filters, then the
calendar written in a worker by the same code as `docket export`.

A part of `MainScreen` (see screen_base.py), moved whole from the former main_tools.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work

from tui.app.screens.screen_base import MainScreenBase
from tui.app.shown import shown

if TYPE_CHECKING:
    from tui.app.loading import Prepared
    from tui.app.screens.export import ExportRequest, ExportScreen


class ExportAction(MainScreenBase):
    """`x`: the export dialog and the export."""

    def action_export(self) -> None:
        from pathlib import Path

        from tui.app.screens.export import ExportScreen

        if self.prepared is None:
            return
        # As `docket export` names it (with a control character in the name made visible).
        default = Path.cwd() / f"{shown(self.path.stem)}.ics"
        from tui.app.export_prefill import hints, prefill

        schedule = self.prepared.loaded.schedule
        start = None
        if self.filtering and self.event_filter is not None:
            events = [row.event for row in self.timeline.rows if not row.removed]
            start = prefill(self.event_filter, schedule, events)
        self._export_dialog(ExportScreen(default, prefill=start, hints=hints(schedule)))

    def _export_dialog(self, dialog: ExportScreen) -> None:
        def chosen(request: ExportRequest | None) -> None:
            if request is not None and self.prepared is not None:
                self._export(self.prepared, request)

        self.app.push_screen(dialog, chosen)

    def _export_failed(self, request: ExportRequest, error: str) -> None:
        """Bring the dialog back with what was typed, so a typo costs one edit."""
        from tui.app.screens.export import ExportScreen

        self._export_dialog(ExportScreen(request.path, request, error))

    @work(thread=True, exclusive=True, group="export", exit_on_error=False, description="export")
    def _export(self, prepared: Prepared, request: ExportRequest) -> None:
        from tui.core.errors import DocketError
        from tui.ical.export import (
            empty_note,
            export_bytes,
            size_warning,
            stamp_for,
            write_calendar,
        )

        schedule = prepared.loaded.schedule
        stamp = stamp_for(self.clock.chosen)  # `docket export --as-of`'s rule
        unknown = request.selection.unknown_value(schedule)
        if unknown is not None:
            self.app.call_from_thread(self._export_failed, request, unknown[1])
            return
        try:
            data = export_bytes(schedule, request.selection, alarms=request.alarms, dtstamp=stamp)
            write_calendar(request.path, data)
        except DocketError as error:
            self.app.call_from_thread(self._export_failed, request, str(error))
            return
        count = data.count(b"BEGIN:VEVENT")
        message = f"Wrote {count} calendar entries ({len(data) / 1024:.0f} KB) to {request.path}"
        note = empty_note(schedule, request.selection)
        if note is not None:  # an empty calendar is still written: say why it is empty
            message = f"{request.path}: {note}"
        severity = "warning" if note is not None else "information"
        self.app.call_from_thread(
            self.notify, message, title="Export", severity=severity, markup=False
        )
        warning = size_warning(data)
        if warning is not None:
            self.app.call_from_thread(
                self.notify,
                warning.replace("use --split year, or filters", "narrow the export with filters"),
                title="Export",
                severity="warning",
                markup=False,
            )
