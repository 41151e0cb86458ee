"""Every property `docket import` reads, malformed one way at a time: a note, never a traceback.

icalendar 7 parses a value when it is first touched, so each of these once escaped as a
traceback from wherever the importer touched it. Each case here is one VEVENT (or one
calendar) built to break one reading; the import must succeed with a note naming the
property, or refuse with a CalendarImportError, and what it writes must load.
"""

from __future__ import annotations

import re

import pytest

from tui.core.errors import CalendarImportError
from tui.ical.importing import import_calendar
from tui.schedule.loader import load_text

AT = "DTSTART:20220101T100000Z\r\n"  # a good start, before the property under test
#: (name, VEVENT lines besides UID and SUMMARY): each breaks one property one way.
CASES = [
    ("dtstart-garbage", "DTSTART:garbage"),
    ("dtstart-empty", "DTSTART:"),
    ("dtstart-month-13", "DTSTART:20221301"),
    ("dtstart-hour-25", "DTSTART:20220230T250000"),
    ("dtstart-year-9999", "DTSTART:99991231T235959Z"),
    ("dtstart-date-9999", "DTSTART;VALUE=DATE:99991231"),
    ("dtstart-year-1", "DTSTART:00010101"),
    ("dtstart-period", "DTSTART;VALUE=PERIOD:20220101T100000Z/PT1H"),
    ("dtstart-time", "DTSTART;VALUE=TIME:100000"),
    ("dtstart-duration", "DTSTART;VALUE=DURATION:PT1H"),
    ("dtstart-text", "DTSTART;VALUE=TEXT:tomorrow"),
    ("dtstart-twice", AT + "DTSTART:20220102T100000Z"),
    ("dtstart-twice-tzid", "DTSTART;TZID=America/New_York:20230829T150000\r\n" * 2),
    ("dtstart-twice-bad", AT + "DTSTART:OPAQUE"),
    ("dtstart-unknown-tzid", "DTSTART;TZID=Nowhere/Land:20220101T100000"),
    ("dtstart-empty-tzid", "DTSTART;TZID=:20220101T100000"),
    ("dtstart-missing", "DTEND:20220101T100000Z"),
    ("dtend-garbage", AT + "DTEND:garbage"),
    ("dtend-year-9999", AT + "DTEND:99991231T235959Z"),
    ("dtend-datetime-on-date", "DTSTART;VALUE=DATE:20220101\r\nDTEND:20220102T100000Z"),
    ("dtend-date-on-datetime", AT + "DTEND;VALUE=DATE:20220102"),
    ("dtend-date-9999-on-datetime", "DTSTART:99991231\r\nDTEND:20240129T153000Z"),
    ("dtend-period", AT + "DTEND;VALUE=PERIOD:20220101T100000Z/PT1H"),
    ("dtend-twice", AT + "DTEND:20220101T110000Z\r\nDTEND:x"),
    ("duration-garbage", AT + "DURATION:xx"),
    ("duration-negative", AT + "DURATION:-P1D"),
    ("duration-huge", AT + "DURATION:P99999999D"),
    ("duration-on-date", "DTSTART;VALUE=DATE:20220101\r\nDURATION:P3DT5H"),
    ("duration-date-value", AT + "DURATION;VALUE=DATE:20220101"),
    ("rdate-garbage", AT + "RDATE:garbage"),
    ("rdate-period", AT + "RDATE;VALUE=PERIOD:20220102T100000Z/PT1H"),
    ("rdate-period-as-datetime", "DTSTART:20240129T140000Z\r\nRDATE:20220101T100000Z/PT1H"),
    ("rdate-year-9999", AT + "RDATE:99991231T100000Z"),
    ("rdate-date-on-datetime", AT + "RDATE;VALUE=DATE:20220105"),
    ("rdate-datetime-on-date", "DTSTART;VALUE=DATE:20220101\r\nRDATE:20220105T230000Z"),
    ("rdate-twice", AT + "RDATE:20220102T100000Z\r\nRDATE:x"),
    ("exdate-garbage", AT + "RRULE:FREQ=DAILY;COUNT=3\r\nEXDATE:x"),
    ("exdate-period", AT + "RRULE:FREQ=DAILY;COUNT=3\r\nEXDATE;VALUE=PERIOD:20220102T100000Z/PT1H"),
    ("exdate-only", AT + "EXDATE:20220101T100000Z"),
    ("recurrence-id-garbage", AT + "RECURRENCE-ID:garbage"),
    ("recurrence-id-9999", AT + "RECURRENCE-ID:99991231T100000Z"),
    ("rrule-garbage", AT + "RRULE:FREQ=NOPE"),
    ("rrule-value-date", "RRULE;VALUE=DATE:20220101T100000\r\nDTSTART:20220601T070000Z"),
    ("rrule-no-freq", AT + "RRULE:COUNT=3"),
    ("rrule-count-huge", AT + "RRULE:FREQ=DAILY;COUNT=99999999999999999999"),
    ("rrule-count-zero", AT + "RRULE:FREQ=DAILY;COUNT=0"),
    ("rrule-count-text", AT + "RRULE:FREQ=DAILY;COUNT=abc"),
    ("rrule-interval-huge", AT + "RRULE:FREQ=DAILY;INTERVAL=99999999999999999"),
    ("rrule-interval-zero", AT + "RRULE:FREQ=HOURLY;INTERVAL=0"),
    ("rrule-bymonthday-huge", AT + "RRULE:FREQ=YEARLY;BYMONTHDAY=99999"),
    ("rrule-bysetpos-huge", AT + "RRULE:FREQ=MONTHLY;BYDAY=MO;BYSETPOS=-99999"),
    ("rrule-byday-huge", AT + "RRULE:FREQ=MONTHLY;BYDAY=99999MO"),
    ("rrule-byday-bad", AT + "RRULE:FREQ=WEEKLY;BYDAY=XX"),
    ("rrule-byhour-99", AT + "RRULE:FREQ=DAILY;BYHOUR=99"),
    ("rrule-byweekno-60", AT + "RRULE:FREQ=YEARLY;BYWEEKNO=60"),
    ("rrule-until-9999", AT + "RRULE:FREQ=DAILY;UNTIL=99991231"),
    ("rrule-until-garbage", AT + "RRULE:FREQ=DAILY;UNTIL=garbage"),
    ("rrule-never-matches", AT + "RRULE:FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30"),
    ("rrule-never-matches-daily", AT + "RRULE:FREQ=DAILY;BYMONTH=4;BYMONTHDAY=31"),
    ("rrule-rscale", AT + "RRULE:FREQ=YEARLY;RSCALE=HEBREW"),
    ("rrule-start-9998", "DTSTART:29991225T100000Z\r\nRRULE:FREQ=DAILY"),
    ("rrule-minutely-many", AT + "RRULE:FREQ=MINUTELY;COUNT=100000"),
    ("rrule-hourly-on-date", "DTSTART;VALUE=DATE:20220101\r\nRRULE:FREQ=HOURLY;COUNT=50"),
    ("rrule-twice", AT + "RRULE:FREQ=DAILY;COUNT=2\r\nRRULE:FREQ=WEEKLY;COUNT=2"),
    ("summary-twice", AT + "SUMMARY:second"),
    ("categories-value-date", AT + "CATEGORIES;VALUE=DATE:a\x00b"),
    ("url-value-date", AT + "URL;VALUE=DATE:x"),
    ("location-blank", AT + "LOCATION:   "),
    ("description-blank", AT + "DESCRIPTION:  \\n  "),
    ("status-unknown", AT + "STATUS:MAYBE"),
    ("docket-status-bad", AT + "X-DOCKET-STATUS:someday"),
    ("docket-venue-bad", AT + "X-DOCKET-VENUE:not a slug!"),
    ("docket-hours-bad", "DTSTART;VALUE=DATE:20220103\r\nX-DOCKET-HOURS:25:00-26:00"),
    ("docket-hours-timed", "DTSTART:20220103T100000Z\r\nX-DOCKET-HOURS:10:00-11:00"),
    ("docket-hours-backwards", "DTSTART;VALUE=DATE:20220103\r\nX-DOCKET-HOURS:13:00-10:00"),
    ("docket-span-bad", "DTSTART;VALUE=DATE:20220103\r\nX-DOCKET-SPAN:2022-01-03/9999-12-31"),
    ("valarm-broken", AT + "BEGIN:VALARM\r\nTRIGGER:x\r\nEND:VALARM"),
]

