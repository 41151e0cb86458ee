"""What the `g` dialog reads: a year, a year-month or a date the planner types. Textual-free.

The app's alone (no command takes such a date), so it lives beside the document rather than
in the domain's `tui.core.dates`, whose error class it raises.
"""

from __future__ import annotations

from datetime import date

from tui.core.dates import DateInputError


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
