"""From docket events to VEVENT properties: UIDs, dates and times, text, meeting blocks.

Each exported VEVENT is a `VEventSpec`: its properties as icalendar value objects, in no
particular order (the serializer puts them in icalendar's canonical order). Values shared
by many VEVENTs (DTSTAMP, a venue's LOCATION, one event's text across its meeting blocks)
are the same objects, so the serializer formats each of them once.

UIDs derive only from the schedule id and the event id, so they stay the same across
exports and edits of dates, text or hours:

- an event: ``{event-id}@{schedule-id}.docket``
- one meeting block of an event with `hours`: ``{event-id}+{YYYYMMDD}-{n}@{schedule-id}.docket``
  where n counts the day's blocks from 1 (``+`` cannot occur in an id).

Decisions (see the README, "What is in the file"): `postponed` is STATUS:CANCELLED (the
event will not happen on those dates) with X-DOCKET-STATUS:postponed so `docket import`
restores it; cancelled and
postponed events are TRANSPARENT, as are all-day spans; meeting blocks and timed events are
OPAQUE. No SEQUENCE is written (RFC 5545 reads a missing one as 0).

Every text goes out through `ical_text` (or `ical_uri`): RFC 5545 allows no control
character in a value but the tab (newlines icalendar escapes as ``\\n``), strict parsers
refuse a file that holds one, and a raw ESC would reach whoever opens the calendar in a
terminal. The loader refuses such text upstream; the exporter is safe on its own anyway.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import NamedTuple, TypeVar
from zoneinfo import ZoneInfo

from icalendar import vCategory, vDDDTypes, vText, vUri

from tui.core.model import Event, Schedule
from tui.core.sanitize import visible
from tui.ical.vtimezone import is_utc

UID_SUFFIX = ".docket"

STATUS = {
    "confirmed": "CONFIRMED",
    "tentative": "TENTATIVE",
    "postponed": "CANCELLED",
    "cancelled": "CANCELLED",
}

#: Properties only docket writes, so that `docket import` can restore what iCalendar cannot
#: say; other clients keep or ignore them (RFC 5545 section 3.8.8.2).
X_VENUE = "X-DOCKET-VENUE"  # venue id
X_VENUE_ZONE = "X-DOCKET-VENUE-ZONE"  # its zone, which all-day events do not otherwise show
X_SPAN = "X-DOCKET-SPAN"  # first/last day of an event exported as meeting blocks
X_STATUS = "X-DOCKET-STATUS"  # a status iCalendar has no word for (postponed)
X_HOURS = "X-DOCKET-HOURS"  # hours of an event that has no working day to put blocks on


def event_uid(schedule_id: str, event_id: str) -> str:
    return f"{event_id}@{schedule_id}{UID_SUFFIX}"


def block_uid(schedule_id: str, event_id: str, day: date, number: int) -> str:
    return f"{event_id}+{day:%Y%m%d}-{number}@{schedule_id}{UID_SUFFIX}"


class DocketUid(NamedTuple):
    schedule_id: str
    event_id: str
    day: date | None  # set for a meeting block
    block: int | None


def ical_text(text: str) -> str:
    """Text as a TEXT value may hold it: controls but tab and newline shown as pictures."""
    return visible(text, multiline=True)


def ical_uri(text: str) -> str:
    """A URI on one line: a newline in it would end the content line (icalendar refuses)."""
    return visible(text)


def describe(event: Event) -> str | None:
    """DESCRIPTION: the notes, then the url on its own paragraph."""
    parts = [text for text in (event.notes, event.url) if text]
    return "\n\n".join(parts) or None


#: The property value types an export writes; each carries its `params` for the serializer.
PropValue = vText | vDDDTypes | vCategory | vUri
Prop = tuple[str, PropValue]
_V = TypeVar("_V", bound=Hashable)


@dataclass(slots=True)
class VEventSpec:
    """One VEVENT to write: its local start day, the zone its TZID names, its properties.

    `shared` properties are the same objects in other VEVENTs of the export (format them
    once); `own` ones belong to this VEVENT alone. `reminder` is the text of its reminders:
    set on the first VEVENT of an event that will take place (one reminder before a
    session, not one per meeting block; none for cancelled and postponed events).
    """

    day: date
    zone: str | None
    shared: list[Prop]
    own: list[Prop]
    reminder: str | None = None


class VEventMapper:
    """Turns events into VEventSpecs, sharing equal property values within one export."""

    def __init__(self, schedule: Schedule, stamp: datetime, *, blocks: bool = True) -> None:
        self.schedule = schedule
        #: An entry per meeting block (the default), or one for the span (`--no-blocks`).
        self.blocks = blocks
        self._interned: dict[Hashable, Prop] = {}
        self._stamp = self._prop("DTSTAMP", stamp, vDDDTypes)

    def _prop(self, name: str, value: _V, kind: Callable[[_V], PropValue]) -> Prop:
        key = (name, value)
        prop = self._interned.get(key)
        if prop is None:
            prop = self._interned[key] = (name, kind(value))
        return prop

    def vevents(self, event: Event) -> list[VEventSpec]:
        specs = self._vevents(event)
        if not event.is_off:
            specs[0].reminder = ical_text(event.title)
        return specs

    def _vevents(self, event: Event) -> list[VEventSpec]:
        shared, own = self._common(event)
        all_day = not isinstance(event.start, datetime)  # `event.all_day`, as mypy can see it
        if event.hours and all_day:
            blocks = self._blocks(event, [*shared, *own]) if self.blocks else []
            if blocks:
                return blocks
            own.append((X_HOURS, vText(",".join(str(block) for block in event.hours))))
        own.append(("UID", vText(event_uid(self.schedule.id, event.id))))
        if not isinstance(event.start, datetime):
            first = event.first_day
            own.append(("DTSTART", vDDDTypes(first)))
            own.append(("DTEND", vDDDTypes(event.last_day + timedelta(days=1))))
            shared.append(self._prop("TRANSP", "TRANSPARENT", vText))
            return [VEventSpec(first, None, shared, own)]
        start, zone = _moment(event.start)
        own.append(("DTSTART", vDDDTypes(start)))
        # A timed event's end is a datetime too (the loader makes both ends alike).
        if isinstance(event.end, datetime) and event.end != event.start:
            own.append(("DTEND", vDDDTypes(_moment(event.end)[0])))
        shared.append(self._prop("TRANSP", "TRANSPARENT" if event.is_off else "OPAQUE", vText))
        return [VEventSpec(event.first_day, zone, shared, own)]

    def _common(self, event: Event) -> tuple[list[Prop], list[Prop]]:
        """Properties of every VEVENT of the event: (shared with other events, its own)."""
        shared = [
            self._stamp,
            self._prop(
                "CATEGORIES",
                (event.kind, *map(ical_text, event.tags)),
                lambda v: vCategory(list(v)),
            ),
            self._prop("STATUS", STATUS[event.status], vText),
        ]
        own: list[Prop] = [("SUMMARY", vText(ical_text(event.title)))]
        if event.venue is not None:
            shared.append(self._prop("LOCATION", ical_text(event.venue.label), vText))
            shared.append(self._prop(X_VENUE, event.venue.id, vText))
            shared.append(self._prop(X_VENUE_ZONE, event.venue.timezone, vText))
        description = describe(event)
        if description:
            own.append(("DESCRIPTION", vText(ical_text(description))))
        if event.url:
            shared.append(self._prop("URL", ical_uri(event.url), vUri))
        if event.status == "postponed":
            shared.append(self._prop(X_STATUS, "postponed", vText))
        return shared, own

    def _blocks(self, event: Event, common: list[Prop]) -> list[VEventSpec]:
        span = f"{event.first_day.isoformat()}/{event.last_day.isoformat()}"
        transp = "TRANSPARENT" if event.is_off else "OPAQUE"
        shared = [*common, (X_SPAN, vText(span)), self._prop("TRANSP", transp, vText)]
        zone = event.zone.key
        tzid = None if is_utc(zone) else zone
        specs = []
        for day in event.working_days:
            for number, block in enumerate(event.hours, start=1):
                start = datetime.combine(day, block.start, event.zone)
                end = datetime.combine(day, block.end, event.zone)
                own: list[Prop] = [
                    ("UID", vText(block_uid(self.schedule.id, event.id, day, number))),
                    ("DTSTART", vDDDTypes(_moment(start)[0])),
                    ("DTEND", vDDDTypes(_moment(end)[0])),
                ]
                specs.append(VEventSpec(day, tzid, shared, own))
        return specs


def _moment(value: datetime) -> tuple[datetime, str | None]:
    """A date-time as written: in its IANA zone (TZID), or in UTC for offsets and UTC itself."""
    zone = value.tzinfo
    if isinstance(zone, ZoneInfo) and not is_utc(zone.key):
        return value, zone.key
    return value.astimezone(UTC), None
