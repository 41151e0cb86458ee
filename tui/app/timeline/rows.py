"""The rows of the timeline, computed once per schedule, and the searches the keys need.

Textual-free: the app builds `TimelineRows` in a worker thread right after loading (it costs
a few tens of milliseconds at 10,000 events), and the timeline widget then only maps
precomputed day numbers to columns for the lines on screen.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from tui.app.timeline.scale import day_number
from tui.core.filtering import EventFilter, event_haystack
from tui.core.model import Event, Schedule

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


@dataclass(frozen=True, slots=True)
class Row:
    """One event on the timeline: its span as day numbers in the schedule's zone."""

    event: Event
    t0: float
    t1: float

    @property
    def point(self) -> bool:
        return self.event.is_point

    @property
    def glyph(self) -> str:
        return KIND_GLYPHS[self.event.kind]

    @property
    def bar_glyph(self) -> str:
        return STATUS_GLYPHS.get(self.event.status, KIND_GLYPHS[self.event.kind])


def row_for(event: Event, schedule: Schedule) -> Row:
    zone = schedule.zone
    if event.all_day:
        if event.is_point:
            # A date-only point sits in the middle of its day.
            t = event.first_day.toordinal() + 0.5
            return Row(event, t, t)
        return Row(event, event.first_day.toordinal(), event.last_day.toordinal() + 1)
    t0 = day_number(event.start_instant, zone)
    t1 = t0 if event.is_point else day_number(event.end_instant, zone)
    return Row(event, t0, max(t0, t1))


class TimelineRows:
    """Every event of a schedule as a row, in date order, with a filtered view over them."""

    def __init__(self, schedule: Schedule) -> None:
        self.schedule = schedule
        self.all: list[Row] = [row_for(e, schedule) for e in schedule.in_date_order()]
        self._haystacks: list[str] | None = None
        self.first = min((r.t0 for r in self.all), default=0.0)
        self.last = max((r.t1 for r in self.all), default=0.0)

    def __len__(self) -> int:
        return len(self.all)

    def filtered(self, event_filter: EventFilter) -> list[Row]:
        if not event_filter.active:
            return self.all
        if not event_filter.words:
            return [r for r in self.all if event_filter.matches(r.event)]
        if self._haystacks is None:
            self._haystacks = [event_haystack(r.event) for r in self.all]
        return [
            row
            for row, text in zip(self.all, self._haystacks, strict=True)
            if event_filter.matches(row.event, text)
        ]


# --- searches over the visible rows (all O(log n) or one pass) --------------------------------


def index_of(rows: Sequence[Row], event_id: str | None) -> int | None:
    if event_id is None:
        return None
    for index, row in enumerate(rows):
        if row.event.id == event_id:
            return index
    return None


def nearest(rows: Sequence[Row], t: float) -> int | None:
    """The row whose span is closest to the moment t (one in progress at t wins)."""
    if not rows:
        return None
    at = bisect_left(rows, t, key=lambda r: r.t0)
    candidates = range(max(0, at - 8), min(len(rows), at + 2))

    def distance(i: int) -> float:
        row = rows[i]
        if row.t0 <= t <= max(row.t1, row.t0):
            return 0.0
        return min(abs(row.t0 - t), abs(row.t1 - t))

    return min(candidates, key=lambda i: (distance(i), i))


def first_from(rows: Sequence[Row], t: float) -> int | None:
    """The first row not over by the moment t (in progress or upcoming), else the last row."""
    if not rows:
        return None
    for index, row in enumerate(rows):
        if max(row.t1, row.t0) > t:
            return index
    return len(rows) - 1


def next_of_kind(rows: Sequence[Row], start: int, step: int, kinds: frozenset[str]) -> int | None:
    """The next row after `start` (step +1) or before it (step -1) whose kind is in `kinds`."""
    index = start + step
    while 0 <= index < len(rows):
        if rows[index].event.kind in kinds:
            return index
        index += step
    return None
