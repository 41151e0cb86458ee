"""The rows of the timeline, computed once per schedule.

Textual-free: the app builds `TimelineRows` in a worker thread right after loading (it costs
a few tens of milliseconds at 10,000 events), and the timeline widget then only maps
precomputed day numbers to columns for the lines on screen. Everything a line needs beyond
the columns is here too, once per load: the dates text, the days without meetings inside a
span (as day numbers) and the daily meeting blocks (as fractions of a day). The searches
the keys make over the rows are in `moves`, which the first frame imports (this module,
with the model behind it, it does not).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import ClassVar, TypeVar

from rich.cells import cell_len

from tui.app.filtering import EventFilter, event_haystack
from tui.app.shown import shown
from tui.app.timeline.scale import day_number
from tui.app.timeline.titles import distinct_cells, distinct_ends
from tui.core.model import Event, Schedule
from tui.core.words import days_text

#: The glyph of each kind's bar: shape as well as colour tells kinds apart.
KIND_GLYPHS: dict[str, str] = {
    "session": "█",
    "consultation": "▓",
    "meeting": "▒",
    "deadline": "◆",
    "milestone": "◇",
}
#: Bars of events that will not happen as planned.
STATUS_GLYPHS: dict[str, str] = {"postponed": "╌", "cancelled": "✕"}

_NO_DAYS: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class Row:
    """One event on the timeline: its span as day numbers in the schedule's zone, and its
    title as the timeline and the agenda show it (control characters made visible).

    `daily` rows (all-day spans) are drawn day by day: `off` holds the day numbers of the
    holidays that apply (weekends are known from the day number), and `hours` the daily
    meeting blocks as (start, end) fractions of a day in the venue's local time.
    """

    event: Event
    t0: float
    t1: float
    title: str
    dates: str = ""
    daily: bool = False
    off: frozenset[int] = _NO_DAYS
    hours: tuple[tuple[float, float], ...] = ()
    #: How many characters of the title tell it apart from the schedule's other titles
    #: (`titles.distinct_ends`; 0: its first words will do).
    distinct: int = 0
    #: Only a baseline has the event (`RemovedRow`): drawn as a ghost, passed over by keys.
    removed: ClassVar[bool] = False

    @property
    def point(self) -> bool:
        return self.event.is_point

    @property
    def glyph(self) -> str:
        return KIND_GLYPHS[self.event.kind]

    @property
    def bar_glyph(self) -> str:
        return STATUS_GLYPHS.get(self.event.status, KIND_GLYPHS[self.event.kind])

    def meets_on(self, day: int) -> bool:
        """Whether day number `day` is a working day of this row (Monday-Friday, no holiday)."""
        return (day + 6) % 7 < 5 and day not in self.off


@dataclass(frozen=True, slots=True)
class RemovedRow(Row):
    """The row of an event the baseline has and the schedule does not (`baseline`)."""

    removed: ClassVar[bool] = True


def _fraction(moment_hour: int, minute: int) -> float:
    return (moment_hour * 60 + minute) / 1440


def row_for(
    event: Event,
    schedule: Schedule,
    holiday_days: dict[int, frozenset[int]] | None = None,
    kind: type[Row] = Row,
    title: str | None = None,
    distinct: int = 0,
) -> Row:
    """The row of one event; `holiday_days` caches each shared holiday set as day numbers;
    `kind` is `RemovedRow` for a baseline's event the schedule no longer has; `title`, the
    event's title as shown (computed when not given), and `distinct`, `Row.distinct`."""
    title = shown(event.title) if title is None else title
    dates = days_text(event.first_day, event.last_day)
    if event.all_day:
        if event.is_point:
            # A date-only point sits in the middle of its day.
            t = event.first_day.toordinal() + 0.5
            return kind(event, t, t, title, dates, distinct=distinct)
        off = _NO_DAYS
        if event.holidays:
            cache = holiday_days if holiday_days is not None else {}
            off = cache.get(id(event.holidays)) or cache.setdefault(
                id(event.holidays), frozenset(d.toordinal() for d in event.holidays)
            )
        hours = tuple(
            (_fraction(b.start.hour, b.start.minute), _fraction(b.end.hour, b.end.minute))
            for b in event.hours
        )
        first, last = event.first_day.toordinal(), event.last_day.toordinal() + 1
        return kind(event, first, last, title, dates, True, off, hours, distinct)
    zone = schedule.zone
    t0 = day_number(event.start_instant, zone)
    t1 = t0 if event.is_point else day_number(event.end_instant, zone)
    return kind(event, t0, max(t0, t1), title, dates, distinct=distinct)


