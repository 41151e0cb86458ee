"""The rows of the timeline, computed once per schedule.

Textual-free: the app builds `TimelineRows` in a worker thread right after loading (it costs
a few tens of milliseconds at 10,000 events), and the timeline widget then only maps
precomputed day numbers to columns for the lines on screen. The searches the keys make
over the rows are in `moves`, which the first frame imports (this module, with the model
behind it, it does not).
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.app.shown import shown
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
    """One event on the timeline: its span as day numbers in the schedule's zone, and its
    title as the timeline and the agenda show it (control characters made visible)."""

    event: Event
    t0: float
    t1: float
    title: str

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
    title = shown(event.title)
    if event.all_day:
        if event.is_point:
            # A date-only point sits in the middle of its day.
            t = event.first_day.toordinal() + 0.5
            return Row(event, t, t, title)
        return Row(event, event.first_day.toordinal(), event.last_day.toordinal() + 1, title)
    zone = schedule.zone
    t0 = day_number(event.start_instant, zone)
    t1 = t0 if event.is_point else day_number(event.end_instant, zone)
    return Row(event, t0, max(t0, t1), title)


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
