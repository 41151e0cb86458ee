"""The main screen's tools: filter, as-of, edit in $EDITOR, export (the keys / a e x).

A part of `MainScreen` (see main_base.py), kept apart so each file stays readable; its
dialogs are modal screens that return values, and the slow parts (finding the line,
writing the calendar) run in worker threads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work

from tui.app.screens.main_base import MainScreenBase
from tui.app.shown import shown

if TYPE_CHECKING:
    from tui.app.loading import Prepared
    from tui.app.screens.asof import AsOfChoice
    from tui.app.screens.export import ExportForm, ExportScreen


class MainTools(MainScreenBase):
    """Actions of `MainScreen` that open a dialog or another program."""

    # --- / and escape ---------------------------------------------------------------------

    def action_filter(self) -> None:
        from tui.app.widgets.status_bars import FilterBar

        if self.view == "countdowns":
            self.action_show_view("timeline")
        self.query_one(FilterBar).open()

    def action_clear_filter(self) -> None:
        from tui.app.widgets.status_bars import FilterBar

        if self.has_class("-details"):
            self._leave_details()
            return
        self.query_one(FilterBar).action_clear()

    # --- a: as of ---------------------------------------------------------------------------

    def action_change_as_of(self) -> None:
        from tui.app.screens.asof import AsOfScreen

        current = self.clock.now() if self.clock.is_as_of else None

        def chosen(choice: AsOfChoice | None) -> None:
            if choice is None:
                return
            self.clock.set(choice.moment)
            self._headline = None
            self._last_day = None
            self._countdowns_dirty = True
            self._tick()
            self._show_details()
            if self.view == "countdowns":
                self._refresh_countdowns()

        self.app.push_screen(AsOfScreen(self.clock.zone, current), chosen)

    # --- e: edit ----------------------------------------------------------------------------

    def action_edit(self) -> None:
        if self.prepared is None:
            return
        event_id = self.selected_id
        if event_id is not None and self.prepared.loaded.schedule.event(event_id) is None:
            # A baseline's removed event: the file has no line for it.
            label = self.baseline.label if self.baseline is not None else "the baseline"
            self.notify(f"Only {label} has {event_id}: opening the file", markup=False)
            event_id = None
        self._find_line(self.prepared, event_id)

    @work(thread=True, exclusive=True, group="edit", exit_on_error=False, description="find line")
    def _find_line(self, prepared: Prepared, event_id: str | None) -> None:
        line = prepared.loaded.event_line(event_id) if event_id else None
        self.app.call_from_thread(self._run_editor, line)

    def _run_editor(self, line: int | None) -> None:
        """Hand the terminal to the editor and take it back, whatever the editor does: an
        exception inside `App.suspend()` would leave the app suspended (a blank screen)."""
        from textual.app import SuspendNotSupported

        from tui.app.editor import EditorError, editor_command, run_editor

        try:
            command = editor_command(self.path, line)
        except EditorError as error:
            self._editor_done(str(error), ran=False)
            return
        try:
            with self.app.suspend():
                failure = run_editor(command, terminal=True)
        except SuspendNotSupported:  # no terminal to hand over (tests, web): in a thread
            self._run_detached(command)
            return
        self._editor_done(failure)

    @work(thread=True, group="editor", exit_on_error=False, description="editor")
    def _run_detached(self, command: list[str]) -> None:
        from tui.app.editor import run_editor

        self.app.call_from_thread(self._editor_done, run_editor(command, terminal=False))

    def _editor_done(self, failure: str | None, *, ran: bool = True) -> None:
        if failure is not None:
            self.notify(failure, title="Edit", severity="error", markup=False)
        if ran:
            self.reload()  # even after a failure: an editor that exits non-zero may have saved

    # --- x: export --------------------------------------------------------------------------

    def action_export(self) -> None:
        from pathlib import Path

        from tui.app.export_prefill import hints, prefill
        from tui.app.screens.export import ExportScreen
        from tui.ical.export_plan import default_output

        if self.prepared is None:
            return
        schedule = self.prepared.loaded.schedule
        # As `docket export` names it (with a control character in the name made visible).
        default = Path.cwd() / shown(default_output(schedule).name)
        start = None
        if self.filtering and self.event_filter is not None:
            events = [row.event for row in self.timeline.rows if not row.removed]
            start = prefill(self.event_filter, schedule, events)
        self._export_dialog(ExportScreen(default, prefill=start, hints=hints(schedule)))

    def _export_dialog(self, dialog: ExportScreen) -> None:
        def chosen(form: ExportForm | None) -> None:
            if form is not None and self.prepared is not None:
                self._export(self.prepared, form)

        self.app.push_screen(dialog, chosen)

    def _export_failed(self, form: ExportForm, error: str) -> None:
        """Bring the dialog back with what was typed, so a typo costs one edit."""
        from tui.app.screens.export import ExportScreen

        self._export_dialog(ExportScreen(form.path, form, error))

    @work(thread=True, exclusive=True, group="export", exit_on_error=False, description="export")
    def _export(self, prepared: Prepared, form: ExportForm) -> None:
        """The flow's plan and write (`tui.ical.export_plan`), stamped as `docket export
        --as-of` stamps; its report in one notification, its failure in the dialog."""
        from tui.ical.export_plan import ExportFailure, plan_export, write_export

        try:
            plan = plan_export(prepared.loaded.schedule, form.choices, as_of=self.clock.chosen)
            write_export(plan)
        except ExportFailure as error:
            self.app.call_from_thread(self._export_failed, form, str(error))
            return
        message = "\n".join(line.text for line in plan.report)
        severity = "warning" if plan.has_notes else "information"
        self.app.call_from_thread(
            self.notify, message, title="Export", severity=severity, markup=False
        )
