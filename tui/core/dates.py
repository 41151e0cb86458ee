"""Reading the dates a planner types into the app's dialogs. Textual-free."""

from __future__ import annotations

from datetime import date


class DateInputError(ValueError):
    """Text that is not a year, a year-month or an ISO date."""


def parse_go_to(text: str) -> date:
    """`2023`, `2023-04` or `2023-04-11` -> the first day it names."""
    value = text.strip()
    try:
        if len(value) == 4 and value.isdigit():
            return date(int(value), 1, 1)
        if len(value) == 7 and value[4] == "-":
            return date(int(value[:4]), int(value[5:]), 1)
        return date.fromisoformat(value)
    except ValueError:
        raise DateInputError(f"{text!r} is not a date: type 2023, 2023-04 or 2023-04-11") from None


def parse_optional_date(text: str, what: str) -> date | None:
    value = text.strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise DateInputError(f"{what}: {text!r} is not an ISO date such as 2023-04-11") from None


def split_list(text: str) -> tuple[str, ...]:
    """`a, b c` -> ("a", "b", "c"): commas or spaces separate values."""
    return tuple(part for part in text.replace(",", " ").split() if part)
