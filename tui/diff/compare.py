"""`compare(old, new, as_of)`: what changed between two versions of a schedule. Pure.

Events are matched by id (ids are what calendars and planners keep stable). Each matched
pair is checked for every kind of change at once, so one event can be moved and change
venue; see `tui.diff.changes` for the records. Choices where the spec is silent (also in the
README):

- **Moved or resized.** All-day events compare their first and last days as written; timed
  events their start and end as wall-clock times in the new event's zone (a meeting moved
  one week across a daylight-saving change moved "1 week", and one moved to a venue six
  zones away at the same local time moved six hours). Both ends shifted alike is a move,
  otherwise a resize. An all-day event that became timed (or the reverse) is resized, by
  whole days of its first and last days; a deadline or milestone that gained or lost a time
  moved by the change of its due moment (a date-only one is due at the end of its day).
- **Working days of a move** are the working days from the old first day up to, not
  including, the new one (negative for an earlier move), with the new event's holidays
  (the schedule's and its venue's): the difference of the two days' positions in the
  working calendar, so a move of A → B and then B → C adds up to A → C. A Monday moved
  two weeks later moved 10 working days (fewer if a holiday falls in between).
- **Meeting days** of a resized event are its working days (`Event.working_day_count`)
  before and after, whatever its status.
- **Status**: a postponed or cancelled event that is confirmed or tentative again is
  "restored"; otherwise the change is named by the new status.
- The **countdown** before and after is the headline deadline of each side, as of one
  moment (`as_of`), by `tui.core.countdown.countdown_for`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from tui.core.countdown import Countdown, countdown_for
from tui.core.model import Event, Schedule, Status, Venue
from tui.core.workdays import working_days_between
from tui.diff.changes import (
    TEXT_FIELDS,
    Added,
    DeadlineChanged,
    EventChange,
    EventDiff,
    HeaderChanged,
    HolidaysChanged,
    HoursChanged,
    KindChanged,
    Moved,
    Removed,
    Resized,
    ScheduleChange,
    StatusChange,
    StatusChanged,
    TextChanged,
    VenueChanged,
    VenuesChanged,
    ZoneChanged,
)
from tui.diff.follow_cause import explain_timing


@dataclass(frozen=True)
class ScheduleDiff:
    """The result of `compare`: changed events by id (in date order), schedule-level changes,
    and the headline countdown of each side at `as_of`.

    Indexable by event id (`diff["session-4"]`, `diff.get(id)`, `id in diff`) for the app,
    which shows each event against a baseline; unchanged events are not in it.
    """

    old: Schedule
    new: Schedule
    as_of: datetime
    events: Mapping[str, EventDiff]
    schedule_changes: tuple[ScheduleChange, ...]
    countdown_old: Countdown | None
    countdown_new: Countdown | None

    @property
    def same(self) -> bool:
        return not self.events and not self.schedule_changes

    def __getitem__(self, event_id: str) -> EventDiff:
        return self.events[event_id]

    def __contains__(self, event_id: object) -> bool:
        return event_id in self.events

    def get(self, event_id: str) -> EventDiff | None:
        return self.events.get(event_id)

    def event_changes(self) -> Iterator[tuple[EventDiff, EventChange]]:
        """Every event change with its event, in date order."""
        for item in self.events.values():
            for change in item.changes:
                yield item, change

    def of_kind(self, kind: str) -> list[EventChange]:
        """Every event change of one kind (`"moved"`, `"added"`, …), in date order."""
        return [change for _, change in self.event_changes() if change.kind == kind]

    @property
    def change_count(self) -> int:
        return sum(len(item.changes) for item in self.events.values()) + len(self.schedule_changes)


def compare(old: Schedule, new: Schedule, as_of: datetime) -> ScheduleDiff:
    """What changed from `old` to `new`; `as_of` (aware) is the countdowns' moment."""
    # Sorted by start as a timestamp: comparing aware datetimes of many zones costs more.
    items: list[tuple[tuple[float, str], EventDiff]] = []
    for before, event in _pairs(old, new):
        if before is None:
            changes: tuple[EventChange, ...] = (Added(event),)
        else:
            changes = event_changes(before, event)
            if not changes:
                continue
            if event.id in new.follows:
                changes = explain_timing(old, new, changes)
        key = (event.start_instant.timestamp(), event.id)
        items.append((key, EventDiff(event.id, before, event, changes)))
    if not _same_ids(old, new):
        new_ids = {event.id for event in new.events}
        for event in old.events:
            if event.id not in new_ids:
                diff = EventDiff(event.id, event, None, (Removed(event),))
                items.append(((event.start_instant.timestamp(), event.id), diff))
    items.sort(key=lambda pair: pair[0])
    return ScheduleDiff(
        old=old,
        new=new,
        as_of=as_of,
        events={diff.id: diff for _, diff in items},
        schedule_changes=tuple(schedule_changes(old, new)),
        countdown_old=_headline_countdown(old, as_of),
        countdown_new=_headline_countdown(new, as_of),
    )


