"""A schedule's rules as docket holds them: plain data, built by the loader, judged by `tui.rules`.

A rule selects events (by kind, tag, venue and status) and states one constraint on them:
how many there are (`Count`), how long each is (`Length`), how far apart consecutive ones are
(`Gap`), where they meet (`VenueRule`) or what comes before what (`Order`). Waivers exempt
named events, each with its reason. The loader has checked everything here (ids name events,
venues are declared, min is not above max), so constructors trust their inputs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from tui.core.errors import Severity

LengthUnit = Literal["days", "working_days", "meeting_days"]
GapUnit = Literal["days", "weeks", "working_days"]
GapMeasure = Literal["end-to-start", "start-to-start"]
VenueMode = Literal["all", "any", "last"]

SEVERITIES: tuple[Severity, ...] = ("error", "warning")
LENGTH_UNITS: tuple[LengthUnit, ...] = ("days", "working_days", "meeting_days")
GAP_UNITS: tuple[GapUnit, ...] = ("days", "weeks", "working_days")
GAP_MEASURES: tuple[GapMeasure, ...] = ("end-to-start", "start-to-start")
#: The constraint keys of a rule, of which each rule has exactly one.
CONSTRAINTS: tuple[str, ...] = ("count", "length", "gap", "venue", "order")


@dataclass(frozen=True, slots=True)
class Source:
    """Where a rule comes from: a citation a person can look up, and a link if there is one."""

    citation: str
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Selection:
    """Which events a rule is about. Within a field any value matches; fields combine with
    "and"; an empty field matches everything. Without `statuses`, postponed and cancelled
    events are left out."""

    kinds: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    venues: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Count:
    """At least `min` and at most `max` selected events."""

    min: int | None = None
    max: int | None = None


@dataclass(frozen=True, slots=True)
class Length:
    """Each selected event lasts at least `min` and at most `max` `unit`s."""

    unit: LengthUnit
    min: int | None = None
    max: int | None = None


@dataclass(frozen=True, slots=True)
class Gap:
    """Consecutive selected events (in date order) are at least `min`, at most `max` apart."""

    unit: GapUnit
    min: int | None = None
    max: int | None = None
    measure: GapMeasure = "end-to-start"


@dataclass(frozen=True, slots=True)
class VenueRule:
    """`all`: every selected event is at one of `venues`; `any`: each of `venues` hosts at
    least one selected event; `last`: the last selected event is at one of `venues`."""

    mode: VenueMode
    venues: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Order:
    """`event` (or, without it, the last selected event) ends before `before_event` (its
    start; a deadline's or milestone's due moment) or before the day `before_date`."""

    event: str | None = None
    before_event: str | None = None
    before_date: date | None = None


Constraint = Count | Length | Gap | VenueRule | Order


@dataclass(frozen=True, slots=True)
class Waiver:
    """An event exempt from a rule, and why (shown wherever the rule is).

    `dates`, when the file pins them, are the event's first and last day the waiver was
    granted for: a waiver given for a session as scheduled must not silently cover it once
    it has moved, when its reason quotes dates that are no longer true."""

    event: str
    reason: str
    dates: tuple[date, date] | None = None

    def covers(self, first: date, last: date) -> bool:
        """Whether the waiver still applies to an event that runs `first` through `last`."""
        return self.dates is None or self.dates == (first, last)


@dataclass(frozen=True, slots=True)
class Rule:
    """One `[[rules]]` table. `index` is its place in the file (to locate it)."""

    id: str
    title: str
    constraint: Constraint
    index: int = 0
    severity: Severity = "error"
    selection: Selection = Selection()
    waivers: tuple[Waiver, ...] = ()
    source: Source | None = None

    @property
    def constraint_key(self) -> str:
        """The key the constraint is written under: `count`, `length`, `gap`, `venue`, `order`."""
        return _KEYS[type(self.constraint)]

    def waiver_for(self, event_id: str) -> Waiver | None:
        for waiver in self.waivers:
            if waiver.event == event_id:
                return waiver
        return None


_KEYS: dict[type, str] = {
    Count: "count",
    Length: "length",
    Gap: "gap",
    VenueRule: "venue",
    Order: "order",
}
