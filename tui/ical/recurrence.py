"""Repeating VEVENTs (RRULE, RDATE, EXDATE, moved occurrences) as one shift per occurrence.

A schedule has no recurrence rules, so `docket import` writes one event per occurrence, and
a calendar can ask for far more than a planner could use: 2,000 daily events without an end
once became a million events (7 GB), and a rule that never matches
(``FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30``) made dateutil search to the year 9999, 8 s each.
So every expansion is bounded three ways, and each cut is said in a note:

- per repeating event: at most `PER_SERIES` occurrences, within `HORIZON` of its start;
- per import, in all: `TOTAL_OCCURRENCES` occurrences beyond each event's first, shared
  fairly (each repeating event may take what is left divided by the repeating events not
  yet expanded, so 2,000 daily events get five days each rather than twenty of them 500
  and the rest one), and `EXPANSION_SECONDS` of wall-clock time, after which the
  remaining repeating events keep only their first occurrence (the one the VEVENT states);
- per rule: `RULE_STEPS` steps of dateutil's search, counted by a profile hook in this
  thread (dateutil cannot be interrupted otherwise: a rule that never matches blocks
  inside one `next()`). Steps, unlike seconds, make the cut the same on every machine.

`bounded_rule` reads an RRULE's parts into a `Rule` whose every value is in the range
RFC 5545 allows; `tui.ical.values` calls it inside its guard. COUNT and UNTIL are applied
here while iterating, so dateutil never has to mix UNTIL's UTC with a wall-clock start.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as clock
from typing import Any

from dateutil.rrule import DAILY, HOURLY, MINUTELY, MONTHLY, SECONDLY, WEEKLY, YEARLY, rrule
from dateutil.rrule import weekday as rweekday

from tui.ical.budget import RULE_STEPS as RULE_STEPS
from tui.ical.budget import TOTAL_OCCURRENCES as TOTAL_OCCURRENCES
from tui.ical.budget import Budget as Budget
from tui.ical.budget import Stop, metered

#: Occurrences one repeating event may give, and how far after its start.
PER_SERIES = 500
HORIZON = timedelta(days=5 * 366)
#: Past this, an INTERVAL or COUNT changes nothing within the years docket supports.
_HUGE = 10**12

_FREQ = {
    "YEARLY": YEARLY,
    "MONTHLY": MONTHLY,
    "WEEKLY": WEEKLY,
    "DAILY": DAILY,
    "HOURLY": HOURLY,
    "MINUTELY": MINUTELY,
    "SECONDLY": SECONDLY,
}
_NUMBER = re.compile(r"[+-]?[0-9]{1,15}", re.ASCII)
_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
#: BY-parts: (dateutil keyword, lowest, highest, negative values allowed), as RFC 5545 says
#: (BYSECOND stops at 59: Python has no leap second).
_BY = {
    "BYSECOND": ("bysecond", 0, 59, False),
    "BYMINUTE": ("byminute", 0, 59, False),
    "BYHOUR": ("byhour", 0, 23, False),
    "BYMONTHDAY": ("bymonthday", 1, 31, True),
    "BYYEARDAY": ("byyearday", 1, 366, True),
    "BYWEEKNO": ("byweekno", 1, 53, True),
    "BYMONTH": ("bymonth", 1, 12, False),
    "BYSETPOS": ("bysetpos", 1, 366, True),
}
#: Parts that change nothing docket reads (X- extensions) or only repeat FREQ's default.
_IGNORED = ("SKIP",)


class RuleError(ValueError):
    """An RRULE part outside what RFC 5545 allows; the message names it."""


@dataclass(frozen=True, slots=True)
class Rule:
    """One RRULE, every value checked: what dateutil gets, and COUNT/UNTIL applied here."""

    freq: int
    options: dict[str, Any] = field(default_factory=dict)  # dateutil keyword arguments
    count: int | None = None
    until: date | datetime | None = None


def _integer(name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        text = str(value).strip()
        if not _NUMBER.fullmatch(text):  # ASCII only: int() reads other scripts' digits
            raise RuleError(f"{name}={text[:20]} is not a number")
        value = int(text)
    return value


def _weekday(name: str, text: str) -> rweekday:
    text = text.strip().upper()
    day, number = text[-2:], text[:-2]
    if day not in _DAYS:
        raise RuleError(f"{name}={text[:20]} is not a weekday")
    if not number:
        return rweekday(_DAYS.index(day))
    ordinal = _integer(name, number)
    if ordinal == 0 or abs(ordinal) > 53:
        raise RuleError(f"{name}={text[:20]}: the week number must be 1 to 53")
    return rweekday(_DAYS.index(day), ordinal)


def bounded_rule(parts: Mapping[str, list[Any]]) -> Rule:
    """A `Rule` from an icalendar vRecur's parts (each a list); RuleError if one is bad."""
    freq_values = parts.get("FREQ") or []
    freq = _FREQ.get(str(freq_values[0]).upper()) if freq_values else None
    if freq is None:
        raise RuleError("FREQ is missing or unknown")
    options: dict[str, Any] = {}
    rule_count: int | None = None
    until: date | datetime | None = None
    for name, values in parts.items():
        if not values or name == "FREQ" or name.startswith("X-") or name in _IGNORED:
            continue
        if name in _BY:
            keyword, low, high, negative = _BY[name]
            numbers = tuple(_integer(name, v) for v in values)
            for number in numbers:
                if not (low <= abs(number) <= high) or (number < 0 and not negative):
                    raise RuleError(f"{name}={number} is outside {low} to {high}")
            options[keyword] = numbers
        elif name == "BYDAY":
            options["byweekday"] = tuple(_weekday(name, str(v)) for v in values)
        elif name == "WKST":
            options["wkst"] = _weekday(name, str(values[0])).weekday
        elif name == "INTERVAL":
            options["interval"] = min(_integer(name, values[0]), _HUGE)
            if options["interval"] < 1:
                raise RuleError("INTERVAL must be 1 or more")
        elif name == "COUNT":
            rule_count = min(_integer(name, values[0]), _HUGE)
            if rule_count < 1:
                raise RuleError("COUNT must be 1 or more")
        elif name == "UNTIL":
            until = values[0]
            if not isinstance(until, date):
                raise RuleError("UNTIL is not a date or date-time")
        else:
            raise RuleError(f"{name} is not supported")
    return Rule(freq, options, rule_count, until)


