"""What the schedule must be after an edit, worked out on the model, never from the text.

The session rewrites the text (`tui.edit.edits`) and loads it back with the real loader;
this module says, independently, what that load must give: the same schedule with one
event shifted, resized, re-statused, changed, added or removed. The two are compared
(`difference`) on every edit and again before a save, so a rewrite that spelt a value
wrongly, or touched a neighbour, is refused instead of written: "read back must give
exactly the edited schedule".
"""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from tui.core.model import Event, MeetingHours, Schedule, Venue
from tui.core.sanitize import visible
from tui.edit.edits import (
    AddEvent,
    DeleteEvent,
    Edit,
    Move,
    Resize,
    SetFields,
    SetStatus,
    Value,
    find_event,
)
from tui.edit.spans import EditError


def expected_schedule(edit: Edit, schedule: Schedule) -> Schedule:
    """`schedule` with `edit` made on the model (`EditError` if the event is not there)."""
    match edit:
        case AddEvent():
            return replace(schedule, events=(*schedule.events, _added(edit, schedule)))
        case DeleteEvent():
            index, _ = _find(schedule, edit.event_id)
            return replace(schedule, events=schedule.events[:index] + schedule.events[index + 1 :])
    index, event = _find(schedule, edit.event_id)
    match edit:
        case Move():
            shift = timedelta(days=edit.days)
            end = event.end + shift if event.end is not None else None
            changed = replace(event, start=event.start + shift, end=end)
        case Resize():
            base = event.end if event.end is not None else event.start
            changed = replace(event, end=base + timedelta(days=edit.end_days))
        case SetStatus():
            changed = replace(event, status=edit.status)  # type: ignore[arg-type]
        case SetFields():
            changed = _set(event, edit.values, schedule)
    events = schedule.events
    return replace(schedule, events=(*events[:index], changed, *events[index + 1 :]))


def _followed(event: Event, actual: Event | None, keys: tuple[str, ...]) -> Event:
    """`event` with the dates that follow another's taken from the loader's `actual`."""
    if actual is None or not keys:
        return event
    return replace(event, **{key: getattr(actual, key) for key in keys if key in ("start", "end")})


def _find(schedule: Schedule, event_id: str) -> tuple[int, Event]:
    return find_event(schedule, event_id)


def _removed(key: str, value: Value) -> bool:
    """The same test as `SetFields.splices`: None, an empty list, or "" (but a title)."""
    return value is None or value == () or (value == "" and key != "title")


def _set(event: Event, values: tuple[tuple[str, Value], ...], schedule: Schedule) -> Event:
    given = dict(values)
    venue = event.venue
    if "venue" in given:
        raw = given["venue"]
        venue = None if _removed("venue", raw) else schedule.venues.get(str(raw))
        if venue is None and not _removed("venue", raw):
            raise EditError(visible(f"no venue {raw!r} in the schedule"))
    zone = venue.zone if venue is not None else schedule.zone
    changes: dict[str, object] = {
        "venue": venue,
        "zone": zone,
        "holidays": _holidays(schedule, venue),
    }
    for key in ("start", "end"):
        value = given[key] if key in given else getattr(event, key)
        if key in given and _removed(key, value):
            changes[key] = None
        elif value is not None:
            changes[key] = _in_zone(value, zone, local=key in given or _is_local(value))  # type: ignore[arg-type]
    for key, value in given.items():
        if key in ("venue", "start", "end"):
            continue
        if _removed(key, value):
            changes[key] = _default(key)
        elif key == "hours":
            changes[key] = tuple(_hours(str(item)) for item in value)  # type: ignore[union-attr]
        elif key == "tags":
            changes[key] = tuple(value)  # type: ignore[arg-type]
        else:
            changes[key] = value
    return replace(event, **changes)  # type: ignore[arg-type]


def _default(key: str) -> object:
    return {"status": "confirmed", "hours": (), "tags": ()}.get(key)


def _is_local(value: date | datetime) -> bool:
    """A date-time the loader attached a zone to (it was written without an offset)."""
    return isinstance(value, datetime) and isinstance(value.tzinfo, ZoneInfo)


def _in_zone(value: date | datetime, zone: ZoneInfo, *, local: bool) -> date | datetime:
    """A date as is; a local date-time read on the wall clock of `zone`, as the loader
    attaches it; an offset date-time as the exact instant it is."""
    if not isinstance(value, datetime) or not local:
        return value
    if value.tzinfo is None or isinstance(value.tzinfo, ZoneInfo):
        return value.replace(tzinfo=zone)
    return value


def _hours(text: str) -> MeetingHours:
    start, _, end = text.partition("-")
    try:
        return MeetingHours(time.fromisoformat(start.strip()), time.fromisoformat(end.strip()))
    except ValueError:
        raise EditError(visible(f"{text!r} is not meeting hours such as 10:00-13:00")) from None


def _holidays(schedule: Schedule, venue: Venue | None) -> frozenset[date]:
    if venue is None or not venue.holidays:
        return schedule.holidays
    return schedule.holidays | venue.holidays


def _added(edit: AddEvent, schedule: Schedule) -> Event:
    new = Event(
        id=edit.new_id(schedule),
        kind=edit.kind,  # type: ignore[arg-type]
        title=edit.title,
        start=edit.start,
        zone=schedule.zone,
        end=edit.end,
        holidays=schedule.holidays,
    )
    values: tuple[tuple[str, Value], ...] = (
        ("start", edit.start),
        *((("end", edit.end),) if edit.end is not None else ()),
        *edit.extra,
    )
    return _set(new, values, schedule)


def difference(expected: Schedule, actual: Schedule, edited: str | None = None) -> str | None:
    """The first way `actual` differs from `expected`, in words, or None if they are equal.

    A date that follows another event's (`Schedule.follows`) is the loader's to resolve: of
    the events other than the `edited` one, those dates are taken as the loader gives them
    (moving an anchor moves what follows it), every other field still compared."""
    resolved = {
        event_id: tuple(keys) for event_id, keys in actual.follows.items() if event_id != edited
    }
    if resolved:
        by_id = {event.id: event for event in actual.events}
        expected = replace(
            expected,
            events=tuple(
                _followed(event, by_id.get(event.id), resolved.get(event.id, ()))
                for event in expected.events
            ),
        )
    if expected == actual:
        return None
    wanted = {event.id: event for event in expected.events}
    got = {event.id: event for event in actual.events}
    for event_id in wanted.keys() - got.keys():
        return f"event {event_id!r} is missing"
    for event_id in got.keys() - wanted.keys():
        return f"event {event_id!r} appeared"
    for event_id, event in wanted.items():
        other = got[event_id]
        for field in fields(Event):
            a, b = getattr(event, field.name), getattr(other, field.name)
            if a != b:
                return f"{event_id} {field.name} reads back as {b!r}, expected {a!r}"
    if [e.id for e in expected.events] != [e.id for e in actual.events]:
        return "the events read back in another order"
    for field in fields(Schedule):
        if getattr(expected, field.name) != getattr(actual, field.name):
            return f"the schedule's {field.name} changed"
    return "the schedule read back differs"
