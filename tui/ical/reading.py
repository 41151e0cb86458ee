"""Reading a calendar's VEVENTs as the events and venues of a schedule, for `docket import`.

`CalendarReader.run()` walks the VEVENTs once, in file order, into `ImportedEvent`s and
`ImportedVenue`s, and counts what a schedule cannot hold. The times stay as the calendar
wrote them, with the zone they were written in: only once every event is read does
`tui.ical.importing` know each venue's zone, and write the times in it as TOML.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Component, vText
from icalendar import Event as VEvent
from icalendar.parser import unescape_backslash
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from tui.core.model import KINDS
from tui.core.workdays import working_days_in
from tui.core.zones import zone_or_none
from tui.ical.recurrence import expand_occurrences, wall_time
from tui.ical.vevents import X_HOURS, X_SPAN, X_STATUS, X_VENUE, X_VENUE_ZONE, parse_uid

_STATUS = {"CONFIRMED": "confirmed", "TENTATIVE": "tentative", "CANCELLED": "cancelled"}
#: Properties that become schedule fields (or that docket writes itself on export).
_USED = {
    *("SUMMARY", "DTSTART", "DTEND", "DURATION", "DESCRIPTION", "LOCATION", "URL", "STATUS"),
    *("CATEGORIES", "UID", "DTSTAMP", "TRANSP", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID"),
    *("SEQUENCE", "CREATED", "LAST-MODIFIED", X_VENUE, X_VENUE_ZONE, X_SPAN, X_STATUS, X_HOURS),
}
_SLUG_OUT = re.compile(r"[^A-Za-z0-9._-]+")


def text_of(component: Component, name: str) -> str:
    """A TEXT property's value; X- properties (of no known type) are unescaped here."""
    value = component.get(name)
    if value is None:
        return ""
    if isinstance(value, list):
        value = value[0]
    return str(value) if isinstance(value, vText) else unescape_backslash(str(value))


def slugify(text: str, fallback: str = "event") -> str:
    """An id from a title or a location: what a schedule accepts, and never empty."""
    slug = _SLUG_OUT.sub("-", text.strip().lower()).strip("-._")[:60].rstrip("-._")
    return slug or fallback


@dataclass
class _Timed:
    """A VEVENT's start or end: a date, or a datetime with the IANA zone it was written in."""

    value: date | datetime
    zone: str | None = None  # IANA key for a wall time; None for a date or an exact instant


@dataclass
class ImportedVenue:
    """A venue made from LOCATION (or restored from docket's X-DOCKET-VENUE)."""

    id: str
    location: str
    docket: bool  # named by docket's own export, so "name, city" splits back
    zone: str | None = None  # as docket exported it
    zones: Counter[str] = field(default_factory=Counter)  # of its timed events, to guess one
    holidays: set[date] = field(default_factory=set)


@dataclass
class EventFields:
    """What a VEVENT says of an event besides its times and place."""

    kind: str
    title: str
    status: str | None = None  # None for confirmed, which a schedule need not say
    tags: list[str] = field(default_factory=list)
    url: str | None = None
    notes: str | None = None


@dataclass
class ImportedEvent:
    """One schedule event, its times still in the frame the calendar wrote them in."""

    id: str
    fields: EventFields
    start: date | datetime
    zone: str | None  # the IANA zone of wall-clock times; None for dates or UTC instants
    order: int  # position of its (first) VEVENT: events keep the calendar's order
    docket: bool  # exported by docket: its times are already where the venue is
    end: date | datetime | None = None  # inclusive for dates
    venue: str | None = None
    hours: list[str] = field(default_factory=list)