#: Whole calendars: headers and UIDs docket reads back.
CALENDARS = [
    (
        "docket-deadline-not-a-point",
        "X-DOCKET-DEADLINE:a\r\nBEGIN:VEVENT\r\nUID:a@s.docket\r\nSUMMARY:A\r\n"
        "CATEGORIES:session\r\nDTSTART;VALUE=DATE:20220103\r\nEND:VEVENT\r\n",
    ),
    (
        "docket-blocks-two-zones",
        "BEGIN:VEVENT\r\nUID:a+20220103-1@s.docket\r\nSUMMARY:A\r\n"
        "DTSTART;TZID=Europe/Vienna:20220103T100000\r\nDTEND;TZID=Asia/Tokyo:20220103T110000\r\n"
        "END:VEVENT\r\n",
    ),
    (
        "docket-blocks-overlapping",
        "BEGIN:VEVENT\r\nUID:a+20220103-1@s.docket\r\nSUMMARY:A\r\nDTSTART:20220103T100000Z\r\n"
        "DTEND:20220103T120000Z\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:a+20220103-2@s.docket\r\n"
        "SUMMARY:A\r\nDTSTART:20220103T110000Z\r\nDTEND:20220103T130000Z\r\nEND:VEVENT\r\n",
    ),
    (
        "docket-blocks-a-century-apart",
        "BEGIN:VEVENT\r\nUID:a+20220103-1@s.docket\r\nSUMMARY:A\r\n"
        "DTSTART;TZID=Europe/Vienna:20220103T100000\r\nDTEND;TZID=Europe/Vienna:20220103T110000\r\n"
        "X-DOCKET-SPAN:1900-01-01/2999-12-31\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\n"
        "UID:a+21220103-1@s.docket\r\nSUMMARY:A\r\n"
        "DTSTART;TZID=Europe/Vienna:21220105T100000\r\nDTEND;TZID=Europe/Vienna:21220105T110000\r\n"
        "END:VEVENT\r\n",
    ),
    (
        "docket-block-on-a-date",
        "BEGIN:VEVENT\r\nUID:a+20220103-1@s.docket\r\nSUMMARY:A\r\n"
        "DTSTART;VALUE=DATE:20220103\r\nEND:VEVENT\r\n",
    ),
    (
        "calendar-timezone-garbage",
        f"X-WR-TIMEZONE:\x1b[2J\r\nBEGIN:VEVENT\r\nUID:1\r\n{AT}END:VEVENT\r\n",
    ),
    ("calendar-broken-vtimezone", "TZID:America/New_York\r\n" * 2 + "END:VTIMEZONE\r\n"),
    ("calendar-categories-nul", "CATEGORIES;VALUE=DATE:a\x00b\r\n"),
    (
        "custom-vtimezone",
        "BEGIN:VTIMEZONE\r\nTZID:My Zone\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\n"
        "TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
        "BEGIN:VEVENT\r\nUID:1\r\nSUMMARY:A\r\nDTSTART;TZID=My Zone:20220101T100000\r\n"
        "RRULE:FREQ=DAILY;COUNT=3\r\nEXDATE;TZID=My Zone:20220102T100000\r\nEND:VEVENT\r\n",
    ),
]

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def calendar(body: str) -> bytes:
    text = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n{body}END:VCALENDAR\r\n"
    return text.encode("utf-8")