def wall_time(value: date | datetime) -> datetime:
    """Wall-clock time without zone (a date is its midnight): the frame occurrences and
    imported ids are counted in, whatever zone the calendar wrote."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    return datetime.combine(value, clock(0))


def in_frame(value: date | datetime, start: date | datetime) -> datetime:
    """`value` as a wall time in `start`'s frame: an aware time converted to start's zone
    (an EXDATE in UTC still removes its occurrence of a New York rule), a date at midnight.
    For a date `start`, only the day counts."""
    if (
        isinstance(value, datetime)
        and value.tzinfo is not None
        and isinstance(start, datetime)
        and start.tzinfo is not None
    ):
        value = value.astimezone(start.tzinfo)
    moment = wall_time(value)
    if not isinstance(start, datetime):
        return datetime.combine(moment.date(), clock(0))
    return moment


@dataclass
class _Series:
    """The occurrences of one repeating event, gathered under the budget."""

    start: date | datetime
    budget: Budget
    latest: datetime
    times: set[datetime] = field(default_factory=set)
    cuts: list[str] = field(default_factory=list)
    starved: bool = False
    share: int = 0  # occurrences beyond the first it may take of the import's budget

    def add(self, moment: datetime) -> bool:
        """Keep one occurrence; False once the series or the import may take no more."""
        if moment in self.times:
            return True
        if len(self.times) >= PER_SERIES:
            self.cuts.append(f"cut after {PER_SERIES} occurrences")
            return False
        if len(self.times) > self.share or self.budget.spent:
            self.starved = True
            return False
        self.times.add(moment)
        self.budget.left -= 1
        return True

    def expand(self, rule: Rule) -> None:
        base = wall_time(self.start)
        limit = min(base + HORIZON, self.latest)
        until = in_frame(rule.until, self.start) if rule.until is not None else None
        if isinstance(rule.until, date) and not isinstance(rule.until, datetime):
            until = datetime.combine(rule.until, clock(23, 59, 59))
        taken = 0
        try:
            with metered(self.budget):
                for moment in rrule(rule.freq, dtstart=base, **rule.options):
                    if until is not None and moment > until:
                        return
                    if moment > limit:
                        self.cuts.append(
                            "cut five years after its start"
                            if limit < self.latest
                            else f"occurrences after {self.latest:%Y-%m-%d} left out"
                        )
                        return
                    if not self.add(in_frame(moment, self.start)):
                        return
                    taken += 1
                    if rule.count is not None and taken >= rule.count:
                        return
        except Stop:
            if self.budget.out_of_time:
                self.starved = True
            else:
                self.cuts.append(f"its rule was searched {RULE_STEPS:,} steps and given up")
        except (ValueError, OverflowError, TypeError) as error:
            # dateutil past the year 9999, or refusing a combination of parts.
            self.cuts.append(f"its rule stopped: {str(error)[:60]}")


def expand_occurrences(
    start: date | datetime,
    rules: Sequence[Rule],
    rdates: Sequence[date | datetime],
    exdates: Sequence[date | datetime],
    moved: Sequence[date | datetime],
    budget: Budget,
    latest: datetime,
) -> tuple[list[timedelta], str]:
    """Shifts from `start` to each occurrence (wall-clock), and a note on any cut made.

    `moved` are the RECURRENCE-IDs of overrides (imported as events of their own);
    `latest` is the last wall time a schedule can hold.
    """
    base = in_frame(start, start)
    series = _Series(start, budget, latest, {base}, share=budget.share())
    budget.series = max(0, budget.series - 1)
    with budget.running():
        if budget.spent:
            series.starved = bool(rules or rdates)
        else:
            for rule in rules:
                series.expand(rule)
            for value in rdates:
                moment = in_frame(value, start)
                if moment <= latest and not series.add(moment):
                    break
    removed = {in_frame(value, start) for value in [*exdates, *moved]}
    times = sorted(series.times - removed)
    if series.starved:
        budget.starved += 1
    notes = list(dict.fromkeys(series.cuts))
    if series.starved:
        notes.append(
            f"cut to {len(series.times)}: the import's {budget.total:,} occurrences"
            " are shared by its repeating events"
            if not budget.out_of_time
            else f"cut to {len(series.times)}: the import's {budget.seconds:g} s for"
            " repeating events ran out"
        )
    note = f" ({'; '.join(notes)})" if notes else ""
    return [moment - base for moment in times], note
