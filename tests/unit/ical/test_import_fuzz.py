"""`docket import` on generated and mutated calendars: it imports or refuses, never crashes.

Two kinds of input, both drawn by hypothesis:

- calendars as Outlook and Google write them (IANA, Windows and unknown TZIDs; RRULEs,
  EXDATEs, moved occurrences; all-day, timed, UTC and floating times): valid, so each
  must import, keep every event it states, and write a TOML that loads;
- mutated calendars: the files in tests/data/ical and docket's own exports, with values
  replaced by garbage, types swapped, properties duplicated, control characters inserted,
  huge COUNT/INTERVAL/BY-values, years 9999, PERIODs and rules that never match. Each must
  import (the TOML loads) or raise a DocketError, within a generous time cap.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from tests.conftest import DATA, bundled
from tui.core.errors import DocketError
from tui.ical.export import export_bytes
from tui.ical.importing import import_calendar
from tui.ical.parsing import parse_calendar
from tui.schedule.loader import load_text

STAMP = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@cache
def seeds() -> tuple[tuple[str, ...], ...]:
    """Unfolded content lines of every calendar the mutations start from."""
    files = [path.read_bytes() for path in sorted((DATA / "ical").rglob("*.ics"))]
    files.append(export_bytes(bundled().schedule, dtstamp=STAMP, alarms=["1d"]))
    return tuple(
        tuple(data.decode("utf-8").replace("\r\n ", "").split("\r\n")[:-1]) for data in files
    )


GARBAGE = [
    "", "garbage", "2022", "20221301", "20220230T250000", "99991231", "99991231T235959Z",
    "00010101", "20220101T100000/20220101T110000", "20220101T100000Z/PT1H", "PT1H", "-P1D",
    "P99999999D", "100000", "FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30",
    "FREQ=DAILY;COUNT=999999999", "FREQ=DAILY;INTERVAL=999999999",
    "FREQ=YEARLY;BYMONTHDAY=99999", "FREQ=DAILY;UNTIL=99991231", "FREQ=NOPE",
    "FREQ=WEEKLY;BYDAY=XX", "FREQ=MONTHLY;BYSETPOS=-99999;BYDAY=MO", "FREQ=DAILY;BYHOUR=99",
    "FREQ=MINUTELY;COUNT=100000", "FREQ=HOURLY;INTERVAL=0", "FREQ=DAILY;UNTIL=garbage",
    "FREQ=YEARLY;BYWEEKNO=60", "FREQ=DAILY;INTERVAL=7;BYDAY=TU", "20220101,20220102,garbage",
    "20220101T100000", "20220101", "19000101", "29991231T230000Z", "a,b\\,c;d",
    "\x1b[31mred\x1b[0m", "a\x00b", "\x07\x9b2J", "x" * 300,
]  # fmt: skip
PARAMS = [
    ";VALUE=DATE", ";VALUE=DATE-TIME", ";VALUE=PERIOD", ";VALUE=TIME", ";VALUE=TEXT",
    ";VALUE=DURATION", ";TZID=Nowhere/Land", ';TZID="W. Europe Standard Time"', ";TZID=",
    ";TZID=\x1b]0;x\x07", ";TZID=Europe/Vienna", ";X-P=\"a\"", "",
]  # fmt: skip
NAMES = [
    "DTSTART", "DTEND", "DURATION", "RDATE", "EXDATE", "RECURRENCE-ID", "RRULE", "SUMMARY",
    "LOCATION", "DESCRIPTION", "CATEGORIES", "URL", "UID", "STATUS", "X-DOCKET-HOURS",
    "X-DOCKET-SPAN", "X-DOCKET-STATUS", "X-DOCKET-VENUE", "X-DOCKET-VENUE-ZONE",
    "X-WR-TIMEZONE", "X-WR-CALNAME", "TZID", "X-DOCKET-DEADLINE", "TRIGGER", "BEGIN", "END",
]  # fmt: skip
CONTROLS = ["\x1b[2J", "\x00", "\x9b", "\x07", "\x7f", "\r", "\x1b]0;title\x07"]


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    lines = list(draw(st.sampled_from(seeds())))
    for _ in range(draw(st.integers(1, 5))):
        index = draw(st.integers(1, len(lines) - 2))  # BEGIN/END:VCALENDAR stay
        head, _, value = lines[index].partition(":")
        name = head.split(";")[0]
        op = draw(st.integers(0, 7))
        if op == 0:
            lines[index] = f"{head}:{draw(st.sampled_from(GARBAGE))}"
        elif op == 1:
            lines.insert(index, lines[index])  # a duplicated property (or BEGIN/END)
        elif op == 2:
            lines[index] = f"{name}{draw(st.sampled_from(PARAMS))}:{value}"
        elif op == 3:
            at = draw(st.integers(0, len(value)))
            control = draw(st.sampled_from(CONTROLS))
            lines[index] = f"{head}:{value[:at]}{control}{value[at:]}"
        elif op == 4:
            new = f"{draw(st.sampled_from(NAMES))}{draw(st.sampled_from(PARAMS))}"
            lines.insert(index, f"{new}:{draw(st.sampled_from(GARBAGE))}")
        elif op == 5:
            lines[index] = f"{draw(st.sampled_from(NAMES))}:{value}"  # another type's value
        elif op == 6:
            lines[index] = f"{head}:{draw(st.text(max_size=20))}"
        else:
            del lines[index]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8", "surrogatepass")


def imports_or_refuses(data: bytes) -> object:
    """The import's result (its TOML checked to load), or the DocketError it raised."""
    try:
        result = import_calendar(data, source_name="fuzz.ics")
    except DocketError as error:
        assert not _CONTROL.search(str(error)), str(error)
        return error
    load_text(result.toml_text)
    for note in result.notes:
        assert not _CONTROL.search(note), note
    return result


