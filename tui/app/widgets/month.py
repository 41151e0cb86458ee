"""The month view (4): a wall-calendar grid, Monday to Sunday, and the selected day's list.

The grid draws the lines of `tui.app.month.lines` (Textual-free, tested without a
terminal) from a `MonthIndex` of the rows the timeline shows, so the `/` filter applies.
Arrow keys move by day and week, `pgup`/`pgdn` by month; the day's events are listed beside
the grid (below it when narrow), and `enter` opens an event's details.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Vertical
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.app.month.grid import MonthIndex, add_months, month_weeks
from tui.app.month.lines import grid_lines, lines_per_week
from tui.core.words import long_day_text

if TYPE_CHECKING:
    from tui.app.month.text import Run
    from tui.app.timeline.rows import Row
    from tui.core.model import Schedule

STYLES = (
    "title",
    "heading",
    "day",
    "weekend",
    "outside",
    "now",
    "cursor",
    "holiday",
    "off",
    "dim",
    "session",
    "consultation",
    "meeting",
    "deadline",
    "milestone",
)


class MonthGrid(Widget, can_focus=True):
    """The month's weeks; the selected day is highlighted and bold, the as-of day has `▼`."""

    HELP_SECTION = "Month"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left,h", "move(-1)", "Previous day", show=False),
        Binding("right,l", "move(1)", "Next day", show=False),
        Binding("up,k", "move(-7)", "Previous week", show=False),
        Binding("down,j", "move(7)", "Next week", show=False),
        Binding("pageup", "month(-1)", "Month before"),
        Binding("pagedown", "month(1)", "Month after"),
        Binding("t", "today", "As-of day"),
        Binding("enter", "open", "Open"),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {f"month--{name}" for name in STYLES}

    class DayChanged(Message):
        def __init__(self, day: date) -> None:
            super().__init__()
            self.day = day

    class OpenRequested(Message):
        """enter on the grid: open the day's event, or its list when it has several."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.index: MonthIndex | None = None
        self.cursor = date.today()
        self.as_of = self.cursor
        self.compact = False
        self._weeks = 0
        self._lines: tuple[tuple[object, ...], list[list[Run]]] | None = None
        self._styles: dict[str, Style] = {}

    @property
    def first(self) -> date:
        return self.cursor.replace(day=1)

    def show(self, index: MonthIndex, cursor: date | None, as_of: date) -> None:
        self.index, self.as_of = index, as_of
        if cursor is not None:
            self.cursor = cursor
        self._changed()

    def action_move(self, days: int) -> None:
        self.cursor += timedelta(days=days)
        self._changed()

    def action_month(self, step: int) -> None:
        self.cursor = add_months(self.cursor, step)
        self._changed()

    def action_today(self) -> None:
        self.cursor = self.as_of
        self._changed()

    def action_open(self) -> None:
        self.post_message(self.OpenRequested())

    def _changed(self) -> None:
        self._lines = None
        weeks = len(month_weeks(self.first))
        # A new layout only when the grid's height changes (a month of more or fewer weeks).
        self.refresh(layout=weeks != self._weeks)
        self._weeks = weeks
        self.post_message(self.DayChanged(self.cursor))

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()

    def get_content_height(self, container, viewport, width: int) -> int:  # type: ignore[no-untyped-def]
        return 2 + len(month_weeks(self.first)) * (1 if self.compact else 2)

    def _style(self, names: str) -> Style:
        style = self._styles.get(names)
        if style is None:
            style = self.rich_style
            parts = [self.get_component_rich_style(f"month--{n}") for n in names.split()]
            for part in parts:
                style += part
            if parts and parts[0].bgcolor is not None:
                # The kind's colour on the cell's background (the cursor's), never its own.
                style += Style(bgcolor=parts[0].bgcolor)
            if "cursor" in names.split():
                style += Style(bold=True)  # the selected day is not shown by colour alone
            self._styles[names] = style
        return style

    def _grid(self) -> list[list[Run]]:
        if self.index is None:
            return []
        weeks = len(month_weeks(self.first))
        per_week = 1 if self.compact else lines_per_week(self.size.height, weeks)
        key = (id(self.index), self.cursor, self.as_of, self.size.width, per_week)
        if self._lines is None or self._lines[0] != key:
            lines = grid_lines(
                self.index, self.first, self.cursor, self.as_of, self.size.width, per_week
            )
            self._lines = (key, lines)
        return self._lines[1]

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        lines = self._grid()
        if y >= len(lines):
            return Strip.blank(width, self.rich_style)
        segments = [Segment(text, self._style(style)) for text, style in lines[y]]
        return Strip(segments).extend_cell_length(width, self.rich_style).crop(0, width)


class DayList(OptionList):
    """The selected day's holidays and events; enter opens an event, escape goes back."""

    HELP_SECTION = "Month"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", "Back to the grid")]

    class Back(Message):
        pass

    def action_back(self) -> None:
        self.post_message(self.Back())


