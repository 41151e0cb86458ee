"""The month view's data: which days a month grid shows and what happens on each. Textual-free.

`MonthIndex` is built once per list of rows the timeline shows (so the `/` filter applies):
the events sorted by first day, with the longest span, so the events of any six weeks are
found by two binary searches whatever the size of the schedule. A day is marked:

- by the glyph of each kind that meets on it (`█` session, `▓` consultation, `▒` meeting,
  `◆` deadline, `◇` milestone): a span marks only its meeting days (its working days, venue
  and schedule holidays excluded), so a session's weekends and holidays stay unmarked;
  postponed and cancelled spans mark their days `╌` / `✕`;
- `✱` when it is a holiday: of the whole schedule, or of any venue of the schedule (the
  selected day's list says which venue: a venue holiday matters to whoever meets there);
- weekends are the last two columns and drawn dimmed; days of the months before and after
  are dimmed too. The as-of day carries `▼`, as the timeline's axis does; the selected day
`▸` (and a highlight).
"""

from __future__ import annotations

import calendar
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from tui.app.shown import shown
from tui.app.timeline.rows import KIND_GLYPHS, STATUS_GLYPHS
from tui.core.countdown import phase
from tui.core.workdays import is_working_day

if TYPE_CHECKING:
    from tui.app.timeline.rows import Row
    from tui.core.model import Event, Schedule

HOLIDAY = "✱"
AS_OF = "▼"
CURSOR = "▸"
KIND_ORDER = ("session", "consultation", "meeting", "deadline", "milestone")


@dataclass(frozen=True, slots=True)
class DayMark:
    """One glyph on a day and the style it is drawn in (the event's kind, or "off")."""

    glyph: str
    style: str


@dataclass(frozen=True, slots=True)
class DayCell:
    day: date
    in_month: bool
    holiday: bool
    marks: tuple[DayMark, ...]
    titles: tuple[tuple[str, str], ...]

    @property
    def weekend(self) -> bool:
        return self.day.weekday() >= 5


@dataclass(frozen=True, slots=True)
class DayItem:
    """One line of the selected day's list: an event (with what it is that day) or a holiday."""

    glyph: str
    style: str
    title: str
    note: str
    event_id: str | None = None


def month_of(day: date, step: int) -> date:
    """The first of the month `step` months after `day`'s."""
    index = day.year * 12 + day.month - 1 + step
    return date(index // 12, index % 12 + 1, 1)


def add_months(day: date, step: int) -> date:
    """The same day of the month `step` months on (the month's last day if it is shorter)."""
    first = month_of(day, step)
    last = calendar.monthrange(first.year, first.month)[1]
    return first.replace(day=min(day.day, last))


def month_weeks(first: date) -> list[list[date]]:
    """The Monday-to-Sunday weeks that hold the days of `first`'s month (four to six)."""
    start = first - timedelta(days=first.weekday())
    last = month_of(first, 1) - timedelta(days=1)
    weeks: list[list[date]] = []
    while start <= last:
        weeks.append([start + timedelta(days=i) for i in range(7)])
        start += timedelta(days=7)
    return weeks


def _mark(event: Event, day: date) -> DayMark | None:
    """The event's glyph on `day`, or None when it does not meet then."""
    if event.is_point:
        return DayMark(KIND_GLYPHS[event.kind], event.kind)
    if event.is_off:
        return DayMark(STATUS_GLYPHS.get(event.status, "·"), "off")
    if is_working_day(day, event.holidays):
        return DayMark(KIND_GLYPHS[event.kind], event.kind)
    return None


class MonthIndex:
    """The events of some rows, findable by day."""

    def __init__(self, schedule: Schedule, rows: Sequence[Row]) -> None:
        self.schedule = schedule
        self.rows = rows
        events = sorted((r.event for r in rows), key=lambda e: e.first_day)
        self._events = events
        self._firsts = [e.first_day for e in events]
        self._longest = max((e.last_day - e.first_day for e in events), default=timedelta(0))
        self._holidays: dict[date, list[tuple[str, str]]] = {}
        for day in schedule.holidays:
            self._holidays.setdefault(day, []).append(("Holiday of the whole schedule", "all"))
        for venue in schedule.venues.values():
            where = shown(venue.city or venue.name)
            for day in venue.holidays:
                self._holidays.setdefault(day, []).append(
                    (f"Holiday at {shown(venue.label)}", where)
                )

    def between(self, first: date, last: date) -> list[Event]:
        """Events with a day in [first, last], by first day."""
        lo = bisect_left(self._firsts, first - self._longest)
        hi = bisect_right(self._firsts, last)
        return [e for e in self._events[lo:hi] if e.last_day >= first]

    def on(self, day: date) -> list[Event]:
        return self.between(day, day)

    def holidays(self, day: date) -> list[str]:
        """The day's holidays, in words: "Holiday at <venue>" or "of the whole schedule"."""
        return [text for text, _ in self._holidays.get(day, [])]

    def grid(self, first: date) -> list[list[DayCell]]:
        """The cells of `first`'s month, week by week."""
        weeks = month_weeks(first)
        events = self.between(weeks[0][0], weeks[-1][-1])
        return [[self._cell(day, first.month, events) for day in week] for week in weeks]

    def _cell(self, day: date, month: int, events: list[Event]) -> DayCell:
        marks: dict[str, DayMark] = {}
        titles = [(f"{HOLIDAY} {where}", "holiday") for _, where in self._holidays.get(day, [])]
        for event in events:
            if event.first_day <= day <= event.last_day:
                mark = _mark(event, day)
                if mark is not None:
                    marks.setdefault(mark.glyph, mark)
                    titles.append((f"{mark.glyph} {shown(event.title)}", mark.style))
        order = {KIND_GLYPHS[k]: i for i, k in enumerate(KIND_ORDER)}
        ordered = sorted(marks.values(), key=lambda m: order.get(m.glyph, len(order)))
        return DayCell(
            day, day.month == month, day in self._holidays, tuple(ordered), tuple(titles)
        )

    def items(self, day: date) -> list[DayItem]:
        """The selected day's list: its holidays, then its events with what each is that day."""
        items = [DayItem(HOLIDAY, "holiday", text, "no meetings") for text in self.holidays(day)]
        for event in self.on(day):
            items.append(self._item(event, day))
        return items

    def _item(self, event: Event, day: date) -> DayItem:
        mark = _mark(event, day)
        title = shown(event.title)
        if event.is_off:
            return DayItem(mark.glyph if mark else "·", "off", title, event.status, event.id)
        if event.is_point:
            when = "" if event.all_day else f"{event.start:%H:%M}"
            return DayItem(KIND_GLYPHS[event.kind], event.kind, title, when, event.id)
        noon = datetime.combine(day, time(12), event.zone)
        label = phase(event, noon).label if mark is not None else "no meeting"
        if mark is None:
            return DayItem("·", "dim", title, label, event.id)
        return DayItem(mark.glyph, mark.style, title, label, event.id)


def opening_day(selected: Event | None, as_of: date) -> date:
    """Where the month view opens: the selected event's day nearest the as-of date (so an
    event in progress opens on today), else the as-of date."""
    if selected is None:
        return as_of
    return min(max(as_of, selected.first_day), selected.last_day)
