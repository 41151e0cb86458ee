"""How rule messages say dates, spans, lengths and gaps ("9–20 Jan 2023", "11 weeks 4 days")."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from tui.core.model import Event
from tui.core.text import plural

_UNIT_WORDS = {
    "days": ("day", "days"),
    "weeks": ("week", "weeks"),
    "working_days": ("working day", "working days"),
    "meeting_days": ("meeting day", "meeting days"),
}


def day(value: date) -> str:
    return f"{value.day} {value:%b %Y}"


def span(event: Event) -> str:
    """An event's days: `8 Aug 2024`, `9–20 Jan 2023`, `30 May – 10 Jun 2022`."""
    return days(event.first_day, event.last_day)


def days(first: date, last: date) -> str:
    """`first` through `last` as `span` says an event's days."""
    if first == last:
        return day(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{last.day} {last:%b %Y}"
    if first.year == last.year:
        return f"{first.day} {first:%b} – {day(last)}"
    return f"{day(first)} – {day(last)}"


def amount(value: int, unit: str) -> str:
    """`80 days`, `1 working day`; weeks as whole weeks and days: `11 weeks 4 days`."""
    if unit == "weeks":
        sign = "-" if value < 0 else ""
        weeks, days = divmod(abs(value), 7)
        parts = [plural(weeks, "week")] if weeks else []
        if days or not weeks:
            parts.append(plural(days, "day"))
        return sign + " ".join(parts)
    one, many = _UNIT_WORDS[unit]
    return plural(value, one, many)


def bound(low: int | None, high: int | None, unit: str | None = None) -> str:
    """`at least 11 weeks`, `at most 12 days`, `between 8 and 10 meeting days`."""

    def said(value: int) -> str:
        return amount(value, unit) if unit else str(value)

    if low is not None and high is not None:
        if low == high:
            return f"exactly {said(low)}"
        first = said(low) if unit == "weeks" else str(low)
        return f"between {first} and {said(high)}"
    if low is not None:
        return f"at least {said(low)}"
    assert high is not None
    return f"at most {said(high)}"


def titles(events: Sequence[Event], limit: int = 3) -> str:
    """`First session, Second session and 4 more`."""
    names = [event.title for event in events]
    if not names:
        return "none"
    if len(names) <= limit + 1:
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return ", ".join(names[:limit]) + f" and {len(names) - limit} more"


def noun(events: Sequence[Event], count: int) -> str:
    """`6 sessions` when every event is of one kind, else `6 events`."""
    kinds = {event.kind for event in events}
    word = next(iter(kinds)) if len(kinds) == 1 else "event"
    return plural(count, word)
