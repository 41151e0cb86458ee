"""Expanding a recurring VEVENT (RRULE, RDATE, EXDATE) into its occurrences for import.

A schedule has no recurrence rules, so `docket import` writes one event per occurrence.
Rules without an end are cut after `MAX_OCCURRENCES` or `HORIZON`, and the note says so.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from dateutil.rrule import rrulestr
from icalendar import Component, vRecur
from icalendar import Event as VEvent

MAX_OCCURRENCES = 500
HORIZON = timedelta(days=5 * 366)


def wall_time(value: date | datetime) -> datetime:
    """Wall-clock time without zone (a date is its midnight): the frame occurrences and
    imported ids are counted in, whatever zone the calendar wrote."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    return datetime.combine(value, time(0))


def _when(component: Component, name: str) -> date | datetime:
    """The date or date-time of DTSTART or RECURRENCE-ID.

    icalendar types `Component.get` as Any; these properties parse to a date or date-time
    (a broken value raises on `.dt`, as icalendar decides).
    """
    value: date | datetime = component.get(name).dt
    return value


def _listed(component: Component, name: str) -> list[date | datetime]:
    """RDATE or EXDATE values: each property a list of values, and the property repeatable.

    A PERIOD (``RDATE;VALUE=PERIOD``) is not read: its value is a pair, which `wall_time`
    refuses with a TypeError.
    """
    found = component.get(name)  # Any: one vDDDLists, or a list of them
    props = [] if found is None else found if isinstance(found, list) else [found]
    values: list[date | datetime] = [leaf.dt for prop in props for leaf in prop.dts]
    return values


def _rules(component: Component) -> list[vRecur]:
    found = component.get("RRULE")
    return [] if found is None else found if isinstance(found, list) else [found]


def _until_in_wall_time(until: date | datetime, start: date | datetime) -> datetime:
    if isinstance(until, datetime) and until.tzinfo is not None:
        if isinstance(start, datetime) and start.tzinfo is not None:
            return until.astimezone(start.tzinfo).replace(tzinfo=None)
        return until.replace(tzinfo=None)
    if isinstance(until, datetime):
        return until
    return datetime.combine(until, time(23, 59, 59))


def expand_occurrences(vevent: VEvent, overrides: list[VEvent]) -> tuple[list[timedelta], str]:
    """Shifts from DTSTART to each occurrence (wall-clock), and a note on any cut made."""
    start = _when(vevent, "DTSTART")
    base = wall_time(start)
    times: set[datetime] = {base}
    note = ""
    for rule in _rules(vevent):
        parts = dict(rule)
        # UNTIL is mostly UTC and `base` a naive wall time, which dateutil will not mix:
        # the rule is read without it, and UNTIL set below in wall time.
        until: list[date | datetime] | None = parts.pop("UNTIL", None)
        text = vRecur(parts).to_ical().decode()  # type: ignore[no-untyped-call]
        try:
            recurrence = rrulestr(text, dtstart=base)
        except (ValueError, TypeError) as error:
            note = f" (its RRULE could not be read: {error}; first occurrence only)"
            continue
        if until:
            recurrence = recurrence.replace(until=_until_in_wall_time(until[0], start))
        limit = base + HORIZON
        for count, moment in enumerate(recurrence):
            if count >= MAX_OCCURRENCES or moment > limit:
                note = f" (a rule without end: cut after {count} occurrences)"
                break
            times.add(moment)
    times |= {wall_time(value) for value in _listed(vevent, "RDATE")}
    times -= {wall_time(value) for value in _listed(vevent, "EXDATE")}
    uid = str(vevent.get("UID", ""))
    for override in overrides:
        if str(override.get("UID", "")) == uid:
            times.discard(wall_time(_when(override, "RECURRENCE-ID")))
    return [moment - base for moment in sorted(times)], note
