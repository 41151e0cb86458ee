"""The inline table that makes a date follow another: `{ before = "session-6", weeks = 4 }`.

An event's `start` or `end` is a date, a date-time, or this table: exactly one of
`before`/`after` naming an event (optionally `.start` or `.end` of it), and exactly one
amount, in `days`, `weeks`, `months` or `working_days`. What the reference names is judged
later, once every event id is known (`tui.schedule.follow_graph`); here only the table's
shape is, each mistake located at the key it is about.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from tui.core.follows import UNITS, Unit
from tui.core.text import clip, shown, suggest
from tui.schedule.fields import Field
from tui.schedule.issues import type_name
from tui.schedule.toml_source import KeyPath

if TYPE_CHECKING:
    from tui.schedule.checks import Validator

_DIRECTIONS = ("before", "after")
_KEYS = (*_DIRECTIONS, *UNITS)
#: An amount past this many days (of any unit) lands outside the format's years anyway;
#: refused as written, so no arithmetic is ever asked to walk further.
MAX_AMOUNT = 1_200_000
_UNIT_SET = frozenset(UNITS)
EXAMPLE = '{ before = "session-6.start", weeks = 4 }'


class Written(NamedTuple):
    """A following date as written, its reference not yet judged: `"session-6.start"`."""

    reference: str
    before: bool
    amount: int
    unit: Unit


def check_date_or_follows(
    v: Validator, field: Field, value: object, path: KeyPath
) -> date | Written | None:
    """A date, a date-time or a well-formed following table; None after reporting."""
    if not isinstance(value, dict):
        return v._date_or_datetime(field, value, path)
    return _table(v, field.name, value, path)


def _table(v: Validator, name: str, table: dict[str, object], path: KeyPath) -> Written | None:
    if len(table) == 2:  # the common, well-formed case, accepted with one pass of tests
        (first, reference), (unit, amount) = table.items()
        if (
            first in _DIRECTIONS
            and type(reference) is str
            and unit in _UNIT_SET
            and type(amount) is int
            and 0 <= amount <= MAX_AMOUNT
        ):
            return Written(reference, first == "before", amount, unit)
    ok = True
    misspelt: set[str] = set()
    for key in table:
        if key not in _KEYS:
            misspelt.update(name for name in _KEYS if suggest(key, (name,)))
            ok = False
            v.error(
                (*path, key),
                f"unknown key `{clip(key)}` in `{name}`{suggest(key, _KEYS)}; a following "
                f"date has `before` or `after` and one of {', '.join(UNITS)}",
                "key",
            )
    directions = [key for key in _DIRECTIONS if key in table]
    units = [key for key in UNITS if key in table]
    if len(directions) != 1 and not (not directions and misspelt & set(_DIRECTIONS)):
        ok = False
        said = "both `before` and `after`" if directions else "neither `before` nor `after`"
        v.error(path, f"`{name}` has {said}: write one, naming the event it follows")
    if len(units) != 1 and not (not units and misspelt & set(UNITS)):
        ok = False
        said = ", ".join(f"`{unit}`" for unit in units) if units else "no amount"
        v.error(path, f"`{name}` has {said}: write exactly one of {', '.join(UNITS)}")
    reference = table.get(directions[0]) if directions else None
    if directions and not isinstance(reference, str):
        ok = False
        v.error(
            (*path, directions[0]),
            f"`{directions[0]}` must name an event as a string, such as "
            f'"session-6" or "session-6.end", not {type_name(reference)}',
        )
    amount = table.get(units[0]) if units else None
    if units and (isinstance(amount, bool) or not isinstance(amount, int)):
        ok = False
        v.error((*path, units[0]), f"`{units[0]}` must be a whole number, not {shown(amount)}")
    elif units and isinstance(amount, int) and not 0 <= amount <= MAX_AMOUNT:
        ok = False
        if amount < 0:
            hint = f"write it as 0 or more, with `{'after' if 'before' in table else 'before'}`"
        else:
            hint = "that lands outside the years docket supports"
        v.error((*path, units[0]), f"`{units[0]}` {amount}: {hint}")
    if not ok or not isinstance(reference, str) or not isinstance(amount, int):
        return None
    return Written(reference, directions[0] == "before", amount, units[0])
