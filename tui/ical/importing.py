"""iCalendar import: a calendar (docket's own export, Outlook's, Google's...) as schedule TOML.

`import_calendar(data, source_name=...)` returns the TOML text and a list of notes saying
what could not be represented and what was guessed. Nothing is dropped silently.

Calendars docket exported come back whole: the event id is in each UID, meeting blocks fold
back into one event with `hours` (working days without a block become holidays of the
venue), and docket's X-DOCKET-* properties restore venue ids, spans and `postponed`; a
second export then writes the same UIDs, dates, times and text. Other calendars become
`meeting` events named after their SUMMARY, venues made from LOCATION and zones from TZID
(Windows zone names as Outlook writes them are mapped to IANA names); recurring events are
expanded into one event per occurrence.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import tomli_w
from icalendar import Calendar, vText
from icalendar import Event as VEvent
from icalendar.parser import unescape_backslash
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from tui.core.errors import CalendarImportError, ScheduleError
from tui.core.model import KINDS
from tui.core.workdays import working_days_in
from tui.ical.recurrence import expand_occurrences
from tui.ical.vevents import X_HOURS, X_SPAN, X_STATUS, X_VENUE, X_VENUE_ZONE, parse_uid
from tui.schedule.validate import zone_or_none

_STATUS = {"CONFIRMED": "confirmed", "TENTATIVE": "tentative", "CANCELLED": "cancelled"}
#: Properties that become schedule fields (or that docket writes itself on export).
_USED = {
    *("SUMMARY", "DTSTART", "DTEND", "DURATION", "DESCRIPTION", "LOCATION", "URL", "STATUS"),
    *("CATEGORIES", "UID", "DTSTAMP", "TRANSP", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID"),
    *("SEQUENCE", "CREATED", "LAST-MODIFIED", X_VENUE, X_VENUE_ZONE, X_SPAN, X_STATUS, X_HOURS),
}
_SLUG_OUT = re.compile(r"[^A-Za-z0-9._-]+")


def _text(component, name: str) -> str:
    """A TEXT property's value; X- properties (of no known type) are unescaped here."""
    value = component.get(name)
    if value is None:
        return ""
    if isinstance(value, list):
        value = value[0]
    return str(value) if isinstance(value, vText) else unescape_backslash(str(value))


@dataclass
class ImportResult:
    """The schedule TOML, and notes on what was guessed or could not be represented."""

    toml_text: str
    notes: list[str]
    event_count: int = 0


def slugify(text: str, fallback: str = "event") -> str:
    slug = _SLUG_OUT.sub("-", text.strip().lower()).strip("-._")[:60].rstrip("-._")
    return slug or fallback


@dataclass
class _Timed:
    """A VEVENT's start or end: a date, or a datetime with the IANA zone it was written in."""

    value: date | datetime
    zone: str | None = None  # IANA key for a wall time; None for a date or an exact instant


@dataclass
class _Venue:
    id: str
    location: str
    docket: bool
    zone: str | None = None  # as docket exported it
    zones: Counter = field(default_factory=Counter)
    holidays: set[date] = field(default_factory=set)