def vevent(lines: str, uid: str = "case@example.org", summary: str = "Case") -> str:
    return f"BEGIN:VEVENT\r\nUID:{uid}\r\nSUMMARY:{summary}\r\n{lines.strip()}\r\nEND:VEVENT\r\n"


def import_or_refuse(data: bytes) -> tuple[str, list[str]] | None:
    """The TOML and notes (the TOML checked to load), or None for a clear refusal."""
    try:
        result = import_calendar(data, source_name="case.ics")
    except CalendarImportError as error:
        assert str(error) and "\n" not in str(error)
        assert not _CONTROL.search(str(error))
        return None
    load_text(result.toml_text)
    for note in result.notes:
        assert not _CONTROL.search(note), note
    return result.toml_text, result.notes


@pytest.mark.parametrize(("name", "lines"), CASES, ids=[name for name, _ in CASES])
def test_a_malformed_property_is_a_note_never_a_traceback(name: str, lines: str) -> None:
    good = vevent("DTSTART:20220301T100000Z", uid="good@example.org", summary="Good")
    outcome = import_or_refuse(calendar(vevent(lines) + good))
    assert outcome is not None, "one bad VEVENT must not refuse the whole calendar"
    toml_text, notes = outcome
    assert 'title = "Good"' in toml_text  # the good event is kept
    property_name = re.split("[:;]", lines.split("\r\n")[-1])[0]
    if name.endswith(("-garbage", "-9999", "-period", "-time", "-text", "-huge", "-bad")):
        assert any(property_name in note for note in notes), notes


@pytest.mark.parametrize(("name", "body"), CALENDARS, ids=[name for name, _ in CALENDARS])
def test_malformed_calendars_import_or_refuse_clearly(name: str, body: str) -> None:
    import_or_refuse(calendar(body))


