"""Expanding a recurring VEVENT (RRULE, RDATE, EXDATE) into its occurrences for import.

A schedule has no recurrence rules, so `docket import` writes one event per occurrence.
Rules without an end are cut after `MAX_OCCURRENCES` or `HORIZON`, and the note says so.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from dateutil.rrule import rrulestr
from icalendar import Event as VEvent

MAX_OCCURRENCES = 500
HORIZON = timedelta(days=5 * 366)


def _wall(value: date | datetime) -> datetime:
    """Wall-clock time without zone (a date is its midnight)."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    return datetime.combine(value, time(0))


def _values(vevent: VEvent, name: str) -> list[date | datetime]:
    props = vevent.get(name)
    if props is None:
        return []
    props = props if isinstance(props, list) else [props]
    return [leaf.dt for prop in props for leaf in prop.dts]


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
    start = vevent["DTSTART"].dt
    base = _wall(start)
    times: set[datetime] = {base}
    note = ""
    rules = vevent.get("RRULE")
    for rule in rules if isinstance(rules, list) else [rules] if rules is not None else []:
        parts = dict(rule)
        until = parts.pop("UNTIL", None)
        text = rule.__class__(parts).to_ical().decode()
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
    times |= {_wall(value) for value in _values(vevent, "RDATE")}
    times -= {_wall(value) for value in _values(vevent, "EXDATE")}
    uid = str(vevent.get("UID", ""))
    for override in overrides:
        if str(override.get("UID", "")) == uid:
            times.discard(_wall(override["RECURRENCE-ID"].dt))
    return [moment - base for moment in sorted(times)], note
