"""iCalendar export: golden bytes, every compatibility rule on the bytes, and what clients see."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import recurring_ical_events
from icalendar import Calendar

from tests.conftest import DATA
from tests.ical_rules import assert_ical_rules, unfolded_lines
from tui.core.errors import ExportError
from tui.core.selection import EventSelection
from tui.ical.alarms import AlarmError, parse_duration
from tui.ical.export import (
    build_calendar,
    export_by_year,
    export_bytes,
)
from tui.ical.export_plan import (
    DIALOG,
    ExportFailure,
    ExportPlan,
    OutputFile,
    size_warning,
    write_export,
)
from tui.schedule.loader import load_path

EDGE = DATA / "ical" / "edge.toml"
GOLDEN = DATA / "ical" / "golden"
STAMP = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
NEW_YORK_UTC = timedelta(hours=-4)


@pytest.fixture(scope="module")
def bundled(schedule):
    return schedule


@pytest.fixture(scope="module")
def edge():
    return load_path(EDGE).schedule


def _golden(name: str, data: bytes) -> None:
    path = GOLDEN / name
    if os.environ.get("DOCKET_REGENERATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    assert data == path.read_bytes(), f"{name} differs from the golden file"


def test_bundled_export_matches_golden_bytes(bundled) -> None:
    _golden("ahc-2022-2024.ics", export_bytes(bundled, dtstamp=STAMP))


def test_edge_export_with_alarms_matches_golden_bytes(edge) -> None:
    _golden("edge.ics", export_bytes(edge, dtstamp=STAMP, alarms=["1d12h", "30m"]))


@pytest.mark.parametrize("alarms", [(), ("1w", "2h")])
def test_every_rule_holds_on_the_bytes(bundled, edge, alarms) -> None:
    assert_ical_rules(export_bytes(bundled, dtstamp=STAMP, alarms=alarms))
    assert_ical_rules(export_bytes(edge, dtstamp=STAMP, alarms=alarms))


def test_fast_bytes_equal_the_calendar_object(bundled, edge) -> None:
    for schedule in (bundled, edge):
        built = build_calendar(schedule, dtstamp=STAMP, alarms=["1d"]).to_ical()
        assert export_bytes(schedule, dtstamp=STAMP, alarms=["1d"]) == built


def test_source_date_epoch_makes_exports_byte_identical(bundled, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first, second = export_bytes(bundled), export_bytes(bundled)
    assert first == second
    assert b"DTSTAMP:20231114T221320Z\r\n" in first
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(ExportError):
        export_bytes(bundled)


def _vevents(data: bytes, first: date, last: date):
    calendar = Calendar.from_ical(data)
    return recurring_ical_events.of(calendar).between(first, last + timedelta(days=1))


def test_third_session_blocks_fall_on_its_working_days(bundled) -> None:
    data = export_bytes(bundled, dtstamp=STAMP)
    blocks = [
        e
        for e in _vevents(data, date(2022, 8, 29), date(2022, 9, 9))
        if str(e["UID"]).startswith("session-3+")
    ]
    days = sorted({e.start.date() for e in blocks})
    expected = [date(2022, 8, 29) + timedelta(days=n) for n in range(12)]
    expected = [d for d in expected if d.weekday() < 5 and d != date(2022, 9, 5)]
    assert days == expected and len(days) == 9
    assert date(2022, 9, 5) not in days  # Labor Day
    for event in blocks:
        local = (event.start.time(), event.end.time())
        assert local in {
            (datetime.min.time().replace(hour=10), datetime.min.time().replace(hour=13)),
            (datetime.min.time().replace(hour=15), datetime.min.time().replace(hour=18)),
        }
        assert event.start.utcoffset() == NEW_YORK_UTC
        assert str(event["TRANSP"]) == "OPAQUE"
    assert len(blocks) == 18
    # No all-day VEVENT beside the blocks.
    assert b"UID:session-3@ahc-cybercrime.docket" not in data


def test_all_day_spans_are_transparent_with_exclusive_end(bundled) -> None:
    lines = unfolded_lines(export_bytes(bundled, dtstamp=STAMP))
    at = lines.index("UID:session-1@ahc-cybercrime.docket")
    event = lines[at - 4 : at + 10]
    assert "DTSTART;VALUE=DATE:20220228" in event
    assert "DTEND;VALUE=DATE:20220312" in event  # the day after Friday 11 March
    assert "TRANSP:TRANSPARENT" in event
    assert "LOCATION:United Nations Headquarters\\, New York" in event
    assert "CATEGORIES:session,substantive" in event


def test_daylight_saving_boundaries_in_both_venue_zones(edge) -> None:
    data = export_bytes(edge, dtstamp=STAMP)
    starts = {
        str(e["UID"]): e.start.astimezone(UTC)
        for e in _vevents(data, date(2022, 3, 1), date(2022, 11, 30))
        if isinstance(e.start, datetime)
    }
    utc = lambda *a: datetime(*a, tzinfo=UTC)  # noqa: E731
    # New York changes on Sunday 13 March 2022: 10:00 is 15:00Z before, 14:00Z after.
    assert starts["spring-ny+20220311-1@edge-cases.docket"] == utc(2022, 3, 11, 15)
    assert starts["spring-ny+20220315-1@edge-cases.docket"] == utc(2022, 3, 15, 14)
    assert "spring-ny+20220314-1@edge-cases.docket" not in starts  # venue holiday
    # Vienna changes on Sunday 27 March 2022: 09:30 is 08:30Z before, 07:30Z after.
    assert starts["spring-vienna+20220325-1@edge-cases.docket"] == utc(2022, 3, 25, 8, 30)
    assert starts["spring-vienna+20220328-1@edge-cases.docket"] == utc(2022, 3, 28, 7, 30)
    # Vienna falls back on 30 October, New York on 6 November.
    assert starts["autumn-vienna+20221028-1@edge-cases.docket"] == utc(2022, 10, 28, 8)
    assert starts["autumn-vienna+20221031-1@edge-cases.docket"] == utc(2022, 10, 31, 9)
    assert "autumn-vienna+20221026-1@edge-cases.docket" not in starts  # schedule holiday
    assert starts["autumn-ny+20221104-1@edge-cases.docket"] == utc(2022, 11, 4, 14)
    assert starts["autumn-ny+20221107-1@edge-cases.docket"] == utc(2022, 11, 7, 15)
    # 01:30 before the Vienna change is 00:30Z; the offset date-time is written in UTC.
    assert starts["night-change@edge-cases.docket"] == utc(2022, 3, 27, 0, 30)
    lines = unfolded_lines(data)
    assert "DTSTART:20220601T070000Z" in lines and "DTEND:20220601T083000Z" in lines


def test_points_postponed_and_hours_without_working_days(edge) -> None:
    lines = unfolded_lines(export_bytes(edge, dtstamp=STAMP))

    def event(uid: str) -> list[str]:
        at = lines.index(f"UID:{uid}@edge-cases.docket")
        begin = max(i for i in range(at) if lines[i] == "BEGIN:VEVENT")
        return lines[begin : lines.index("END:VEVENT", at)]

    deadline = event("deadline-date")
    assert "DTSTART;VALUE=DATE:20221209" in deadline
    assert "DTEND;VALUE=DATE:20221210" in deadline
    timed = event("milestone-timed")
    assert "DTSTART;TZID=America/New_York:20221213T120000" in timed
    assert not any(line.startswith("DTEND") for line in timed)
    postponed = [line for line in lines if "postponed-session+" in line]
    assert len(postponed) == 20
    block = event("postponed-session+20220912-1")
    assert "STATUS:CANCELLED" in block and "X-DOCKET-STATUS:postponed" in block
    assert "TRANSP:TRANSPARENT" in block
    assert "STATUS:TENTATIVE" in event("autumn-vienna+20221024-1")
    weekend = event("weekend-hours")
    assert "DTSTART;VALUE=DATE:20221217" in weekend and "X-DOCKET-HOURS:10:00-11:00" in weekend


def test_text_is_escaped_once_by_the_library(edge) -> None:
    data = export_bytes(edge, dtstamp=STAMP)
    lines = unfolded_lines(data)
    assert 'SUMMARY:Commas\\, semicolons\\; backslash \\\\ colon: "quotes" END:VEVENT' in lines
    assert data.count(b"\r\nEND:VEVENT\r\n") == data.count(b"\r\nBEGIN:VEVENT\r\n")
    assert "CATEGORIES:meeting,multilingual,a\\,b\\; c" in lines
    parsed = Calendar.from_ical(data)
    by_uid = {str(e["UID"]): e for e in parsed.walk("VEVENT")}
    nasty = by_uid["nasty-text@edge-cases.docket"]
    schedule_event = load_path(EDGE).schedule.event("nasty-text")
    assert str(nasty["SUMMARY"]) == schedule_event.title
    assert str(nasty["DESCRIPTION"]) == schedule_event.notes
    six = by_uid["six-languages@edge-cases.docket"]
    assert str(six["SUMMARY"]).startswith("اللجنة المخصصة · 特设委员会")
    assert "Специальный комитет" in str(six["DESCRIPTION"])
    assert str(six["DESCRIPTION"]).endswith("\n\nhttps://example.org/a?b=1;c=2,3")


def test_filters_or_within_and_across(bundled) -> None:
    def ids(**filters):
        return [e.id for e in EventSelection(**filters).select(bundled)]

    assert set(ids(kinds=["deadline", "milestone"])) == {
        "ga78-open",
        "draft-approved",
        "ga78-close",
        "adoption",
    }
    assert ids(kinds=["session"], venues=["vienna"]) == ["session-2", "session-4", "session-5"]
    assert ids(tags=["concluding"], kinds=["milestone"]) == ["draft-approved"]
    assert ids(start=date(2022, 9, 9), end=date(2022, 11, 3)) == ["session-3", "consultation-3"]
    assert ids(kinds=["deadline"], venues=["vienna"]) == []


def test_the_count_after_an_export_is_the_exports_own_selection(
    bundled, edge, monkeypatch: pytest.MonkeyPatch
) -> None:
    selection = EventSelection(kinds=("session",))
    data = export_bytes(bundled, selection, dtstamp=STAMP)
    passes: list[object] = []
    original = type(bundled).in_date_order
    monkeypatch.setattr(
        type(bundled), "in_date_order", lambda self: passes.append(self) or original(self)
    )
    assert selection.count(bundled) == 10 and passes == []  # no second pass
    assert data.count(b"SUMMARY:") > 10  # meeting blocks: more entries than events
    assert selection.count(edge) == len([e for e in edge.events if e.kind == "session"])
    assert passes == [edge]  # another schedule is selected afresh


def test_an_unknown_filter_value_is_named_with_the_near_one(bundled) -> None:
    assert EventSelection(venues=("viena",)).unknown_value(bundled) == (
        "venue",
        "unknown venue 'viena' (did you mean `vienna`?); known: hanoi, new-york, vienna",
    )
    assert EventSelection(tags=("zzz",)).unknown_value(bundled)[0] == "tag"
    assert EventSelection(kinds=("session",), tags=("concluding",)).unknown_value(bundled) is None


def test_alarms() -> None:
    assert parse_duration("1d12h") == timedelta(days=1, hours=12)
    assert parse_duration("1w") == timedelta(weeks=1)
    assert parse_duration("30m") == timedelta(minutes=30)
    for bad in ("", "1", "d1", "1y", "0m", "-1d"):
        with pytest.raises(AlarmError):
            parse_duration(bad)


@pytest.mark.parametrize(
    "huge",
    ["99999999999w", "9" * 30 + "m", "9" * 5000 + "d", "53w", "366d"],
    ids=["11 digits", "30 digits", "5000 digits", "53w", "366d"],
)
def test_an_alarm_longer_than_a_year_is_refused(huge: str) -> None:
    # "99999999999w" once escaped as OverflowError: a traceback from `docket export`.
    with pytest.raises(AlarmError, match="at most a year"):
        parse_duration(huge)
    assert parse_duration("52w") == timedelta(weeks=52)


def test_split_year_gives_valid_files_that_together_hold_everything(bundled) -> None:
    files = export_by_year(bundled, dtstamp=STAMP)
    assert sorted(files) == [2021, 2022, 2023, 2024, 2025]
    whole = export_bytes(bundled, dtstamp=STAMP)
    uids = lambda data: {line for line in unfolded_lines(data) if line.startswith("UID:")}  # noqa: E731
    assert set().union(*(uids(data) for data in files.values())) == uids(whole)
    for data in files.values():
        assert_ical_rules(data)
    assert b"TZID:Europe/Vienna" not in files[2024]  # only the zones a file uses


def test_size_warning() -> None:
    assert size_warning(b"x" * 1_000_000) is None
    assert "split year" in size_warning(b"x" * 1_000_001)
    assert size_warning(b"x" * 1_000_001, DIALOG).endswith("narrow the export with filters")


def write_calendar(target: Path, data: bytes) -> None:
    """One file through the export flow's writer."""
    write_export(ExportPlan(files=(OutputFile(target, data),), report=(), events=0))


def test_write_calendar_is_atomic(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "out.ics"
    target.write_bytes(b"previous good export")
    write_calendar(target, b"new")
    assert target.read_bytes() == b"new"

    def broken_replace(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(ExportFailure, match="No space left on device") as error:
        write_calendar(target, b"half")
    assert "\n" not in str(error.value)
    assert target.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.ics"]  # no temporary left


def test_write_calendar_into_a_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(ExportFailure):
        write_calendar(tmp_path / "missing" / "out.ics", b"data")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ExportFailure):
        write_calendar(blocker / "out.ics", b"data")
