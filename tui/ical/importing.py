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

Reading the VEVENTs is `tui.ical.reading`; this module checks the input, writes the TOML
and has the loader check it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import tomli_w
from icalendar import Calendar

from tui.core.errors import CalendarImportError, ScheduleError
from tui.ical.reading import CalendarReader, ImportedEvent, slugify, text_of
from tui.ical.vevents import parse_uid


@dataclass
class ImportResult:
    """The schedule TOML, and notes on what was guessed or could not be represented."""

    toml_text: str
    notes: list[str]
    event_count: int = 0


def _venue_tables(reader: CalendarReader) -> dict[str, dict[str, Any]]:
    """The `[venues]` tables; a venue's zone is docket's, else its events' commonest."""
    venues: dict[str, dict[str, Any]] = {}
    for venue in reader.venues.values():
        table: dict[str, Any] = {}
        name, city = venue.location, None
        if venue.docket and ", " in venue.location:
            name, _, city = venue.location.rpartition(", ")
        table["name"] = name
        if city:
            table["city"] = city
        zone = venue.zone or (venue.zones.most_common(1)[0][0] if venue.zones else None)
        table["timezone"] = zone or reader.zone
        if venue.holidays:
            table["holidays"] = sorted(venue.holidays)
        venues[venue.id] = table
    return venues


def _event_table(event: ImportedEvent, home: str) -> dict[str, Any]:
    """An `[[events]]` table, its wall times in `home`, the zone of its venue (or schedule)."""

    def placed(value: date | datetime) -> date | datetime:
        if not isinstance(value, datetime):
            return value
        if event.zone is None and not event.docket:
            # UTC times from another calendar: shown as wall times where the event happens.
            return value.astimezone(ZoneInfo(home)).replace(tzinfo=None)
        if event.zone is not None and event.zone != home:
            return value.replace(tzinfo=ZoneInfo(event.zone)).astimezone(UTC)
        return value

    fields = event.fields
    table: dict[str, Any] = {"id": event.id, "kind": fields.kind, "title": fields.title}
    table["start"] = placed(event.start)
    if event.end is not None:
        table["end"] = placed(event.end)
    optional = {"venue": event.venue, "hours": event.hours, "status": fields.status}
    optional |= {"tags": fields.tags, "url": fields.url, "notes": fields.notes}
    return table | {key: value for key, value in optional.items() if value}


def _document(reader: CalendarReader, source_name: str) -> dict[str, Any]:
    venues = _venue_tables(reader)
    events = [
        _event_table(
            event, venues[event.venue]["timezone"] if event.venue is not None else reader.zone
        )
        for event in sorted(reader.events, key=lambda event: event.order)
    ]
    uids = [parse_uid(str(v.get("UID", ""))) for v in reader.calendar.events]
    owners = Counter(uid.schedule_id for uid in uids if uid)
    title = text_of(reader.calendar, "X-WR-CALNAME") or text_of(reader.calendar, "NAME")
    stem = source_name.rsplit("/", 1)[-1].rsplit(".", 1)[0] or "calendar"
    schedule: dict[str, Any] = {
        "id": owners.most_common(1)[0][0] if owners else slugify(title or stem, "calendar"),
        "title": title.strip() or stem,
        "timezone": reader.zone,
    }
    deadline = text_of(reader.calendar, "X-DOCKET-DEADLINE")
    if deadline and deadline in reader.ids:
        schedule["deadline"] = deadline
    if reader.schedule_holidays:
        schedule["holidays"] = sorted(reader.schedule_holidays)
    description = text_of(reader.calendar, "X-WR-CALDESC")
    if description:
        schedule["description"] = description
    return {"schedule": schedule, "venues": venues, "events": events}


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
    if not calendar.events:
        raise CalendarImportError("the calendar has no events (no VEVENT)")
    return calendar


def import_calendar(data: bytes, *, source_name: str) -> ImportResult:
    """A schedule TOML (valid for the loader) from .ics bytes; `source_name` names the input.

    Raises CalendarImportError for input that is not a UTF-8 iCalendar file with events.
    """
    from tui.schedule.loader import load_text

    reader = CalendarReader(_parse(data))
    reader.run()
    document = _document(reader, source_name)
    if not document["events"]:
        raise CalendarImportError("no event could be imported")
    header = f"# Imported by `docket import` from {source_name.rsplit('/', 1)[-1]}.\n\n"
    toml_text = header + tomli_w.dumps(document, multiline_strings=True)
    notes = list(dict.fromkeys(reader.notes))
    for what, count in sorted(reader.dropped.items()):
        notes.append(f"not represented in a schedule: {what} ({count}x)")
    try:
        loaded = load_text(toml_text, f"{slugify(source_name, 'calendar')}.toml")
    except ScheduleError as error:
        raise CalendarImportError(f"the imported schedule is not valid: {error}") from None
    notes += [f"check: {warning.message}" for warning in loaded.warnings]
    return ImportResult(toml_text, notes, len(document["events"]))


__all__ = ["CalendarImportError", "ImportResult", "import_calendar"]
