"""Reminders: `--alarm` durations such as ``1d``, ``2h``, ``30m``, ``1w`` or ``1d12h``.

Each becomes a VALARM with ACTION:DISPLAY, a TRIGGER relative to the event's start
(``-P1D``; the only kind Outlook and Google both accept) and the event's title as its
DESCRIPTION, which is what the reminder shows. An event gets its reminders once, before it
starts: a session exported as meeting blocks has them on its first block only (ten
sessions once gave 82 reminders), and cancelled and postponed events have none (see
`tui.ical.vevents.VEventSpec.reminder`). Google drops reminders on import and applies the
calendar's own defaults instead.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from icalendar import Alarm

from tui.core.durations import DurationError, parse_span
from tui.core.errors import InputError

__all__ = [
    "LONGEST",
    "AlarmError",
    "bounded_span",
    "build_alarms",
    "parse_duration",
    "parse_span",
]

#: The longest duration docket takes: no calendar needs a reminder earlier, nor a client a
#: longer refresh interval; it also keeps huge numbers in range.
LONGEST = timedelta(days=365)
#: A reminder's duration that cannot be read (the syntax is `tui.core.durations`'s).
AlarmError = DurationError


def bounded_span(
    text: str, error: type[InputError], *, too_long: str, not_positive: str
) -> timedelta:
    """A span more than zero and at most `LONGEST` (a year), as every duration docket takes
    is bounded; `too_long` and `not_positive` say each bound in the caller's own words."""
    span = parse_span(text)
    if span > LONGEST:
        raise error(f"{text!r}: {too_long}")
    if span <= timedelta(0):
        raise error(f"{text!r}: {not_positive}")
    return span


def parse_duration(text: str) -> timedelta:
    """A reminder's `--alarm` duration: a span, more than zero and at most a year."""
    return bounded_span(
        text,
        AlarmError,
        too_long="a reminder can come at most a year (365 days) before",
        not_positive="a reminder must come some time before the event",
    )


def build_alarms(durations: Iterable[timedelta], description: str) -> list[Alarm]:
    """One VALARM per distinct duration, longest first, each showing `description`."""
    alarms = []
    for duration in sorted(set(durations), reverse=True):
        alarm = Alarm()
        alarm.add("ACTION", "DISPLAY")
        alarm.add("DESCRIPTION", description)
        alarm.add("TRIGGER", -duration)
        alarms.append(alarm)
    return alarms
