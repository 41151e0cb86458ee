"""Time against columns for the timeline: zoom levels, the visible window, the axis labels.

Textual-free arithmetic. Times are "day numbers": the proleptic ordinal of a calendar day
plus the fraction of the day, read in the schedule's zone, so one unit is one calendar day
and all-day events sit exactly on their dates whatever their venue's zone.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import date, datetime, tzinfo

from tui.core.dates import FIRST_YEAR, LAST_YEAR
from tui.core.words import MONTHS, WEEKDAYS, month_text

#: Zoom levels from the closest to the widest; "all" fits the whole schedule.
ZOOMS: tuple[str, ...] = ("week", "month", "quarter", "year", "all")
#: Days across the chart at each fixed zoom level.
ZOOM_SPANS: dict[str, float] = {"week": 7.0, "month": 31.0, "quarter": 92.0, "year": 366.0}

#: What the timeline may show: the years docket supports, from the first moment of 1 January
#: FIRST_YEAR to the last of 31 December LAST_YEAR. Every pan, zoom and jump stays inside.
EARLIEST = float(date(FIRST_YEAR, 1, 1).toordinal())
LATEST = float(date(LAST_YEAR, 12, 31).toordinal() + 1)
_LAST_ORDINAL = date.max.toordinal()


def day_number(moment: datetime, zone: tzinfo) -> float:
    """An aware moment as a day number in `zone`."""
    local = moment.astimezone(zone)
    seconds = local.hour * 3600 + local.minute * 60 + local.second
    return local.toordinal() + seconds / 86400


def day_of(number: float) -> date:
    """The calendar day of a day number; numbers beyond Python's dates give its first or last."""
    return date.fromordinal(min(max(1, math.floor(number)), _LAST_ORDINAL))


class Window:
    """The span of time across the chart: `start` at column 0, `span` days over `width` cells.

    A plain class rather than a dataclass: it is needed for the first frame, and creating
    dataclasses at import costs milliseconds of start-up.
    """

    __slots__ = ("span", "start", "width")

    def __init__(self, start: float, span: float, width: int) -> None:
        self.start = start
        self.span = span
        self.width = width

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Window):
            return NotImplemented
        return (self.start, self.span, self.width) == (other.start, other.span, other.width)

    def __hash__(self) -> int:
        return hash((self.start, self.span, self.width))

    def __repr__(self) -> str:
        return f"Window(start={self.start!r}, span={self.span!r}, width={self.width!r})"

    @property
    def end(self) -> float:
        return self.start + self.span

    @property
    def centre(self) -> float:
        return self.start + self.span / 2

    @property
    def days_per_cell(self) -> float:
        return self.span / max(1, self.width)

    def column(self, t: float) -> float:
        return (t - self.start) * self.width / self.span

    def cell(self, t: float) -> int:
        return math.floor(self.column(t))

    def overlaps(self, t0: float, t1: float) -> bool:
        return t1 >= self.start and t0 < self.end

    def moved_to(self, start: float) -> Window:
        return Window(start, self.span, self.width)

    def panned(self, fraction: float) -> Window:
        return Window(self.start + self.span * fraction, self.span, self.width)

    def resized(self, width: int) -> Window:
        return Window(self.start, self.span, max(1, width))

    def clamped(self, lo: float = EARLIEST, hi: float = LATEST) -> Window:
        """This window moved back inside [lo, hi] (and narrowed to it if wider); itself if
        it is inside already."""
        span = min(self.span, hi - lo)
        start = min(max(self.start, lo), hi - span)
        if start == self.start and span == self.span:
            return self
        return Window(start, span, self.width)


def window_for(zoom: str, width: int, focus: float, first: float, last: float) -> Window:
    """The window at `zoom` around `focus` (whole schedule for "all", with a small margin)."""
    width = max(1, width)
    if zoom == "all":
        span = max(last - first, 1.0)
        margin = span * 0.03 + 1
        return Window(first - margin, span + 2 * margin, width)
    span = ZOOM_SPANS[zoom]
    return Window(focus - span / 2, span, width)


# --- the axis -------------------------------------------------------------------------------

UNITS: tuple[str, ...] = ("day", "week", "month", "quarter", "year", "decade", "century")
_UNIT_DAYS = {
    "day": 1,
    "week": 7,
    "month": 30.4,
    "quarter": 91.3,
    "year": 365.25,
    "decade": 3652.5,
    "century": 36525,
}
#: The unit the top line names above each bottom unit.
_TOP = {
    "day": "month",
    "week": "month",
    "month": "year",
    "quarter": "year",
    "year": "decade",
    "decade": "century",
}


