"""The exporter on its own: no control characters out, reminders as the spec says, empty exports.

The loader refuses control characters in a schedule, but the exporter must not rely on it:
a raw ESC or C1 character in a calendar is refused by strict parsers and reaches whoever
opens the file in a terminal. Reminders: one per event before its start (a session with
meeting blocks gets one before its first block, not one per block), none for cancelled or
postponed events, ACTION:DISPLAY, a relative TRIGGER, the event's title as DESCRIPTION.
"""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ical.calendar_stream import IcsCalendarStream
from icalendar import Calendar

from tests.conftest import DATA
from tests.ical_rules import assert_ical_rules
from tui.core.model import Schedule
from tui.core.selection import EventSelection
from tui.ical.export import build_calendar, export_by_year, export_bytes
from tui.ical.export_plan import ExportFailure, ExportPlan, OutputFile, empty_note, write_export
from tui.schedule.loader import load_path, load_text

STAMP = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
#: What RFC 5545 allows no value to hold: controls but tab (CR LF end lines, folded ones too).
_FORBIDDEN = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f]")


@pytest.fixture(scope="module")
def bundled(schedule: Schedule) -> Schedule:
    return schedule


def assert_no_controls(data: bytes) -> None:
    for line in data.decode("utf-8").split("\r\n"):
        assert not _FORBIDDEN.search(line), repr(line)


def poisoned(schedule: Schedule, text: str) -> Schedule:
    """Every text of the schedule with `text` in it, as only a buggy loader would let by."""
    venues = {
        key: replace(venue, name=f"{venue.name}{text}", city=f"{text}{venue.city or ''}")
        for key, venue in schedule.venues.items()
    }
    events = tuple(
        replace(
            event,
            title=f"{event.title}{text}",
            notes=f"{text}{event.notes or ''}",
            url=f"https://example.org/{text}",
            tags=(*event.tags, f"tag{text}"),
            venue=venues[event.venue.id] if event.venue else None,
        )
        for event in schedule.events
    )
    return replace(
        schedule,
        title=f"{schedule.title}{text}",
        description=f"{text}{schedule.description or ''}",
        venues=venues,
        events=events,
    )


@pytest.mark.parametrize(
    "text", ["\x1b[2J\x1b]0;pwned\x07", "\x00", "\x9b31m", "\x7f", "a\rb", "\t\n", "\x0c\x0b"]
)
def test_no_control_character_goes_out(bundled: Schedule, text: str) -> None:
    data = export_bytes(poisoned(bundled, text), dtstamp=STAMP, alarms=["1d"])
    assert_no_controls(data)
    assert_ical_rules(data)
    assert build_calendar(poisoned(bundled, text), dtstamp=STAMP, alarms=["1d"]).to_ical() == data


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=12))
def test_any_text_exports_to_a_strictly_valid_file(text: str) -> None:
    schedule = load_text(
        '[schedule]\nid = "s"\ntitle = "T"\n[venues.v]\nname = "V"\ntimezone = "Europe/Vienna"\n'
        '[[events]]\nid = "a"\nkind = "session"\ntitle = "A"\nstart = 2022-03-01\n'
        'end = 2022-03-02\nvenue = "v"\nhours = ["10:00-12:00"]\n'
    ).schedule
    data = export_bytes(poisoned(schedule, text), dtstamp=STAMP, alarms=["2h"])
    assert_no_controls(data)
    IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))
    assert Calendar.from_ical(data).events


def _reminders(data: bytes) -> dict[str, list[str]]:
    """UID -> the DESCRIPTIONs of its VALARMs."""
    found: dict[str, list[str]] = {}
    for vevent in Calendar.from_ical(data).events:
        found[str(vevent["UID"])] = [str(a["DESCRIPTION"]) for a in vevent.subcomponents]
    return found


def test_one_reminder_per_event_that_takes_place(bundled: Schedule) -> None:
    data = export_bytes(bundled, dtstamp=STAMP, alarms=["1d"])
    assert_ical_rules(data)
    IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))
    reminders = _reminders(data)
    taking_place = [e for e in bundled.events if not e.is_off]
    assert sum(len(found) for found in reminders.values()) == len(taking_place) == 20
    for event in bundled.events:
        uids = sorted(uid for uid in reminders if uid.split("@")[0].split("+")[0] == event.id)
        with_alarm = [uid for uid in uids if reminders[uid]]
        if event.is_off:
            assert with_alarm == [], event.id
        else:
            assert with_alarm == [uids[0]], event.id  # the first block, or the event itself
            assert reminders[uids[0]] == [event.title]
    assert data.count(b"ACTION:DISPLAY") == 20 and data.count(b"TRIGGER:-P1D\r\n") == 20


