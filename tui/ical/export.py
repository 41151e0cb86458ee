"""iCalendar export: a schedule (or a filtered part of it) as an .ics file for Outlook and Google.

The public functions, used by `docket export` and by the app's export dialog:

- `export_bytes(schedule, selection, ...) -> bytes`: the .ics file, CRLF lines folded at 75
  octets.
- `export_by_year(schedule, selection, ...) -> dict[int, bytes]`: one file a year
  (`--split year`).
- `build_calendar(schedule, selection, ...) -> icalendar.Calendar`: the same calendar as an
  object.
- `write_calendar(path_or_dash, data)`: write atomically, or to stdout for ``-``.

All take the same arguments: an `EventSelection` (default: every event; after the export
its `count` says how many events went out), `alarms` (durations before each event) and
`dtstamp` (default: the SOURCE_DATE_EPOCH environment variable, so that two exports are
byte-identical, else now).

`export_bytes` writes the same bytes as `build_calendar(...).to_ical()` (a test holds them
equal), but formats each shared value once and skips icalendar's per-character folding
for lines that need none, which keeps a 10,000-event export near the cost of serialising
bare events. Escaping and folding are icalendar's own, never done here.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import BinaryIO

from icalendar import Alarm, Calendar, Event, vText
from icalendar.caselessdict import canonsort_keys
from icalendar.parser.content_line import Contentline

from tui.core.atomic import write_atomic
from tui.core.errors import ExportError, WriteError
from tui.core.model import Schedule
from tui.core.selection import EventSelection
from tui.ical.alarms import build_alarms, parse_duration
from tui.ical.vevents import Prop, VEventMapper, VEventSpec
from tui.ical.vtimezone import ZoneDataError, build_vtimezone

PRODID = "-//docket//docket//EN"
#: Google Calendar refuses imports past about this size.
GOOGLE_IMPORT_LIMIT = 1_000_000
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


@dataclass
class _Plan:
    """Everything to write, before it is formatted."""

    specs: list[VEventSpec]
    alarms: list[Alarm]
    alarm_bytes: bytes


def _plan(
    schedule: Schedule,
    selection: EventSelection | None,
    alarms: Iterable[timedelta | str],
    dtstamp: datetime | None,
) -> _Plan:
    events = (selection if selection is not None else EventSelection()).select(schedule)
    if not events:
        raise ExportError("no events to export: the filters match none")
    stamp = (dtstamp or export_stamp()).astimezone(UTC)
    mapper = VEventMapper(schedule, stamp)
    specs = [spec for event in events for spec in mapper.vevents(event)]
    durations = [parse_duration(a) if isinstance(a, str) else a for a in alarms]
    alarm_components = build_alarms(durations)
    alarm_bytes = b"".join(alarm.to_ical() for alarm in alarm_components)
    return _Plan(specs, alarm_components, alarm_bytes)


def _header(schedule: Schedule, specs: list[VEventSpec]) -> Calendar:
    """VCALENDAR properties and one VTIMEZONE per zone the VEVENTs name."""
    calendar = Calendar()
    calendar.add("VERSION", "2.0")
    calendar.add("PRODID", PRODID)
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.add("METHOD", "PUBLISH")
    # X- properties have no known type: say they are TEXT, so that icalendar escapes them.
    calendar.add("X-WR-CALNAME", vText(schedule.title))
    calendar.add("X-WR-TIMEZONE", vText(schedule.timezone))
    if schedule.description:
        calendar.add("X-WR-CALDESC", vText(schedule.description))
    if schedule.deadline:
        calendar.add("X-DOCKET-DEADLINE", vText(schedule.deadline))
    since: dict[str, date] = {}
    for spec in specs:
        if spec.zone is not None:
            since[spec.zone] = min(since.get(spec.zone, spec.day), spec.day)
    for zone in sorted(since):
        try:
            calendar.add_component(build_vtimezone(zone, since[zone] - timedelta(days=1)))
        except ZoneDataError as error:
            raise ExportError(f"time zone {zone}: {error}") from None
    return calendar


def build_calendar(
    schedule: Schedule,
    selection: EventSelection | None = None,
    *,
    alarms: Iterable[timedelta | str] = (),
    dtstamp: datetime | None = None,
) -> Calendar:
    """The export as an icalendar Calendar object (same arguments as `export_bytes`)."""
    plan = _plan(schedule, selection, alarms, dtstamp)
    calendar = _header(schedule, plan.specs)
    for spec in plan.specs:
        component = Event()
        for name, value in (*spec.shared, *spec.own):
            component.add(name, value)
        for alarm in plan.alarms:
            component.add_component(alarm)
        calendar.add_component(component)
    return calendar


class _Formatter:
    """Formats VEVENTs line by line, each shared value once, in icalendar's property order."""

    def __init__(self, specs: list[VEventSpec], alarm_bytes: bytes) -> None:
        names = {name for spec in specs for name, _ in (*spec.shared, *spec.own)}
        order = canonsort_keys(list(names), Event.canonical_order)
        self._rank = {name: index for index, name in enumerate(order)}
        self._cache: dict[int, tuple[Prop, bytes]] = {}
        self._alarms = alarm_bytes

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
        return b"BEGIN:VEVENT\r\n" + body + b"\r\n" + self._alarms + b"END:VEVENT\r\n"