def unit_starts(unit: str, first: date, last: date) -> Iterator[date]:
    """The first day of every `unit` that begins in or just before [first, last]."""
    # Total for any dates: nothing past Python's last day (the timeline never goes near it).
    if unit == "day":
        for ordinal in range(first.toordinal(), min(last.toordinal() + 2, _LAST_ORDINAL + 1)):
            yield date.fromordinal(ordinal)
        return
    if unit == "week":
        monday = max(1, first.toordinal() - first.weekday())
        for ordinal in range(monday, min(last.toordinal() + 8, _LAST_ORDINAL + 1), 7):
            yield date.fromordinal(ordinal)
        return
    if unit in ("decade", "century"):
        size = 10 if unit == "decade" else 100
        for year in range(first.year - first.year % size, last.year + size + 1, size):
            if 1 <= year <= 9999:
                yield date(year, 1, 1)
        return
    step = {"month": 1, "quarter": 3, "year": 12}[unit]
    month = first.year * 12 + (first.month - 1)
    month -= month % step
    end = min(last.year * 12 + last.month + step, 9999 * 12 + 11)
    while month <= end:
        yield date(month // 12, month % 12 + 1, 1)
        month += step


def _labels(unit: str, day: date, top: bool) -> list[str]:
    """Candidate labels for a unit starting on `day`, longest first."""
    if unit in ("year", "decade", "century"):
        return [str(day.year), f"'{day.year % 100:02d}"]
    if unit == "quarter":
        q = f"Q{(day.month - 1) // 3 + 1}"
        return [f"{q} {day.year}", q] if top else [q, q[1]]
    if unit == "month":
        short = MONTHS[day.month - 1]
        if top:
            return [month_text(day), f"{short} {day.year}", short]
        return [short, short[0]]
    if unit == "week":
        return [f"{day.day} {MONTHS[day.month - 1]}", str(day.day)]
    weekday = WEEKDAYS[day.weekday()]
    return [
        f"{weekday} {day.day} {MONTHS[day.month - 1]}",
        f"{weekday} {day.day}",
        f"{weekday[:2]} {day.day}",
        f"{weekday[0]}{day.day}",
        str(day.day),
        weekday[0],
    ]


def axis_units(window: Window) -> tuple[str, str | None]:
    """(top unit, bottom unit): the bottom is the finest unit at least two cells apart.

    The top line names months, years, decades or centuries; the bottom line subdivides
    them (None when even the top unit's subdivisions are too close to tell apart).
    """
    cells_per_day = window.width / window.span
    bottom = next((u for u in UNITS if _UNIT_DAYS[u] * cells_per_day >= 2), "century")
    if bottom == "century":
        return "century", None
    return _TOP[bottom], bottom


def ticks(window: Window, unit: str, top: bool = False) -> list[tuple[int, str]]:
    """Labelled unit boundaries inside the window; a label shortens or empties to fit.

    Bottom labels share one length (all "Q1", or all "1") so the axis reads evenly; top
    labels (months, years) each take the longest form that fits.
    """
    first = day_of(window.start)
    last = day_of(window.end)
    starts = [(window.cell(d.toordinal()), d) for d in unit_starts(unit, first, last)]
    spans = []
    for index, (cell, day) in enumerate(starts):
        next_cell = starts[index + 1][0] if index + 1 < len(starts) else window.width + 1
        next_cell = min(next_cell, window.width + 1)  # a label never runs off the right edge
        if cell >= window.width or next_cell <= 0 or (cell < 0 and not top):
            continue
        if cell < 0:  # a top unit that began before the window names itself at the left edge
            spans.append((0, next_cell - 1, day))
        else:
            spans.append((cell, next_cell - cell - 1, day))
    form = 0
    if not top:
        inner = [room for cell, room, _day in spans if cell + room < window.width]
        tightest = min(inner, default=window.width)
        forms = _labels(unit, first, top)
        form = next((i for i, f in enumerate(forms) if len(f) <= tightest), len(forms))
    result: list[tuple[int, str]] = []
    for cell, room, day in spans:
        fitting = [label for label in _labels(unit, day, top)[form:] if len(label) <= room]
        result.append((cell, fitting[0] if fitting else ""))
    return result


def axis_lines(window: Window) -> tuple[str, str, list[int]]:
    """The two axis lines as text (width cells each) and the cells of the major gridlines."""
    top_unit, bottom_unit = axis_units(window)
    width = window.width
    upper = [" "] * width
    lower = [" "] * width
    grid: list[int] = []
    for cell, label in ticks(window, top_unit, top=True):
        _write(upper, cell, label)
    if bottom_unit is not None:
        for cell, label in ticks(window, bottom_unit):
            _write(lower, cell, label or "╷")
    if _UNIT_DAYS[top_unit] * width / window.span >= 3:  # gridlines only where they are sparse
        for day in unit_starts(top_unit, day_of(window.start), day_of(window.end)):
            cell = window.cell(day.toordinal())
            if 0 <= cell < width:
                grid.append(cell)
    return "".join(upper), "".join(lower), grid


def _write(line: list[str], cell: int, text: str) -> None:
    for offset, char in enumerate(text):
        if 0 <= cell + offset < len(line):
            line[cell + offset] = char
