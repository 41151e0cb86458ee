"""How docket says dates, ranges, moments, lengths and counts in words: one way each.

The timeline's dates column, the details panel, `docket diff`, `docket rules` and `docket
check` all say "9–20 Jan 2023" for the same days, because they all call `days_text` here
(the clock, countdowns, the month view and the feed's log take their names from here too);
before this module four formatters wrote four variants of one range ("1 – 5 Aug" beside
"9–20 Jan") from three month tables.

Month and weekday names are spelt here, in English, rather than taken from `strftime`'s
name directives, which follow the machine's locale: a report, a test and a script must
read the same on every machine (tests/unit/core/test_words.py keeps them out of `tui`). No
locale option asks for other names yet; one would pass its own tables here.

The spacing rule for ranges: the shared month and year are written once; within a month
the dash is unspaced ("9–20 Jan 2023"), across months or years it gets spaces ("29 Aug –
9 Sep 2022"), as typesetters write ranges whose ends contain spaces. The forms with
weekdays (the details panel's) follow the same rule.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.core.follows import Follows
    from tui.core.model import Event

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

#: The dash of a range: unspaced between numbers, spaced between ends that have spaces.
DASH = "–"
SPACED_DASH = " – "


# -- counts -------------------------------------------------------------------------------


def plural(count: int, word: str, many: str | None = None) -> str:
    """`1 event`, `2 events`, `0 events`; `many` for words that are not pluralised with an
    s (`plural(n, "calendar entry", "calendar entries")`)."""
    return f"{count} {word if count == 1 else many or word + 's'}"


def signed(count: int, unit: str) -> str:
    """`+14 days`, `-1 working day`, `+0 working days`: a shift's count with its sign."""
    return f"{'-' if count < 0 else '+'}{plural(abs(count), unit)}"


#: The units a rule counts in, as `count_text` says them ("weeks" are said as weeks and days).
UNIT_WORDS = {
    "days": ("day", "days"),
    "weeks": ("week", "weeks"),
    "working_days": ("working day", "working days"),
    "meeting_days": ("meeting day", "meeting days"),
}


def count_text(value: int, unit: str) -> str:
    """`80 days`, `1 working day`; `weeks` counts days, said as whole weeks and days
    (`weeks_text`)."""
    if unit == "weeks":
        return weeks_text(value)
    one, many = UNIT_WORDS[unit]
    return plural(value, one, many)


# -- lengths ------------------------------------------------------------------------------


def weeks_text(days: int) -> str:
    """A number of days as weeks and days: `11 weeks 4 days`, `2 weeks`, `3 days`, `0 days`,
    `-1 week 2 days`."""
    sign = "-" if days < 0 else ""
    weeks, rest = divmod(abs(days), 7)
    parts = [plural(weeks, "week")] if weeks else []
    if rest or not weeks:
        parts.append(plural(rest, "day"))
    return sign + " ".join(parts)