def _serialize(schedule: Schedule, specs: list[VEventSpec], alarm_bytes: bytes) -> bytes:
    header: bytes = _header(schedule, specs).to_ical()
    assert header.endswith(_END)
    formatter = _Formatter(specs, alarm_bytes)
    body = b"".join(formatter.vevent(spec) for spec in specs)
    return header[: -len(_END)] + body + _END


def export_bytes(
    schedule: Schedule,
    selection: EventSelection | None = None,
    *,
    alarms: Iterable[timedelta | str] = (),
    dtstamp: datetime | None = None,
) -> bytes:
    """The .ics file for the schedule; see the module docstring for the arguments.

    Raises ExportError when the selection takes no event or a zone cannot be written.
    """
    plan = _plan(schedule, selection, alarms, dtstamp)
    return _serialize(schedule, plan.specs, plan.alarm_bytes)


def export_by_year(
    schedule: Schedule,
    selection: EventSelection | None = None,
    *,
    alarms: Iterable[timedelta | str] = (),
    dtstamp: datetime | None = None,
) -> dict[int, bytes]:
    """One .ics file per year of the VEVENTs' start days (for Google's 1 MB import limit)."""
    plan = _plan(schedule, selection, alarms, dtstamp)
    years: dict[int, list[VEventSpec]] = {}
    for spec in plan.specs:
        years.setdefault(spec.day.year, []).append(spec)
    return {year: _serialize(schedule, specs, plan.alarm_bytes) for year, specs in years.items()}


def vevent_count(data: bytes) -> int:
    """Calendar entries in an export: what the command line reports for each file written."""
    return data.count(b"\r\nBEGIN:VEVENT\r\n")


def size_warning(data: bytes) -> str | None:
    """A warning when the file is past Google's import limit, else None."""
    if len(data) <= GOOGLE_IMPORT_LIMIT:
        return None
    return (
        f"the calendar is {len(data) / 1e6:.1f} MB; Google Calendar refuses imports over "
        "about 1 MB: use --split year, or filters"
    )


def year_path(path: Path, year: int) -> Path:
    """``<stem>-<year>.ics`` beside `path`."""
    return path.with_name(f"{path.stem}-{year}{path.suffix or '.ics'}")


def write_calendar(
    path_or_dash: str | Path, data: bytes, *, stdout: BinaryIO | None = None
) -> None:
    """Write the .ics bytes atomically to a path, or to standard output for ``-``.

    A failure raises WriteError with a one-line reason and leaves no partial file; an
    existing file at the path stays as it was.
    """
    if str(path_or_dash) == "-":
        stream = stdout or sys.stdout.buffer
        try:
            stream.write(data)
            stream.flush()
        except OSError as error:
            raise WriteError(f"cannot write to standard output ({error.strerror})") from None
        return
    write_atomic(Path(path_or_dash), data)
