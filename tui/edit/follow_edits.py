"""Moving a date that follows another's: its offset changes, the link stays.

An event whose `start` is `{ before = "session-6", weeks = 4 }` has no date in the text to
shift. Moving it writes a new offset to the same event, so it still moves with what it
follows, never a fixed date over the link (that would detach it without a word). The new
offset keeps the unit where it can say the new date exactly: weeks for a move of whole
weeks, working days when the new date is a working day and the old unit was working days;
otherwise it is counted in days (months cannot say "a month and three days"). The
direction follows the sign: a date moved past its anchor turns `before` into `after`.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from tui.core.follows import DEFAULT_PART, Follows, Unit, add_working_days
from tui.core.model import Event, Schedule
from tui.core.origins import part_value
from tui.core.workdays import is_working_day, working_days_between
from tui.edit.spans import EditError


def follows_of(schedule: Schedule, event_id: str, key: str) -> Follows | None:
    """The definition of `key` (start or end) of the event, if that date follows another."""
    return schedule.follows.get(event_id, {}).get(key)


def moved_link(schedule: Schedule, event: Event, key: str, link: Follows, days: int) -> str:
    """The inline table for `key` of `event` moved by `days`: the same link, a new offset."""
    anchor = schedule.event(link.anchor)
    current = event.start if key == "start" else event.end
    if anchor is None or current is None:
        raise EditError(f"{event.id!r} follows {link.anchor!r}, which the schedule lacks")
    base = _day(part_value(anchor, link.part))
    moved = _day(current) + timedelta(days=days)
    offset = (moved - base).days
    unit: Unit = "days"
    amount = offset
    if link.unit == "weeks" and offset % 7 == 0:
        unit, amount = "weeks", offset // 7
    elif link.unit == "working_days":
        holidays = event.holidays if event.venue is not None else anchor.holidays
        count = _working_offset(base, moved, holidays) if is_working_day(moved, holidays) else None
        if count is not None:
            unit, amount = "working_days", count
    return link_table(Follows(link.anchor, link.part, abs(amount), unit, amount < 0))


def link_table(link: Follows) -> str:
    """`{ before = "session-6", weeks = 4 }`: the part named only where it is not the
    direction's own (before an event is before its start, after it is after its end)."""
    direction = "before" if link.before else "after"
    reference = link.anchor
    if link.part != DEFAULT_PART[link.before]:
        reference = f"{link.anchor}.{link.part}"
    return f'{{ {direction} = "{reference}", {link.unit} = {link.amount} }}'


def _working_offset(base: date, moved: date, holidays: frozenset[date]) -> int | None:
    """The signed count of working days from `base` to `moved`, checked by resolving it."""
    if moved == base:
        return 0
    count = working_days_between(base, moved, holidays)
    count = count - 1 if moved > base and is_working_day(base, holidays) else count
    count = count + 1 if moved < base and is_working_day(base, holidays) else count
    return count if add_working_days(base, count, holidays) == moved else None


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value
