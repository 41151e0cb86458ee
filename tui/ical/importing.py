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

import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import tomli_w

from tui.core.collection import collection_deferred
from tui.core.dates import FIRST_YEAR, LAST_YEAR
from tui.core.errors import CalendarImportError, ScheduleError
from tui.core.model import POINT_KINDS
from tui.core.sanitize import visible
from tui.ical.parsing import ParsedCalendar, parse_calendar
from tui.ical.reading import CalendarReader, ImportedEvent, slugify
from tui.ical.recurrence import Budget
from tui.ical.values import Notes, calendar_text, quote


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
        name, city = venue.location, ""
        if venue.docket and ", " in venue.location:
            name, _, city = venue.location.rpartition(", ")
            if not name.strip():
                name, city = venue.location, ""
        table["name"] = name
        if city.strip():
            table["city"] = city
        zone = venue.zone or (venue.zones.most_common(1)[0][0] if venue.zones else None)
        table["timezone"] = zone or reader.zone
        holidays = sorted(day for day in venue.holidays if _in_years(day))
        if holidays:
            table["holidays"] = holidays
        venues[venue.id] = table
    return venues


def _in_years(value: date) -> bool:
    """A value the schedule format takes: in the supported years and, for an offset
    date-time, a whole-minute offset (TOML has no seconds in offsets; zones had them
    before standard time, such as Kolkata's +05:53:28 in 1900)."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        offset = value.utcoffset()
        if offset is None or offset.seconds % 60 or offset.microseconds:
            return False
    return FIRST_YEAR <= value.year <= LAST_YEAR


#: Offsets that bring an instant just outside the supported years back in (the original
#: offset is lost: docket exports offset date-times in UTC).
_EDGE_OFFSETS = (timezone(timedelta(hours=14)), timezone(timedelta(hours=-12)))


def _placements(
    event: ImportedEvent, value: date | datetime, home: str
) -> Sequence[date | datetime]:
    """How a start or end may be written, best first: the wall time where the event happens
    when that says it exactly, else the exact instant (in UTC, or in the zone's offset when
    UTC would fall outside the supported years)."""
    if not isinstance(value, datetime):
        return [value]
    if event.zone is None and not event.docket:
        # UTC times from another calendar: shown as wall times where the event happens,
        # unless that wall time happens twice there (the clocks fall back): a wall time
        # could not say which.
        local = value.astimezone(ZoneInfo(home))
        ambiguous = local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset()
        exact = [value, local, *(value.astimezone(offset) for offset in _EDGE_OFFSETS)]
        return exact if ambiguous else [local.replace(tzinfo=None), *exact]
    if event.zone is not None and event.zone != home:
        aware = value.replace(tzinfo=ZoneInfo(event.zone))
        return [aware.astimezone(UTC), aware]
    if value.tzinfo is not None:
        edges = [value.astimezone(offset) for offset in _EDGE_OFFSETS]
        return [value, value.astimezone(ZoneInfo(home)), *edges]
    return [value]


def _event_table(event: ImportedEvent, home: str) -> dict[str, Any] | None:
    """An `[[events]]` table, its wall times in `home`, the zone of its venue (or schedule);
    None if its start cannot be written within the supported years."""

    def placed(value: date | datetime) -> date | datetime | None:
        return next((v for v in _placements(event, value, home) if _in_years(v)), None)

    fields = event.fields
    table: dict[str, Any] = {"id": event.id, "kind": fields.kind, "title": fields.title}
    table["start"] = placed(event.start)
    if table["start"] is None:
        return None
    end = placed(event.end) if event.end is not None else None
    if end is not None:
        table["end"] = end
    optional = {"venue": event.venue, "hours": event.hours, "status": fields.status}
    optional |= {"tags": fields.tags, "url": fields.url, "notes": fields.notes}
    return table | {key: value for key, value in optional.items() if value}


def _document(reader: CalendarReader, source_name: str) -> dict[str, Any]:
    venues = _venue_tables(reader)
    notes, calendar = reader.notes, reader.calendar
    events = []
    for event in sorted(reader.events, key=lambda event: event.order):
        home = venues[event.venue]["timezone"] if event.venue is not None else reader.zone
        table = _event_table(event, home)
        if table is None:
            notes.drop(f"event outside the years {FIRST_YEAR} to {LAST_YEAR} (skipped)")
        else:
            events.append(table)
    owners = reader.owners
    title = (
        calendar_text(calendar, notes, "X-WR-CALNAME") or calendar_text(calendar, notes, "NAME")
    ).strip()
    stem = visible(source_name.rsplit("/", 1)[-1].rsplit(".", 1)[0]).strip() or "calendar"
    schedule: dict[str, Any] = {
        "id": owners.most_common(1)[0][0] if owners else slugify(title or stem, "calendar"),
        "title": title or stem,
        "timezone": reader.zone,
    }
    deadline = calendar_text(calendar, notes, "X-DOCKET-DEADLINE").strip()
    kinds = {event["id"]: event["kind"] for event in events}
    if kinds.get(deadline) in POINT_KINDS:
        schedule["deadline"] = deadline
    elif deadline:
        notes.say(f"X-DOCKET-DEADLINE {quote(deadline)} names no deadline: ignored")
    holidays = sorted(day for day in reader.schedule_holidays if _in_years(day))
    if holidays:
        schedule["holidays"] = holidays
    description = calendar_text(calendar, notes, "X-WR-CALDESC", multiline=True)
    if description.strip():
        schedule["description"] = description
    return {"schedule": schedule, "venues": venues, "events": events}


def _parse(data: bytes) -> ParsedCalendar:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise CalendarImportError(f"not UTF-8 text (bad byte on line {line})") from None
    if not text.lstrip().upper().startswith("BEGIN:VCALENDAR"):
        raise CalendarImportError("not an iCalendar file (it does not begin with BEGIN:VCALENDAR)")
    return parse_calendar(text)


def _check(toml_text: str, name: str, notes: Notes) -> None:
    """The loader's own checks of the schedule written, its warnings as notes.

    The checks are `load_text`'s, but its warnings are not located in the text: the note
    names the event, and locating needs the TOML parser's table of positions, 85 times
    the size of the text (a calendar of 10,000 weekend events took 150 MB for it). Only an
    error, which would be docket's own mistake, is located, by the loader itself.
    """
    from tui.schedule.build import build_schedule
    from tui.schedule.loader import load_text
    from tui.schedule.toml_source import parse
    from tui.schedule.warnings import schedule_warnings

    try:
        with collection_deferred():
            built = build_schedule(parse(toml_text, name), text=toml_text)
            if built.schedule is None:
                load_text(toml_text, name)  # raises the located errors
                raise ScheduleError([])
            issues = schedule_warnings(built.schedule, built.event_index)
    except ScheduleError as error:
        raise CalendarImportError(f"the imported schedule is not valid: {error}") from None
    for issue in issues:
        notes.say(f"check: {issue.message}")


def import_calendar(data: bytes, *, source_name: str, budget: Budget | None = None) -> ImportResult:
    """A schedule TOML (valid for the loader) from .ics bytes; `source_name` names the input.

    `budget` bounds the expansion of repeating events and of the file's own time zones
    (default: `Budget()`, see `tui.ical.budget`). Raises CalendarImportError for input
    that is not a UTF-8 iCalendar file with events, or of which no event can be read.

    icalendar's own warnings (a TZID it guessed by stripping a vendor prefix) are not
    shown: Python would print them to standard error with its file path and the file's
    text, beside the notes, which say what was read.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", module=r"(icalendar|dateutil)(\.|$)")
        return _import(data, source_name, budget or Budget())


def _import(data: bytes, source_name: str, budget: Budget) -> ImportResult:
    reader = CalendarReader(_parse(data), budget)
    if not reader.vevent_count:
        raise CalendarImportError("the calendar has no events (no VEVENT)")
    reader.run()
    document = _document(reader, source_name)
    reader.events = []  # in the document now: let go before the TOML is written
    if not document["events"]:
        raise CalendarImportError(
            "no event could be imported: " + "; ".join(reader.notes.lines()[:3])
        )
    name = visible(source_name.rsplit("/", 1)[-1])
    header = f"# Imported by `docket import` from {name}.\n\n"
    toml_text = header + tomli_w.dumps(document, multiline_strings=True)
    count = len(document["events"])
    del document  # the TOML says it all now: the check below need not hold both
    _check(toml_text, f"{slugify(source_name, 'calendar')}.toml", reader.notes)
    return ImportResult(toml_text, reader.notes.lines(), count)


__all__ = ["CalendarImportError", "ImportResult", "import_calendar"]
