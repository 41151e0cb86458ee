"""The VTIMEZONEs of an imported calendar: read by docket, bounded, and right.

icalendar once turned each VTIMEZONE into a dateutil tz that expands its RRULE from its
DTSTART and caches every occurrence: ``RRULE:FREQ=MINUTELY`` in 452 bytes never finished
and took over 2 GB. These tests attack the class: every rule a VTIMEZONE can hold that is
not a zone's (finer than MONTHLY, hour parts, huge counts, far dates, too many changes)
is refused with a note naming the zone, without expanding it; icalendar's own zone cache
is never filled from a file; and a zone docket does read gives the zone database's
instants.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar.timezone import tzp

from tui.ical.budget import Budget
from tui.ical.calendar_zones import ZONE_CHANGES, FileZones, read_zone
from tui.ical.importing import import_calendar
from tui.ical.vtimezone import build_vtimezone
from tui.schedule.loader import load_text

TZID = "Custom Zone"


def vtimezone(standard_rule: str, start: str = "19700101T030000", extra: str = "") -> str:
    return (
        f"BEGIN:VTIMEZONE\r\nTZID:{TZID}\r\n"
        f"BEGIN:STANDARD\r\nDTSTART:{start}\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\n"
        f"{standard_rule}{extra}END:STANDARD\r\n"
        f"BEGIN:DAYLIGHT\r\nDTSTART:{start}\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n"
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n"
    )


def calendar(zone: str, tzid: str = TZID) -> bytes:
    events = "".join(
        f"BEGIN:VEVENT\r\nUID:{n}@example.org\r\nSUMMARY:Meeting {n}\r\n"
        f"DTSTART;TZID={tzid}:2024{month}T100000\r\nEND:VEVENT\r\n"
        for n, month in enumerate(("0110", "0710"))
    )
    text = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n{zone}{events}END:VCALENDAR\r\n"
    return text.encode()


def starts(data: bytes) -> tuple[list[str], list[str]]:
    result = import_calendar(data, source_name="zones.ics")
    schedule = load_text(result.toml_text).schedule
    return [e.start_instant.astimezone(UTC).isoformat() for e in schedule.events], result.notes


#: Rules no real zone has; each once made icalendar and dateutil expand without bound.
HOSTILE = [
    "RRULE:FREQ=MINUTELY\r\n",
    "RRULE:FREQ=SECONDLY\r\n",
    "RRULE:FREQ=HOURLY\r\n",
    "RRULE:FREQ=DAILY\r\n",
    "RRULE:FREQ=WEEKLY\r\n",
    "RRULE:FREQ=YEARLY;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11,12\r\n",
    "RRULE:FREQ=YEARLY;BYMINUTE=0,15,30,45\r\n",
    "RRULE:FREQ=YEARLY;BYYEARDAY=1,2,3\r\n",
    "RRULE:FREQ=YEARLY;COUNT=99999999999\r\n",
    "RRULE:FREQ=YEARLY;BYMONTH=١٢\r\n",
    "RRULE:FREQ=NOPE\r\n",
    "RRULE:garbage\r\n",
    "RRULE:FREQ=YEARLY;BYMONTH=1,2,3,4,5,6,7,8,9,10,11,12;"
    "BYMONTHDAY=1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28\r\n",
]


@pytest.mark.parametrize("rule", HOSTILE, ids=[rule.strip()[6:40] for rule in HOSTILE])
def test_a_rule_no_zone_has_is_refused_and_said(rule: str) -> None:
    instants, notes = starts(calendar(vtimezone(rule, start="16010101T030000")))
    assert len(instants) == 2  # both events, read in the schedule's zone
    assert any(note.startswith(f"VTIMEZONE '{TZID}'") and "not used" in note for note in notes)
    assert tzp.timezone(TZID) is None  # icalendar never built a tz from the file


@pytest.mark.parametrize(
    ("start", "extra"),
    [
        ("99991231T235959", ""),  # its only change is past the supported years
        ("00010101T000000", "RDATE:99991231T000000,00010101T000000\r\n"),
        ("19700101T030000", "TZOFFSETTO:+0300\r\n"),  # given twice
        ("19700101", ""),  # a date where a date-time belongs
        ("garbage", ""),
    ],
)
def test_a_zone_that_cannot_be_read_costs_only_its_own_offsets(start: str, extra: str) -> None:
    zone = vtimezone("RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n", start, extra)
    instants, notes = starts(calendar(zone))
    assert len(instants) == 2
    assert any(TZID in note for note in notes)


@pytest.mark.parametrize("offset", ["+2500", "+235999", "-2400", "+0a00", "+١٢٠٠"])
def test_an_offset_no_zone_has_is_refused(offset: str) -> None:
    zone = vtimezone("").replace("TZOFFSETTO:+0100", f"TZOFFSETTO:{offset}")
    instants, notes = starts(calendar(zone))
    assert len(instants) == 2 and any(f"VTIMEZONE '{TZID}'" in note for note in notes)


def test_an_outlook_zone_from_1601_gives_the_right_instants() -> None:
    zone = vtimezone("RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n", start="16010101T030000")
    instants, _ = starts(calendar(zone))
    assert instants == ["2024-01-10T09:00:00+00:00", "2024-07-10T08:00:00+00:00"]


def test_a_zone_database_name_is_read_by_name_and_its_definition_never_expanded() -> None:
    zone = vtimezone("RRULE:FREQ=MINUTELY\r\n").replace(TZID, "Europe/Vienna")
    instants, notes = starts(calendar(zone, "Europe/Vienna"))
    assert instants == ["2024-01-10T09:00:00+00:00", "2024-07-10T08:00:00+00:00"]
    assert not any("VTIMEZONE" in note for note in notes)


def test_the_changes_of_all_zones_together_are_bounded() -> None:
    budget = Budget()
    zones = [read_zone(vtimezone("RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"))]
    file_zones = FileZones([zone for zone in zones if zone], budget, lambda note: None)
    file_zones.changes_left = 100
    assert file_zones.instant(TZID, datetime(2024, 1, 1)) is None
    assert ZONE_CHANGES >= 2 * 1_100 * 40  # forty real zones of two changes a year fit


def test_zone_expansion_spends_the_import_s_clock() -> None:
    budget = Budget(seconds=0.0)
    zone = read_zone(vtimezone("RRULE:FREQ=MONTHLY;BYDAY=1SU\r\n", start="00010101T000000"))
    assert zone is not None
    notes: list[str] = []
    assert FileZones([zone], budget, notes.append).instant(TZID, datetime(2024, 1, 1)) is None
    assert budget.out_of_time and "ran out" in notes[0]


KEYS = ["Europe/Vienna", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "Europe/Dublin"]


@settings(max_examples=60, deadline=None)
@given(
    key=st.sampled_from(KEYS),
    wall=st.datetimes(datetime(1971, 1, 1), datetime(2060, 12, 31)),
)
def test_a_renamed_zone_gives_the_zone_database_s_instant(key: str, wall: datetime) -> None:
    """Our own VTIMEZONE of a real zone, under a TZID no database knows, read back."""
    text = build_vtimezone(key, since=datetime(1971, 1, 1).date()).to_ical().decode()
    zone = read_zone(text.replace(f"TZID:{key}", "TZID:Renamed").replace("\r\n ", ""))
    assert zone is not None and zone.problem is None
    aware = wall.replace(tzinfo=ZoneInfo(key))
    if aware.utcoffset() != aware.replace(fold=1).utcoffset():
        return  # a wall time the clocks pass twice (or skip) has no one instant
    if aware.astimezone(UTC).astimezone(ZoneInfo(key)).replace(tzinfo=None) != wall:
        return
    found = FileZones([zone], Budget(), lambda note: None).instant("Renamed", wall)
    assert found == aware.astimezone(UTC)


def test_a_wall_time_the_change_skips_is_read_on_the_clock_before_it() -> None:
    text = build_vtimezone("Europe/Vienna").to_ical().decode().replace("Europe/Vienna", "V")
    zone = read_zone(text.replace("\r\n ", ""))
    assert zone is not None
    found = FileZones([zone], Budget(), lambda note: None).instant(
        "V", datetime(2024, 3, 31, 2, 30)
    )
    assert found is not None and found - datetime(2024, 3, 31, tzinfo=UTC) < timedelta(hours=2)