def test_a_bad_dtstart_skips_its_event_with_a_note_that_names_it() -> None:
    toml_text, notes = import_or_refuse(
        calendar(
            vevent("DTSTART:garbage") + vevent("DTSTART:20220301T100000Z", uid="2", summary="Kept")
        )
    ) or ("", [])
    assert "event 'Case': DTSTART 'garbage' cannot be read: event skipped" in notes
    assert 'title = "Kept"' in toml_text and 'title = "Case"' not in toml_text


def test_a_bad_dtend_is_dropped_and_the_event_kept() -> None:
    toml_text, notes = import_or_refuse(
        calendar(vevent("DTSTART;VALUE=DATE:20220103\r\nDTEND:20220104T100000Z"))
    ) or ("", [])
    assert "DTEND is a date-time but DTSTART a date: DTEND ignored" in "\n".join(notes)
    assert "start = 2022-01-03" in toml_text and "end =" not in toml_text


def test_an_rdate_period_is_read_as_its_start() -> None:
    toml_text, notes = import_or_refuse(
        calendar(vevent("DTSTART:20220103T100000Z\r\nRDATE;VALUE=PERIOD:20220105T100000Z/PT1H"))
    ) or ("", [])
    assert toml_text.count("id = ") == 3  # the schedule's, and one per occurrence
    assert any("RDATE periods read as their start times" in note for note in notes)


def test_a_duplicated_dtstart_uses_the_first_and_says_so() -> None:
    toml_text, notes = import_or_refuse(
        calendar(vevent("DTSTART:20220103T100000Z\r\nDTSTART:20230103T100000Z"))
    ) or ("", [])
    assert "2022-01-03" in toml_text and "2023" not in toml_text
    assert any("DTSTART given 2 times: the first is used" in note for note in notes)


def test_a_custom_vtimezone_keeps_the_instants_and_removes_the_exdate() -> None:
    toml_text, notes = import_or_refuse(calendar(CALENDARS[-1][1])) or ("", [])
    schedule = load_text(toml_text).schedule
    starts = sorted(event.start_instant.isoformat() for event in schedule.events)
    assert starts == ["2022-01-01T09:00:00+00:00", "2022-01-03T09:00:00+00:00"]
    assert any("My Zone" in note for note in notes)


HOSTILE = ["\x1b[2J\x1b]0;pwned\x07", "\x9b31m", "\x00", "\x7f", "a\rb", "\x08\x0c"]
TEXT_PROPERTIES = ["SUMMARY", "LOCATION", "DESCRIPTION", "CATEGORIES", "URL", "UID"]


def _strings(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for key, value in node.items() for s in (*_strings(key), *_strings(value))]
    if isinstance(node, list):
        return [s for item in node for s in _strings(item)]
    return []


@pytest.mark.parametrize("text", HOSTILE, ids=[repr(t) for t in HOSTILE])
@pytest.mark.parametrize("name", [*TEXT_PROPERTIES, "TZID", "X-WR-CALNAME", "X-DOCKET-VENUE"])
def test_control_characters_never_reach_the_schedule_or_the_notes(name: str, text: str) -> None:
    import tomllib

    if name == "TZID":
        lines = f"DTSTART;TZID=Euro{text}pe/Vienna:20220301T100000"
    elif name == "X-WR-CALNAME":
        lines = "DTSTART:20220301T100000Z"
    else:
        lines = f"DTSTART:20220301T100000Z\r\n{name}:{name.lower()}{text}tail"
    header = f"X-WR-CALNAME:cal{text}\r\nX-WR-TIMEZONE:{text}\r\n"
    body = vevent(lines, uid=f"u{text}@x", summary=f"title{text}").replace(
        "SUMMARY:", "SUMMARY:" if name != "SUMMARY" else "X-IGNORED:", 1
    )
    good = vevent("DTSTART:20220302T100000Z", uid="good@x", summary="Good")
    toml_text, notes = import_or_refuse(calendar(header + body + good)) or ("", [])
    assert 'title = "Good"' in toml_text
    for value in _strings(tomllib.loads(toml_text)):
        assert not _CONTROL.search(value.replace("\t", " ").replace("\n", " ")), repr(value)
    assert not _CONTROL.search(toml_text.replace("\t", " ").replace("\n", " "))
    for note in notes:
        assert not _CONTROL.search(note), note
    assert "␛" in toml_text + "".join(notes) or text != HOSTILE[0]  # shown, not dropped
