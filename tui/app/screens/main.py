"""The one screen a planner reads: header, timeline with details, agenda, countdowns.

It owns the document (declared in main_base.py): the last valid schedule, the filter, the
selection and the as-of clock. Loading, watching, the countdowns table and exports run in
workers; the event loop only draws.

Start-up is progressive, because time to first frame is measured: the first frame has only
the header and the timeline's axis; the details panel, the bars and the footer are imported
and mounted right after it, then the schedule loads in a thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Horizontal
from textual.message import Message
from textual.worker import Worker, WorkerState

from tui.app.clock import clock_text
from tui.app.headline import Headline, headline_for
from tui.app.screens.main_baseline import MainBaseline
from tui.app.screens.main_cache import MainCache
from tui.app.screens.main_tools import MainTools
from tui.app.screens.main_views import MainViews
from tui.app.widgets.header import DocketHeader
from tui.app.widgets.timeline import Timeline

if TYPE_CHECKING:
    from datetime import date, datetime

    from tui.app.loading import Prepared
    from tui.app.widgets.status_bars import FilterBar
    from tui.core.errors import ScheduleError, ScheduleFileError

VIEWS = Binding.Group("views", compact=True)
NARROW = 100


class MainScreen(MainViews, MainTools, MainCache, MainBaseline):
    """Header, the current view, the filter and error bars, the footer."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "show_view('timeline')", "Timeline", group=VIEWS),
        Binding("2", "show_view('agenda')", "Agenda", group=VIEWS),
        Binding("3", "show_view('countdowns')", "Countdowns", group=VIEWS),
        Binding("4", "show_view('month')", "Month", group=VIEWS),
        Binding("5", "show_view('rules')", "Rules", group=VIEWS),
        Binding("slash", "filter", "Filter"),
        Binding("escape", "clear_filter", "Clear"),
        Binding("a", "change_as_of", "As of…"),
        Binding("b", "baseline", "Baseline", tooltip="Compare with a revision or a file"),
        Binding("e", "edit", "Edit"),
        Binding("x", "export", "Export"),
    ]

    class FileChanged(Message):
        """The schedule file changed on disk (posted by the watcher thread)."""

    # --- layout --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield DocketHeader(id="header")
        with Horizontal(id="timeline-view", classes="view"):
            yield Timeline(id="timeline")

    def on_mount(self) -> None:
        self.header.show_title(self.config.title_hint)
        self.timeline.placeholder = f"Loading {self.path.name}…"
        self._tick()
        self.timeline.focus()

    async def start(self) -> None:
        """After the first frame: load the schedule in a thread; once its first rows are
        drawn (cached or validated: `MainCache`), `_start_rest`. The load reports only once
        the panels are mounted."""
        # toml-rs (a Rust extension) must first be imported on the main thread: initialised
        # in a worker thread that later exits, it crashes when another thread parses.
        import toml_rs  # noqa: F401

        self.after_first_rows(self._start_rest)
        self.reload()

    async def _start_rest(self) -> None:
        """Mount the panels, the bars and the footer; start the clock; watch the file."""
        from tui.app.widgets.details import DetailsPanel
        from tui.app.widgets.footer import DocketFooter
        from tui.app.widgets.status_bars import ErrorBar, FilterBar

        await self.query_one("#timeline-view").mount(DetailsPanel(id="details"))
        await self.mount_all(
            [
                Container(id="agenda-view", classes="view"),
                Container(id="countdowns-view", classes="view"),
                Container(id="month-view", classes="view"),
                Container(id="rules-view", classes="view"),
                FilterBar(id="filter-bar"),
                ErrorBar(id="error-bar"),
                DocketFooter(compact=True),
            ]
        )
        self.ready = True
        self.panels_mounted.set()
        self._fit_to_width()
        if self.config.tick:
            self.set_interval(1.0, self._tick, name="clock")
        if self.config.watch:
            self.watch_schedule()
        # The month and countdowns views, empty, so that the first switch to them (4, 3)
        # does not pay for mounting them.
        from tui.app.widgets.countdowns import CountdownsDashboard
        from tui.app.widgets.month import MonthView

        if not self.query("#month-grid-view"):  # unless a 4 typed ahead mounted it
            await self.query_one("#month-view").mount(MonthView(id="month-grid-view"))
        if not self.query("#countdowns"):
            await self.query_one("#countdowns-view").mount(CountdownsDashboard(id="countdowns"))

    def on_resize(self) -> None:
        self._fit_to_width()

    def _fit_to_width(self) -> None:
        width = self.size.width
        self.set_class(width < NARROW, "-narrow")
        if self.header.compact != (width < NARROW):
            self.header.compact = width < NARROW
            self._tick()  # the clock's long or short form

    def on_unmount(self) -> None:
        self._stop_watching.set()

    # --- loading and watching --------------------------------------------------------------

    def reload(self) -> None:
        self._load()

    # No worker ends the app (`exit_on_error=False` everywhere, against Textual's default): a
    # failure is reported, the load worker's (even a bug's) as an error of the file, shown
    # over the last valid schedule.
    @work(thread=True, exclusive=True, group="load", exit_on_error=False, description="load")
    def _load(self) -> Prepared | ScheduleError | ScheduleFileError:
        from tui.app.loading import load_prepared

        config = self.config
        early = self.found_cached if self.prepared is None else None  # rows first
        result = load_prepared(
            self.path,
            config.load,
            cache=config.cache_dir,
            early=early,
            baseline=self.baseline,
            note=self.cache_note,
            watch=self._stop_watching,  # the watcher starts from what this load read
        )
        if early is not None:
            early(None)  # the first load is over: `start` goes on even if it drew nothing
        self.panels_mounted.wait(10)  # what `_apply` shows the result in (see `start`)
        return result

    @work(thread=True, group="watch", exit_on_error=False, description="watch")
    def watch_schedule(self) -> None:
        from tui.app.loading import watch_file

        watch_file(self.path, self._stop_watching, lambda: self.post_message(self.FileChanged()))

    def on_main_screen_file_changed(self, message: FileChanged) -> None:
        self.reload()

    def on_worker_state_changed(self, message: Worker.StateChanged) -> None:
        from tui.app.loading import Prepared, failed
        from tui.core.errors import ScheduleError, ScheduleFileError

        worker = message.worker
        if message.state == WorkerState.ERROR:
            if worker.group == "load":  # `load_prepared` returns its errors: this is a bug
                self._invalid(failed(self.path, worker.error))
            elif worker.group != "watch":
                self.notify(f"{worker.error}", title="docket", severity="error", markup=False)
        if message.state != WorkerState.SUCCESS:
            return
        if worker.group == "load":
            result = worker.result
            if isinstance(result, Prepared):
                self._apply(result)
            elif isinstance(result, ScheduleError | ScheduleFileError):
                self._invalid(result)
        elif worker.group == "countdowns" and worker.result is not None:
            self._fill_countdowns(worker.result)
        elif worker.group == "rules" and worker.result is not None:
            self._fill_rules(worker.result)

    def _apply(self, prepared: Prepared) -> None:
        from tui.app.widgets.status_bars import ErrorBar

        first = self.prepared is None
        self.last_error = None
        before = [str(w) for w in self.prepared.loaded.warnings] if self.prepared else []
        self.prepared = prepared
        schedule = prepared.loaded.schedule
        self.clock.set_zone(schedule.zone)
        if first and self.config.as_of is not None:
            self.clock.set(self.config.as_of_moment(schedule.zone))
        self._headline = None
        self.timeline.set_marks(prepared.baseline.marks if prepared.baseline else {})
        self.header.show_title(schedule.title)
        self.query_one(ErrorBar).clear_errors()
        self.timeline.placeholder = "No events match the filter (escape clears it)."
        self.timeline.set_as_of(self.clock.now(), schedule.zone)
        self._apply_filter()
        self._show_details()  # the same event may have new facts
        self._countdowns_dirty = True
        # In a worker, now rather than on the first 3: the dashboard then shows at once.
        self._refresh_countdowns()
        self._refresh_rules()  # live: every load judges the rules again
        self._tick()
        self.refresh_bindings()
        warnings = [w for w in prepared.loaded.warnings if str(w) not in before]
        self.header.show_warnings(len(prepared.loaded.warnings))
        if not first:
            # While the planner edits, say what changed: new warnings, or just "reloaded".
            if warnings:
                shown = f"{self.path.name}:{warnings[0].line}:{warnings[0].column}: "
                more = f" (+{len(warnings) - 1} more: docket check)" if len(warnings) > 1 else ""
                self.notify(
                    shown + warnings[0].message + more,
                    title="New warning",
                    severity="warning",
                    markup=False,
                )
            else:
                self.notify(f"Reloaded {self.path.name}", timeout=2, markup=False)
        view = prepared.baseline
        if (view.baseline if view is not None else None) is not self.baseline:
            self.reload()  # `b` was answered while this load ran: the next compares with it

    def _invalid(self, error: ScheduleError | ScheduleFileError) -> None:
        from tui.app.widgets.status_bars import ErrorBar
        from tui.core.errors import ScheduleError

        self.last_error = error
        if self.prepared is None and self.config.exit_on_invalid:
            self.app.exit(error, return_code=1 if isinstance(error, ScheduleError) else 2)
            return
        bar = self.query_one(ErrorBar)
        bar.show_errors(
            error.errors if isinstance(error, ScheduleError) else [str(error)], self.path
        )
        if self.prepared is None:
            self.timeline.placeholder = "No valid schedule yet: fix the file and it loads."
            self.timeline.refresh()

    # --- filter and selection ------------------------------------------------------------

    def _apply_filter(self) -> None:
        from tui.app.widgets.status_bars import FilterBar
        from tui.core.filtering import EventFilter

        if self.prepared is None:
            return
        rows = self.prepared.rows
        shown, bounds, total = self.baseline_rows(rows.filtered(self.event_filter or EventFilter()))
        self.timeline.set_rows(shown, bounds, total, self.selected_id, rows.widths)
        self.query_one(FilterBar).show_count(len(shown) - self.timeline.removed, total)
        self._agenda_dirty = True
        if self.view == "agenda":
            self._fill_agenda()
        elif self.view == "month":
            self._show_month()

    def on_filter_bar_changed(self, message: FilterBar.Changed) -> None:
        from tui.app.widgets.status_bars import FilterBar
        from tui.core.filtering import parse_filter

        self.event_filter = parse_filter(message.text)
        self._apply_filter()
        self.query_one(FilterBar).display = self.filtering or not message.done
        if message.done:
            self._focus_view()
        self.refresh_bindings()

    def on_timeline_selected(self, message: Timeline.Selected) -> None:
        self.selected_id = message.event_id
        self._show_details()

    def _show_details(self) -> None:
        if not self.ready:
            return
        panel = self.details_panel
        if self.prepared is None or self.selected_id is None:
            panel.show_nothing("Nothing selected.")
            return
        schedule = self.prepared.loaded.schedule
        event = schedule.event(self.selected_id)
        if event is None and self.baseline is not None:  # only the baseline has it
            event, schedule = self.removed_event(self.selected_id), self.baseline.schedule
        if event is not None:
            from tui.core.describe import details

            facts = details(schedule, event, self.clock.now(), self.config.viewer_zone)
            facts += self.more_facts(event.id)
            panel.show(event.title, event.kind, facts, event.notes)

    def on_timeline_details_requested(self) -> None:
        if self.ready:
            self.add_class("-details")
            self.details_panel.focus()

    def on_details_panel_left(self) -> None:
        self._leave_details()

    def _leave_details(self) -> None:
        self.remove_class("-details")
        self.timeline.focus()

    def on_timeline_go_to_requested(self) -> None:
        from tui.app.screens.goto import GoToDateScreen

        def go(day: date | None) -> None:
            if day is not None:
                self.timeline.jump_to(day)

        self.app.push_screen(GoToDateScreen(), go)

    # --- the clock -------------------------------------------------------------------------

    def _tick(self) -> None:
        now = self.clock.now()
        self.header.show_clock(clock_text(now, short=self.header.compact), self.clock.is_as_of)
        if self.prepared is None:
            self.timeline.set_as_of(now, self.clock.zone)
            return
        schedule = self.prepared.loaded.schedule
        self.header.show_countdown(self._headline_text(now))
        self.header.show_session(self._session_text(now))
        self.header.show_baseline(self.baseline_header(now))
        self.timeline.set_as_of(now, schedule.zone)
        day = now.date()
        if day != self._last_day:
            if self._last_day is not None:
                self._countdowns_dirty = True
                self._show_details()
                if self.view == "countdowns":
                    self._refresh_countdowns()
            self._last_day = day

    def _headline_text(self, now: datetime) -> Headline:
        from tui.core.countdown import countdown_for
        from tui.core.describe import remaining_text

        schedule = self.prepared.loaded.schedule if self.prepared else None
        headline = schedule.headline_deadline if schedule else None
        if schedule is None or headline is None:
            return Headline((), "No headline deadline (set [schedule] deadline = the id of one)")
        key = (id(schedule), now.date())
        if self._headline is None or self._headline[0] != key:
            self._headline = (key, countdown_for(schedule, headline, now))
        countdown = self._headline[1]
        return headline_for(countdown, headline.title, remaining_text(countdown.due, now))

    def _session_text(self, now: datetime) -> str:
        """The header's "what is next" line, computed once per schedule and as-of day."""
        from tui.app.timeline.whats_next import session_line

        if self.prepared is None:
            return ""
        schedule = self.prepared.loaded.schedule
        key = (id(schedule), now.date())
        if self._next_session is None or self._next_session[0] != key:
            self._next_session = (key, session_line(schedule, now))
        return self._next_session[1]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_filter":
            return self.filtering or self.has_class("-details")
        if action in ("edit", "export", "filter") and self.prepared is None:
            return None
        if action == "show_view" and parameters and parameters[0] == self.view:
            return None
        return True
