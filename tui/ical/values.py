"""Reading and bounding every property `docket import` uses: the one place icalendar is read.

icalendar 7 parses a property's value only when it is first touched, so a malformed DTSTART,
RRULE or EXDATE raised wherever the importer happened to read it, as a traceback; a repeated
property is a list; a VALUE parameter turns DTSTART into a period, a time of day or text.
Guarding each use would scatter the same checks through the importer and miss some, so
each VEVENT is read here once, every value touched inside a guard, into `VEventValues`:
plain values of the types the importer expects, bounded to what a schedule can hold (dates
in the years docket supports, texts shown through `visible`, docket's own X- properties
checked against the schedule format). A value that fails becomes a note such as
``event 'Briefing': DTSTART 'garbage' cannot be read: event skipped``, and the event is
skipped or the property dropped. Nothing after this module touches an icalendar value.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from types import MappingProxyType
from typing import Any
from zoneinfo import ZoneInfo

from icalendar import Component, vText
from icalendar.parser import unescape_backslash

from tui.core.dates import FIRST_YEAR, LAST_YEAR
from tui.core.sanitize import visible
from tui.ical.calendar_zones import FileZones
from tui.ical.docket_fields import read_docket
from tui.ical.recurrence import Rule, RuleError, bounded_rule
from tui.ical.vevents import X_HOURS, X_SPAN, X_STATUS, X_VENUE, X_VENUE_ZONE, DocketUid
from tui.schedule.fields import HOURS_PATTERN

#: What icalendar and the arithmetic on its values raise for a malformed value.
BAD_VALUE = (ValueError, TypeError, ArithmeticError, LookupError, AttributeError)
#: What is read: the supported years and a day beyond each end, so that whatever docket
#: exports comes back (an offset time early on 1 January 1900 is 31 December 1899 in UTC;
#: the last day's exclusive DTEND is in 3000). `tui.ical.importing` then writes each value
#: in a zone that keeps it in the supported years, or leaves it out with a note.
EARLIEST = datetime(FIRST_YEAR - 1, 12, 31)
LATEST = datetime(LAST_YEAR + 1, 1, 1, 23, 59, 59)
FIRST_DAY, LAST_DAY = EARLIEST.date(), LATEST.date()
LONGEST = LATEST - EARLIEST
#: The X-DOCKET-* texts of an event without any (shared by all of them).
NO_MARKS: Mapping[str, str] = MappingProxyType({})
#: Notes shown at most (a calendar of 10,000 broken events would print 10,000 lines).
MAX_NOTES = 100
#: Properties that become schedule fields (or that docket writes itself on export).
USED = {
    *("SUMMARY", "DTSTART", "DTEND", "DURATION", "DESCRIPTION", "LOCATION", "URL", "STATUS"),
    *("CATEGORIES", "UID", "DTSTAMP", "TRANSP", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID"),
    *("SEQUENCE", "CREATED", "LAST-MODIFIED", X_VENUE, X_VENUE_ZONE, X_SPAN, X_STATUS, X_HOURS),
}
_HOURS = re.compile(HOURS_PATTERN)


def quote(value: object, width: int = 40) -> str:
    """A value from the file as a note quotes it: shortened, in quotes, controls shown."""
    text = _raw(value)
    if len(text) > width:
        text = text[: width - 1] + "…"
    return visible(repr(text))


def _raw(value: object) -> str:
    """The text a property was written with, as far as it can be recovered."""
    if isinstance(value, str):  # vText, vBroken and friends keep it (as a plain str: their
        return str.__str__(value)  # own repr would show the class)
    try:
        raw = value.to_ical()  # type: ignore[attr-defined]
        return raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
    except Exception:  # only naming the value: any failure names its type instead
        return type(value).__name__


class Notes:
    """What an import says about its input: each message once, shown through `visible`.

    `warn` is for what the planner must read (budgets spent): always kept, listed first.
    `drop` counts what a schedule cannot hold, said once with its count.
    """

    def __init__(self) -> None:
        self._said: dict[str, None] = {}
        self._warnings: dict[str, None] = {}
        self.dropped: Counter[str] = Counter()
        self.unsaid = 0

    def say(self, message: str) -> None:
        message = visible(message)
        if message in self._said:
            return
        if len(self._said) >= MAX_NOTES:
            self.unsaid += 1
            return
        self._said[message] = None

    def warn(self, message: str) -> None:
        self._warnings[visible(message)] = None

    def drop(self, what: str) -> None:
        self.dropped[visible(what)] += 1

    def lines(self) -> list[str]:
        lines = [*self._warnings, *self._said]
        for what, count in sorted(self.dropped.items())[:MAX_NOTES]:
            lines.append(f"not represented in a schedule: {what} ({count}x)")
        hidden = self.unsaid + max(0, len(self.dropped) - MAX_NOTES)
        if hidden:
            lines.append(f"... and {hidden} more notes like these")
        return lines


@dataclass(frozen=True, slots=True)
class Moment:
    """A DTSTART, DTEND or RECURRENCE-ID: a date, or a date-time naive (floating), aware
    in a ZoneInfo, or in UTC; and the TZID parameter it was written with."""

    value: date | datetime
    tzid: str = ""
    #: For a time in a zone only the file's VTIMEZONE defines: `value` is its wall time
    #: and this the exact instant, for when the TZID names no zone docket knows.
    instant: datetime | None = None


@dataclass(slots=True)
class VEventValues:
    """Everything the importer reads of one VEVENT, each value checked and bounded."""

    order: int  # the VEVENT's position in the file
    label: str  # how notes name it: event 'Title'
    uid: str
    start: Moment
    end: Moment | None = None
    duration: timedelta | None = None
    summary: str = ""
    location: str = ""
    description: str = ""
    url: str = ""
    status: str = ""
    # Tuples and one shared empty mapping: a calendar of 100,000 events holds 100,000 of
    # these, and seven empty lists and a dict each were a third of their size.
    categories: tuple[str, ...] = ()
    rules: tuple[Rule, ...] = ()
    rdates: tuple[date | datetime, ...] = ()
    exdates: tuple[date | datetime, ...] = ()
    recurrence_id: date | datetime | None = None
    repeats: bool = False  # has RRULE or RDATE, readable or not
    moved: bool = False  # has RECURRENCE-ID, readable or not
    docket: Mapping[str, str] = field(default_factory=lambda: NO_MARKS)  # X-DOCKET-*, checked
    docket_hours: tuple[str, ...] = ()
    docket_span: tuple[date, date] | None = None
    unused: tuple[str, ...] = ()  # properties and components not kept
    docket_uid: DocketUid | None = None  # the ids of a UID of docket's form, checked


def problem_with(value: object) -> str | None:
    """Why a value cannot be a schedule's date or date-time, or None if it can."""
    if isinstance(value, tuple):
        return "is a period"
    if isinstance(value, time):
        return "is a time of day without a date"
    if isinstance(value, timedelta):
        return "is a duration"
    if isinstance(value, datetime):
        wall = value.replace(tzinfo=None)
        if EARLIEST <= wall <= LATEST:
            return None
    elif isinstance(value, date):
        if FIRST_DAY <= value <= LAST_DAY:
            return None
    else:
        return "is not a date"
    return f"is outside the years docket supports ({FIRST_YEAR} to {LAST_YEAR})"


