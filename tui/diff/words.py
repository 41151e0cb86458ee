"""How a comparison says dates and shifts: "9–20 Jan 2023", "2 weeks later", "+10 working days".

A change report is read side by side, old → new, so its dates are compact and free of
weekdays (the details panel's `describe.short_date` puts the weekday first, which doubles
the width of "9–20 Jan 2023 → 23 Jan – 3 Feb 2023"). Month names are spelt here rather than
taken from `strftime`, which follows the machine's locale: a report must read the same on
every machine, as its tests and scripts expect.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from tui.core.model import Event
from tui.core.text import plural

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day_text(day: date) -> str:
    """`10 Sep 2024`."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def days_text(first: date, last: date) -> str:
    """An inclusive run of days: `9–20 Jan 2023`, `29 Aug – 9 Sep 2022`, `10 Sep 2024`.

    The shared month and year are written once; a span across months or years gets spaces
    around its dash, as typesetters write ranges whose ends contain spaces.
    """
    if first == last:
        return day_text(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{day_text(last)}"
    if first.year == last.year:
        return f"{first.day} {MONTHS[first.month - 1]} – {day_text(last)}"
    return f"{day_text(first)} – {day_text(last)}"


def _clock(moment: datetime) -> str:
    return f"{moment:%H:%M}"


def span_text(event: Event) -> str:
    """When an event is, in its own zone: its days, or its times with the zone's abbreviation."""
    if event.all_day:
        return days_text(event.first_day, event.last_day)
    start = event.start_instant.astimezone(event.zone)
    if event.end is None:
        return f"{day_text(start.date())} {_clock(start)} {start.tzname()}"
    end = event.end_instant.astimezone(event.zone)
    if start.date() == end.date():
        return f"{day_text(start.date())} {_clock(start)}–{_clock(end)} {end.tzname()}"
    return (
        f"{day_text(start.date())} {_clock(start)} – "
        f"{day_text(end.date())} {_clock(end)} {end.tzname()}"
    )


def amount_text(delta: timedelta) -> str:
    """A length without direction: `2 weeks`, `1 week 2 days`, `3 hours 30 minutes`.

    Weeks because planners move meetings by weeks; days below a week; hours and minutes only
    for timed events. Seconds are dropped (nobody reschedules by the second).
    """
    minutes_total = abs(delta) // timedelta(minutes=1)
    days, minutes = divmod(minutes_total, 24 * 60)
    weeks, days = divmod(days, 7)
    hours, minutes = divmod(minutes, 60)
    units = ((weeks, "week"), (days, "day"), (hours, "hour"), (minutes, "minute"))
    parts = [plural(count, unit) for count, unit in units if count]
    return " ".join(parts) if parts else "under a minute"


def shift_text(delta: timedelta) -> str:
    """A shift with its direction: `2 weeks later`, `3 days earlier`."""
    return f"{amount_text(delta)} {'later' if delta > timedelta(0) else 'earlier'}"


def signed(count: int, unit: str) -> str:
    """`+14 days`, `-1 working day`, `+0 working days`: a shift's count with its sign."""
    return f"{'-' if count < 0 else '+'}{plural(abs(count), unit)}"


def quoted(text: str | None) -> str:
    """A value in a sentence: “text”, or `none` when absent."""
    return "none" if text is None else f"“{text}”"
