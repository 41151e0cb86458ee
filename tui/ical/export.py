"""iCalendar export: a schedule (or a filtered part of it) as .ics bytes for Outlook and Google.

The bytes only; what an export is asked for, checks, says and writes is the one export flow,
`tui.ical.export_plan`, which `docket export` and the app's `x` dialog both go through. The
feed (`docket serve`) and the publisher call the builders here directly.

- `export_bytes(schedule, selection, ...) -> bytes`: the .ics file, CRLF lines folded at 75
  octets. A selection that takes no event still gives a valid calendar: RFC 5545 wants at
  least one component in a calendar, so an empty one carries the VTIMEZONE of the
  schedule's zone.
- `export_by_year(schedule, selection, ...) -> dict[int, bytes]`: one file a year
  (`--split year`).
- `build_calendar(schedule, selection, ...) -> icalendar.Calendar`: the same calendar as an
  object.
- `vevent_count(data)`: the calendar entries in an export's bytes.

All take the same arguments: an `EventSelection` (default: every event; after the export
its `count` says how many events went out), `alarms` (durations before each event) and
`dtstamp` (the as-of moment when one was chosen; without one, the SOURCE_DATE_EPOCH
environment variable, so that two exports are byte-identical, else now: `stamp_for`).

`export_bytes` writes the same bytes as `build_calendar(...).to_ical()` (a test holds them
equal), but formats each shared value once and skips icalendar's per-character folding
for lines that need none, which keeps a 10,000-event export near the cost of serialising
bare events. Escaping and folding are icalendar's own, never done here.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event, vDuration, vText
from icalendar.caselessdict import canonsort_keys
from icalendar.parser.content_line import Contentline

from tui.core.errors import ExportError
from tui.core.model import Schedule
from tui.core.selection import EventSelection
from tui.ical.alarms import build_alarms, parse_duration
from tui.ical.stamping import Stamper, apply_stamps, fingerprints
from tui.ical.vevents import Prop, VEventMapper, VEventSpec, ical_text
from tui.ical.vtimezone import ZoneDataError, build_vtimezone

PRODID = "-//docket//docket//EN"
_END = b"END:VCALENDAR\r\n"


def export_stamp() -> datetime:
    """DTSTAMP: SOURCE_DATE_EPOCH when set (reproducible builds), else the current second."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), UTC)
        except (ValueError, OverflowError, OSError):
            raise ExportError(f"SOURCE_DATE_EPOCH={epoch!r} is not a Unix time") from None
    return datetime.now(UTC).replace(microsecond=0)


def stamp_for(as_of: datetime | None) -> datetime:
    """The DTSTAMP of an export, the one rule of `docket export` and the app's `x`: the
    as-of moment when one was chosen (`--as-of`, or the app's `--as-of` and `a`), so an
    export "as of" a moment is the same bytes each time; else `export_stamp`. In UTC, to
    the second (what DTSTAMP can say)."""
    stamp = as_of if as_of is not None else export_stamp()
    return stamp.astimezone(UTC).replace(microsecond=0)


@dataclass
class _Plan:
    """Everything to write, before it is formatted."""

    specs: list[VEventSpec]
    alarms: list[timedelta]  # before each event that gets reminders


def _plan(
    schedule: Schedule,
    selection: EventSelection | None,
    alarms: Iterable[timedelta | str],
    dtstamp: datetime | None,
    stamper: Stamper | None = None,
    blocks: bool = True,
) -> _Plan:
    events = (selection if selection is not None else EventSelection()).select(schedule)
    stamp = stamp_for(dtstamp)
    mapper = VEventMapper(schedule, stamp, blocks=blocks)
    specs = [spec for event in events for spec in mapper.vevents(event)]
    if stamper is not None:  # a change ledger's SEQUENCE, LAST-MODIFIED and DTSTAMP
        apply_stamps(specs, stamper(fingerprints(specs)))
    durations = [parse_duration(a) if isinstance(a, str) else a for a in alarms]
    return _Plan(specs, durations)


def _header(
    schedule: Schedule, specs: list[VEventSpec], refresh: timedelta | None = None
) -> Calendar:
    """VCALENDAR properties and one VTIMEZONE per zone the VEVENTs name (for a calendar
    without VEVENTs, the schedule's zone: RFC 5545 wants one component at least)."""
    calendar = Calendar()
    calendar.add("VERSION", "2.0")
    calendar.add("PRODID", PRODID)
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.add("METHOD", "PUBLISH")
    # X- properties have no known type: say they are TEXT, so that icalendar escapes them.
    calendar.add("X-WR-CALNAME", vText(ical_text(schedule.title)))
    calendar.add("X-WR-TIMEZONE", vText(schedule.timezone))
    if schedule.description:
        calendar.add("X-WR-CALDESC", vText(ical_text(schedule.description)))
    if schedule.deadline:
        calendar.add("X-DOCKET-DEADLINE", vText(schedule.deadline))
    if refresh is not None:  # how often a subscribed client should poll (RFC 7986)
        calendar.add("REFRESH-INTERVAL", refresh, parameters={"VALUE": "DURATION"})
        calendar.add("X-PUBLISHED-TTL", vDuration(refresh))
    since: dict[str, date | None] = {} if specs else {schedule.timezone: None}
    for spec in specs:
        if spec.zone is not None:
            known = since.get(spec.zone) or spec.day
            since[spec.zone] = min(known, spec.day)
    for zone in sorted(since):
        first = since[zone]
        try:
            calendar.add_component(
                build_vtimezone(zone, first - timedelta(days=1) if first else None)
            )
        except ZoneDataError as error:
            raise ExportError(f"time zone {zone}: {error}") from None
    return calendar


