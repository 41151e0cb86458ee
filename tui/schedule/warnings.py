"""Warnings: a valid schedule that is still worth a second look.

The spec's four: sessions that overlap; an event starting or ending on a weekend or
holiday; a session ending after the headline deadline; a consultation overlapping a
session at another venue. And one of docket's own: a local start or end time the clocks
skip when daylight saving starts (02:30 on the spring change), which is read as the time
after the gap. Postponed and cancelled events are left out: their dates no longer
describe a meeting.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from tui.core.model import Event, Schedule
from tui.core.words import WEEKDAY_NAMES
from tui.core.workdays import is_working_day
from tui.schedule.issues import Issue
from tui.schedule.toml_source import KeyPath

#: The key path of one of an event's keys, for an issue to point at.
_At = Callable[[Event, str], KeyPath]


def schedule_warnings(schedule: Schedule, event_index: dict[str, int]) -> list[Issue]:
    """Every warning for a schedule without errors; `event_index` gives each event's place
    in `[[events]]` (from `build_schedule`), for the key paths. Each event's own warnings
    in file order, then those between events (the order the loader's sort keeps on ties)."""
    at = key_paths(event_index)
    issues: list[Issue] = []
    for event in schedule.events:
        issues.extend(event_warnings(event, at))
    issues.extend(relation_warnings(schedule, at))
    return issues


def key_paths(event_index: dict[str, int]) -> _At:
    """Where an issue about an event's key points: `("events", its index, key)`."""

    def at(event: Event, key: str) -> KeyPath:
        return ("events", event_index[event.id], key)

    return at


def event_warnings(event: Event, at: _At) -> list[Issue]:
    """An event's own warnings, which no other event changes: a weekend or holiday at
    either end, a local time the clocks skip (an edit of one event recomputes only these
    of that event)."""
    if event.is_off:
        return []
    issues = _non_working_ends(event, at)
    if not event.all_day:
        issues.extend(_clock_gaps(event, at))
    return issues


def relation_warnings(schedule: Schedule, at: _At) -> list[Issue]:
    """The warnings between events: sessions that overlap, a session after the headline
    deadline, a consultation during a session elsewhere. Each session's days are worked
    out once (they are properties, and an edit key runs this on every press)."""
    active = [e for e in schedule.events if not e.is_off]
    issues: list[Issue] = []
    spans = sorted(
        ((e.first_day, e.last_day, e) for e in active if e.kind == "session"),
        key=lambda span: (span[0], span[1]),
    )
    latest: tuple[date, date, Event] | None = None
    for span in spans:
        first, last, session = span
        if latest is not None and first <= latest[1]:
            issues.append(
                Issue(
                    at(session, "start"),
                    "value",
                    "warning",
                    f"session `{session.id}` ({first}) overlaps session "
                    f"`{latest[2].id}` (until {latest[1]})",
                )
            )
        if latest is None or last > latest[1]:
            latest = span

    deadline = schedule.headline_deadline
    if deadline is not None:
        due = deadline.last_day
        for _first, last, session in spans:
            if last > due:
                issues.append(
                    Issue(
                        at(session, "end" if session.end is not None else "start"),
                        "value",
                        "warning",
                        f"session `{session.id}` ends {last}, after the headline "
                        f"deadline `{deadline.id}` ({due})",
                    )
                )

    issues.extend(_consultation_clashes(active, spans, at))
    return issues


def _non_working_ends(event: Event, at: _At) -> list[Issue]:
    issues = []
    ends = [("start", event.first_day)]
    if event.end is not None and event.last_day != event.first_day:
        ends.append(("end", event.last_day))
    for key, day in ends:
        if is_working_day(day, event.holidays):
            continue
        reason = WEEKDAY_NAMES[day.weekday()] if day.weekday() >= 5 else "a holiday"
        verb = "starts" if key == "start" else "ends"
        if event.is_point:
            verb = "falls"
        issues.append(
            Issue(at(event, key), "value", "warning", f"`{event.id}` {verb} on {reason} ({day})")
        )
    return issues


def _clock_gaps(event: Event, at: _At) -> list[Issue]:
    """Local times that the clock skips when daylight saving starts (e.g. 02:30 in spring)."""
    issues = []
    for key, value in (("start", event.start), ("end", event.end)):
        if not isinstance(value, datetime) or not isinstance(value.tzinfo, ZoneInfo):
            continue
        wall = value.replace(tzinfo=None)
        real = value.astimezone(UTC).astimezone(value.tzinfo).replace(tzinfo=None)
        if real != wall:
            issues.append(
                Issue(
                    at(event, key),
                    "value",
                    "warning",
                    f"`{event.id}` {key} {wall:%Y-%m-%d %H:%M} does not exist in "
                    f"{value.tzinfo.key} (the clocks skip it); it is read as {real:%H:%M}",
                )
            )
    return issues


def _consultation_clashes(
    active: list[Event], spans: list[tuple[date, date, Event]], at: _At
) -> list[Issue]:
    if not spans:
        return []
    starts = [first for first, _last, _session in spans]
    longest = max(last - first for first, last, _session in spans)
    issues = []
    for consultation in (e for e in active if e.kind == "consultation"):
        first_day, last_day = consultation.first_day, consultation.last_day
        index = bisect.bisect_right(starts, last_day) - 1
        while index >= 0 and starts[index] >= first_day - longest:
            _first, last, session = spans[index]
            if last >= first_day and _venue_id(session) != _venue_id(consultation):
                issues.append(
                    Issue(
                        at(consultation, "start"),
                        "value",
                        "warning",
                        f"consultation `{consultation.id}` overlaps session `{session.id}` "
                        f"at another venue ({_venue_name(session)})",
                    )
                )
                break
            index -= 1
    return issues


def _venue_id(event: Event) -> str | None:
    return event.venue.id if event.venue else None


def _venue_name(event: Event) -> str:
    return event.venue.name if event.venue else "no venue"
