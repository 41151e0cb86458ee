"""The main screen's baseline (`b`, `--baseline`) and what the details add about changes
and rules.

A part of `MainScreen` (see main_base.py). The baseline is read and validated once, in a
worker; every load then compares the schedule with it (`tui.app.loading.load_prepared`),
and this part shows the result: the timeline's and the agenda's rows with the removed
events merged in, the marks, the header's line (per as-of day), and the details' lines.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.worker import Worker, WorkerState, get_current_worker

from tui.app.screens.main_base import MainScreenBase

if TYPE_CHECKING:
    from datetime import datetime

    from tui.app.baseline_view import BaselineView
    from tui.app.loading import Prepared
    from tui.app.timeline.rows import Row
    from tui.core.describe import Fact
    from tui.core.model import Event
    from tui.diff.baseline_source import Baseline


class MainBaseline(MainScreenBase):
    """`b`: pick a baseline; the rows, marks, header line and details lines it gives."""

    # --- b ------------------------------------------------------------------------------------

    def action_baseline(self) -> None:
        label = self.baseline.label if self.baseline is not None else ""
        self._baseline_dialog(label, "")

    def _baseline_dialog(self, value: str, error: str) -> None:
        from tui.app.screens.baseline import BaselineScreen

        def chosen(spec: str | None) -> None:
            if spec is not None and self.prepared is not None:
                self._read_baseline(self.prepared, spec)

        self.app.push_screen(BaselineScreen(value, error), chosen)

    @work(
        thread=True, exclusive=True, group="baseline", exit_on_error=False, description="baseline"
    )
    def _read_baseline(
        self, prepared: Prepared, spec: str
    ) -> tuple[Prepared, Baseline | None, BaselineView | None] | None:
        """(the load compared, the baseline or None to clear it, the comparison); None when
        the baseline cannot be read (the dialog comes back saying why)."""
        from tui.app.baseline_view import baseline_view
        from tui.core.errors import DocketError, ScheduleError
        from tui.diff.baseline_source import read_baseline

        if not spec:
            return prepared, None, None
        worker = get_current_worker()
        try:
            baseline = read_baseline(spec, self.path)
        except ScheduleError as error:
            count = len(error.errors)
            more = f" (+{count - 1} more: docket check)" if count > 1 else ""
            self.app.call_from_thread(self._read_failed, worker, spec, f"{error}{more}")
            return None
        except DocketError as error:
            self.app.call_from_thread(self._read_failed, worker, spec, str(error))
            return None
        return prepared, baseline, baseline_view(baseline, prepared.rows, self.clock.now())

    @work(thread=True, exclusive=True, group="baseline", exit_on_error=False, description="compare")
    def _compare(
        self, prepared: Prepared, baseline: Baseline | None
    ) -> tuple[Prepared, Baseline | None, BaselineView | None]:
        from tui.app.baseline_view import baseline_view

        if baseline is None:
            return prepared, None, None
        return prepared, baseline, baseline_view(baseline, prepared.rows, self.clock.now())

    def _read_failed(self, worker: Worker[object], spec: str, error: str) -> None:
        """The dialog again, saying why; not for a read that a later `b` has replaced."""
        if not worker.is_cancelled:
            self._baseline_dialog(spec, error)

    def on_worker_state_changed(self, message: Worker.StateChanged) -> None:
        # Runs besides `MainScreen`'s own handler (Textual calls every class's, in MRO order).
        worker = message.worker
        if worker.group != "baseline" or message.state != WorkerState.SUCCESS:
            return
        result = worker.result
        if result is None:
            return
        prepared, baseline, view = result
        self.baseline = baseline
        if self.prepared is None:
            return
        if prepared is not self.prepared:
            # The file was reloaded meanwhile: compare what is shown now (the last valid
            # schedule, even if the file has since turned invalid).
            self._compare(self.prepared, baseline)
            return
        prepared.baseline = view
        self.show_baseline()
        said = f"Baseline: {baseline.label}" if baseline is not None else "No baseline"
        self.notify(said, timeout=2, markup=False)

    # --- what the other parts show of it -------------------------------------------------------

    def show_baseline(self) -> None:
        """Show the loaded schedule against its baseline (or without one) everywhere."""
        view = self.prepared.baseline if self.prepared is not None else None
        self.timeline.set_marks(view.marks if view is not None else {})
        self._baseline_line = None
        self._apply_filter()
        self._show_details()
        self._tick()

    def baseline_rows(self, rows: list[Row]) -> tuple[list[Row], tuple[float, float], int]:
        """The rows to show (the removed events merged in), the bounds the whole-schedule
        zoom fits, and how many events the schedule has (the axis counts removed rows
        apart)."""
        assert self.prepared is not None
        all_rows, view = self.prepared.rows, self.prepared.baseline
        bounds = (all_rows.first, all_rows.last)
        if view is None:
            return rows, bounds, len(all_rows)
        first, last = min(bounds[0], view.first), max(bounds[1], view.last)
        merged = view.merged(rows, self.event_filter)
        return merged, (first, last), len(all_rows)

    def baseline_header(self, now: datetime) -> str:
        """The header's baseline line, computed once per load and as-of day."""
        from tui.app.baseline_view import headline_text

        view = self.prepared.baseline if self.prepared is not None else None
        if view is None:
            return ""
        short = self.header.compact
        key = (id(view), now.date(), short)
        if self._baseline_line is None or self._baseline_line[0] != key:
            self._baseline_line = (key, headline_text(view, now, short=short))
        return self._baseline_line[1]

    def removed_event(self, event_id: str) -> Event | None:
        """The baseline's event of that id, when only the baseline has it."""
        view = self.prepared.baseline if self.prepared is not None else None
        item = view.diff.get(event_id) if view is not None else None
        return item.old if item is not None and item.new is None else None

    def more_facts(self, event_id: str) -> list[Fact]:
        """The details' lines about the baseline and the rules for one event."""
        from tui.core.describe import Fact

        facts: list[Fact] = []
        view = self.prepared.baseline if self.prepared is not None else None
        if view is not None:
            item = view.diff.get(event_id)
            if item is None:
                facts.append(Fact("Baseline", f"unchanged since {view.label}"))
            elif item.new is None:
                facts.append(Fact("Baseline", f"removed since {view.label}"))
            elif item.old is None:
                facts.append(Fact("Baseline", f"added since {view.label}"))
            else:
                for number, change in enumerate(item.changes):
                    facts.append(Fact("" if number else "Baseline", change.phrase()))
        for number, fault in enumerate(self.rule_faults.get(event_id, ())):
            facts.append(Fact("" if number else "Rules", f"✗ {fault}"))
        return facts
