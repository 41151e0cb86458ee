"""Dates that follow another event's: the definition, and the arithmetic that resolves it.

A schedule may write `start = { before = "session-6.start", weeks = 4 }`: the date is not
its own but four weeks before the sixth session opens. The loader resolves every such
date to an ordinary one (see `tui.schedule.follow_graph`), so the rest of docket sees
fixed dates; the definition is kept beside the schedule, as a `Follows`, to say where a
date comes from (the details panel, `docket explain`, `docket diff`).

The arithmetic, one rule per unit (the README's "Dates that follow" says the same):
- days and weeks are calendar days; months move the calendar month and keep the day,
  clamped to the month's last day (31 January + 1 month is 28 or 29 February);
- working days skip Saturdays, Sundays and the holidays of the calendar given: N working
  days after a day is the N-th working day after it (the day itself is not counted);
- a date-time keeps its zone and its local time of day: one week after 10:00 in Vienna is
  10:00 in Vienna, across a change of summer time; the date moves in that local calendar.
"""

from __future__ import annotations

import calendar
from bisect import bisect_left, bisect_right
from datetime import date, datetime, timedelta
from typing import Literal, NamedTuple

from tui.core.workdays import weekday_holidays

Unit = Literal["days", "weeks", "months", "working_days"]
Part = Literal["start", "end"]

#: The units, in the order messages and the schema list them.
UNITS: tuple[Unit, ...] = ("days", "weeks", "months", "working_days")
PARTS: tuple[Part, ...] = ("start", "end")
#: The part meant when a reference names only the event: `before` an event is before it
#: opens, `after` an event is after it closes.
DEFAULT_PART: dict[bool, Part] = {True: "start", False: "end"}
_SATURDAY = 5


class Follows(NamedTuple):
    """How one date follows another: `amount` `unit` before (or after) `anchor`'s `part`.

    A named tuple, not a frozen dataclass: a schedule makes one per following date, and a
    tuple is made in a third of the time (it is immutable all the same)."""

    anchor: str
    part: Part
    amount: int
    unit: Unit
    before: bool

    @property
    def signed_amount(self) -> int:
        """The amount with its direction: negative before the anchor."""
        return -self.amount if self.before else self.amount

    def with_amount(self, signed: int) -> Follows:
        """The same link with a new signed amount (a negative one is `before`)."""
        return Follows(self.anchor, self.part, abs(signed), self.unit, signed < 0)


def shift(
    value: date | datetime, amount: int, unit: Unit, holidays: frozenset[date] = frozenset()
) -> date | datetime:
    """`value` moved by `amount` (negative: earlier) `unit`s; see the module's rules.

    Raises OverflowError (or ValueError) when the result is past Python's dates, which the
    loader reports as a date outside the format's years.
    """
    day = value.date() if isinstance(value, datetime) else value
    moved = shift_day(day, amount, unit, holidays)
    if isinstance(value, datetime):
        return datetime.combine(moved, value.timetz())
    return moved


def shift_day(day: date, amount: int, unit: Unit, holidays: frozenset[date]) -> date:
    if unit == "days":
        return day + timedelta(days=amount)
    if unit == "weeks":
        return day + timedelta(weeks=amount)
    if unit == "months":
        return add_months(day, amount)
    return add_working_days(day, amount, holidays)


def add_months(day: date, months: int) -> date:
    """The same day `months` calendar months on, clamped to that month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    if not 1 <= year <= 9999:
        raise OverflowError("date out of range")
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_working_days(day: date, count: int, holidays: frozenset[date]) -> date:
    """The `count`-th working day after `day` (before it, for a negative count).

    Whole weeks are jumped (seven days pass exactly five weekdays), then the weekday
    holidays in the stretch crossed are counted and that many more are walked, until a
    stretch crosses none: linear in the holidays, not in the days.
    """
    if count == 0:
        return day
    step = 1 if count > 0 else -1
    sorted_holidays = weekday_holidays(holidays)
    position, remaining = day, abs(count)
    while remaining:
        landed = _add_weekdays(position, remaining, step)
        if step > 0:
            crossed = bisect_right(sorted_holidays, landed) - bisect_right(
                sorted_holidays, position
            )
        else:
            crossed = bisect_left(sorted_holidays, position) - bisect_left(sorted_holidays, landed)
        position, remaining = landed, crossed
    return position


def _add_weekdays(day: date, count: int, step: int) -> date:
    """The `count`-th Monday-to-Friday day from `day` in direction `step` (count >= 1)."""
    weeks = (count - 1) // 5
    day += timedelta(days=7 * weeks * step)
    left = count - 5 * weeks
    while left:
        day += timedelta(days=step)
        if day.weekday() < _SATURDAY:
            left -= 1
    return day
