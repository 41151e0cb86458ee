"""The app's document: the one place its state lives, and what the screen is told to show.

Textual-free, so the app's behaviour is testable without a terminal. The document holds
the current schedule (the last valid load, or the one with pending edits), the error of
the file on disk while it is invalid, the `/` filter, the selection (by event id), the
as-of clock, the baseline and the comparison with it, and the rules' results. Each operation
returns an `Update` saying which views changed (`tui.app.view_models.Redraw`) and what to
tell the planner; the view models (`header`, `rows`, `details`, `month`, …) say what those
views show, in words. The screen's workers compute the slow parts (a load, a comparison,
the rules, the countdown cards) and hand them in; the screen only binds.

An edit (`tui.app.screens.editing`) calls `set_file_baseline`: the file on disk becomes
`baseline` while edits are pending, and the edited schedule is prepared (only the edited
row made again: `TimelineRows.following`) and made current.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.app.clock import AsOfClock, clock_text
from tui.app.document_words import (
    HeaderCache,
    event_facts,
    faults_of,
    more_facts,
    newly_failing_note,
    reload_note,
    removed_event,
)
from tui.app.view_models import (
    Details,
    ErrorsView,
    HeaderLines,
    MonthDays,
    Note,
    Redraw,
    RowsView,
    Update,
)

if TYPE_CHECKING:
    from datetime import date, datetime
    from zoneinfo import ZoneInfo

    from tui.app.baseline_view import BaselineView
    from tui.app.config import AppConfig
    from tui.app.filtering import EventFilter
    from tui.app.loading import Prepared
    from tui.app.timeline.rows import Row
    from tui.core.errors import ScheduleError, ScheduleFileError
    from tui.core.model import Schedule
    from tui.diff.baseline_source import Baseline
    from tui.rules import RuleResult, RulesSummary
    from tui.schedule.loader import Loaded


class Document:
    """Everything the main screen shows, and the operations that change it."""

    def __init__(self, config: AppConfig) -> None:
        self.config = config
        self.path = config.path
        self.clock = AsOfClock(
            config.peek_zone, config.as_of_moment(config.peek_zone), running=config.tick
        )
        self._prepared: Prepared | None = None
        self._error: ScheduleError | ScheduleFileError | None = None
        self._filter: EventFilter | None = None
        self._selected: str | None = None
        self._chosen: Baseline | None = config.baseline
        self._file_base: Baseline | None = None
        self._pending = 0  # edits pending while `_file_base` is the baseline
        self._results: list[RuleResult] = []
        self._summary: RulesSummary | None = None
        self._faults: dict[str, tuple[str, ...]] = {}
        self._failing: frozenset[str] | None = None  # None: not judged yet
        self._lines = HeaderCache()
        self._shown: list[Row] | None = None  # the filtered rows, removed ones merged in
        self._month_rows: list[Row] | None = None
        self._last_day: date | None = None

    # --- state ------------------------------------------------------------------------------

    @property
    def prepared(self) -> Prepared | None:
        """The current schedule with its rows and comparison; None until a load is valid."""
        return self._prepared

    @property
    def schedule(self) -> Schedule | None:
        return self._prepared.loaded.schedule if self._prepared is not None else None

    @property
    def last_error(self) -> ScheduleError | ScheduleFileError | None:
        """The error of the file on disk while it is invalid (the last valid one is kept)."""
        return self._error

    @property
    def event_filter(self) -> EventFilter | None:
        """The filter typed after `/`; None until one is typed."""
        return self._filter

    @property
    def filtering(self) -> bool:
        return self._filter is not None and self._filter.active

    @property
    def selected_id(self) -> str | None:
        """The selected event (the schedule's, or a removed one only the baseline has); None
        when nothing is, or it is gone."""
        event_id, prepared = self._selected, self._prepared
        if event_id is None or prepared is None:
            return None
        if prepared.loaded.schedule.event(event_id) is not None:
            return event_id
        view = prepared.baseline
        return event_id if view is not None and removed_event(view, event_id) else None

    @property
    def wanted_id(self) -> str | None:
        """The event selected last, even if it is gone: the timeline keeps it selected, or
        selects the row nearest to it on screen."""
        return self._selected

    @property
    def baseline(self) -> Baseline | None:
        """What the schedule is drawn against: the file on disk while edits are pending,
        else the baseline the planner chose."""
        return self._file_base if self._file_base is not None else self._chosen

    @property
    def chosen_baseline(self) -> Baseline | None:  # the planner's, edits pending or not
        return self._chosen

    @property
    def comparison(self) -> BaselineView | None:
        """The current schedule against its baseline, as last compared."""
        return self._prepared.baseline if self._prepared is not None else None

    @property
    def rule_faults(self) -> dict[str, tuple[str, ...]]:
        """What each event a failing rule blames is blamed for (`rule-id: sentence`)."""
        return self._faults

    @property
    def rule_results(self) -> tuple[list[RuleResult], RulesSummary | None]:
        return self._results, self._summary

    def as_of_in(self, zone: ZoneInfo) -> datetime:
        """The as-of moment for a schedule in `zone` (`--as-of` read in that zone before the
        first load; never the real clock when another moment is chosen)."""
        if self._prepared is None and self.config.as_of is not None:
            moment = self.config.as_of_moment(zone)
            if moment is not None:
                return moment
        return self.clock.now().astimezone(zone)

    # --- operations ---------------------------------------------------------------------------

    def prepare(self, loaded: Loaded) -> Prepared:
        """`loaded` with its rows and its comparison with `baseline`: what `replace` takes."""
        from tui.app.baseline_view import baseline_view
        from tui.app.loading import Prepared
        from tui.app.timeline.rows import TimelineRows

        current = self._prepared
        rows = TimelineRows.following(current.rows if current else None, loaded.schedule)
        baseline, zone = self.baseline, loaded.schedule.zone
        view = baseline_view(baseline, rows, self.as_of_in(zone)) if baseline else None
        return Prepared(loaded, rows, view)

    def replace(self, prepared: Prepared, *, from_file: bool = True) -> Update:
        """Make `prepared` current and recompute every view model. `from_file`: a load (the
        planner is told "Reloaded"); an edit passes False. A comparison with another
        baseline than `baseline` asks for one (`compare_again`)."""
        old, first = self._prepared, self._prepared is None
        self._prepared, self._error = prepared, None
        zone = prepared.loaded.schedule.zone
        self.clock.set_zone(zone)
        if first and self.config.as_of is not None:
            self.clock.set(self.config.as_of_moment(zone))
        self._forget()
        notes: tuple[Note, ...] = ()
        if from_file and old is not None:
            notes = (reload_note(self.path.name, old.loaded.warnings, prepared.loaded.warnings),)
        view = prepared.baseline
        stale = (view.baseline if view is not None else None) is not self.baseline
        return Update(Redraw.ALL & ~Redraw.RULES, notes, compare_again=stale)

    def fail(self, error: ScheduleError | ScheduleFileError) -> Update:
        """The file on disk cannot be loaded: say why, and keep showing the last valid one."""
        self._error = error
        return Update(Redraw.ERRORS)

    def set_filter(self, text: str) -> Update:
        from tui.app.filtering import parse_filter

        self._filter = parse_filter(text)
        self._shown = self._month_rows = None
        return Update(Redraw.ROWS)

    def select(self, event_id: str | None) -> Update:
        self._selected = event_id
        return Update(Redraw.DETAILS)

    def set_as_of(self, moment: datetime | None) -> Update:
        """Compute as of `moment` from now on (running on from it); None: the real time."""
        self.clock.set(moment)
        self._lines = HeaderCache()
        self._last_day = self.clock.now().date()
        return Update(Redraw.HEADER | Redraw.DETAILS | Redraw.COUNTDOWNS)

    def tick(self) -> Update:
        """A second has passed: the clock and countdown lines; on a new as-of day, the
        details and the dashboard too."""
        if self._prepared is None:
            return Update(Redraw.HEADER)
        day = self.clock.now().date()
        redraw = Redraw.HEADER
        if day != self._last_day:
            if self._last_day is not None:
                redraw |= Redraw.DETAILS | Redraw.COUNTDOWNS
            self._last_day = day
        return Update(redraw)

    def choose_baseline(self, baseline: Baseline | None) -> None:
        """The planner's baseline (`b`); nothing changes on screen until a comparison with
        it comes in (`compared`)."""
        self._chosen = baseline

    def compared(
        self, prepared: Prepared, baseline: Baseline | None, view: BaselineView | None
    ) -> Update:
        """A comparison of `prepared` with `baseline` (None: none), made in a worker: dropped
        if the baseline is no longer drawn against; of a replaced schedule, asks again."""
        if self._prepared is None or baseline is not self.baseline:
            return Update()
        if prepared is not self._prepared:
            return Update(compare_again=True)
        prepared.baseline = view
        self._shown = self._month_rows = None
        self._lines = HeaderCache()
        said = f"Baseline: {baseline.label}" if baseline is not None else "No baseline"
        redraw = Redraw.ROWS | Redraw.MARKS | Redraw.DETAILS | Redraw.HEADER
        return Update(redraw, (Note(said, timeout=2),))

    @property
    def editing(self) -> bool:  # edits are pending: the file on disk is the baseline
        return self._file_base is not None

    def set_file_baseline(
        self, base: Baseline | None, loaded: Loaded | None = None, pending: int = 0
    ) -> Update:
        """While edits are pending the file on disk (`base`) is the baseline; None: the
        planner's again. `loaded` (the `pending` edits made; default: the current one) is
        made current and compared at once."""
        self._file_base = base
        self._pending = pending if base is not None else 0
        if loaded is None:
            if self._prepared is None:
                return Update()
            loaded = self._prepared.loaded
        return self.replace(self.prepare(loaded), from_file=False)

    def rules_judged(
        self, prepared: Prepared, results: list[RuleResult], summary: RulesSummary | None
    ) -> Update:
        """The rules' results for `prepared` (dropped unless current): the badge, the rules
        view, and the marks and details of the events blamed."""
        if prepared is not self._prepared:
            return Update()
        self._results, self._summary = results, summary
        failing = frozenset(r.rule.id for r in results if r.status == "fail")
        before, self._failing = self._failing, failing
        note = newly_failing_note(results, before) if before is not None else None
        faults = faults_of(results)
        redraw = Redraw.TITLE | Redraw.RULES
        if faults != self._faults:
            self._faults = faults
            redraw |= Redraw.MARKS | Redraw.DETAILS
        return Update(redraw, (note,) if note is not None else ())

    def _forget(self) -> None:
        self._lines = HeaderCache()
        self._shown = self._month_rows = None

    # --- view models --------------------------------------------------------------------------

    @property
    def title(self) -> str:
        schedule = self.schedule
        return schedule.title if schedule is not None else self.config.title_hint

    @property
    def placeholder(self) -> str:
        """What the timeline says where there are no rows."""
        if self._prepared is not None:
            return "No events match the filter (escape clears it)."
        if self._error is not None:
            return "No valid schedule yet: fix the file and it loads."
        return f"Loading {self.path.name}…"

    def header(self, *, short: bool = False) -> HeaderLines:
        """The header's lines as of now; `short`: a narrow terminal's."""
        now = self.clock.now()
        prepared = self._prepared
        badge = self._summary.badge if self._summary is not None else ""
        failing = self._summary is not None and not self._summary.ok
        warnings = len(prepared.loaded.warnings) if prepared is not None else 0
        loaded = prepared is not None
        pending = self._pending if self._file_base is not None else None  # `unsaved: …`
        return HeaderLines(
            title=self.title,
            warnings=warnings,
            rules=badge,
            rules_failing=failing,
            clock=clock_text(now, short=short),
            as_of=self.clock.is_as_of,
            headline=self._lines.headline(self.schedule, now) if loaded else None,
            session=self._lines.session(self.schedule, now) if loaded else None,
            baseline=self._lines.baseline(self.comparison, now, short, pending) if loaded else None,
        )

    def as_of_line(self) -> tuple[datetime, ZoneInfo]:
        """The moment of the timeline's as-of line, and the zone its days are counted in."""
        schedule = self.schedule
        return self.clock.now(), schedule.zone if schedule is not None else self.clock.zone

    def rows(self) -> RowsView | None:
        """The timeline's rows (None before a valid load)."""
        prepared = self._prepared
        if prepared is None:
            return None
        from tui.app.filtering import EventFilter

        all_rows, view = prepared.rows, prepared.baseline
        bounds = (all_rows.first, all_rows.last)
        if view is not None:
            bounds = (min(bounds[0], view.first), max(bounds[1], view.last))
        if self._shown is None:
            shown = all_rows.filtered(self._filter or EventFilter())
            self._shown = view.merged(shown, self._filter) if view is not None else shown
        removed = sum(1 for row in self._shown if row.removed) if view is not None else 0
        marks = view.marks if view is not None else {}
        return RowsView(
            self._shown,
            bounds,
            len(all_rows),
            all_rows.widths,
            len(self._shown) - removed,
            marks,
            frozenset(self._faults),
        )

    def details(self) -> Details | None:
        """The selected event's details (a baseline's, for an event only it has); None when
        nothing is selected."""
        prepared, event_id = self._prepared, self.selected_id
        if prepared is None or event_id is None:
            return None
        schedule = prepared.loaded.schedule
        event = schedule.event(event_id)
        view = prepared.baseline
        if event is None and view is not None:  # only the baseline has it
            event, schedule = removed_event(view, event_id), view.baseline.schedule
        if event is None:
            return None
        facts = event_facts(schedule, event, self.clock.now(), self.config.viewer_zone)
        facts += more_facts(view, self._faults, event_id)
        return Details(event.title, event.kind, facts, event.notes)

    def event_details(self, event_id: str) -> Details | None:
        """One event of the schedule as the month's dialog shows it (None: no such event)."""
        schedule = self.schedule
        event = schedule.event(event_id) if schedule is not None else None
        if schedule is None or event is None:
            return None
        facts = event_facts(schedule, event, self.clock.now(), self.config.viewer_zone)
        return Details(event.title, event.kind, facts, event.notes)

    def month(self, *, opening: bool = False) -> MonthDays | None:
        """The month view's days: the selected event's month (its day nearest the as-of day)
        or the as-of day's, when `opening`; the rows are the timeline's, never a removed one."""
        schedule, rows = self.schedule, self.rows()
        if schedule is None or rows is None:
            return None
        from tui.app.month.grid import opening_day

        as_of = self.clock.now().astimezone(schedule.zone).date()
        selected = schedule.event(self._selected) if self._selected else None
        day = opening_day(selected, as_of) if opening else None
        if self._month_rows is None:
            shown = rows.rows
            some_removed = rows.events < len(shown)
            self._month_rows = [r for r in shown if not r.removed] if some_removed else shown
        return MonthDays(schedule, self._month_rows, day, as_of)

    def errors(self) -> ErrorsView | None:  # the file on disk's, while it is invalid
        return ErrorsView.of(self._error, str(self.path)) if self._error is not None else None
