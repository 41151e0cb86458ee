"""The main screen's tools: filter, as-of, baseline, edit in $EDITOR (the keys / a b e).

A part of `MainScreen` (see screen_base.py); its dialogs are modal screens that return
values, and the slow parts (finding the line, reading a baseline) run in worker threads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work

from tui.app.screens.screen_base import MainScreenBase

if TYPE_CHECKING:
    from tui.app.loading import Prepared
    from tui.app.screens.asof import AsOfChoice


class Tools(MainScreenBase):
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
            if choice is not None:
                self.bind(self.document.set_as_of(choice.moment))

        self.app.push_screen(AsOfScreen(self.clock.zone, current), chosen)

    # --- b: baseline ------------------------------------------------------------------------

    def action_baseline(self) -> None:
        baseline = self.document.chosen_baseline
        self._baseline_dialog(baseline.label if baseline is not None else "", "")

    def _baseline_dialog(self, value: str, error: str) -> None:
        from tui.app.screens.baseline import BaselineScreen

        def chosen(spec: str | None) -> None:
            prepared = self.document.prepared
            if spec is not None and prepared is not None:
                self.read_baseline(prepared, spec)

        dialog = BaselineScreen(value, error, revisions_only=self.config.web)
        self.app.push_screen(dialog, chosen)

    # --- e: edit ----------------------------------------------------------------------------

    def action_edit(self) -> None:
        prepared = self.document.prepared
        if prepared is None or self.refuse_if_read_only("the external editor (e)"):
            return
        event_id = self.document.selected_id
        if event_id is not None and prepared.loaded.schedule.event(event_id) is None:
            # A baseline's removed event: the file has no line for it.
            baseline = self.document.baseline
            label = baseline.label if baseline is not None else "the baseline"
            self.notify(f"Only {label} has {event_id}: opening the file", markup=False)
            event_id = None
        self._find_line(prepared, event_id)

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
