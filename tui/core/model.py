"""The schedule as docket understands it: venues, events and the facts derived from them.

Everything here is plain data and pure functions over it. The loader builds these objects
from TOML after validation, so constructors trust their inputs; the app, the command line,
the countdowns and the calendar export all read the same objects.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from functools import cached_property
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

from tui.core.follows import Follows
from tui.core.rules_model import Rule
from tui.core.workdays import working_days_between, working_days_in

Kind = Literal["session", "consultation", "meeting", "deadline", "milestone"]
Status = Literal["confirmed", "tentative", "postponed", "cancelled"]

KINDS: tuple[Kind, ...] = ("session", "consultation", "meeting", "deadline", "milestone")
POINT_KINDS: frozenset[str] = frozenset({"deadline", "milestone"})
STATUSES: tuple[Status, ...] = ("confirmed", "tentative", "postponed", "cancelled")


@dataclass(frozen=True, slots=True)
class MeetingHours:
    """One daily meeting block such as 10:00-13:00, in the venue's local time."""

    start: time
    end: time

    def __str__(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"


@dataclass(frozen=True, slots=True)
class Venue:
    """A place where events happen; its zone is the zone of every local time there."""

    id: str
    name: str
    timezone: str
    city: str | None = None
    country: str | None = None
    address: str | None = None
    holidays: frozenset[date] = frozenset()

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def label(self) -> str:
        """Name and city, as a calendar's LOCATION or a details panel shows it."""
        if self.city and self.city not in self.name:
            return f"{self.name}, {self.city}"
        return self.name


@dataclass(frozen=True, slots=True)
class Event:
    """One item of the programme.

    `start`/`end` keep what the file said: both `date` (an all-day span, `end` inclusive)
    or both aware `datetime` (the loader attaches the venue's or schedule's zone to local
    date-times; offset date-times keep their fixed offset). Points (deadlines and
    milestones) have no `end`.
    """

    id: str
    kind: Kind
    title: str
    start: date | datetime
    zone: ZoneInfo
    end: date | datetime | None = None
    venue: Venue | None = None
    hours: tuple[MeetingHours, ...] = ()
    status: Status = "confirmed"
    tags: tuple[str, ...] = ()
    url: str | None = None
    notes: str | None = None
    #: Non-working days for this event: the schedule's plus its venue's. The loader builds
    #: one set per venue and shares it, so per-event arithmetic needs no back-reference.
    holidays: frozenset[date] = field(default=frozenset(), repr=False)

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, datetime)

    @property
    def is_point(self) -> bool:
        return self.kind in POINT_KINDS

    @property
    def is_session(self) -> bool:
        return self.kind == "session"

    @property
    def is_off(self) -> bool:
        """Postponed and cancelled events stay visible but do not count as meeting days."""
        return self.status in ("postponed", "cancelled")

    @property
    def first_day(self) -> date:
        """The first calendar day of the event, in its own zone."""
        if isinstance(self.start, datetime):
            return self.start.astimezone(self.zone).date()
        return self.start

    @property
    def last_day(self) -> date:
        """The last calendar day (inclusive), in its own zone."""
        end = self.end if self.end is not None else self.start
        if isinstance(end, datetime):
            local = end.astimezone(self.zone)
            # A timed event ending at midnight does not occupy the new day.
            if local.time() == time(0) and end != self.start:
                return local.date() - timedelta(days=1)
            return local.date()
        return end

    @property
    def start_instant(self) -> datetime:
        """When the event begins, as an aware datetime."""
        if isinstance(self.start, datetime):
            return self.start
        return datetime.combine(self.start, time(0), self.zone)

    @property
    def end_instant(self) -> datetime:
        """When the event is over: the end time, or midnight after the last day.

        A date-only deadline is therefore due at the end of its day in its zone.
        """
        end = self.end if self.end is not None else self.start
        if isinstance(end, datetime):
            return end
        return datetime.combine(end + timedelta(days=1), time(0), self.zone)

    @property
    def duration_days(self) -> int:
        """Calendar days touched by the event, both ends counted."""
        return (self.last_day - self.first_day).days + 1

    @property
    def working_days(self) -> list[date]:
        """Monday-Friday days of the span, minus schedule and venue holidays."""
        return working_days_in(self.first_day, self.last_day, self.holidays)

    @property
    def working_day_count(self) -> int:
        return working_days_between(self.first_day, self.last_day, self.holidays)

    def meeting_blocks(self) -> Iterator[tuple[datetime, datetime]]:
        """Each daily meeting block as aware (start, end), on the working days of the span."""
        if not self.hours or not self.all_day:
            return
        for day in self.working_days:
            for block in self.hours:
                yield (
                    datetime.combine(day, block.start, self.zone),
                    datetime.combine(day, block.end, self.zone),
                )


@dataclass(frozen=True)
class Schedule:
    """A whole programme: header facts, venues by id, events in file order, and its rules."""

    id: str
    title: str
    timezone: str = "UTC"
    deadline: str | None = None
    holidays: frozenset[date] = frozenset()
    url: str | None = None
    description: str | None = None
    venues: dict[str, Venue] = field(default_factory=dict)
    events: tuple[Event, ...] = ()
    source: Path | None = None
    #: The optional `[[rules]]`, in file order (see `tui.core.rules_model`, `tui.rules`).
    rules: tuple[Rule, ...] = ()
    #: The dates that follow other events' dates, as written: event id -> `start`/`end`
    #: -> its definition. The events hold the resolved dates; this says where they come
    #: from (the details panel, `docket explain`, `docket diff`).
    follows: Mapping[str, Mapping[str, Follows]] = field(default_factory=dict, compare=False)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @cached_property
    def _by_id(self) -> dict[str, Event]:
        return {event.id: event for event in self.events}

    @cached_property
    def _positions(self) -> dict[str, int]:
        return {event.id: index for index, event in enumerate(self.events)}

    def event(self, event_id: str) -> Event | None:
        return self._by_id.get(event_id)

    def position(self, event_id: str) -> int | None:
        """The event's index in file order (None if there is none by that id)."""
        return self._positions.get(event_id)

    def with_event(self, index: int, event: Event) -> Schedule:
        """This schedule with event `index` replaced by `event` of the same id (one edit):
        the lookups by id carried over, not rebuilt (they cost ms at 10,000 events)."""
        events = self.events
        if events[index].id != event.id:
            raise ValueError(f"event {index} is {events[index].id!r}, not {event.id!r}")
        changed = replace(self, events=(*events[:index], event, *events[index + 1 :]))
        cached = self.__dict__
        if "_positions" in cached:
            changed.__dict__["_positions"] = cached["_positions"]  # the same ids, in order
        if "_by_id" in cached:
            changed.__dict__["_by_id"] = {**cached["_by_id"], event.id: event}
        return changed

    @property
    def headline_deadline(self) -> Event | None:
        return self._by_id.get(self.deadline) if self.deadline else None

    def in_date_order(self) -> list[Event]:
        """Events by start (then end, then file order): the order of the timeline and agenda."""
        order = {event.id: index for index, event in enumerate(self.events)}
        return sorted(self.events, key=lambda e: (e.start_instant, e.end_instant, order[e.id]))

    @property
    def sessions(self) -> list[Event]:
        return [e for e in self.in_date_order() if e.is_session]
