"""Working-day arithmetic: Monday to Friday, minus holidays, both ends counted.

The counting follows a spreadsheet's NETWORKDAYS so planners can check docket's
numbers against the tool they already use: a range whose end is before its start
counts negatively.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Collection
from datetime import date, timedelta
from functools import lru_cache

_SATURDAY = 5


def is_working_day(day: date, holidays: Collection[date] = ()) -> bool:
    return day.weekday() < _SATURDAY and day not in holidays


def working_days_between(first: date, last: date, holidays: Collection[date] = ()) -> int:
    """NETWORKDAYS(first, last, holidays): working days from first through last.

    Computed from whole weeks rather than by walking every day, so the timeline can ask
    it for thousands of events without cost.
    """
    if last < first:
        return -working_days_between(last, first, holidays)
    span = (last - first).days + 1
    weeks, rest = divmod(span, 7)
    count = weeks * 5
    weekday = first.weekday()
    count += sum(1 for offset in range(rest) if (weekday + offset) % 7 < _SATURDAY)
    weekday_holidays = _sorted_weekday_holidays(
        holidays if isinstance(holidays, frozenset) else frozenset(holidays)
    )
    if weekday_holidays:
        count -= bisect_right(weekday_holidays, last) - bisect_left(weekday_holidays, first)
    return count


@lru_cache(maxsize=256)
def _sorted_weekday_holidays(holidays: frozenset[date]) -> tuple[date, ...]:
    """Holidays that fall on weekdays, sorted: a range's count is then two bisections.

    Cached because a schedule shares a few holiday sets across thousands of events.
    """
    return tuple(sorted(h for h in holidays if h.weekday() < _SATURDAY))


def working_days_in(first: date, last: date, holidays: Collection[date] = ()) -> list[date]:
    """The working days themselves, in order (empty when last is before first)."""
    days = []
    day = first
    while day <= last:
        if is_working_day(day, holidays):
            days.append(day)
        day += timedelta(days=1)
    return days


def weekday_holidays(holidays: frozenset[date]) -> tuple[date, ...]:
    """The holidays that fall on weekdays, sorted (shared and cached): for bisection."""
    return _sorted_weekday_holidays(holidays)
