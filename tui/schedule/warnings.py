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
from datetime import UTC, datetime
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
    in `[[events]]` (from `build_schedule`), for the key paths."""
    active = [e for e in schedule.events if not e.is_off]
    issues: list[Issue] = []

    def at(event: Event, key: str) -> KeyPath:
        return ("events", event_index[event.id], key)

    for event in active:
        issues.extend(_non_working_ends(event, at))
        if not event.all_day:
            issues.extend(_clock_gaps(event, at))

    sessions = sorted((e for e in active if e.is_session), key=lambda e: (e.first_day, e.last_day))
    latest: Event | None = None
    for session in sessions:
        if latest is not None and session.first_day <= latest.last_day:
            issues.append(
                Issue(
                    at(session, "start"),
                    "value",
                    "warning",
                    f"session `{session.id}` ({session.first_day}) overlaps session "
                    f"`{latest.id}` (until {latest.last_day})",
                )
            )
        if latest is None or session.last_day > latest.last_day:
            latest = session

    deadline = schedule.headline_deadline
    if deadline is not None:
        for session in sessions:
            if session.last_day > deadline.last_day:
                issues.append(
                    Issue(
                        at(session, "end" if session.end is not None else "start"),
                        "value",
                        "warning",
                        f"session `{session.id}` ends {session.last_day}, after the headline "
                        f"deadline `{deadline.id}` ({deadline.last_day})",
                    )
                )

    issues.extend(_consultation_clashes(active, sessions, at))
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


def _consultation_clashes(active: list[Event], sessions: list[Event], at: _At) -> list[Issue]:
    if not sessions:
        return []
    starts = [s.first_day for s in sessions]
    longest = max((s.last_day - s.first_day) for s in sessions)
    issues = []
    for consultation in (e for e in active if e.kind == "consultation"):
        upper = bisect.bisect_right(starts, consultation.last_day)
        index = upper - 1
        while index >= 0 and starts[index] >= consultation.first_day - longest:
            session = sessions[index]
            if session.last_day >= consultation.first_day and _venue_id(session) != _venue_id(
                consultation
            ):
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
