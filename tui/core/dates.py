"""The years docket supports, and reading the dates a planner types into the export dialog
(the `g` dialog's own reading is `tui.app.go_to`)."""

from __future__ import annotations

from datetime import date

from tui.core.errors import InputError

#: Dates and as-of moments must fall in these years: wide enough for any programme, and far
#: enough from Python's limits (years 1 and 9999) that every zone conversion and the day
#: after the last day stay representable; Outlook reads dates up to 4500.
FIRST_YEAR = 1900
LAST_YEAR = 2999


class DateInputError(InputError):
    """Text that is not a year, a year-month or an ISO date."""


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