def _normal(value: Any) -> Any:
    """A value as the importer reads it. A date-time keeps a zone icalendar took from the
    zone database (or a fixed offset); any other tzinfo, one built from a VTIMEZONE, is
    dropped to the wall time, never asked for an offset: that would run the file's rules
    (`tui.ical.calendar_zones` reads those, bounded)."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        if isinstance(value.tzinfo, ZoneInfo):
            value.utcoffset()  # a zone that cannot say its offset fails here, in the guard
        elif not isinstance(value.tzinfo, timezone):
            return value.replace(tzinfo=None)
    return value


def valid_hours(blocks: list[str]) -> bool:
    """Meeting blocks as a schedule accepts them: HH:MM-HH:MM, in order, not overlapping."""
    previous = None
    for block in blocks:
        if not _HOURS.match(block):
            return False
        start, end = (time.fromisoformat(part.zfill(5)) for part in block.split("-"))
        if end <= start or (previous is not None and start < previous):
            return False
        previous = end
    return bool(blocks)


class PropertyReader:
    """Reads one component's properties, each inside a guard; bad values become notes."""

    def __init__(
        self, component: Component, notes: Notes, label: str, zones: FileZones | None = None
    ) -> None:
        self.component, self.notes, self.label = component, notes, label
        self.zones = zones

    def _all(self, name: str) -> list[Any]:
        found = self.component.get(name)
        return [] if found is None else found if isinstance(found, list) else [found]

    def _one(self, name: str) -> Any:
        values = self._all(name)
        if len(values) > 1:
            self.notes.say(f"{self.label}: {name} given {len(values)} times: the first is used")
        return values[0] if values else None

    def bad(self, name: str, value: object, why: str, consequence: str) -> None:
        self.notes.say(f"{self.label}: {name} {quote(value)} {why}: {consequence}")

    def text(self, name: str, *, multiline: bool = False) -> str:
        """A TEXT value, controls shown as pictures; X- properties are unescaped here."""
        value = self._one(name)
        if value is None:
            return ""
        try:
            text = str(value) if isinstance(value, vText) else unescape_backslash(str(value))
        except BAD_VALUE:
            self.bad(name, value, "cannot be read", "ignored")
            return ""
        if multiline:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        return visible(text, multiline=multiline)

    def categories(self) -> list[str]:
        found: list[str] = []
        for value in self._all("CATEGORIES"):
            try:
                found += [str(item) for item in value.cats]
            except BAD_VALUE:
                self.bad("CATEGORIES", value, "cannot be read", "ignored")
        return [text for item in found if (text := visible(item).strip())]

    def moment(self, name: str, consequence: str) -> Moment | None:
        value = self._one(name)
        if value is None:
            return None
        try:
            when = _normal(value.dt)
            tzid = value.params.get("TZID") or ""
            tzid = tzid if isinstance(tzid, str) else ""
            instant = None
            if isinstance(when, datetime) and when.tzinfo is None and tzid and self.zones:
                instant = self.zones.instant(tzid, when)
        except BAD_VALUE:
            self.bad(name, value, "cannot be read", consequence)
            return None
        problem = problem_with(when)
        if problem is not None:
            self.bad(name, value, problem, consequence)
            return None
        return Moment(when, sys.intern(visible(tzid)), instant)  # one copy per zone name

    def duration(self) -> timedelta | None:
        value = self._one("DURATION")
        if value is None:
            return None
        try:
            span = value.dt
        except BAD_VALUE:
            self.bad("DURATION", value, "cannot be read", "ignored")
            return None
        if not isinstance(span, timedelta) or not timedelta(0) <= span <= LONGEST:
            self.bad("DURATION", value, "is not a duration a schedule can hold", "ignored")
            return None
        return span

    def listed(self, name: str) -> list[date | datetime]:
        """RDATE or EXDATE: each property a list of values, and the property repeatable."""
        found: list[date | datetime] = []
        periods = skipped = 0
        for prop in self._all(name):
            try:
                leaves = [leaf.dt for leaf in prop.dts]
            except BAD_VALUE:
                self.bad(name, prop, "cannot be read", "ignored")
                continue
            for leaf in leaves:
                if isinstance(leaf, tuple) and leaf:  # a PERIOD: its start is the occurrence
                    leaf, periods = leaf[0], periods + 1
                try:
                    leaf = _normal(leaf)  # in the file's own zone: its wall time
                except BAD_VALUE:
                    leaf = None
                if problem_with(leaf) is not None:
                    skipped += 1
                    continue
                found.append(leaf)
        if periods:
            self.notes.say(f"{self.label}: {name} periods read as their start times")
        if skipped:
            self.notes.say(f"{self.label}: {skipped} {name} values are not dates: ignored")
        return found

    def rules(self) -> list[Rule]:
        found = []
        for value in self._all("RRULE"):
            try:
                found.append(bounded_rule({str(k).upper(): list(v) for k, v in value.items()}))
            except RuleError as error:
                self.bad("RRULE", value, f"cannot be used ({error})", "first occurrence only")
            except BAD_VALUE:
                self.bad("RRULE", value, "cannot be read", "first occurrence only")
        return found