class TimelineRows:
    """Every event of a schedule as a row, in date order, with a filtered view over them."""

    schedule: Schedule
    all: list[Row]
    _haystacks: list[str] | None
    first: float
    last: float
    widths: tuple[int, int, int]

    def __init__(self, schedule: Schedule) -> None:
        holiday_days: dict[int, frozenset[int]] = {}
        events = schedule.in_date_order()
        titles = [shown(event.title) for event in events]
        rows = [
            row_for(event, schedule, holiday_days, Row, title, distinct)
            for event, title, distinct in zip(events, titles, distinct_ends(titles), strict=True)
        ]
        self._set(schedule, rows)

    @classmethod
    def following(cls, previous: TimelineRows | None, schedule: Schedule) -> TimelineRows:
        """The rows of `schedule`, from `previous` (the rows shown) when that is cheaper:
        the same rows for the same schedule, one row made again after an edit of one event
        (`after_edit`), else every row."""
        if previous is not None and previous.schedule is schedule:
            return previous
        made = cls.after_edit(previous, schedule) if previous is not None else None
        return made if made is not None else cls(schedule)

    @classmethod
    def after_edit(cls, previous: TimelineRows, schedule: Schedule) -> TimelineRows | None:
        """The rows of `schedule` made from `previous` when one event alone changed (an edit
        of its dates, status, venue, hours…, its title kept): only its row is made again and
        put in its place in date order, every other row kept. None when more changed (the
        caller builds the rows afresh); the result equals `TimelineRows(schedule)`."""
        old = previous.schedule
        if (
            len(old.events) != len(schedule.events)
            or old.zone != schedule.zone
            or old.venues is not schedule.venues
            or old.holidays is not schedule.holidays
        ):
            return None
        changed = [
            (index, event)
            for index, (before, event) in enumerate(zip(old.events, schedule.events, strict=True))
            if before is not event
        ]
        if len(changed) != 1:
            return None
        index, event = changed[0]
        before = old.events[index]
        if before.id != event.id or before.title != event.title:
            return None  # another title may change how every title is told apart
        rows = list(previous.all)
        order = schedule.position  # the same ids in the same file order as `old`

        def key(r: Row | Event) -> tuple[object, ...]:
            e = r.event if isinstance(r, Row) else r
            return (e.start_instant, e.end_instant, order(e.id))

        position = bisect_left(rows, key(before), key=key)
        if position == len(rows) or rows[position].event is not before:
            return None  # not in the order it was drawn in: made afresh
        old_row = rows.pop(position)
        row = row_for(event, schedule, None, Row, old_row.title, old_row.distinct)
        rows.insert(bisect_left(rows, key(row), key=key), row)
        made = cls.__new__(cls)
        title, dates, distinct = previous.widths  # the titles are the same
        dates = _widest(
            dates, len(old_row.dates), len(row.dates), lambda: (len(r.dates) for r in rows)
        )
        first = -_widest(-previous.first, -old_row.t0, -row.t0, lambda: (-r.t0 for r in rows))
        last = _widest(previous.last, old_row.t1, row.t1, lambda: (r.t1 for r in rows))
        made._set(schedule, rows, (title, dates, distinct), (first, last))
        return made

    def _set(
        self,
        schedule: Schedule,
        rows: list[Row],
        widths: tuple[int, int, int] | None = None,
        ends: tuple[float, float] | None = None,
    ) -> None:
        self.schedule, self.all = schedule, rows
        self._haystacks = None
        self.first, self.last = ends or (
            min((r.t0 for r in rows), default=0.0),
            max((r.t1 for r in rows), default=0.0),
        )
        #: The widest title, dates text and distinguishing prefix, in cells: the timeline
        #: sizes its columns by them (`lines.columns`).
        self.widths = widths or (
            max((cell_len(r.title) for r in rows), default=0),
            max((len(r.dates) for r in rows), default=0),
            max((distinct_cells(r.title, r.distinct) for r in rows), default=0),
        )

    def __len__(self) -> int:
        return len(self.all)

    def filtered(self, event_filter: EventFilter) -> list[Row]:
        if not event_filter.active:
            return self.all
        if event_filter.words and self._haystacks is None:
            self._haystacks = [event_haystack(r.event) for r in self.all]
        return matching(self.all, event_filter, self._haystacks)


_N = TypeVar("_N", int, float)


def _widest(widest: _N, old: _N, new: _N, every: Callable[[], Iterable[_N]]) -> _N:
    """The greatest of a column after one value `old` of it became `new`, `widest` the
    greatest before: known at once unless `old` was the greatest and `new` is less (then
    `every` value is looked at)."""
    if new >= widest or old < widest:
        return max(widest, new)
    return max(every())


def matching(rows: list[Row], event_filter: EventFilter, haystacks: list[str] | None) -> list[Row]:
    """The rows the filter lets through; `haystacks` (each row's `event_haystack`, in
    order) are needed when it has free words."""
    if not event_filter.words:
        return [r for r in rows if event_filter.matches(r.event)]
    assert haystacks is not None
    return [
        row
        for row, text in zip(rows, haystacks, strict=True)
        if event_filter.matches(row.event, text)
    ]
