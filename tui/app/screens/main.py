"""The one screen a planner reads: header, timeline with details, agenda, countdowns, month,
rules.

Its state is the document's (`tui.app.document.Document`): the last valid schedule, the
filter, the selection, the as-of clock, the baseline and the rules' faults. The workers
(background.py) post typed messages (work_messages.py); each has one handler here, which
hands the result to the document and binds what the document says changed (`bind`).

Start-up is progressive, because time to first frame is measured: the first frame has only
the header and the timeline's axis; the rows come as soon as the load (or the rows cache)
has them; then the details panel, the bars and the footer are mounted, the clock starts
and the file is watched.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Horizontal
from textual.worker import Worker, WorkerState

from tui.app.screens.background import BackgroundWork
from tui.app.screens.edit_forms import EDIT_BINDINGS, EditForms
from tui.app.screens.export_action import ExportAction
from tui.app.screens.tools import Tools
from tui.app.screens.views import ViewSwitching
from tui.app.screens.work_messages import (
    BaselineCompared,
    CachedRowsFound,
    CacheNote,
    CountdownsCounted,
    FileChanged,
    Loaded,
    LoadFailed,
    RulesJudged,
)
from tui.app.view_models import Redraw, Update
from tui.app.widgets.header import DocketHeader
from tui.app.widgets.timeline import Timeline

if TYPE_CHECKING:
    from datetime import date

    from tui.app.config import AppConfig
    from tui.app.loading import Prepared

VIEWS = Binding.Group("views", compact=True)
NARROW = 100
#: What can be shown before the panels are mounted: the header and the timeline's rows.
FIRST_FRAME = Redraw.TITLE | Redraw.HEADER | Redraw.ROWS | Redraw.MARKS


#: What a browser session never does (`docket web`): edit, save, or run an editor.
WEB_OFF = frozenset(
    {binding.action.split("(")[0] for binding in EDIT_BINDINGS} - {"why_read_only"} | {"edit"}
)


class MainScreen(ViewSwitching, Tools, ExportAction, EditForms, BackgroundWork):
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
        *EDIT_BINDINGS,
    ]

    def __init__(self, config: AppConfig) -> None:
        super().__init__(config)
        #: Cached rows are on screen (until the first full load replaces them).
        self.showing_cached = False
        #: What the document changed before the panels were mounted, to show once they are.
        self._unbound = Redraw.NOTHING
        self._first_rows_drawn = False

    # --- layout and start-up ------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield DocketHeader(id="header")
        with Horizontal(id="timeline-view", classes="view"):
            yield Timeline(id="timeline")

    def on_mount(self) -> None:
        self.header.show_title(self.config.title_hint)
        self.timeline.placeholder = self.document.placeholder
        self._tick()
        self.timeline.focus()

    async def start(self) -> None:
        """After the first frame: load the schedule in a thread; once its first rows are
        drawn (cached or validated), `_start_rest`."""
        # toml-rs (a Rust extension) must first be imported on the main thread: initialised
        # in a worker thread that later exits, it crashes when another thread parses.
        import toml_rs  # noqa: F401

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
        if self._unbound:  # the load reported before the panels were there
            unbound, self._unbound = self._unbound, Redraw.NOTHING
            self.bind(Update(unbound))
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

    def _rows_drawn(self) -> None:
        """The first rows are on screen, or the first load ended without any: the rest."""
        if not self._first_rows_drawn:
            self._first_rows_drawn = True
            self.call_later(self._start_rest)

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

    def _tick(self) -> None:
        self.bind(self.document.tick())

    # --- what the workers report: one handler each ----------------------------------------------

    def on_file_changed(self, _message: FileChanged) -> None:
        self.file_changed()  # with edits pending, never a reload over them

    def on_cache_note(self, message: CacheNote) -> None:
        self.notify(message.text, title="docket", severity="warning", timeout=6, markup=False)

    def on_cached_rows_found(self, message: CachedRowsFound) -> None:
        rows, document = message.rows, self.document
        if rows is None or document.prepared is not None or document.last_error is not None:
            self._rows_drawn()
            return  # nothing to draw, or the full load was quicker
        from tui.app.rows_cache import CachedRows

        if isinstance(rows, CachedRows):
            self.showing_cached, title = True, rows.title
        else:
            self.showing_cached, title = False, rows.schedule.title
        self.header.show_title(title)
        self.timeline.set_rows(
            rows.all,  # type: ignore[arg-type]  # CachedRow has every attribute a Row has
            (rows.first, rows.last),
            len(rows),
            document.wanted_id,
            rows.widths,
        )
        self.call_after_refresh(self._rows_drawn)  # the rows are painted: now the rest

    def on_loaded(self, message: Loaded) -> None:
        first = self.document.prepared is None
        if not message.stale and not self.pending_edits:  # a load never replaces edits
            self.bind(self.document.replace(message.prepared))
        self._first_load_over()
        if first and self.document.prepared is not None:
            self.offer_journal()

    def on_load_failed(self, message: LoadFailed) -> None:
        from tui.core.errors import ScheduleError

        if message.stale:
            self._first_load_over()
            return
        error, first = message.error, self.document.prepared is None
        update = self.document.fail(error)
        if first and self.config.exit_on_invalid:
            self.app.exit(error, return_code=1 if isinstance(error, ScheduleError) else 2)
            return
        self._first_load_over()
        self.bind(update)

    def _first_load_over(self) -> None:
        """Cached rows are never left on screen once the load is over: a failed one says
        why instead, never showing rows it did not check."""
        if self.showing_cached:
            self.showing_cached = False
            if self.document.prepared is None and self.is_attached:
                self.timeline.set_rows([], (0.0, 0.0), 0, None)

    def on_baseline_compared(self, message: BaselineCompared) -> None:
        if message.stale:
            return
        if message.chosen:
            self.document.choose_baseline(message.baseline)
        self.bind(self.document.compared(message.prepared, message.baseline, message.view))

    def on_rules_judged(self, message: RulesJudged) -> None:
        if not message.stale:
            update = self.document.rules_judged(message.prepared, message.results, message.summary)
            self.bind(update)

    def on_countdowns_counted(self, message: CountdownsCounted) -> None:
        from tui.app.widgets.countdowns import CountdownsDashboard

        if message.stale or message.prepared is not self.document.prepared:
            return
        if self.view != "countdowns":  # filled when shown: laying out 8,000 cards unseen
            self._counted_cards = message.cards  # would slow every edit key's frame
            return
        if self.query("#countdowns"):
            dashboard = self.query_one(CountdownsDashboard)
            dashboard.fill(message.cards)
            dashboard.focus()

    def on_worker_state_changed(self, message: Worker.StateChanged) -> None:
        """Results come as messages; a worker that raised (a bug in docket) is said here."""
        if message.state == WorkerState.ERROR:
            error = message.worker.error
            self.notify(f"{error}", title="docket", severity="error", markup=False)

    # --- what the widgets report -------------------------------------------------------------

    def on_timeline_selected(self, message: Timeline.Selected) -> None:
        self.bind(self.document.select(message.event_id))

    def on_timeline_go_to_requested(self) -> None:
        from tui.app.screens.goto import GoToDateScreen

        def go(day: date | None) -> None:
            if day is not None:
                self.timeline.jump_to(day)

        self.app.push_screen(GoToDateScreen(), go)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_filter":
            return self.filtering or self.has_class("-details")
        if action in ("edit", "export", "filter") and self.prepared is None:
            return None
        if action == "show_view" and parameters and parameters[0] == self.view:
            return None
        if action == "why_read_only":
            return self.read_only_reason() is not None  # False: hidden unless read-only
        # In a browser the editing keys are neither shown nor run (`!` says why).
        return not (self.config.web and action in WEB_OFF)

    # --- binding the document's view models to the widgets -------------------------------------

    def bind(self, update: Update) -> None:
        for note in update.notes:
            self.notify(
                note.text,
                title=note.title,
                severity=note.severity,
                timeout=note.timeout,
                markup=False,
            )
        if update.compare_again:
            self.compare()
        redraw = update.redraw
        if not self.ready:  # the panels are not mounted yet: the rest once they are
            self._unbound |= redraw
            redraw &= FIRST_FRAME
        document = self.document
        if Redraw.TITLE in redraw:
            lines = document.header(short=self.header.compact)
            self.header.show_title(lines.title)
            self.header.show_warnings(lines.warnings)
            self.header.show_rules(lines.rules, lines.rules_failing)
        if Redraw.ERRORS in redraw:
            self._bind_errors()
        if Redraw.MARKS in redraw:
            self._bind_marks(refill=Redraw.ROWS not in redraw)
        if Redraw.HEADER in redraw:
            self._bind_header()
        if Redraw.ROWS in redraw:
            self._bind_rows()
        if Redraw.DETAILS in redraw:
            self._bind_details()
        if Redraw.COUNTDOWNS in redraw:
            self._countdowns_dirty = True
            if self.view == "countdowns" and Redraw.SCHEDULE not in redraw:
                self._refresh_countdowns()
        if Redraw.RULES in redraw:
            self._bind_rules()
        if Redraw.SCHEDULE in redraw and document.prepared is not None:
            self.call_after_refresh(self._after_new_schedule, document.prepared)
            self.refresh_bindings()

    def _after_new_schedule(self, prepared: Prepared) -> None:
        """A new schedule's background work, started once the frame that shows it is drawn:
        a worker thread takes the interpreter in turns with the event loop, so started at
        once it delays that frame (an edit key's repaint) by tens of ms at 10,000 events.
        Every load judges the rules again (live); the countdowns are counted now, so that 3
        shows them at once. A schedule already replaced leaves the work to its successor."""
        if prepared is not self.document.prepared:
            return
        if self._countdowns_dirty:
            self._refresh_countdowns()
        self.judge_rules(prepared)

    def _bind_header(self) -> None:
        header, document = self.header, self.document
        lines = document.header(short=header.compact)
        header.show_clock(lines.clock, lines.as_of)
        if lines.headline is not None:
            header.show_countdown(lines.headline)
        if lines.session is not None:
            header.show_session(lines.session)
        if lines.baseline is not None:
            header.show_baseline(lines.baseline)
        self.timeline.set_as_of(*document.as_of_line())

    def _bind_errors(self) -> None:
        from tui.app.widgets.status_bars import ErrorBar

        bar, errors = self.query_one(ErrorBar), self.document.errors()
        if errors is None:
            bar.clear_errors()
        else:
            bar.show_errors(errors.errors, errors.path)
        if self.document.prepared is None:
            self.timeline.placeholder = self.document.placeholder
            self.timeline.refresh()

    def _bind_marks(self, *, refill: bool) -> None:
        """The marks on the rows; `refill`: the agenda too, unless its rows are new anyway."""
        rows = self.document.rows()
        if rows is not None:
            self.timeline.set_marks(rows.marks, rows.faults)
            self._agenda_dirty = True
            if refill and self.ready and self.view == "agenda":
                self._fill_agenda()

    def _bind_rows(self) -> None:
        from tui.app.widgets.status_bars import FilterBar

        rows, timeline = self.document.rows(), self.timeline
        timeline.placeholder = self.document.placeholder
        if rows is None:
            return
        keep = self.document.wanted_id
        timeline.set_rows(rows.rows, rows.bounds, rows.total, keep, rows.widths)
        self._agenda_dirty = True
        if not self.ready:
            return
        self.query_one(FilterBar).show_count(rows.events, rows.total)
        if self.view == "agenda":
            self._fill_agenda()
        elif self.view == "month":
            self._show_month()

    def _bind_details(self) -> None:
        shown = self.document.details()
        if shown is None:
            self.details_panel.show_nothing("Nothing selected.")
        else:
            self.details_panel.show(shown.title, shown.kind, shown.facts, shown.notes)

    def _bind_rules(self) -> None:
        from tui.app.widgets.rules import RulesView

        results, summary = self.document.rule_results
        found = self.query(RulesView)
        view = found.first() if found else RulesView(id="rules")
        if not found and self.query("#rules-view"):
            self.query_one("#rules-view").mount(view)
        view.fill(results, summary)