@FUZZ
@given(mutated())
def test_a_mutated_calendar_imports_or_is_refused(data: bytes) -> None:
    outcome = imports_or_refuses(data)
    event("refused" if isinstance(outcome, DocketError) else "imported")


# -- calendars as Outlook and Google write them ----------------------------------------------

ZONES = ["America/New_York", "Europe/Vienna", "Asia/Tokyo", "UTC", "Australia/Lord_Howe"]
WINDOWS = ["W. Europe Standard Time", "Eastern Standard Time", "Tokyo Standard Time"]
TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=30
).filter(lambda s: s.strip())


@st.composite
def vevents(draw: st.DrawFn, number: int) -> tuple[str, int, list[object]]:
    """One VEVENT (with its overrides), how many events it states at least, and what its
    one event must come back as when it does not repeat: its days, or its instant."""
    uid = f"{number}-{draw(st.integers(0, 10**6))}@example.com"
    all_day = draw(st.booleans())
    day = date(2022, 1, 1) + timedelta(days=draw(st.integers(0, 2000)))
    lines = [f"UID:{uid}", f"SUMMARY:{_escape(draw(TEXT))}"]
    if all_day:
        last = day + timedelta(days=draw(st.integers(1, 10)))
        lines += [f"DTSTART;VALUE=DATE:{day:%Y%m%d}", f"DTEND;VALUE=DATE:{last:%Y%m%d}"]
        start_text = f";VALUE=DATE:{day:%Y%m%d}"
        expected: list[object] = [(day, last - timedelta(days=1))]
    else:
        at = datetime.combine(day, datetime.min.time()) + timedelta(
            minutes=15 * draw(st.integers(0, 95))
        )
        where = draw(st.sampled_from(["utc", "floating", "iana", "windows", "unknown"]))
        tzid = {
            "iana": f";TZID={draw(st.sampled_from(ZONES))}",
            "windows": f';TZID="{draw(st.sampled_from(WINDOWS))}"',
            "unknown": ";TZID=Mars/Olympus",
        }.get(where, "")
        z = "Z" if where == "utc" else ""
        start_text = f"{tzid}:{at:%Y%m%dT%H%M%S}{z}"
        expected = []
        if where in ("utc", "iana"):
            zone = "UTC" if where == "utc" else tzid.partition("=")[2]
            expected = [at.replace(tzinfo=ZoneInfo(zone))]
        end = at + timedelta(minutes=15 * draw(st.integers(1, 16)))
        lines += [f"DTSTART{start_text}", f"DTEND{tzid}:{end:%Y%m%dT%H%M%S}{z}"]
    if draw(st.booleans()):
        lines.append(f"LOCATION:{_escape(draw(TEXT))}")
    if draw(st.booleans()):
        lines.append(f"DESCRIPTION:{_escape(draw(TEXT))}\\n{_escape(draw(TEXT))}")
    lines.append(f"STATUS:{draw(st.sampled_from(['CONFIRMED', 'TENTATIVE', 'CANCELLED']))}")
    overrides = []
    if draw(st.booleans()):
        freq = draw(st.sampled_from(["DAILY", "WEEKLY", "MONTHLY", "YEARLY"]))
        count = draw(st.integers(2, 8))
        extra = draw(st.sampled_from(["", ";BYDAY=MO,WE,FR", ";INTERVAL=2", ";WKST=SU"]))
        lines.append(f"RRULE:FREQ={freq};COUNT={count}{extra}")
        expected = []
        if draw(st.booleans()):
            lines.append(f"EXDATE{start_text}")
        if draw(st.booleans()):
            overrides.append(
                f"BEGIN:VEVENT\r\nUID:{uid}\r\nSUMMARY:moved\r\nRECURRENCE-ID{start_text}\r\n"
                f"DTSTART{start_text}\r\nEND:VEVENT\r\n"
            )
    body = "BEGIN:VEVENT\r\n" + "".join(f"{line}\r\n" for line in lines) + "END:VEVENT\r\n"
    return body + "".join(overrides), 1, expected


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


