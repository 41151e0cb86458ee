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


def type_name(value: object) -> str:
    """What a TOML value is, in the words of an error message ("an integer", "a table")."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, datetime):
        return "a date-time"
    if isinstance(value, date):
        return "a date"
    if isinstance(value, time):
        return "a time of day"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__