class _Importer:
    def __init__(self, calendar: Calendar, source_name: str) -> None:
        self.calendar = calendar
        self.source_name = source_name
        self.notes: list[str] = []
        self.dropped: Counter = Counter()
        self.venues: dict[str, _Venue] = {}
        self.schedule_holidays: set[date] = set()
        self.events: list[dict[str, Any]] = []
        self.ids: set[str] = set()
        self.position = 0  # of the VEVENT being read: events keep the calendar's order
        zone = _text(calendar, "X-WR-TIMEZONE").strip()
        self.zone = self._iana(zone) or self._commonest_zone()
        if zone and not self._iana(zone):
            self.notes.append(f"X-WR-TIMEZONE {zone!r} is not a known zone; used {self.zone}")

    def _commonest_zone(self) -> str:
        """Without X-WR-TIMEZONE: the zone most events name, else UTC."""
        zones = Counter(
            self._iana(str(vevent["DTSTART"].params.get("TZID", "")))
            for vevent in self.calendar.walk("VEVENT")
            if "DTSTART" in vevent
        )
        zones.pop(None, None)
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
            return _Timed(value, self.zone or "UTC")
        tzid = prop.params.get("TZID")
        key = self._iana(tzid if tzid else getattr(value.tzinfo, "key", ""))
        if key and key != tzid and tzid:
            self.notes.append(f"time zone {tzid!r} read as {key}")
        if key and key not in ("UTC", "Etc/UTC"):
            return _Timed(value.replace(tzinfo=None), key)
        if tzid and not key:
            self.dropped[f"unknown TZID {tzid!r} (kept as exact UTC times)"] += 1
        return _Timed(value.astimezone(UTC))

    @staticmethod
    def _categories(vevent: VEvent) -> list[str]:
        return [str(c) for c in vevent.categories]

    def _unique_id(self, wanted: str) -> str:
        candidate, number = wanted, 2
        while candidate in self.ids:
            candidate = f"{wanted}-{number}"
            number += 1
        self.ids.add(candidate)
        return candidate

    # -- venues ------------------------------------------------------------------------
    def _venue(self, vevent: VEvent) -> _Venue | None:
        location = str(vevent.get("LOCATION", "")).strip()
        venue_id = _text(vevent, X_VENUE).strip()
        if not location and not venue_id:
            return None
        docket = bool(venue_id)
        venue_id = venue_id or slugify(location, "venue")
        venue = self.venues.get(venue_id)
        if venue is None:
            venue = self.venues[venue_id] = _Venue(venue_id, location or venue_id, docket)
            zone = self._iana(_text(vevent, X_VENUE_ZONE))
            if zone:
                venue.zone = zone
        return venue

    # -- events ------------------------------------------------------------------------
    def _fields(self, vevent: VEvent, docket_kind: bool) -> dict[str, Any]:
        """Title, kind, status, tags, url and notes of one VEVENT."""
        categories = self._categories(vevent)
        kind = "meeting"
        if docket_kind and categories and categories[0] in KINDS:
            kind = categories.pop(0)
        out: dict[str, Any] = {"kind": kind, "title": str(vevent.get("SUMMARY", "")).strip()}
        if not out["title"]:
            out["title"] = "(untitled)"
            self.dropped["missing SUMMARY (titled '(untitled)')"] += 1
        status = _text(vevent, X_STATUS) or _STATUS.get(str(vevent.get("STATUS", "")))
        if status and status != "confirmed":
            out["status"] = status
        if categories:
            out["tags"] = categories
        url = str(vevent.get("URL", "")).strip()
        notes = str(vevent.get("DESCRIPTION", ""))
        if url:
            out["url"] = url
            notes = notes.removesuffix(url).removesuffix("\n\n") if notes != url else ""
        if notes:
            out["notes"] = notes
        for name in vevent:
            if name not in _USED:
                self.dropped[name] += 1
        for component in vevent.subcomponents:
            self.dropped[f"{component.name} (reminders: use `docket export --alarm`)"] += 1
        return out

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
        wanted = uid.event_id if uid else slugify(fields["title"])
        if shift is not None:
            first = first + shift
            last = last + shift if last is not None else None
            wanted = f"{wanted}-{_naive(first):%Y%m%d}"
        event: dict[str, Any] = {"id": self._unique_id(wanted), **fields}
        event["start"], event["_zone"], event["_order"] = first, zone, self.position
        event["_docket"] = uid is not None
        if last is not None and fields["kind"] not in ("deadline", "milestone"):
            event["end"] = last
        hours = _text(vevent, X_HOURS).strip()
        if hours:
            event["hours"] = hours.split(",")
        venue = self._venue(vevent)
        if venue is not None:
            event["venue"] = venue.id
            if zone:
                venue.zones[zone] += 1
        self.events.append(event)

    def add_blocks(self, event_id: str, vevents: list[VEvent]) -> None:
        """Meeting blocks docket exported, folded back into one event with `hours`."""
        blocks = sorted(vevents, key=lambda v: (parse_uid(str(v["UID"])).day, str(v["UID"])))
        starts = [self._timed(v, "DTSTART") for v in blocks]
        ends = [self._timed(v, "DTEND") for v in blocks]
        zones = {t.zone for t in starts + ends if t is not None}
        by_day: dict[date, list[str]] = defaultdict(list)
        for begin, finish in zip(starts, ends, strict=True):
            if begin is None or finish is None or not isinstance(begin.value, datetime):
                by_day.clear()
                break
            by_day[begin.value.date()].append(f"{begin.value:%H:%M}-{finish.value:%H:%M}")
        patterns = {tuple(hours) for hours in by_day.values()}
        if len(zones) != 1 or None in zones or len(patterns) != 1:
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
        span = _text(blocks[0], X_SPAN)
        first, _, last = span.partition("/")
        try:
            first_day, last_day = date.fromisoformat(first), date.fromisoformat(last)
        except ValueError:
            first_day, last_day = days[0], days[-1]
        event: dict[str, Any] = {"id": self._unique_id(event_id), **fields}
        event["start"], event["_zone"], event["_order"] = first_day, None, self.position
        event["_docket"] = True
        if last_day != first_day:
            event["end"] = last_day
        event["hours"] = list(patterns.pop())
        zone = zones.pop()
        venue = self._venue(blocks[0])
        off_days = set(working_days_in(first_day, last_day)) - set(days)
        if venue is not None:
            event["venue"] = venue.id
            venue.zones[zone] += 1
            venue.holidays |= off_days
        else:
            self.schedule_holidays |= off_days
            if zone != (self.zone or "UTC"):
                self.notes.append(
                    f"`{event_id}`: meeting hours in {zone}, no venue: read in {zone}"
                )
        self.events.append(event)

    # -- output ------------------------------------------------------------------------
    def document(self) -> dict[str, Any]:
        venues = {}
        for venue in self.venues.values():
            table: dict[str, Any] = {}
            name, city = venue.location, None
            if venue.docket and ", " in venue.location:
                name, _, city = venue.location.rpartition(", ")
            table["name"] = name
            if city:
                table["city"] = city
            zone = venue.zone or (venue.zones.most_common(1)[0][0] if venue.zones else None)
            zone = zone or self.zone or "UTC"
            table["timezone"] = zone
            if venue.holidays:
                table["holidays"] = sorted(venue.holidays)
            venues[venue.id] = table
        in_file_order = sorted(self.events, key=lambda event: event.pop("_order"))
        events = [self._finish(event, venues) for event in in_file_order]
        uids = [parse_uid(str(v.get("UID", ""))) for v in self.calendar.walk("VEVENT")]
        owners = Counter(uid.schedule_id for uid in uids if uid)
        title = _text(self.calendar, "X-WR-CALNAME") or _text(self.calendar, "NAME")
        stem = self.source_name.rsplit("/", 1)[-1].rsplit(".", 1)[0] or "calendar"
        schedule: dict[str, Any] = {
            "id": owners.most_common(1)[0][0] if owners else slugify(title or stem, "calendar"),
            "title": title.strip() or stem,
            "timezone": self.zone or "UTC",
        }
        deadline = _text(self.calendar, "X-DOCKET-DEADLINE")
        if deadline and deadline in self.ids:
            schedule["deadline"] = deadline
        if self.schedule_holidays:
            schedule["holidays"] = sorted(self.schedule_holidays)
        description = _text(self.calendar, "X-WR-CALDESC")
        if description:
            schedule["description"] = description
        return {"schedule": schedule, "venues": venues, "events": events}

    def _finish(self, event: dict[str, Any], venues: dict[str, Any]) -> dict[str, Any]:
        """Write a timed event's wall times in its venue's (or the schedule's) zone."""
        zone, docket = event.pop("_zone"), event.pop("_docket")
        home = venues[event["venue"]]["timezone"] if "venue" in event else self.zone or "UTC"
        if zone is None and not docket and isinstance(event["start"], datetime):
            # UTC times from another calendar: shown as wall times where the event happens.
            for key in ("start", "end"):
                if key in event:
                    event[key] = event[key].astimezone(ZoneInfo(home)).replace(tzinfo=None)
        elif zone is not None and zone != home:
            for key in ("start", "end"):
                if key in event:
                    event[key] = event[key].replace(tzinfo=ZoneInfo(zone)).astimezone(UTC)
        order = ("id", "kind", "title", "start", "end", "venue", "hours", "status", "tags")
        ordered = {key: event[key] for key in order if key in event}
        return ordered | {key: value for key, value in event.items() if key not in ordered}

    def run(self) -> None:
        vevents = self.calendar.walk("VEVENT")
        overrides = [v for v in vevents if "RECURRENCE-ID" in v]
        blocks: dict[str, list[VEvent]] = defaultdict(list)
        first_block: dict[str, int] = {}
        for position, vevent in enumerate(vevents):
            self.position = position
            uid = parse_uid(str(vevent.get("UID", "")))
            if uid is not None and uid.day is not None and "RECURRENCE-ID" not in vevent:
                blocks[uid.event_id].append(vevent)
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


