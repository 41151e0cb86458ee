"""The main screen's export (the key x): a dialog for the file and the filters, then the
calendar planned and written in a worker by the one export flow of `docket export`
(`tui.ical.export_plan`).

A part of `MainScreen` (see screen_base.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work

from tui.app.screens.screen_base import MainScreenBase
from tui.app.shown import shown

if TYPE_CHECKING:
    from pathlib import Path

    from tui.app.loading import Prepared
    from tui.app.screens.export import ExportForm, ExportScreen
    from tui.ical.export_plan import ExportPlan


class ExportAction(MainScreenBase):
    """`x`: the export dialog and the export."""

    def action_export(self) -> None:
        from pathlib import Path

        from tui.app.export_prefill import hints, prefill
        from tui.app.screens.export import ExportScreen
        from tui.ical.export_plan import default_output

        if self.prepared is None:
            return
        schedule = self.prepared.loaded.schedule
        # As `docket export` names it (with a control character in the name made visible);
        # in a browser, the name of the download alone (no folder of the server's).
        name = shown(default_output(schedule).name)
        default = Path(name) if self.config.web else Path.cwd() / name
        start = None
        if self.filtering and self.event_filter is not None:
            events = [row.event for row in self.timeline.rows if not row.removed]
            start = prefill(self.event_filter, schedule, events)
        dialog = ExportScreen(
            default, prefill=start, hints=hints(schedule), names_only=self.config.web
        )
        self._export_dialog(dialog)

    def _export_dialog(self, dialog: ExportScreen) -> None:
        def chosen(form: ExportForm | None) -> None:
            if form is not None and self.prepared is not None:
                self._export(self.prepared, form)

        self.app.push_screen(dialog, chosen)

    def _export_failed(self, form: ExportForm, error: str) -> None:
        """Bring the dialog back with what was typed, so a typo costs one edit."""
        from tui.app.screens.export import ExportScreen

        self._export_dialog(ExportScreen(form.path, form, error, names_only=self.config.web))

    def _deliver(self, plan: ExportPlan) -> list[str]:
        """In a browser: each file of `plan` sent as a download, named by its file name
        alone (whatever folder was typed, the server's files are never touched); what the
        report says, with "sent" for "wrote"."""
        from io import BytesIO

        lines = []
        for file in plan.files:
            name = download_name(file.target)
            self.app.deliver_binary(
                BytesIO(file.data), save_filename=name, mime_type="text/calendar", name=name
            )
        for line in plan.report:
            text = line.text
            for file in plan.files:  # no path of the server's in what the browser reads
                text = text.replace(f"wrote {file.where}", f"sent {download_name(file.target)}")
                text = text.replace(file.where, download_name(file.target))
            lines.append(text)
        return lines

    @work(thread=True, exclusive=True, group="export", exit_on_error=False, description="export")
    def _export(self, prepared: Prepared, form: ExportForm) -> None:
        """The flow's plan and write (`tui.ical.export_plan`), stamped as `docket export
        --as-of` stamps; its report in one notification, its failure in the dialog."""
        from tui.ical.export_plan import ExportFailure, plan_export, write_export

        try:
            plan = plan_export(prepared.loaded.schedule, form.choices, as_of=self.clock.chosen)
            if self.config.web:
                lines = self.app.call_from_thread(self._deliver, plan)
            else:
                write_export(plan)
                lines = [line.text for line in plan.report]
        except ExportFailure as error:
            self.app.call_from_thread(self._export_failed, form, str(error))
            return
        message = "\n".join(lines)
        severity = "warning" if plan.has_notes else "information"
        self.app.call_from_thread(
            self.notify, message, title="Export", severity=severity, markup=False
        )


def download_name(target: Path | None) -> str:
    """The name a download is saved as: the file name typed, without any folder, never
    empty, hidden or a path of its own."""
    name = target.name if target is not None else ""
    name = "".join(char for char in name if char.isprintable() and char not in "/\\")
    name = name.lstrip(".")
    return name or "calendar.ics"
