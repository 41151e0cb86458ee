"""The timeline: a Gantt chart drawn with Textual's line API.

Only the lines on screen are drawn, each from precomputed day numbers (`TimelineRows`), and
each drawn line is cached until the view changes; moving the selection redraws two lines.
The first two lines are a fixed time axis; the rest scroll vertically (ScrollView), one row
per event. Horizontal movement is in time: `h`/`l` pan, `+`/`-` zoom.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING, ClassVar

from rich.segment import Segment
from textual import events
from textual.binding import BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip

from tui.app.shown import shown
from tui.app.timeline import moves
from tui.app.timeline.lines import axis_runs, background, columns, row_runs
from tui.app.timeline.scale import ZOOMS, Window, day_number, window_for
from tui.app.widgets.timeline_keys import BINDINGS
from tui.app.widgets.timeline_styles import TimelineStyles

if TYPE_CHECKING:
    from tui.app.timeline.marks import RowMark
    from tui.app.timeline.rows import Row

AXIS = 2


class Timeline(TimelineStyles, can_focus=True):
    """One row per event in date order, bars on a time axis, a line at the as-of moment."""

    BINDINGS: ClassVar[list[BindingType]] = BINDINGS

    zoom: reactive[str] = reactive("all", init=False)

    class Selected(Message):
        """The selected event changed (None when no event is shown)."""

        def __init__(self, event_id: str | None) -> None:
            self.event_id = event_id
            super().__init__()

    class DetailsRequested(Message):
        """The planner asked to read the selected event's details."""

    class GoToRequested(Message):
        """The planner asked to go to a date (the screen asks which)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[Row] = []
        self.total = 0
        #: Rows of a baseline's removed events among `rows`.
        self.removed = 0
        self.cursor = 0
        self.placeholder = "Loading…"
        self._bounds = (0.0, 1.0)
        #: The widest title, dates text and distinguishing prefix (`TimelineRows.widths`).
        self._widths: tuple[int, ...] = (30, 0, 0)
        self._window: Window | None = None
        self._as_of_t = 0.0
        #: Drawn lines by (row index, selected), each with what it was drawn from (the row,
        #: its mark and fault): a line whose row is still the same object with the same
        #: marks is drawn again from here, so an edit redraws the edited row's lines only.
        self._lines: dict[tuple[int, bool], tuple[Row, RowMark | None, bool, Strip]] = {}
        self._axis: tuple[Strip, Strip] | None = None
        self._background: tuple[list[str], list[str]] | None = None  # an empty chart line
        self._drawn_for: tuple[Window, int] | None = None  # what the caches were drawn for
        self._last_selected: str | None = None
        #: Events against the baseline (`timeline.marks`), and those failing rules blame.
        self.marks: dict[str, RowMark] = {}
        self.faults: frozenset[str] = frozenset()

    # --- public API used by the screen ------------------------------------------------------

    @property
    def selected(self) -> Row | None:
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    @property
    def window(self) -> Window:
        """The span on screen, fitted to the chart's width (the vertical scrollbar may have
        come or gone) and kept inside the years docket supports, whatever moved it.

        Reading it never touches the drawing caches: `render_line` compares the window it
        drew them for, so a width that changes mid-frame cannot empty a cache it is using.
        """
        window = self._window
        width = self.chart_width
        if window is None:
            # Before the schedule has loaded there is nothing to fit: show the as-of year.
            zoom = self.zoom if self.rows or self.zoom != "all" else "year"
            window = window_for(zoom, width, self._as_of_t, *self.bounds)
        elif window.width != width:
            window = window.resized(width)
        self._window = window = window.clamped()
        return window

    @property
    def columns(self) -> tuple[int, int]:
        """The title and dates columns' widths (`timeline.lines.columns`)."""
        return columns(self.line_width, self._widths)

    @property
    def chart_width(self) -> int:
        return max(1, self.line_width - sum(self.columns))

    @property
    def line_width(self) -> int:
        """Cells across a line: the widget's width less the vertical scrollbar, if shown."""
        return self.scrollable_content_region.width

    @property
    def bounds(self) -> tuple[float, float]:
        """What the whole-schedule zoom fits: every event, and the as-of moment too."""
        first, last = self._bounds
        if not self.rows:
            return first, last
        return min(first, self._as_of_t), max(last, self._as_of_t)

    def set_rows(
        self,
        rows: list[Row],
        bounds: tuple[float, float],
        total: int,
        keep: str | None,
        widths: tuple[int, ...] = (30, 0, 0),
    ) -> None:
        """Show these rows; keep the event `keep` selected if it is still there. `widths`:
        the schedule's widest title, dates text and distinguishing prefix
        (`TimelineRows.widths`)."""
        first_time = not self.rows and self._window is None
        same_columns = widths == self._widths
        self.rows = rows
        self._widths = widths
        self.total = total
        self.removed = sum(1 for row in rows if row.removed)
        self._bounds = bounds
        index = moves.index_of(rows, keep)
        if index is None:
            index = self._initial_index() if keep is None else self._nearest_to_window()
        self.cursor = index or 0
        if first_time or self.zoom == "all":
            self._window = None
        self.virtual_size = Size(self.size.width, len(rows) + AXIS)
        if same_columns:  # each cached line is checked against its row when drawn
            self._axis = None
            self.refresh()
        else:
            self._invalidate()
        self._follow_selection()
        # The new virtual size takes effect at the next layout: scroll again after it.
        self.call_after_refresh(self._scroll_to_cursor)
        self._announce()
        self.refresh_bindings()

    def set_marks(
        self, marks: dict[str, RowMark] | None = None, faults: frozenset[str] | None = None
    ) -> None:
        """Show these baseline marks, or these events at fault (None keeps what is shown)."""
        if marks is not None:
            self.marks = marks
        if faults is not None:
            self.faults = faults
        self.refresh()  # each cached line is checked against its mark and fault when drawn

    def set_as_of(self, moment: datetime, zone: tzinfo) -> None:
        t = day_number(moment, zone)
        old = self._as_of_t
        self._as_of_t = t
        if self._window is None or self.window.cell(old) != self.window.cell(t):
            if self.zoom == "all":
                self._window = None  # the whole-schedule view also fits the as-of moment
            self._invalidate()

    def select_event(self, event_id: str) -> None:
        index = moves.index_of(self.rows, event_id)
        if index is not None:
            self._select(index)

    def jump_to(self, day: date | float) -> None:
        """Show the moment `day` and select the first event not over by then."""
        t = float(day.toordinal()) if isinstance(day, date) else day
        if self.zoom != "all":
            window = self.window
            self._window = window.moved_to(t - window.span / 3)
        index = moves.first_from(self.rows, t)
        self._invalidate()
        if index is not None:
            self._select(index, follow_time=False)

    # --- actions ------------------------------------------------------------------------------

    def action_move(self, step: int) -> None:
        if self.rows:
            self._select(max(0, min(len(self.rows) - 1, self.cursor + step)))

    def action_page(self, step: int) -> None:
        self.action_move(step * max(1, self.size.height - AXIS - 1))

    def action_move_to(self, index: int) -> None:
        if self.rows:
            self._select(index % len(self.rows))

    def action_pan(self, step: int) -> None:
        self._window = self.window.panned(step * 0.25)
        self._invalidate()
        row = self.selected
        if row is not None and not self.window.overlaps(row.t0, row.t1):
            index = self._nearest_to_window()
            if index is not None:
                self._select(index, follow_time=False)

    def action_zoom(self, step: int) -> None:
        level = ZOOMS.index(self.zoom)
        new = ZOOMS[max(0, min(len(ZOOMS) - 1, level + step))]
        if new == self.zoom:
            return
        window = self.window
        focus = moves.zoom_focus(window, self.selected)
        self.zoom = new
        self._window = moves.zoomed(window, new, self.chart_width, focus, *self.bounds)
        self._invalidate()
        self._follow_selection()

    def action_today(self) -> None:
        """Show the as-of moment and select the session in progress, else the next one (any
        event not over, if no session is left)."""
        self.jump_to(self._as_of_t)
        index = moves.session_from(self.rows, self._as_of_t)
        if index is not None:
            self._select(index)

    def action_go_to_date(self) -> None:
        self.post_message(self.GoToRequested())

    def action_next_deadline(self, step: int) -> None:
        self._next_of_kind(step, "deadline")

    def action_next_session(self, step: int) -> None:
        self._next_of_kind(step, "session")

    def _next_of_kind(self, step: int, kind: str) -> None:
        index = moves.next_of_kind(self.rows, self.cursor, step, frozenset({kind}))
        if index is None:
            word = "later" if step > 0 else "earlier"
            self.notify(f"No {word} {kind}", severity="warning", timeout=2, markup=False)
            return
        self._select(index)

    def action_details(self) -> None:
        if self.selected is not None:
            self.post_message(self.DetailsRequested())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        rowed = ("details", "next_deadline", "next_session", "move", "page", "move_to")
        if action in rowed and not self.rows:
            return None
        return True

    # --- mouse -------------------------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < AXIS:
            return
        index = int(self.scroll_y) + offset.y - AXIS
        if 0 <= index < len(self.rows):
            self._select(index, follow_time=False)
            if event.chain >= 2:
                self.action_details()

    # --- selection and view bookkeeping ----------------------------------------------------

    def _initial_index(self) -> int | None:
        return moves.first_from(self.rows, self._as_of_t)

    def _nearest_to_window(self) -> int | None:
        if self._window is None:
            return self._initial_index()
        return moves.nearest(self.rows, self.window.centre)

    def _select(self, index: int, *, follow_time: bool = True) -> None:
        old = self.cursor
        self.cursor = index
        for line in (old, index):
            self._lines.pop((line, True), None)
            self._lines.pop((line, False), None)
        if follow_time:
            self._follow_selection()
        else:
            self._scroll_to_cursor()
        self.refresh_line(old + AXIS)
        self.refresh_line(index + AXIS)
        self._announce()

    def _follow_selection(self) -> None:
        """Keep the selected row in view: vertically, and in time unless the zoom fits all."""
        row = self.selected
        if row is not None and self.zoom != "all":
            moved = moves.following(self.window, row)
            if moved is not None:
                self._window = moved
                self._invalidate()
        self._scroll_to_cursor()

    def _scroll_to_cursor(self) -> None:
        visible = max(1, self.size.height - AXIS)
        top = int(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + visible:
            self.scroll_to(y=self.cursor - visible + 1, animate=False, immediate=True)

    def _announce(self) -> None:
        row = self.selected
        event_id = row.event.id if row is not None else None
        if event_id != self._last_selected:
            self._last_selected = event_id
            self.post_message(self.Selected(event_id))

    def _invalidate(self) -> None:
        self._lines.clear()
        self._axis = None
        self._background = None
        self.refresh()

    def watch_zoom(self) -> None:
        self._window = None if self.zoom == "all" else self._window
        self._invalidate()

    def on_resize(self, event: events.Resize) -> None:
        if self._window is not None:
            self._window = self._window.resized(self.chart_width)
            if self.zoom == "all":
                self._window = None
        self.virtual_size = Size(event.size.width, len(self.rows) + AXIS)
        # `render_line` drops its caches if the window or the width changed; a new height
        # alone (a header line came or went) keeps every drawn line good.
        self.refresh()
        self.call_after_refresh(self._scroll_to_cursor)

    def _styles_changed(self) -> None:
        self._lines.clear()
        self._axis = None

    # --- drawing -----------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        window, width = self.window, self.line_width
        title_width, dates_width = self.columns
        if self._drawn_for != (window, width):  # resized or moved: the caches are stale
            self._drawn_for = (window, width)
            self._lines.clear()
            self._axis = None
            self._background = None
        if y < AXIS:
            if self._axis is None:
                left = title_width + dates_width
                events = len(self.rows) - self.removed
                top, bottom = axis_runs(
                    window, left, self.zoom, events, self.total, self._as_of_t, self.removed
                )
                self._axis = (self._strip(top, "", width), self._strip(bottom, "", width))
            return self._axis[y]
        index = int(self.scroll_y) + y - AXIS
        if index >= len(self.rows):
            if index == 0 and not self.rows:
                text = f" {shown(self.placeholder)}"[:width].ljust(width)
                return Strip([Segment(text, self._style("dim"))], width)
            return Strip.blank(width, self._style("base"))
        selected = index == self.cursor
        key = (index, selected)
        row = self.rows[index]
        event_id = row.event.id
        mark, fault = self.marks.get(event_id), event_id in self.faults
        cached = self._lines.get(key)
        if cached is not None and cached[0] is row and cached[1] == mark and cached[2] == fault:
            return cached[3]
        empty = self._background
        if empty is None:
            empty = self._background = background(window, self._as_of_t)
        runs = row_runs(row, window, title_width, self._as_of_t, empty, dates_width, mark, fault)
        strip = self._strip(runs, "cursor+" if selected else "", width)
        if len(self._lines) > 4096:
            self._lines.clear()
        self._lines[key] = (row, mark, fault, strip)
        return strip