def _naive(value: date | datetime) -> datetime:
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    return datetime.combine(value, time(0))


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


def _parse(data: bytes) -> Calendar:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise CalendarImportError(f"not UTF-8 text (bad byte on line {line})") from None
    if not text.lstrip().upper().startswith("BEGIN:VCALENDAR"):
        raise CalendarImportError("not an iCalendar file (it does not begin with BEGIN:VCALENDAR)")
    try:
        calendar = Calendar.from_ical(text)
    except ValueError as error:
        raise CalendarImportError(f"not a valid iCalendar file: {error}") from None
    if not calendar.walk("VEVENT"):
        raise CalendarImportError("the calendar has no events (no VEVENT)")
    return calendar


def import_calendar(data: bytes, *, source_name: str) -> ImportResult:
    """A schedule TOML (valid for the loader) from .ics bytes; `source_name` names the input.

    Raises CalendarImportError for input that is not a UTF-8 iCalendar file with events.
    """
    from tui.schedule.loader import load_text

    importer = _Importer(_parse(data), source_name)
    importer.run()
    document = importer.document()
    if not document["events"]:
        raise CalendarImportError("no event could be imported")
    header = f"# Imported by `docket import` from {source_name.rsplit('/', 1)[-1]}.\n\n"
    toml_text = header + tomli_w.dumps(document, multiline_strings=True)
    notes = list(dict.fromkeys(importer.notes))
    for what, count in sorted(importer.dropped.items()):
        notes.append(f"not represented in a schedule: {what} ({count}x)")
    try:
        loaded = load_text(toml_text, f"{slugify(source_name, 'calendar')}.toml")
    except ScheduleError as error:
        raise CalendarImportError(f"the imported schedule is not valid: {error}") from None
    notes += [f"check: {warning.message}" for warning in loaded.warnings]
    return ImportResult(toml_text, notes, len(document["events"]))