class CalendarReader:
    """Reads the VEVENTs of one calendar; `run` fills `events`, `venues` and the notes."""

    def __init__(self, calendar: Calendar) -> None:
        self.calendar = calendar
        self.notes: list[str] = []
        self.dropped: Counter[str] = Counter()  # what a schedule cannot hold, and how often
        self.venues: dict[str, ImportedVenue] = {}
        self.schedule_holidays: set[date] = set()
        self.events: list[ImportedEvent] = []
        self.ids: set[str] = set()
        self.position = 0  # of the VEVENT being read: events keep the calendar's order
        zone = text_of(calendar, "X-WR-TIMEZONE").strip()
        self.zone = self._iana(zone) or self._commonest_zone()
        if zone and not self._iana(zone):
            self.notes.append(f"X-WR-TIMEZONE {zone!r} is not a known zone; used {self.zone}")

    def _commonest_zone(self) -> str:
        """Without X-WR-TIMEZONE: the zone most events name, else UTC."""
        zones = Counter(
            key
            for vevent in self.calendar.events
            if "DTSTART" in vevent
            and (key := self._iana(str(vevent["DTSTART"].params.get("TZID", "")))) is not None
        )
        return zones.most_common(1)[0][0] if zones else "UTC"

    # -- values ------------------------------------------------------------------------
    def _iana(self, name: str) -> str | None:
        if not name:
            return None
        name = name.strip().strip("/")
        if name in WINDOWS_TO_OLSON:
            return WINDOWS_TO_OLSON[name]
        return name if zone_or_none(name) is not None else None

    def _timed(self, vevent: VEvent, name: str) -> _Timed | None:
        prop = vevent.get(name)
        if prop is None:
            return None
        value = prop.dt
        if not isinstance(value, datetime):
            return _Timed(value)
        if value.tzinfo is None:
            if name == "DTSTART":
                self.dropped["floating time (read in the schedule's zone)"] += 1
            return _Timed(value, self.zone)
        tzid = prop.params.get("TZID")
        key = self._iana(tzid if tzid else getattr(value.tzinfo, "key", ""))
        if key and key != tzid and tzid:
            self.notes.append(f"time zone {tzid!r} read as {key}")
        if key and key not in ("UTC", "Etc/UTC"):
            return _Timed(value.replace(tzinfo=None), key)
        if tzid and not key:
            self.dropped[f"unknown TZID {tzid!r} (kept as exact UTC times)"] += 1
        return _Timed(value.astimezone(UTC))

    def _unique_id(self, wanted: str) -> str:
        candidate, number = wanted, 2
        while candidate in self.ids:
            candidate = f"{wanted}-{number}"
            number += 1
        self.ids.add(candidate)
        return candidate

    # -- venues ------------------------------------------------------------------------
    def _venue(self, vevent: VEvent) -> ImportedVenue | None:
        location = str(vevent.get("LOCATION", "")).strip()
        venue_id = text_of(vevent, X_VENUE).strip()
        if not location and not venue_id:
            return None
        docket = bool(venue_id)
        venue_id = venue_id or slugify(location, "venue")
        venue = self.venues.get(venue_id)
        if venue is None:
            venue = self.venues[venue_id] = ImportedVenue(venue_id, location or venue_id, docket)
            zone = self._iana(text_of(vevent, X_VENUE_ZONE))
            if zone:
                venue.zone = zone
        return venue

    # -- events ------------------------------------------------------------------------
    def _fields(self, vevent: VEvent, docket_kind: bool) -> EventFields:
        """Title, kind, status, tags, url and notes of one VEVENT; counts what it drops."""
        categories = [str(c) for c in vevent.categories]
        kind = "meeting"
        if docket_kind and categories and categories[0] in KINDS:
            kind = categories.pop(0)
        title = str(vevent.get("SUMMARY", "")).strip()
        if not title:
            title = "(untitled)"
            self.dropped["missing SUMMARY (titled '(untitled)')"] += 1
        fields = EventFields(kind, title, tags=categories)
        status = text_of(vevent, X_STATUS) or _STATUS.get(str(vevent.get("STATUS", "")))
        if status and status != "confirmed":
            fields.status = status
        url = str(vevent.get("URL", "")).strip()
        notes = str(vevent.get("DESCRIPTION", ""))
        if url:
            fields.url = url
            notes = notes.removesuffix(url).removesuffix("\n\n") if notes != url else ""
        fields.notes = notes or None
        for name in vevent:
            if name not in _USED:
                self.dropped[name] += 1
        for component in vevent.subcomponents:
            self.dropped[f"{component.name} (reminders: use `docket export --alarm`)"] += 1
        return fields

    def _span(
        self, vevent: VEvent, start: _Timed
    ) -> tuple[date | datetime, date | datetime | None, str | None]:
        """Start, end (inclusive for dates; None for a point) and zone of a VEVENT."""
        end = self._timed(vevent, "DTEND")
        duration = vevent.get("DURATION")
        if isinstance(start.value, datetime):
            stop = None
            if end is not None and isinstance(end.value, datetime):
                stop = end.value if end.zone == start.zone else _in_frame(end, start.zone)
            elif duration is not None:
                stop = start.value + duration.dt
            if stop is not None and stop < start.value:
                self.dropped["DTEND before DTSTART (end left out)"] += 1
                stop = None
            return start.value, stop if stop != start.value else None, start.zone
        if end is None and duration is not None:
            end = _Timed(start.value + duration.dt)
        last = start.value
        if end is not None and isinstance(end.value, date) and end.value > start.value:
            last = _as_date(end.value) - timedelta(days=1)
        return start.value, last if last != start.value else None, None

    def add_plain(self, vevent: VEvent, shift: timedelta | None = None) -> None:
        """One VEVENT as one event; `shift` moves it to an occurrence of its RRULE."""
        uid = parse_uid(str(vevent.get("UID", "")))
        start = self._timed(vevent, "DTSTART")
        if start is None:
            self.dropped["VEVENT without DTSTART (skipped)"] += 1
            return
        fields = self._fields(vevent, docket_kind=uid is not None)
        first, last, zone = self._span(vevent, start)
        wanted = uid.event_id if uid else slugify(fields.title)
        if shift is not None:
            first = first + shift
            last = last + shift if last is not None else None
            wanted = f"{wanted}-{wall_time(first):%Y%m%d}"
        event = ImportedEvent(
            self._unique_id(wanted), fields, first, zone, self.position, docket=uid is not None
        )
        if last is not None and fields.kind not in ("deadline", "milestone"):
            event.end = last
        hours = text_of(vevent, X_HOURS).strip()
        if hours:
            event.hours = hours.split(",")
        venue = self._venue(vevent)
        if venue is not None:
            event.venue = venue.id
            if zone:
                venue.zones[zone] += 1
        self.events.append(event)

    def add_blocks(self, event_id: str, members: list[tuple[date, VEvent]]) -> None:
        """Meeting blocks docket exported (with their UIDs' days), folded back into one event
        with `hours`."""
        blocks = [vevent for _, vevent in sorted(members, key=lambda m: (m[0], str(m[1]["UID"])))]
        starts = [self._timed(v, "DTSTART") for v in blocks]
        ends = [self._timed(v, "DTEND") for v in blocks]
        zones = {t.zone for t in starts + ends if t is not None}
        zone = next(iter(zones)) if len(zones) == 1 else None
        by_day: dict[date, list[str]] = defaultdict(list)
        for begin, finish in zip(starts, ends, strict=True):
            if begin is None or finish is None or not isinstance(begin.value, datetime):
                by_day.clear()
                break
            by_day[begin.value.date()].append(f"{begin.value:%H:%M}-{finish.value:%H:%M}")
        patterns = {tuple(hours) for hours in by_day.values()}
        if zone is None or len(patterns) != 1:
            self.notes.append(
                f"meeting blocks of `{event_id}` differ from day to day: "
                "imported as one event per block"
            )
            for vevent in blocks:
                self.add_plain(vevent)
            return
        fields = self._fields(blocks[0], docket_kind=True)
        for vevent in blocks[1:]:
            self._fields(vevent, docket_kind=True)  # count what they drop too
        days = sorted(by_day)
        span = text_of(blocks[0], X_SPAN)
        first, _, last = span.partition("/")
        try:
            first_day, last_day = date.fromisoformat(first), date.fromisoformat(last)
        except ValueError:
            first_day, last_day = days[0], days[-1]
        event = ImportedEvent(
            self._unique_id(event_id), fields, first_day, None, self.position, docket=True
        )
        if last_day != first_day:
            event.end = last_day
        event.hours = list(patterns.pop())
        venue = self._venue(blocks[0])
        off_days = set(working_days_in(first_day, last_day)) - set(days)
        if venue is not None:
            event.venue = venue.id
            venue.zones[zone] += 1
            venue.holidays |= off_days
        else:
            self.schedule_holidays |= off_days
            if zone != self.zone:
                self.notes.append(
                    f"`{event_id}`: meeting hours in {zone}, no venue: read in {zone}"
                )
        self.events.append(event)

    def run(self) -> None:
        vevents = self.calendar.events
        overrides = [v for v in vevents if "RECURRENCE-ID" in v]
        blocks: dict[str, list[tuple[date, VEvent]]] = defaultdict(list)
        first_block: dict[str, int] = {}
        for position, vevent in enumerate(vevents):
            self.position = position
            uid = parse_uid(str(vevent.get("UID", "")))
            if uid is not None and uid.day is not None and "RECURRENCE-ID" not in vevent:
                blocks[uid.event_id].append((uid.day, vevent))
                first_block.setdefault(uid.event_id, position)
            elif "RRULE" in vevent or "RDATE" in vevent:
                self._add_recurring(vevent, overrides)
            else:
                self.add_plain(vevent)
        for event_id, members in blocks.items():
            self.position = first_block[event_id]
            self.add_blocks(event_id, members)
        for component in self.calendar.subcomponents:
            if component.name not in ("VEVENT", "VTIMEZONE"):
                self.dropped[f"{component.name} component"] += 1

    def _add_recurring(self, vevent: VEvent, overrides: list[VEvent]) -> None:
        if "DTSTART" not in vevent:
            self.dropped["VEVENT without DTSTART (skipped)"] += 1
            return
        shifts, note = expand_occurrences(vevent, overrides)
        title = str(vevent.get("SUMMARY", "")).strip() or "(untitled)"
        self.notes.append(f"{title!r} repeats: imported as {len(shifts)} separate events{note}")
        for vevent_part in ("RRULE", "RDATE", "EXDATE"):
            if vevent_part in vevent:
                self.dropped[f"{vevent_part} (expanded into separate events)"] += 1
        for shift in shifts:
            self.add_plain(vevent, shift)


def _as_date(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def _in_frame(moment: _Timed, zone: str | None) -> datetime:
    """An end written in another zone than its start, as a wall time in the start's zone."""
    assert isinstance(moment.value, datetime)
    instant = moment.value
    if moment.zone:
        instant = instant.replace(tzinfo=ZoneInfo(moment.zone))
    if zone:
        return instant.astimezone(ZoneInfo(zone)).replace(tzinfo=None)
    return instant.astimezone(UTC)