def read_vevent(
    vevent: Component, notes: Notes, order: int, zones: FileZones | None = None
) -> VEventValues | None:
    """The values of one VEVENT; None (with a note) when it has no usable DTSTART.
    `zones` are the file's VTIMEZONEs, for TZIDs that name no zone docket knows."""
    reader = PropertyReader(vevent, notes, f"event #{order + 1}", zones)
    uid = reader.text("UID").strip()
    summary = reader.text("SUMMARY").strip()
    reader.label = f"event {quote(summary or uid or f'#{order + 1}')}"
    start = reader.moment("DTSTART", "event skipped")
    if start is None:
        if "DTSTART" not in vevent:
            notes.drop("VEVENT without DTSTART (skipped)")
        return None
    values = VEventValues(order, reader.label, uid, start, summary=summary)
    values.end = reader.moment("DTEND", "ignored")
    values.duration = reader.duration()
    values.location = reader.text("LOCATION").strip()
    values.description = reader.text("DESCRIPTION", multiline=True)
    values.url = reader.text("URL").strip()
    values.status = reader.text("STATUS").strip().upper()
    values.categories = tuple(reader.categories())
    values.repeats = "RRULE" in vevent or "RDATE" in vevent
    if values.repeats:
        values.rules = tuple(reader.rules())
        values.rdates = tuple(reader.listed("RDATE"))
    values.exdates = tuple(reader.listed("EXDATE")) if "EXDATE" in vevent else ()
    values.moved = "RECURRENCE-ID" in vevent
    if values.moved:
        moved = reader.moment("RECURRENCE-ID", "imported as an event of its own")
        values.recurrence_id = moved.value if moved is not None else None
    read_docket(reader, values)
    unused = [str(name) for name in vevent if str(name) not in USED]
    unused += [
        f"{component.name} (reminders: use `docket export --alarm`)"
        if component.name == "VALARM"
        else f"{component.name} component"
        for component in vevent.subcomponents
    ]
    values.unused = tuple(unused)
    return values


def calendar_text(calendar: Component, notes: Notes, name: str, multiline: bool = False) -> str:
    """A text property of the VCALENDAR itself (X-WR-CALNAME, X-WR-TIMEZONE...)."""
    return PropertyReader(calendar, notes, "the calendar").text(name, multiline=multiline)
