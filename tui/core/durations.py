"""Durations typed on the command line: `1d12h` for reminders and refreshes, `-2w` for moves.

One syntax for every duration a planner types: numbers followed by a unit, repeatable
(`1w2d`). Reminders and refresh intervals (`parse_span`) take weeks, days, hours and
minutes and are never negative; a move (`parse_day_shift`) is whole days, weeks or days,
and has a sign (`-3d` is three days earlier). Each caller adds its own bounds in its own
words.
"""

from __future__ import annotations

import re
from datetime import timedelta

from tui.core.errors import InputError

_UNITS = {"w": "weeks", "d": "days", "h": "hours", "m": "minutes"}
_SPAN = re.compile(r"^(?:\d+[wdhm])+$")
_PART = re.compile(r"(\d+)([wdhm])")
_DAY_SHIFT = re.compile(r"^([+-]?)((?:\d+[wd])+)$")
#: No move needs more than this (a thousand years): it also keeps huge numbers in range.
LONGEST_SHIFT_DAYS = 366_000


class DurationError(InputError):
    """A duration that is not numbers followed by units (w, d, h, m; repeatable)."""


def parse_span(text: str) -> timedelta:
    """``1d12h`` -> 1 day 12 hours, for any use (a reminder, a refresh interval).

    Units: w(eeks), d(ays), h(ours), m(inutes). Only the syntax is checked here; a value
    past `timedelta`'s range (or int()'s digit limit) comes back as `timedelta.max`, for
    the caller's own upper bound to refuse in its own words.
    """
    value = text.strip().lower()
    if not _SPAN.match(value):
        raise DurationError(
            f"{text!r} is not a duration; use a number and a unit w, d, h or m, "
            "e.g. 1d, 2h, 30m, 1w or 1d12h"
        )
    try:
        return timedelta(**{_UNITS[unit]: int(amount) for amount, unit in _PART.findall(value)})
    except (OverflowError, ValueError):
        return timedelta.max


def parse_day_shift(text: str) -> int:
    """``2w`` -> 14, ``-3d`` -> -3, ``+1w2d`` -> 9: a move by whole days, later or earlier."""
    value = text.strip().lower()
    match = _DAY_SHIFT.match(value)
    if match is None:
        hint = " (a move is whole days: use w or d)" if re.search(r"\d[hm]", value) else ""
        raise DurationError(
            f"{text!r} is not a shift in days{hint}; use a number and a unit w or d, "
            "with - for earlier, e.g. 1w, -3d or 1w2d"
        )
    sign, body = match.groups()
    try:
        days = sum(int(n) * (7 if unit == "w" else 1) for n, unit in _PART.findall(body))
    except ValueError:  # more digits than int() reads
        days = LONGEST_SHIFT_DAYS + 1
    if days > LONGEST_SHIFT_DAYS:
        raise DurationError(f"{text!r}: a move can be at most {LONGEST_SHIFT_DAYS} days")
    return -days if sign == "-" else days