def test_ten_sessions_with_blocks_get_ten_reminders_not_one_per_block(bundled: Schedule) -> None:
    sessions = EventSelection(kinds=("session",))
    data = export_bytes(bundled, sessions, dtstamp=STAMP, alarms=["1d"])
    held = [e for e in sessions.select(bundled) if not e.is_off]
    assert data.count(b"BEGIN:VALARM") == len(held) < data.count(b"BEGIN:VEVENT")


def test_several_durations_give_each_event_one_reminder_each(bundled: Schedule) -> None:
    data = export_bytes(bundled, dtstamp=STAMP, alarms=["1w", "2h", "1w"])
    assert data.count(b"BEGIN:VALARM") == 2 * 20
    assert data.count(b"TRIGGER:-P7D") == data.count(b"TRIGGER:-PT2H") == 20


def test_the_edge_schedule_reminders_skip_postponed_blocks() -> None:
    edge = load_path(DATA / "ical" / "edge.toml").schedule
    reminders = _reminders(export_bytes(edge, dtstamp=STAMP, alarms=["30m"]))
    assert not any(found for uid, found in reminders.items() if uid.startswith("postponed"))
    assert not reminders["nasty-text@edge-cases.docket"]  # cancelled
    assert reminders["spring-ny+20220311-1@edge-cases.docket"] == ["Spring forward in New York"]
    assert not reminders["spring-ny+20220311-2@edge-cases.docket"]


EMPTY = '[schedule]\nid = "empty"\ntitle = "Nothing yet"\ntimezone = "Europe/Vienna"\n'


def _assert_empty_but_valid(data: bytes) -> None:
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")
    assert b"BEGIN:VEVENT" not in data
    assert b"BEGIN:VTIMEZONE" in data  # RFC 5545 wants one component at least
    assert_no_controls(data)
    parsed = IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))
    assert parsed.events == []
    assert Calendar.from_ical(data).get_missing_tzids() == set()


def test_a_schedule_without_events_exports_an_empty_calendar() -> None:
    schedule = load_text(EMPTY).schedule
    selection = EventSelection()
    _assert_empty_but_valid(export_bytes(schedule, selection, dtstamp=STAMP, alarms=["1d"]))
    assert empty_note(schedule, selection.count(schedule)) == (
        "the schedule has no events: wrote an empty calendar"
    )
    assert export_by_year(schedule, dtstamp=STAMP) == {}
    utc = load_text(EMPTY.replace("Europe/Vienna", "UTC")).schedule
    _assert_empty_but_valid(export_bytes(utc, dtstamp=STAMP))


def test_filters_that_match_nothing_export_an_empty_calendar(bundled: Schedule) -> None:
    selection = EventSelection(kinds=("deadline",), venues=("vienna",))
    _assert_empty_but_valid(export_bytes(bundled, selection, dtstamp=STAMP))
    count = selection.count(bundled)
    assert empty_note(bundled, count) == "no events match the filters: wrote an empty calendar"
    assert empty_note(bundled, count, split=True) == "no events match the filters: no file written"
    assert empty_note(bundled, EventSelection().count(bundled)) is None


def test_writing_to_a_closed_or_broken_stream() -> None:
    to_stdout = ExportPlan(files=(OutputFile(None, b"data"),), report=(), events=0)
    closed = io.BytesIO()
    closed.close()
    with pytest.raises(ExportFailure, match="standard output"):
        write_export(to_stdout, stdout=closed)

    class Gone(io.RawIOBase):
        def writable(self) -> bool:
            return True

        def write(self, data: object) -> int:
            raise BrokenPipeError(32, "Broken pipe")

    with pytest.raises(BrokenPipeError):  # the command line ends quietly, as `head` expects
        write_export(to_stdout, stdout=Gone())  # type: ignore[arg-type]