def build_calendar(
    schedule: Schedule,
    selection: EventSelection | None = None,
    *,
    alarms: Iterable[timedelta | str] = (),
    dtstamp: datetime | None = None,
    blocks: bool = True,
) -> Calendar:
    """The export as an icalendar Calendar object (same arguments as `export_bytes`)."""
    plan = _plan(schedule, selection, alarms, dtstamp, blocks=blocks)
    calendar = _header(schedule, plan.specs)
    for spec in plan.specs:
        component = Event()
        for name, value in (*spec.shared, *spec.own):
            component.add(name, value)
        if spec.reminder is not None:
            for alarm in build_alarms(plan.alarms, spec.reminder):
                component.add_component(alarm)
        calendar.add_component(component)
    return calendar


class _Formatter:
    """Formats VEVENTs line by line, each shared value once, in icalendar's property order."""

    def __init__(self, specs: list[VEventSpec], alarms: list[timedelta]) -> None:
        names = {name for spec in specs for name, _ in (*spec.shared, *spec.own)}
        order = canonsort_keys(list(names), Event.canonical_order)
        self._rank = {name: index for index, name in enumerate(order)}
        self._cache: dict[int, tuple[Prop, bytes]] = {}
        self._durations = alarms
        self._alarms: dict[str, bytes] = {}  # reminder text -> its VALARMs, formatted once

    def _reminders(self, text: str | None) -> bytes:
        if text is None or not self._durations:
            return b""
        hit = self._alarms.get(text)
        if hit is None:
            alarms = build_alarms(self._durations, text)
            hit = self._alarms[text] = b"".join(alarm.to_ical() for alarm in alarms)
        return hit

    @staticmethod
    def _line(prop: Prop) -> bytes:
        name, value = prop
        line = Contentline.from_parts(name, value.params, value)  # untyped in icalendar
        raw: bytes = line.encode()
        if len(raw) < 75:
            return raw
        folded: bytes = line.to_ical()  # folds at 75 octets
        return folded

    def vevent(self, spec: VEventSpec) -> bytes:
        rank, cache = self._rank, self._cache
        lines = []
        for prop in spec.shared:
            hit = cache.get(id(prop))
            if hit is None:
                hit = cache[id(prop)] = (prop, self._line(prop))
            lines.append((rank[prop[0]], hit[1]))
        lines.extend((rank[prop[0]], self._line(prop)) for prop in spec.own)
        lines.sort()
        body = b"\r\n".join(line for _, line in lines)
        alarms = self._reminders(spec.reminder)
        return b"BEGIN:VEVENT\r\n" + body + b"\r\n" + alarms + b"END:VEVENT\r\n"


def _serialize(
    schedule: Schedule,
    specs: list[VEventSpec],
    alarms: list[timedelta],
    refresh: timedelta | None = None,
) -> bytes:
    header: bytes = _header(schedule, specs, refresh).to_ical()
    assert header.endswith(_END)
    formatter = _Formatter(specs, alarms)
    body = b"".join(formatter.vevent(spec) for spec in specs)
    return header[: -len(_END)] + body + _END


def export_bytes(
    schedule: Schedule,
    selection: EventSelection | None = None,
    *,
    alarms: Iterable[timedelta | str] = (),
    dtstamp: datetime | None = None,
    stamper: Stamper | None = None,
    refresh: timedelta | None = None,
    blocks: bool = True,
) -> bytes:
    """The .ics file for the schedule; see the module docstring for the arguments.

    A selection that takes no event gives a valid calendar without VEVENTs. `stamper`
    (`tui.ical.stamping`) sets SEQUENCE, LAST-MODIFIED and DTSTAMP from what clients were
    last shown; `refresh` adds REFRESH-INTERVAL and X-PUBLISHED-TTL for a subscribed feed.
    `blocks=False` (`--no-blocks`) writes an event with `hours` as one all-day entry for its
    span, the hours kept in X-DOCKET-HOURS, instead of an entry per meeting block.
    Raises ExportError when a zone cannot be written.
    """
    plan = _plan(schedule, selection, alarms, dtstamp, stamper, blocks)
    return _serialize(schedule, plan.specs, plan.alarms, refresh)


def export_by_year(
    schedule: Schedule,
    selection: EventSelection | None = None,
    *,
    alarms: Iterable[timedelta | str] = (),
    dtstamp: datetime | None = None,
    stamper: Stamper | None = None,
    blocks: bool = True,
) -> dict[int, bytes]:
    """One .ics file per year of the VEVENTs' start days (for Google's 1 MB import limit);
    none when the selection takes no event."""
    plan = _plan(schedule, selection, alarms, dtstamp, stamper, blocks)
    years: dict[int, list[VEventSpec]] = {}
    for spec in plan.specs:
        years.setdefault(spec.day.year, []).append(spec)
    return {year: _serialize(schedule, specs, plan.alarms) for year, specs in years.items()}


def vevent_count(data: bytes) -> int:
    """Calendar entries in an export: what the export flow reports for each file written."""
    return data.count(b"\r\nBEGIN:VEVENT\r\n")
