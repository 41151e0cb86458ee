"""The calendar phrase of a countdown ("in 1 year 2 months 3 days", "today", "2 years ago").

Written here instead of taken from pendulum: pendulum 3's `interval` is a day off whenever
the later date's day of the month is one less than the earlier one's (2022-09-06 to
2023-09-05 came out as "1 year"), and a planner reads the phrase as arithmetic she can
check. The rule: the parts add up exactly, `add_months(first, 12 * years + months) + days
== last`, with as many whole months as fit.
"""

from __future__ import annotations

import calendar
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from tui.core.words import plural


class Span(NamedTuple):
    """Whole years, whole months (0 to 11) and the days left over, from one date to a later one."""

    years: int
    months: int
    days: int


def add_months(day: date, months: int) -> date:
    """`day` moved by whole calendar months; a day past the new month's end becomes its last."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def calendar_span(first: date, last: date) -> Span:
    """The span from `first` to `last` (not before it) as the most whole months that fit."""
    if last < first:
        raise ValueError("last is before first")
    months = (last.year - first.year) * 12 + last.month - first.month
    if add_months(first, months) > last:
        months -= 1
    years, months_left = divmod(months, 12)
    return Span(years, months_left, (last - add_months(first, months)).days)


@lru_cache(maxsize=4096)
def phrase(d: date, e: date) -> str:
    """How far E is from D in words: "today", "in 1 year 2 months 3 days", "2 years ago".

    For a date already passed, the parts measure from E forward to D: E + parts = D.
    """
    if d == e:
        return "today"
    span = calendar_span(min(d, e), max(d, e))
    parts = zip(span, ("year", "month", "day"), strict=True)
    words = " ".join(plural(count, unit) for count, unit in parts if count)
    return f"in {words}" if e > d else f"{words} ago"
