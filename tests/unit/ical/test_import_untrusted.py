"""Every value `docket import` parses out of a string it did not write: refused, never a crash.

A UID of docket's own form with impossible parts (a day that does not exist, a block
number thousands of digits long) once ended in a traceback: `int()` refuses 5,000 digits
and `strptime` 30 February. The class is every field docket parses out of text: UIDs,
X-DOCKET-* properties, durations, dates, TZIDs and the numbers of rules. Each is drawn
here with hostile parts (huge, zero, negative, impossible days, digits of other scripts
such as ``١٢``); the import must succeed, with a note naming what it refused when it
refused something, or raise a CalendarImportError; the TOML it writes must load.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.cli.helpers import assert_no_traceback, docket
from tui.core.errors import CalendarImportError
from tui.ical.docket_fields import MAX_BLOCKS, uid_problem
from tui.ical.importing import import_calendar
from tui.schedule.loader import load_text

SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")

#: Digits of many scripts, which `str.isdigit`, `\d` and `int()` all accept.
FOREIGN_DIGITS = "١٢٣٠۴५৬੭૮୯௧౨೩൪๕໖༧၈႙០᠑"
HOSTILE_NUMBERS = st.one_of(
    st.integers(-(10**6), 10**6).map(str),
    st.integers(1, 6000).map(lambda n: "9" * n),  # far past int()'s 4,300 digits
    st.text("0123456789", min_size=0, max_size=12),
    st.text(FOREIGN_DIGITS + "0123456789", min_size=1, max_size=10),
    st.sampled_from(["0", "00000000", "-1", "+1", "1e3", "²", "0x10", " 7", "٠"]),
)
DAYS = st.one_of(
    st.dates(date(1, 1, 1), date(9999, 12, 31)).map(lambda d: f"{d:%Y%m%d}"),
    st.sampled_from(["20240230", "20230229", "20241301", "20240000", "00000101", "29991231"]),
    HOSTILE_NUMBERS,
)
IDS = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._-]{0,20}", fullmatch=True)


def calendar(vevent_lines: str, uid: str = "x@example.org", header: str = "") -> bytes:
    text = (
        f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n{header}BEGIN:VEVENT\r\nUID:{uid}\r\n"
        f"SUMMARY:Session\r\n{vevent_lines}END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    return text.encode("utf-8")


def imported(data: bytes) -> tuple[str, list[str]] | None:
    """The TOML (checked to load) and the notes, or None for a clean refusal."""
    try:
        result = import_calendar(data, source_name="untrusted.ics")
    except CalendarImportError as error:
        assert str(error) and "\n" not in str(error) and not _CONTROL.search(str(error))
        return None
    load_text(result.toml_text)
    for note in result.notes:
        assert not _CONTROL.search(note), note
    return result.toml_text, result.notes


def _possible(day: str, block: str) -> bool:
    if not re.fullmatch(r"[0-9]{8}", day, re.ASCII) or not re.fullmatch(r"[0-9]{1,4}", block):
        return False
    try:
        when = date(int(day[:4]), int(day[4:6]), int(day[6:]))
    except ValueError:
        return False
    return 1900 <= when.year <= 2999 and 1 <= int(block) <= MAX_BLOCKS


@SETTINGS
@given(event=IDS, schedule=IDS, day=DAYS, block=HOSTILE_NUMBERS, date_event=st.booleans())
def test_a_docket_form_uid_with_any_parts_imports(
    event: str, schedule: str, day: str, block: str, date_event: bool
) -> None:
    uid = f"{event}+{day}-{block}@{schedule}.docket"
    start = "DTSTART;VALUE=DATE:20240105\r\n" if date_event else "DTSTART:20240105T100000Z\r\n"
    result = imported(calendar(start + "DTEND:20240105T110000Z\r\n" * (not date_event), uid))
    assert result is not None
    toml_text, notes = result
    said = any("UID" in note and "read as another calendar's UID" in note for note in notes)
    parsed, _ = uid_problem(uid)
    assert (parsed is not None) == _possible(day, block) == (not said)
    if parsed is not None:
        assert f'id = "{schedule}"' in toml_text  # the schedule id comes back from the UID


@pytest.mark.parametrize(
    ("uid", "part"),
    [
        ("a+20240230-1@s.docket", "day '20240230'"),
        ("a+20240105-" + "9" * 5000 + "@s.docket", "block number"),
        ("a+20240105-0@s.docket", "block number '0'"),
        ("a+20240105-1441@s.docket", "block number '1441'"),
        ("a+١٢٣٤٥٦٧٨-1@s.docket", "not of the form"),
        ("a+20240105-١٢@s.docket", "not of the form"),
        ("a+20240105--1@s.docket", "not of the form"),
        ("a+99991231-1@s.docket", "day '99991231'"),
    ],
)
def test_an_impossible_part_is_named_and_the_uid_read_as_foreign(uid: str, part: str) -> None:
    result = imported(calendar("DTSTART:20240105T100000Z\r\n", uid))
    assert result is not None
    assert any(part in note and "event 'Session'" in note for note in result[1]), result[1]
    assert uid_problem(uid)[0] is None


DOCKET_PROPERTIES = ["X-DOCKET-SPAN", "X-DOCKET-HOURS", "X-DOCKET-VENUE", "X-DOCKET-STATUS"]
PROPERTY_VALUES = st.one_of(
    st.builds(lambda a, b: f"{a}/{b}", DAYS, DAYS),
    st.builds(lambda a, b: f"{a[:4]}-{a[4:6]}-{a[6:]}/{b[:4]}-{b[4:6]}-{b[6:]}", DAYS, DAYS),
    st.builds(lambda a, b: f"{a}:00-{b}:30", HOSTILE_NUMBERS, HOSTILE_NUMBERS),
    st.just(",".join(["10:00-10:01"] * 3000)),
    HOSTILE_NUMBERS,
    st.text(max_size=30),
)


@SETTINGS
@given(name=st.sampled_from(DOCKET_PROPERTIES), value=PROPERTY_VALUES)
def test_docket_s_own_properties_with_any_value_import(name: str, value: str) -> None:
    value = value.replace("\r", "").replace("\n", "")
    uid = "a@s.docket"
    assert imported(calendar(f"DTSTART;VALUE=DATE:20240105\r\n{name}:{value}\r\n", uid))


RULE_PARTS = ["COUNT", "INTERVAL", "BYMONTH", "BYMONTHDAY", "BYSETPOS", "BYWEEKNO", "BYHOUR"]


@SETTINGS
@given(
    part=st.sampled_from(RULE_PARTS),
    number=HOSTILE_NUMBERS,
    duration=st.one_of(
        st.builds(lambda n, u: f"P{n}{u}", HOSTILE_NUMBERS, st.sampled_from("DWHMS")),
        st.builds(lambda n: f"PT{n}H{n}M", HOSTILE_NUMBERS),
    ),
    tzid=st.one_of(st.text(max_size=40), st.sampled_from(["../../etc/passwd", "/x", "UTC"])),
)
def test_rule_numbers_durations_and_tzids_with_any_value_import(
    part: str, number: str, duration: str, tzid: str
) -> None:
    tzid = re.sub(r'[\r\n";:,]', "", tzid)
    lines = (
        f"DTSTART;TZID={tzid}:20240105T100000\r\nDURATION:{duration}\r\n"
        f"RRULE:FREQ=DAILY;{part}={number}\r\n"
    )
    imported(calendar(lines, header=f"X-WR-TIMEZONE:{tzid}\r\n"))  # imports, or refuses cleanly


def test_the_command_line_names_an_impossible_uid_and_writes_the_event(tmp_path: Path) -> None:
    source = tmp_path / "forged.ics"
    uid = "a+20240230-" + "9" * 5000 + "@s.docket"
    source.write_bytes(calendar("DTSTART:20240105T100000Z\r\n", uid))
    result = docket("import", source, "-o", tmp_path / "out.toml")
    assert_no_traceback(result)
    assert result.returncode == 0, result.stderr
    assert "read as another calendar's UID" in result.stderr
    assert 'title = "Session"' in (tmp_path / "out.toml").read_text()


def test_the_command_line_refuses_a_minutely_vtimezone_and_finishes(tmp_path: Path) -> None:
    zone = (
        "BEGIN:VTIMEZONE\r\nTZID:Fast\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\n"
        "TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0100\r\nRRULE:FREQ=MINUTELY\r\nEND:STANDARD\r\n"
        "END:VTIMEZONE\r\n"
    )
    source = tmp_path / "minutely.ics"
    source.write_bytes(calendar("DTSTART;TZID=Fast:20240105T100000\r\n", header=zone))
    result = docket("import", source, "-o", tmp_path / "out.toml")  # never finished before
    assert_no_traceback(result)
    assert result.returncode == 0, result.stderr
    assert "VTIMEZONE 'Fast': its RRULE is FREQ=MINUTELY" in result.stderr


def test_icalendar_s_own_warnings_never_reach_the_terminal(tmp_path: Path) -> None:
    source = tmp_path / "vendor.ics"
    source.write_bytes(calendar("DTSTART;TZID=/example.com/Europe/Berlin:20240105T100000\r\n"))
    result = docket("import", source, "-o", tmp_path / "out.toml")
    assert_no_traceback(result)
    assert result.returncode == 0, result.stderr
    assert "Warning" not in result.stderr and ".py:" not in result.stderr