def _pairs(old: Schedule, new: Schedule) -> Iterator[tuple[Event | None, Event]]:
    """Each event of `new` that is not the very object `old` has for it, with `old`'s
    version (None: added). An edit in the app keeps every event it did not touch, so when
    the file order is the same the pairs are found side by side, without a lookup each."""
    if len(old.events) == len(new.events):
        for before, event in zip(old.events, new.events, strict=True):
            if before is not event:
                yield (before if before.id == event.id else old.event(event.id)), event
        return
    for event in new.events:
        found = old.event(event.id)
        if found is not event:
            yield found, event


def _same_ids(old: Schedule, new: Schedule) -> bool:
    """Whether both have the same ids in the same order (then none was removed)."""
    if len(old.events) != len(new.events):
        return False
    if old.events is new.events:
        return True
    return all(a is b or a.id == b.id for a, b in zip(old.events, new.events, strict=True))


def _headline_countdown(schedule: Schedule, as_of: datetime) -> Countdown | None:
    event = schedule.headline_deadline
    return countdown_for(schedule, event, as_of) if event is not None else None


# -- events -----------------------------------------------------------------------------------


def event_changes(old: Event, new: Event) -> tuple[EventChange, ...]:
    """Every change between two versions of one event, in `EVENT_KINDS` order."""
    changes: list[EventChange] = []
    timing = timing_change(old, new)
    if timing is not None:
        changes.append(timing)
    status = status_change(old.status, new.status)
    if status is not None:
        changes.append(StatusChanged(old, new, status))
    if _venue_id(old) != _venue_id(new):
        changes.append(VenueChanged(old, new))
    if old.hours != new.hours:
        changes.append(HoursChanged(old, new))
    if old.kind != new.kind:
        changes.append(KindChanged(old, new))
    fields = tuple(f for f in TEXT_FIELDS if getattr(old, f) != getattr(new, f))
    if fields:
        changes.append(TextChanged(old, new, fields))
    return tuple(changes)


def _venue_id(event: Event) -> str | None:
    return event.venue.id if event.venue is not None else None


def _wall(moment: datetime, zone: ZoneInfo) -> datetime:
    """The naive wall-clock time of a moment in a zone: shifts are measured as clocks read."""
    return moment.astimezone(zone).replace(tzinfo=None)


def _due(event: Event, zone: ZoneInfo) -> datetime:
    """A point's due moment on the wall clock of `zone`."""
    return _wall(event.end_instant if event.all_day else event.start_instant, zone)