@st.composite
def vendor_calendars(draw: st.DrawFn) -> tuple[bytes, int, list[object]]:
    count = draw(st.integers(1, 6))
    drawn = [draw(vevents(number)) for number in range(count)]
    header = draw(st.sampled_from(["", "X-WR-TIMEZONE:Europe/Vienna\r\n", "X-WR-CALNAME:Team\r\n"]))
    text = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Google Inc//Google Calendar//EN\r\n"
        f"{header}{''.join(body for body, _, _ in drawn)}END:VCALENDAR\r\n"
    )
    expected = [item for _, _, items in drawn for item in items]
    return text.encode("utf-8"), sum(minimum for _, minimum, _ in drawn), expected


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(vendor_calendars())
def test_a_valid_outlook_or_google_calendar_imports_every_event(
    case: tuple[bytes, int, list[object]],
) -> None:
    data, at_least, expected = case
    result = imports_or_refuses(data)
    assert not isinstance(result, DocketError), result
    schedule = load_text(result.toml_text).schedule
    # A series whose every occurrence an EXDATE removes may vanish; the others all stay.
    assert len(schedule.events) >= at_least - data.count(b"EXDATE")
    for imported in schedule.events:
        assert not _CONTROL.search(imported.title + (imported.notes or "").replace("\n", ""))
    # Never a wrong answer: each single event at its instant, or on its days.
    instants = [e.start_instant.astimezone(UTC) for e in schedule.events if not e.all_day]
    days = [(e.first_day, e.last_day) for e in schedule.events if e.all_day]
    for item in expected:
        if isinstance(item, datetime):
            assert item.astimezone(UTC) in instants, (item, result.toml_text)
            instants.remove(item.astimezone(UTC))
        else:
            assert item in days, (item, result.toml_text)
            days.remove(item)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.sampled_from(seeds()), data=st.data())
def test_the_split_calendar_holds_the_components_icalendar_reads(
    seed: tuple[str, ...], data: st.DataObject
) -> None:
    """`parse_calendar` splits the text itself (and gives icalendar a group at a time):
    with lines folded anywhere and either line ending, it must find what icalendar finds
    in the whole file, VTIMEZONEs apart."""
    newline = data.draw(st.sampled_from(["\r\n", "\n"]))
    lines = []
    for line in seed:
        at = data.draw(st.integers(0, len(line)))
        lines.append(line if at in (0, len(line)) else f"{line[:at]}{newline} {line[at:]}")
    text = newline.join(lines) + newline
    whole = Calendar.from_ical(text)
    expected = [c.to_ical() for c in whole.subcomponents if c.name != "VTIMEZONE"]
    parsed = parse_calendar(text)
    assert [c.to_ical() for c in parsed.components()] == expected
    zones = [c for c in whole.subcomponents if c.name == "VTIMEZONE"]
    assert len(parsed.zones) == len(zones)
    assert not parsed.notes
