"""Folding docket's meeting blocks back into one event with `hours`, when they fold exactly.

`docket export` writes an event with `hours` as one VEVENT per block per working day, with
UIDs `{event}+{YYYYMMDD}-{n}@{schedule}.docket`. On import those VEVENTs become one event
again when that gives back exactly the same blocks: every day the same whole-minute blocks
in order, in one zone, on weekdays within the span. Working days of the span without blocks
become holidays of the venue. Anything else (blocks that differ from day to day, overlap,
cross midnight, fall on a weekend, come in several zones, or that would need more than
`MAX_OFF_DAYS` holidays, as two blocks a century apart under one id would) is imported as
one event per block: a longer answer, never a wrong one.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from typing import TYPE_CHECKING

from tui.core.workdays import working_days_between
from tui.ical.values import VEventValues, valid_hours

if TYPE_CHECKING:
    from tui.ical.reading import CalendarReader

#: Holidays one folded event may add: a year of them is already far from a meeting pattern.
MAX_OFF_DAYS = 366

#: The zone of the blocks, the daily blocks, the days that have them, and the span.
Folded = tuple[str, list[str], list[date], tuple[date, date]]


def _block(reader: CalendarReader, values: VEventValues) -> tuple[str | None, datetime, datetime]:
    """Zone, start and end of one block; ValueError when it is not a same-day timed block."""
    begin, finish = reader.timed(values, "DTSTART"), reader.timed(values, "DTEND")
    if begin is None or finish is None or begin.zone != finish.zone:
        raise ValueError("not a block")
    start, end = begin.value, finish.value
    if not isinstance(start, datetime) or not isinstance(end, datetime):
        raise ValueError("not a block")
    if start.date() != end.date() or start.weekday() >= 5:
        raise ValueError("not a block")
    if start.second or start.microsecond or end.second or end.microsecond:
        raise ValueError("not a block")
    return begin.zone, start, end


def fold_blocks(reader: CalendarReader, blocks: list[VEventValues]) -> Folded | None:
    """How `blocks` (sorted by day and UID) fold into one event, or None if they do not."""
    by_day: dict[date, list[str]] = defaultdict(list)
    zones: set[str | None] = set()
    try:
        for values in blocks:
            zone, start, end = _block(reader, values)
            zones.add(zone)
            by_day[start.date()].append(f"{start:%H:%M}-{end:%H:%M}")
    except ValueError:
        return None
    patterns = {tuple(hours) for hours in by_day.values()}
    if len(zones) != 1 or len(patterns) != 1:
        return None
    hours = list(patterns.pop())
    if not valid_hours(hours):
        return None
    days = sorted(by_day)
    span = blocks[0].docket_span
    if span is None or not span[0] <= days[0] <= days[-1] <= span[1]:
        span = (days[0], days[-1])
    if working_days_between(*span) - len(days) > MAX_OFF_DAYS:
        return None
    # Times docket wrote in UTC (`Z`) are the wall times of a UTC venue.
    return zones.pop() or "UTC", hours, days, span