def timing_change(old: Event, new: Event) -> Moved | Resized | None:
    """Moved (both ends shifted alike), resized (the length changed), or None (same times)."""
    first_shift = new.first_day - old.first_day
    if old.all_day and new.all_day:
        start, end = first_shift, new.last_day - old.last_day
    elif old.all_day != new.all_day and old.end is None and new.end is None:
        shift = _due(new, new.zone) - _due(old, new.zone)
        return _moved(old, new, shift) if shift else None
    elif old.all_day != new.all_day:
        timing = "now all-day" if new.all_day else "now timed"
        return Resized(old, new, first_shift, new.last_day - old.last_day, timing)
    else:
        zone = new.zone
        start = _wall(new.start_instant, zone) - _wall(old.start_instant, zone)
        end = _wall(new.end_instant, zone) - _wall(old.end_instant, zone)
    if not start and not end:
        return None
    if start == end:
        return _moved(old, new, start)
    return Resized(old, new, start, end)


def _moved(old: Event, new: Event, shift: timedelta) -> Moved:
    days = (new.first_day - old.first_day).days
    return Moved(
        old, new, shift, days, working_day_shift(old.first_day, new.first_day, new.holidays)
    )


def working_day_shift(old: date, new: date, holidays: frozenset[date]) -> int:
    """Working days from `old` up to, not including, `new`; negative when `new` is earlier.

    The difference of the two days' positions in the working calendar: a Monday moved to the
    Monday two weeks later moved 10 working days, Saturday to Monday none.
    """
    one = timedelta(days=1)
    if new > old:
        return working_days_between(old, new - one, holidays)
    if new < old:
        return -working_days_between(new, old - one, holidays)
    return 0


def status_change(old: Status, new: Status) -> StatusChange | None:
    """The name of a status change: the new status, or `restored` when an event is back on."""
    if old == new:
        return None
    off = ("postponed", "cancelled")
    if old in off and new not in off:
        return "restored"
    return new


# -- the schedule -----------------------------------------------------------------------------

_HEADER_FIELDS = ("id", "title", "url", "description")
_RENAME_FIELDS = ("name", "city")
_DETAIL_FIELDS = ("country", "address")


def schedule_changes(old: Schedule, new: Schedule) -> Iterator[ScheduleChange]:
    """Header, deadline, zones, holidays and venues, in `SCHEDULE_KINDS` order."""
    for name in _HEADER_FIELDS:
        before, after = getattr(old, name), getattr(new, name)
        if before != after:
            yield HeaderChanged(name, before, after)
    if old.deadline != new.deadline:
        yield DeadlineChanged(old.deadline, new.deadline)
    shared = sorted(set(old.venues) & set(new.venues))
    if old.timezone != new.timezone:
        yield ZoneChanged(None, old.timezone, new.timezone)
    for venue_id in shared:
        a, b = old.venues[venue_id], new.venues[venue_id]
        if a.timezone != b.timezone:
            yield ZoneChanged(venue_id, a.timezone, b.timezone)
    holidays = _holidays_change(None, old.holidays, new.holidays)
    if holidays is not None:
        yield holidays
    for venue_id in shared:
        holidays = _holidays_change(
            venue_id, old.venues[venue_id].holidays, new.venues[venue_id].holidays
        )
        if holidays is not None:
            yield holidays
    yield from _venue_changes(old.venues, new.venues)


def _holidays_change(
    venue: str | None, old: frozenset[date], new: frozenset[date]
) -> HolidaysChanged | None:
    if old == new:
        return None
    return HolidaysChanged(venue, tuple(sorted(new - old)), tuple(sorted(old - new)))


def _venue_changes(old: Mapping[str, Venue], new: Mapping[str, Venue]) -> Iterator[VenuesChanged]:
    for venue_id in sorted(set(old) | set(new)):
        a, b = old.get(venue_id), new.get(venue_id)
        if a is None:
            yield VenuesChanged("added", venue_id, None, b)
        elif b is None:
            yield VenuesChanged("removed", venue_id, a, None)
        else:
            fields = tuple(
                f for f in (*_RENAME_FIELDS, *_DETAIL_FIELDS) if getattr(a, f) != getattr(b, f)
            )
            if any(f in _RENAME_FIELDS for f in fields):
                yield VenuesChanged("renamed", venue_id, a, b, fields)
            elif fields:
                yield VenuesChanged("details", venue_id, a, b, fields)
