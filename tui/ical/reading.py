"""Reading a calendar's VEVENTs as the events and venues of a schedule, for `docket import`.

`CalendarReader.run()` reads every VEVENT once through `tui.ical.values` (which touches
icalendar's values inside its guards and bounds them), then walks them in file order into
`ImportedEvent`s and `ImportedVenue`s, noting what a schedule cannot hold. The times stay as
the calendar wrote them, with the zone they were written in: only once every event is read
does `tui.ical.importing` know each venue's zone, and write the times in it as TOML.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict, deque
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from tui.core.model import KINDS, POINT_KINDS
from tui.core.words import plural
from tui.core.workdays import working_days_in
from tui.ical.blocks import MAX_OFF_DAYS, fold_blocks
from tui.ical.calendar_zones import FileZones, read_zone
from tui.ical.calendar_zones import iana as iana_key
from tui.ical.parsing import ParsedCalendar
from tui.ical.recurrence import Budget, expand_occurrences, wall_time
from tui.ical.values import LATEST, Notes, VEventValues, calendar_text, problem_with, read_vevent

_STATUS = {"CONFIRMED": "confirmed", "TENTATIVE": "tentative", "CANCELLED": "cancelled"}
_SLUG_OUT = re.compile(r"[^A-Za-z0-9._-]+")


def slugify(text: str, fallback: str = "event") -> str:
    """An id from a title or a location: what a schedule accepts, and never empty."""
    slug = _SLUG_OUT.sub("-", text.strip().lower()).strip("-._")[:60].rstrip("-._")
    return slug or fallback


@dataclass
class Timed:
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

    def __init__(self, parsed: ParsedCalendar, budget: Budget | None = None) -> None:
        self.calendar = parsed.header
        self.notes = Notes()
        self.budget = budget or Budget()
        self.venues: dict[str, ImportedVenue] = {}
        self.schedule_holidays: set[date] = set()
        self.events: list[ImportedEvent] = []
        self.ids: set[str] = set()
        self._next_number: dict[str, int] = {}  # per wanted id: where its suffixes go on
        self.position = 0  # of the VEVENT being read: events keep the calendar's order
        self.vevents: list[VEventValues] = []
        self.vevent_count = 0  # VEVENTs in the file, read or not
        self.owners: Counter[str] = Counter()  # schedule ids in UIDs of docket's form
        self._read(parsed)
        calendar = self.calendar
        zone = calendar_text(calendar, self.notes, "X-WR-TIMEZONE").strip()
        self.zone = self.iana(zone) or self._commonest_zone()
        if zone and not self.iana(zone):
            self.notes.say(f"X-WR-TIMEZONE {zone!r} is not a known zone; used {self.zone}")
        self.budget.series = sum(1 for values in self.vevents if values.repeats)

    def _commonest_zone(self) -> str:
        """Without X-WR-TIMEZONE: the zone most events name, else UTC."""
        zones = Counter(
            key for values in self.vevents if (key := self.iana(values.start.tzid)) is not None
        )
        return zones.most_common(1)[0][0] if zones else "UTC"

    def _read(self, parsed: ParsedCalendar) -> None:
        """Every VEVENT's values, one group of icalendar components at a time: only the
        values are kept, never icalendar's objects (see `ParsedCalendar`)."""
        found = (read_zone(text) for text in parsed.zones)
        zones = FileZones([zone for zone in found if zone], self.budget, self.notes.say)
        for component in parsed.components():
            if component.name == "VTIMEZONE":
                continue
            if component.name != "VEVENT":
                self.notes.drop(f"{component.name} component")
                continue
            values = read_vevent(component, self.notes, self.vevent_count, zones)
            self.vevent_count += 1
            if values is not None:
                self.vevents.append(values)
                if values.docket_uid is not None:
                    self.owners[values.docket_uid.schedule_id] += 1
        for note in parsed.notes:
            self.notes.say(note)

    # -- values ------------------------------------------------------------------------
    @staticmethod
    def iana(name: str) -> str | None:
        """The IANA zone a TZID names (Windows names mapped), or None."""
        return iana_key(name)

    def timed(self, values: VEventValues, name: str) -> Timed | None:
        moment = values.start if name == "DTSTART" else values.end
        if moment is None:
            return None
        value, tzid = moment.value, moment.tzid
        if not isinstance(value, datetime):
            return Timed(value)
        key = self.iana(tzid or getattr(value.tzinfo, "key", "") or "")
        if key and tzid and key != tzid:
            self.notes.say(f"time zone {tzid!r} read as {key}")
        if value.tzinfo is None:
            if moment.instant is not None and not key:
                self.notes.drop(f"unknown TZID {tzid!r} (kept as exact UTC times)")
                return Timed(moment.instant)
            if tzid and not key:
                self.notes.drop(f"unknown TZID {tzid!r} (read in the schedule's zone)")
            elif name == "DTSTART" and not tzid:
                self.notes.drop("floating time (read in the schedule's zone)")
            return Timed(value, key or self.zone)
        if key and key not in ("UTC", "Etc/UTC"):
            return Timed(value.replace(tzinfo=None), key)
        if tzid and not key:
            self.notes.drop(f"unknown TZID {tzid!r} (kept as exact UTC times)")
        return Timed(value.astimezone(UTC))

    def unique_id(self, wanted: str) -> str:
        """`wanted`, or `wanted-2`, `-3`...: each wanted id remembers where its numbers are,
        so 10,000 events of one title take linear time, not quadratic."""
        candidate = wanted
        if candidate in self.ids:
            number = self._next_number.get(wanted, 2)
            while (candidate := f"{wanted}-{number}") in self.ids:
                number += 1
            self._next_number[wanted] = number + 1
        self.ids.add(candidate)
        return candidate

    # -- venues ------------------------------------------------------------------------
    def venue(self, values: VEventValues) -> ImportedVenue | None:
        location, venue_id = values.location, values.docket.get("venue", "")
        if not location and not venue_id:
            return None
        docket = bool(venue_id)
        venue_id = venue_id or slugify(location, "venue")
        venue = self.venues.get(venue_id)
        if venue is None:
            venue = self.venues[venue_id] = ImportedVenue(venue_id, location or venue_id, docket)
            zone = self.iana(values.docket.get("zone", ""))
            if zone:
                venue.zone = zone
        return venue

    # -- events ------------------------------------------------------------------------
    def fields(self, values: VEventValues, docket_kind: bool) -> EventFields:
        """Title, kind, status, tags, url and notes of one VEVENT; counts what it drops."""
        categories = list(values.categories)
        kind = "meeting"
        if docket_kind and categories and categories[0] in KINDS:
            kind = categories.pop(0)
        title = values.summary
        if not title:
            title = "(untitled)"
            self.notes.drop("missing SUMMARY (titled '(untitled)')")
        fields = EventFields(kind, title, tags=categories)
        status = values.docket.get("status") or _STATUS.get(values.status)
        if status and status != "confirmed":
            fields.status = status
        url, notes = values.url, values.description
        if url:
            fields.url = url
            notes = notes.removesuffix(url).removesuffix("\n\n") if notes != url else ""
        fields.notes = notes if notes.strip() else None
        for name in values.unused:
            self.notes.drop(name)
        return fields

    def _span(
        self, values: VEventValues, start: Timed
    ) -> tuple[date | datetime, date | datetime | None, str | None]:
        """Start, end (inclusive for dates; None for a point) and zone of a VEVENT."""
        end, duration = self.timed(values, "DTEND"), values.duration
        if end is not None and isinstance(end.value, datetime) != isinstance(start.value, datetime):
            kinds = ["date-time" if isinstance(t.value, datetime) else "date" for t in (end, start)]
            self.notes.say(
                f"{values.label}: DTEND is a {kinds[0]} but DTSTART a {kinds[1]}: DTEND ignored"
            )
            end = None
        if isinstance(start.value, datetime):
            stop = None
            if end is not None and isinstance(end.value, datetime):
                stop = end.value if end.zone == start.zone else _in_frame(end, start.zone)
            elif duration is not None:
                stop = start.value + duration
            if stop is not None and stop < start.value:
                self.notes.drop("DTEND before DTSTART (end left out)")
                stop = None
            if stop is not None and problem_with(stop) is not None:
                self.notes.say(f"{values.label}: its end is past the supported years: ignored")
                stop = None
            return start.value, stop if stop != start.value else None, start.zone
        last = start.value
        if end is not None and end.value > start.value:
            last = _as_date(end.value) - timedelta(days=1)
        elif end is None and duration is not None and duration.days > 1:
            last = start.value + timedelta(days=duration.days - 1)
        if problem_with(last) is not None:
            self.notes.say(f"{values.label}: its end is past the supported years: ignored")
            last = start.value
        return start.value, last if last != start.value else None, None

    def add_plain(self, values: VEventValues, shift: timedelta | None = None) -> None:
        """One VEVENT as one event; `shift` moves it to an occurrence of its RRULE."""
        uid = values.docket_uid
        start = self.timed(values, "DTSTART")
        assert start is not None  # read_vevent keeps only VEVENTs with a DTSTART
        fields = self.fields(values, docket_kind=uid is not None)
        first, last, zone = self._span(values, start)
        wanted = uid.event_id if uid else slugify(fields.title)
        if shift is not None:
            first = first + shift
            last = last + shift if last is not None else None
            wanted = f"{wanted}-{wall_time(first):%Y%m%d}"
            if last is not None and problem_with(last) is not None:
                last = None
        event = ImportedEvent(
            self.unique_id(wanted), fields, first, zone, self.position, docket=uid is not None
        )
        if last is not None and fields.kind not in POINT_KINDS:
            event.end = last
        venue = self.venue(values)
        if venue is not None:
            event.venue = venue.id
            if zone:
                venue.zones[zone] += 1
        if values.docket_hours and not isinstance(first, datetime):
            self._hours_without_days(values, event, venue)
        self.events.append(event)

    def _hours_without_days(
        self, values: VEventValues, event: ImportedEvent, venue: ImportedVenue | None
    ) -> None:
        """docket writes X-DOCKET-HOURS only for an event whose span has no working day: its
        weekdays were holidays, which the schedule must hold again (as the venue's), or a
        second export would put meeting blocks on them."""
        assert not isinstance(event.start, datetime)
        last = event.end if isinstance(event.end, date) else event.start
        off = working_days_in(event.start, last) if (last - event.start).days < 3660 else None
        if off is None or len(off) > MAX_OFF_DAYS:
            self.notes.say(f"{values.label}: its meeting hours span too many days: left out")
            return
        event.hours = list(values.docket_hours)
        (venue.holidays if venue is not None else self.schedule_holidays).update(off)

    def add_blocks(self, event_id: str, members: list[tuple[date, VEventValues]]) -> None:
        """Meeting blocks docket exported (with their UIDs' days), folded back into one event
        with `hours`; blocks that do not fold are imported one event each."""
        blocks = [values for _, values in sorted(members, key=lambda m: (m[0], m[1].uid))]
        folded = fold_blocks(self, blocks)
        if folded is None:
            self.notes.say(
                f"meeting blocks of `{event_id}` do not fold back into one event with hours "
                "(they differ from day to day, or are not blocks within a day): "
                "imported as one event per block"
            )
            for values in blocks:
                self.add_plain(values)
            return
        zone, hours, days, (first_day, last_day) = folded
        fields = self.fields(blocks[0], docket_kind=True)
        for values in blocks[1:]:
            self.fields(values, docket_kind=True)  # count what they drop too
        event = ImportedEvent(
            self.unique_id(event_id), fields, first_day, None, self.position, docket=True
        )
        if last_day != first_day and fields.kind not in POINT_KINDS:
            event.end = last_day
        event.hours = hours
        venue = self.venue(blocks[0])
        off_days = set(working_days_in(first_day, last_day)) - set(days)
        if venue is not None:
            event.venue = venue.id
            venue.zones[zone] += 1
            venue.holidays |= off_days
        else:
            self.schedule_holidays |= off_days
            if zone != self.zone:
                self.notes.say(f"`{event_id}`: meeting hours in {zone}, no venue: read in {zone}")
        self.events.append(event)

    def run(self) -> None:
        blocks: dict[str, list[tuple[date, VEventValues]]] = defaultdict(list)
        first_block: dict[str, int] = {}
        moved: dict[str, list[date | datetime]] = defaultdict(list)
        for values in self.vevents:
            if values.moved and values.recurrence_id is not None and values.uid:
                moved[values.uid].append(values.recurrence_id)
        self.budget.start()
        queue, self.vevents = deque(self.vevents), []  # each let go once it is an event
        while queue:
            values = queue.popleft()
            self.position = values.order
            uid = values.docket_uid
            if uid is not None and uid.day is not None and not values.moved:
                blocks[uid.event_id].append((uid.day, values))
                first_block.setdefault(uid.event_id, values.order)
            elif values.repeats:
                self._add_recurring(values, moved.get(values.uid, []))
            else:
                self.add_plain(values)
        for event_id, members in blocks.items():
            self.position = first_block[event_id]
            self.add_blocks(event_id, members)
        if self.budget.starved:
            self.notes.warn(self.budget.note())

    def _add_recurring(self, values: VEventValues, moved: list[date | datetime]) -> None:
        shifts, note = expand_occurrences(
            values.start.value,
            values.rules,
            values.rdates,
            values.exdates,
            moved,
            self.budget,
            LATEST,
        )
        events = plural(len(shifts), "separate event")
        self.notes.say(f"{values.label} repeats: imported as {events}{note}")
        for part, present in (("RRULE", values.rules), ("RDATE", values.rdates)):
            if present:
                self.notes.drop(f"{part} (expanded into separate events)")
        if values.exdates:
            self.notes.drop("EXDATE (expanded into separate events)")
        for shift in shifts:
            self.add_plain(values, shift)


def _as_date(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def _in_frame(moment: Timed, zone: str | None) -> datetime:
    """An end written in another zone than its start, as a wall time in the start's zone."""
    assert isinstance(moment.value, datetime)
    instant = moment.value
    if moment.zone:
        instant = instant.replace(tzinfo=ZoneInfo(moment.zone))
    if zone:
        return instant.astimezone(ZoneInfo(zone)).replace(tzinfo=None)
    return instant.astimezone(UTC)
