"""iCalendar import: docket's own exports come back whole; Outlook and Google calendars map."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from tests.conftest import BUNDLED, DATA, bundled
from tui.ical.export import export_bytes
from tui.ical.importing import CalendarImportError, import_calendar
from tui.schedule.loader import load_path, load_text

STAMP = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
FIELDS = ("kind", "title", "start", "end", "hours", "status", "tags", "url", "notes")


@pytest.mark.parametrize("path", [BUNDLED, DATA / "ical" / "edge.toml"])
def test_export_import_export_keeps_every_byte(path) -> None:
    schedule = load_path(path).schedule
    first = export_bytes(schedule, dtstamp=STAMP, alarms=["1d"])
    result = import_calendar(first, source_name="calendar.ics")
    again = load_text(result.toml_text).schedule
    assert export_bytes(again, dtstamp=STAMP, alarms=["1d"]) == first
    assert again.id == schedule.id and again.title == schedule.title
    assert again.description == schedule.description
    for event in schedule.events:
        twin = again.event(event.id)
        assert twin is not None, event.id
        for name in FIELDS:
            assert getattr(twin, name) == getattr(event, name), (event.id, name)
        assert (twin.venue.id if twin.venue else None) == (event.venue.id if event.venue else None)
        assert twin.working_days == event.working_days


def test_meeting_blocks_fold_back_with_their_holiday() -> None:
    schedule = bundled().schedule
    result = import_calendar(export_bytes(schedule, dtstamp=STAMP), source_name="x.ics")
    again = load_text(result.toml_text).schedule
    third = again.event("session-3")
    assert [str(h) for h in third.hours] == ["10:00-13:00", "15:00-18:00"]
    assert (third.start, third.end) == (date(2022, 8, 29), date(2022, 9, 9))
    assert date(2022, 9, 5) in again.venues["new-york"].holidays
    assert again.venues["hanoi"].timezone == "Asia/Ho_Chi_Minh"
    assert again.event("session-1-original").status == "postponed"
    assert again.deadline == "ga78-close"


def test_outlook_export() -> None:
    data = (DATA / "ical" / "outlook-export.ics").read_bytes()
    result = import_calendar(data, source_name="outlook-export.ics")
    schedule = load_text(result.toml_text).schedule
    assert schedule.title == "Delegation planning" and schedule.id == "delegation-planning"
    coordination = schedule.event("delegation-coordination")
    assert coordination.start == datetime(2023, 1, 9, 10, tzinfo=coordination.zone)
    assert coordination.venue.timezone == "Europe/Berlin"  # Windows "W. Europe Standard Time"
    assert coordination.venue.name == "Vienna International Centre, Room M3"
    assert coordination.notes == (
        "Coordination before the fourth session.\nBring the draft text, annotated.\n"
    )
    fourth = schedule.event("fourth-session")
    assert (fourth.start, fourth.end) == (date(2023, 1, 9), date(2023, 1, 20))
    huddles = [e for e in schedule.events if e.id.startswith("morning-huddle")]
    assert [e.first_day.day for e in huddles] == [21, 22, 24, 25]  # EXDATE 23, UNTIL 25
    assert all(e.start.time() == time(9) for e in huddles)
    assert all(e.zone.key == "America/New_York" for e in huddles)
    notes = "\n".join(result.notes)
    for dropped in ("ATTENDEE", "ORGANIZER", "VALARM", "X-MICROSOFT-CDO-BUSYSTATUS", "RRULE"):
        assert dropped in notes
    assert "read as America/New_York" in notes


def test_google_export() -> None:
    data = (DATA / "ical" / "google-export.ics").read_bytes()
    result = import_calendar(data, source_name="google-export.ics")
    schedule = load_text(result.toml_text).schedule
    assert schedule.timezone == "America/New_York"
    side = schedule.event("side-event-capacity-building")
    assert side.start.astimezone(UTC) == datetime(2024, 1, 29, 14, tzinfo=UTC)
    assert side.start.replace(tzinfo=None) == datetime(2024, 1, 29, 9)  # New York wall time
    briefings = sorted(e.first_day for e in schedule.events if e.title.startswith("Weekly"))
    # COUNT=4 weekly, the 13 February occurrence moved to 10:00 by a RECURRENCE-ID.
    assert briefings == [date(2024, 1, 30), date(2024, 2, 6), date(2024, 2, 13), date(2024, 2, 20)]
    assert schedule.event("weekly-ngo-briefing-moved").start.time() == time(10)
    assert schedule.event("weekly-ngo-briefing-20240130").status == "tentative"
    ends = schedule.event("concluding-session-ends")
    assert ends.all_day and ends.first_day == ends.last_day == date(2024, 2, 9)
    lunch = schedule.event("lunch-floating-time")
    assert lunch.start.replace(tzinfo=None) == datetime(2024, 2, 1, 12)
    notes = "\n".join(result.notes)
    assert "floating time" in notes and "ATTACH" in notes and "VALARM" in notes


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xff\xfe not utf-8", "not UTF-8"),
        (b"hello, world", "not an iCalendar file"),
        (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "no events"),
        (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:nonsense\r\n", "."),
    ],
)
def test_bad_input_is_a_clear_error(data: bytes, message: str) -> None:
    with pytest.raises(CalendarImportError, match=message):
        import_calendar(data, source_name="bad.ics")


def _calendar(*vevents: str, header: str = "") -> bytes:
    body = "".join(f"BEGIN:VEVENT\r\n{v.strip()}\r\nEND:VEVENT\r\n" for v in vevents)
    text = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n{header}{body}END:VCALENDAR\r\n"
    return text.encode()


def test_zone_files_that_are_not_iana_names_do_not_end_up_in_the_schedule() -> None:
    # "localtime" and friends load as zones but are not IANA names: the schedule built
    # from them failed validation, so the whole import was refused.
    data = _calendar(
        "UID:1\r\nSUMMARY:A\r\nDTSTART;TZID=localtime:20220301T100000\r\n"
        "DTEND;TZID=localtime:20220301T110000",
        "UID:2\r\nSUMMARY:B\r\nDTSTART;TZID=right/UTC:20220301T100000",
        header="X-WR-TIMEZONE:posixrules\r\n",
    )
    result = import_calendar(data, source_name="odd.ics")
    schedule = load_text(result.toml_text).schedule
    assert schedule.timezone == "UTC"
    assert len(schedule.events) == 2
    assert any("posixrules" in note for note in result.notes)


def test_an_end_before_its_start_is_dropped_with_a_note_not_the_whole_import() -> None:
    # One such VEVENT made the imported schedule invalid and refused the whole calendar.
    data = _calendar(
        "UID:1\r\nSUMMARY:Backwards\r\nDTSTART:20220301T100000Z\r\nDTEND:20220301T090000Z",
        "UID:2\r\nSUMMARY:Fine\r\nDTSTART:20220302T100000Z\r\nDTEND:20220302T110000Z",
    )
    result = import_calendar(data, source_name="odd.ics")
    schedule = load_text(result.toml_text).schedule
    backwards, fine = schedule.events
    assert backwards.end is None and fine.end is not None
    assert any("DTEND before DTSTART" in note for note in result.notes)