def length_text(delta: timedelta) -> str:
    """A length without direction: `2 weeks`, `1 week 2 days`, `3 hours 30 minutes`.

    Weeks because planners move meetings by weeks; days below a week; hours and minutes only
    for timed events. Seconds are dropped (nobody reschedules by the second). A whole number
    of days reads as `weeks_text` says it.
    """
    minutes_total = abs(delta) // timedelta(minutes=1)
    days, minutes = divmod(minutes_total, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    parts = [weeks_text(days)] if days else []
    parts += [
        plural(count, unit) for count, unit in ((hours, "hour"), (minutes, "minute")) if count
    ]
    return " ".join(parts) if parts else "under a minute"


def shift_text(delta: timedelta) -> str:
    """A shift with its direction: `2 weeks later`, `3 days earlier`."""
    return f"{length_text(delta)} {'later' if delta > timedelta(0) else 'earlier'}"


# -- names --------------------------------------------------------------------------------


def month_text(day: date) -> str:
    """A month: `September 2024`."""
    return f"{MONTH_NAMES[day.month - 1]} {day.year}"


def weekday(day: date) -> str:
    """`Tue`."""
    return WEEKDAYS[day.weekday()]


# -- days and ranges ----------------------------------------------------------------------


def day_text(day: date) -> str:
    """`10 Sep 2024`."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def day_with_weekday(day: date) -> str:
    """`Tue 10 Sep 2024`."""
    return f"{weekday(day)} {day_text(day)}"


def long_day_text(day: date) -> str:
    """`Tuesday 10 September 2024`: a heading with room for whole names."""
    return f"{WEEKDAY_NAMES[day.weekday()]} {day.day} {month_text(day)}"


def days_text(first: date, last: date) -> str:
    """An inclusive run of days: `9–20 Jan 2023`, `29 Aug – 9 Sep 2022`, `10 Sep 2024`,
    `12 Dec 2023 – 5 Jan 2024`."""
    if first == last:
        return day_text(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}{DASH}{day_text(last)}"
    if first.year == last.year:
        return f"{first.day} {MONTHS[first.month - 1]}{SPACED_DASH}{day_text(last)}"
    return f"{day_text(first)}{SPACED_DASH}{day_text(last)}"


def days_with_weekdays(first: date, last: date) -> str:
    """`days_text` with each end's weekday, for the details panel: `Mon 9–Fri 20 Jan 2023`,
    `Mon 29 Aug – Fri 9 Sep 2022`, `Tue 10 Sep 2024`."""
    if first == last:
        return day_with_weekday(first)
    end = day_with_weekday(last)
    if (first.year, first.month) == (last.year, last.month):
        return f"{weekday(first)} {first.day}{DASH}{end}"
    if first.year == last.year:
        return f"{weekday(first)} {first.day} {MONTHS[first.month - 1]}{SPACED_DASH}{end}"
    return f"{day_with_weekday(first)}{SPACED_DASH}{end}"


# -- moments ------------------------------------------------------------------------------


def clock_time(moment: datetime, seconds: bool = False) -> str:
    """`10:00`, or `10:00:00`: 24-hour, never the locale's AM/PM."""
    return f"{moment:%H:%M:%S}" if seconds else f"{moment:%H:%M}"


def _zone(moment: datetime) -> str:
    return f" {moment.tzname()}" if moment.tzname() else ""


def moment_text(moment: datetime) -> str:
    """A moment as its own zone reads it: `10 Sep 2024 10:00 CEST`."""
    return f"{day_text(moment.date())} {clock_time(moment)}{_zone(moment)}"


def moment_with_weekday(moment: datetime, seconds: bool = False) -> str:
    """`Tue 6 Sep 2022 10:00 EDT` (or `10:00:00 EDT`): the details panel's and the clock's."""
    return f"{day_with_weekday(moment.date())} {clock_time(moment, seconds)}{_zone(moment)}"


def times_text(start: datetime, end: datetime) -> str:
    """A timed span, each end in its own zone: `10 Sep 2024 10:00–12:00 CEST` within a day,
    else `9 Jan 2023 10:00 – 20 Jan 2023 18:00 CET` (the zone once when both ends share it)."""
    return _times(start, end, day_text)


def times_with_weekdays(start: datetime, end: datetime) -> str:
    """`times_text` with weekdays: `Tue 6 Sep 2022 10:00–12:00 EDT`."""
    return _times(start, end, day_with_weekday)


def _times(start: datetime, end: datetime, say: Callable[[date], str]) -> str:
    if start.date() == end.date() and start.tzname() == end.tzname():
        return f"{say(start.date())} {clock_time(start)}{DASH}{clock_time(end)}{_zone(end)}"
    head = f"{say(start.date())} {clock_time(start)}"
    if start.tzname() != end.tzname():
        head += _zone(start)
    return f"{head}{SPACED_DASH}{say(end.date())} {clock_time(end)}{_zone(end)}"


def span_text(event: Event) -> str:
    """When an event is, in its own zone, in the compact form a report and a finding use:
    its days (`days_text`), or its times (`times_text`), or its one moment."""
    if event.all_day:
        return days_text(event.first_day, event.last_day)
    start = event.start_instant.astimezone(event.zone)
    if event.end is None:
        return moment_text(start)
    return times_text(start, event.end_instant.astimezone(event.zone))


# -- values -------------------------------------------------------------------------------


def quoted(text: str | None) -> str:
    """A value in a sentence: “text”, or `none` when absent."""
    return "none" if text is None else f"“{text}”"


# -- dates that follow others -------------------------------------------------------------

_UNIT_WORDS = {"days": "day", "weeks": "week", "months": "month", "working_days": "working day"}


def follows_text(follows: Follows, anchor: Event | None) -> str:
    """Where a following date comes from: `4 weeks before Sixth session opens`, `10 working
    days after Fifth session closes`, `on the day of Final report due`."""
    title = anchor.title if anchor is not None else follows.anchor
    if anchor is not None and anchor.is_point:
        what = title
    else:
        what = f"{title} {'opens' if follows.part == 'start' else 'closes'}"
    if follows.amount == 0:
        return (
            f"on the day {what}"
            if anchor is None or not anchor.is_point
            else f"on the day of {what}"
        )
    amount = plural(follows.amount, _UNIT_WORDS[follows.unit])
    return f"{amount} {'before' if follows.before else 'after'} {what}"


def date_value_text(value: date) -> str:
    """A start or end as the explanations give it: `Mon 5 Feb 2024`, or with its time."""
    if isinstance(value, datetime):
        return moment_with_weekday(value)
    return day_with_weekday(value)
