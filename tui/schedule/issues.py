"""A problem found in a schedule, named by key path and not yet by line and column.

Both the checks (errors) and the warnings produce these, and the loader locates them all at
once afterwards: positions cost a second, slower parse, which a file with nothing to report
never pays for.
A module of its own so that neither producer has to import the other.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Literal

from tui.core.errors import Severity
from tui.schedule.toml_source import KeyPath

#: What in the file the issue points at: the key itself, its value, or its table's header.
Anchor = Literal["key", "value", "table"]


@dataclass(frozen=True, slots=True)
class Issue:
    """A problem at a key path, not yet located in the text."""

    path: KeyPath
    anchor: Anchor
    severity: Severity
    message: str


#: What a TOML value is in an error message, by type; the first match counts, so bool
#: (an int) comes before int and datetime (a date) before date.
_TYPE_NAMES: tuple[tuple[type, str], ...] = (
    (bool, "a boolean"),
    (int, "an integer"),
    (float, "a number"),
    (str, "a string"),
    (datetime, "a date-time"),
    (date, "a date"),
    (time, "a time of day"),
    (list, "an array"),
    (dict, "a table"),
)


def type_name(value: object) -> str:
    """What a TOML value is, in the words of an error message ("an integer", "a table")."""
    return next(
        (name for kind, name in _TYPE_NAMES if isinstance(value, kind)), type(value).__name__
    )
