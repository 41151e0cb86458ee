"""Words for the app: an event's details, the header's clock and countdown. Textual-free.

Each function takes the as-of moment (and the viewer's zone) as parameters, so the app's
frames depend only on what it is given: snapshots pin both.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

from tui.core.model import Event, Schedule
from tui.core.words import (
    DASH,
    clock_time,
    day_with_weekday,
    days_with_weekdays,
    moment_with_weekday,
    plural,
    times_with_weekdays,
)


@dataclass(frozen=True, slots=True)
class Fact:
    """One labelled line of the details panel."""

    label: str
    value: str


def zone_name(zone: tzinfo | None) -> str:
    if isinstance(zone, ZoneInfo):
        return zone.key
    return "your zone"


def _local_moment(moment: datetime, zone: tzinfo | None) -> str:
    """A moment in a zone, e.g. "Tue 6 Sep 2022 10:00 EDT" (zone None: the machine's)."""
    return moment_with_weekday(_in(moment, zone))


def span_text(event: Event) -> str:
    """When, as the event's own zone (its venue's, else the schedule's) sees it."""
    if event.all_day:
        first, last = event.first_day, event.last_day
        if event.is_point:
            word = "due by the end of" if event.kind == "deadline" else "on"
            return f"{word} {day_with_weekday(first)}"
        return days_with_weekdays(first, last)
    start = event.start_instant.astimezone(event.zone)
    if event.is_point:
        return moment_with_weekday(start)
    return times_with_weekdays(start, event.end_instant.astimezone(event.zone))


def viewer_span_text(event: Event, viewer: tzinfo | None) -> str:
    """The same event in the viewer's zone: its meeting blocks if it has hours, else its span."""
    blocks = list(_first_day_blocks(event))
    if blocks:
        texts = []
        for start, end in blocks:
            a, b = _in(start, viewer), _in(end, viewer)
            texts.append(f"{clock_time(a)}{DASH}{clock_time(b)}")
        first = _in(blocks[0][0], viewer)
        return (
            f"from {day_with_weekday(first.date())}: {', '.join(texts)} {first.tzname() or ''}"
        ).rstrip()
    if event.all_day and event.kind != "deadline":
        # Dates, not times: an all-day event is on the same calendar days in every zone
        # (converting its midnights would show "Sun 8 Jan 2023 23:00 UTC" for a Monday).
        if event.is_point:
            return f"on {day_with_weekday(event.first_day)} (all day, the same everywhere)"
        days = days_with_weekdays(event.first_day, event.last_day)
        return f"{days} (all day, the same everywhere)"
    if event.is_point:
        # A date-only deadline is due at the end of its day in its own zone: a moment, which
        # the viewer's clock reads as another hour (and maybe day).
        due = event.end_instant if event.all_day else event.start_instant
        return _local_moment(due, viewer)
    start, end = _in(event.start_instant, viewer), _in(event.end_instant, viewer)
    return times_with_weekdays(start, end)


def _in(moment: datetime, zone: tzinfo | None) -> datetime:
    return moment.astimezone(zone) if zone is not None else moment.astimezone()


def _first_day_blocks(event: Event) -> Iterator[tuple[datetime, datetime]]:
    """The first meeting day's blocks: every working day has the same ones, so one day shows
    what the hours are in the viewer's zone."""
    if not event.hours or not event.all_day:
        return
    first = None
    for start, end in event.meeting_blocks():
        if first is None:
            first = start.date()
        if start.date() != first:
            return
        yield start, end


def hours_text(event: Event) -> str | None:
    if not event.hours:
        return None
    daily = sum(
        (
            datetime.combine(date.min, b.end) - datetime.combine(date.min, b.start)
            for b in event.hours
        ),
        timedelta(),
    )
    per_day = daily.total_seconds() / 3600
    days = event.working_day_count
    blocks = ", ".join(str(b).replace("-", "–") for b in event.hours)
    return f"{blocks} ({per_day:g} h a day, {per_day * days:g} h in all)"


def duration_text(event: Event) -> str:
    if event.is_point:
        return "a moment" if not event.all_day else "one day"
    days = event.duration_days
    work = event.working_day_count
    if not event.all_day:
        length = event.end_instant - event.start_instant
        hours = length.total_seconds() / 3600
        if hours < 24:
            return f"{hours:g} h"
    # "Meeting days", as rules and `docket diff` call them: Monday-Friday less the schedule's
    # and the venue's holidays. "Working days" (the header, countdowns) leave out only the
    # schedule's: the same word never stands for two calendars.
    return f"{plural(days, 'day')}, {plural(work, 'meeting day')}"


def venue_text(event: Event) -> str:
    venue = event.venue
    if venue is None:
        return "—"
    return f"{venue.label}, {venue.country}" if venue.country else venue.label


def details(schedule: Schedule, event: Event, as_of: datetime, viewer: tzinfo | None) -> list[Fact]:
    """The facts the details panel lists for one event, in reading order."""
    from tui.core.countdown import countdown_for, phase

    where = event.venue.city if event.venue and event.venue.city else zone_name(event.zone)
    facts = [
        Fact("When", f"{span_text(event)} ({where})"),
        Fact("Your zone", f"{viewer_span_text(event, viewer)}"),
        Fact("Length", duration_text(event)),
    ]
    facts += following_facts(schedule, event)
    hours = hours_text(event)
    if hours:
        facts.append(Fact("Meets", hours))
    facts.append(Fact("Venue", venue_text(event)))
    facts.append(Fact("Status", event.status))
    state = phase(event, as_of)
    facts.append(Fact("Phase", state.label))
    if event.is_point:
        c = countdown_for(schedule, event, as_of)
        facts.append(Fact("Countdown", countdown_line(c.days, c.working_days, c.sessions_left)))
        left = plural(c.meeting_days_left, "meeting day")
        facts.append(Fact("", f"{left} left · {c.phrase}"))
    elif state.state == "upcoming":
        facts.append(Fact("Starts", _relative_days(event.first_day, as_of, schedule)))
    elif state.state == "in progress":
        facts.append(Fact("Ends", _relative_days(event.last_day, as_of, schedule)))
    else:
        facts.append(Fact("Ended", _relative_days(event.last_day, as_of, schedule)))
    if event.tags:
        facts.append(Fact("Tags", ", ".join(event.tags)))
    if event.url:
        facts.append(Fact("Link", event.url))
    return facts


def following_facts(schedule: Schedule, event: Event) -> list[Fact]:
    """`Start: 4 weeks before Sixth session opens (Mon 4 Mar 2024)` for each date of the
    event that follows another's, with one line for each further link of its chain."""
    from tui.core.origins import origin

    facts: list[Fact] = []
    for name in schedule.follows.get(event.id, {}):
        steps = origin(schedule, event.id, name)
        for index, step in enumerate(steps):
            if index == 0:
                facts.append(Fact(name.capitalize(), step.text))
            else:
                facts.append(Fact("", f"which is {step.text}"))
    return facts


def _relative_days(day: date, as_of: datetime, schedule: Schedule) -> str:
    today = as_of.astimezone(schedule.zone).date()
    delta = (day - today).days
    if delta == 0:
        return "today"
    if delta > 0:
        return f"in {plural(delta, 'day')}"
    return f"{plural(-delta, 'day')} ago"


def countdown_line(days: int, working_days: int, sessions_left: int) -> str:
    if days < 0:
        return f"passed {plural(-days, 'day')} ago"
    return (
        f"{plural(days, 'day')} · {working_days} working · {plural(sessions_left, 'session')} left"
    )


def remaining_text(due: datetime, now: datetime) -> str | None:
    """h:m:s left when under two days away, else None."""
    left = due - now
    if timedelta(0) <= left < timedelta(days=2):
        seconds = int(left.total_seconds())
        return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
    return None
