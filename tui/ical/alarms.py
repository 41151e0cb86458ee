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

__all__ = ["LONGEST", "AlarmError", "build_alarms", "parse_duration", "parse_span"]

#: No calendar needs a reminder earlier than this; it also keeps huge numbers in range.
LONGEST = timedelta(days=365)
#: A reminder's duration that cannot be read (the syntax is `tui.core.durations`'s).
AlarmError = DurationError


def parse_duration(text: str) -> timedelta:
    """A reminder's `--alarm` duration: a span, more than zero and at most a year."""
    delta = parse_span(text)
    if delta > LONGEST:
        raise AlarmError(f"{text!r}: a reminder can come at most a year (365 days) before")
    if delta <= timedelta(0):
        raise AlarmError(f"{text!r}: a reminder must come some time before the event")
    return delta


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