class MonthView(Container):
    """The grid, and beside or below it the selected day's heading and list."""

    class Opened(Message):
        def __init__(self, event_id: str) -> None:
            super().__init__()
            self.event_id = event_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._index: MonthIndex | None = None

    def compose(self) -> ComposeResult:
        yield MonthGrid(id="month")
        with Vertical(id="month-day"):
            yield Static("", id="month-day-title")
            yield DayList(id="month-day-list")

    @property
    def grid(self) -> MonthGrid:
        return self.query_one(MonthGrid)

    @property
    def day_list(self) -> DayList:
        return self.query_one(DayList)

    def show(self, schedule: Schedule, rows: list[Row], day: date | None, as_of: date) -> None:
        """Show `rows` (the timeline's, filtered); the index is rebuilt only for new rows."""
        if self._index is None or self._index.rows is not rows:
            self._index = MonthIndex(schedule, rows)
        self.grid.show(self._index, day, as_of)

    def on_resize(self) -> None:
        """Below 100 columns the list goes under the grid, and a week takes one line."""
        compact = self.app.size.width < 100
        self.set_class(compact, "-narrow")
        if self.grid.compact != compact:
            self.grid.compact = compact
            self.grid.refresh(layout=True)

    def on_month_grid_day_changed(self, message: MonthGrid.DayChanged) -> None:
        message.stop()
        if self._index is None:
            return
        day = message.day
        heading = Text(long_day_text(day), style="bold")
        if day == self.grid.as_of:
            heading.append("  ▼ as of", style="dim")
        self.query_one("#month-day-title", Static).update(heading)
        items = self._index.items(day)
        options: list[Option] = []
        for number, item in enumerate(items):
            prompt = Text()
            prompt.append(f"{item.glyph} ", self.grid._style(item.style))
            prompt.append(item.title)
            if item.note:
                prompt.append(f" · {item.note}", style="dim")
            options.append(
                Option(
                    prompt, id=item.event_id or f"holiday-{number}", disabled=item.event_id is None
                )
            )
        if day.weekday() >= 5 and not options:
            options.append(Option(Text("Weekend: nothing meets", style="dim"), disabled=True))
        elif not options:
            options.append(Option(Text("Nothing on this day", style="dim"), disabled=True))
        self.day_list.set_options(options)

    def _event_ids(self) -> list[str]:
        return [o.id for o in self.day_list.options if o.id and not o.disabled]

    def on_month_grid_open_requested(self, message: MonthGrid.OpenRequested) -> None:
        message.stop()
        ids = self._event_ids()
        if len(ids) == 1:
            self.post_message(self.Opened(ids[0]))
        elif ids:
            self.day_list.focus()
            self.day_list.highlighted = next(
                i for i, o in enumerate(self.day_list.options) if not o.disabled
            )

    def on_option_list_option_selected(self, message: OptionList.OptionSelected) -> None:
        message.stop()
        if message.option.id is not None and not message.option.disabled:
            self.post_message(self.Opened(message.option.id))

    def on_day_list_back(self, message: DayList.Back) -> None:
        message.stop()
        self.grid.focus()
