"""Each rule of shared/reference/ical-compat.md, asserted on the raw bytes of an .ics file.

Lenient parsers accept broken files, so these checks read the bytes themselves; the strict
`ical` parser and icalendar then parse the file as clients would.
"""

from __future__ import annotations

import re

from ical.calendar_stream import IcsCalendarStream
from icalendar import Calendar


def unfolded_lines(data: bytes) -> list[str]:
    return data.decode("utf-8").replace("\r\n ", "").split("\r\n")[:-1]


def assert_ical_rules(data: bytes) -> None:
    assert not data.startswith(b"\xef\xbb\xbf"), "rule 3: no BOM"
    assert data.startswith(b"BEGIN:VCALENDAR\r\n"), "rule 3: nothing before BEGIN:VCALENDAR"
    assert data.endswith(b"END:VCALENDAR\r\n")
    assert b"\n" not in data.replace(b"\r\n", b""), "rule 1: CRLF only, no bare LF"
    assert b"\r" not in data.replace(b"\r\n", b""), "rule 1: no bare CR"
    for raw in data.split(b"\r\n")[:-1]:
        assert len(raw) <= 75, f"rule 2: line over 75 octets: {raw!r}"
        raw.decode("utf-8")  # rule 2: never folded inside a UTF-8 character
    lines = unfolded_lines(data)
    assert "VERSION:2.0" in lines and any(line.startswith("PRODID:") for line in lines)
    assert any("docket" in line for line in lines if line.startswith("PRODID:"))
    assert "CALSCALE:GREGORIAN" in lines
    assert "METHOD:PUBLISH" in lines, "rule 8"
    assert any(line.startswith("X-WR-CALNAME:") for line in lines), "rule 17"
    assert any(line.startswith("X-WR-TIMEZONE:") for line in lines)
    defined = {line[5:] for line in lines if line.startswith("TZID:")}
    events = _components(lines, "VEVENT")
    assert events, "rule 4: at least one component"
    uids = []
    for event in events:
        props = _props(event)
        assert "UID" in props and "DTSTAMP" in props, "rule 5"
        uids.append(props["UID"][0][1])
        assert re.fullmatch(r"\d{8}T\d{6}Z", props["DTSTAMP"][0][1]), "rule 5: DTSTAMP in UTC"
        for name in ("SUMMARY", "CATEGORIES", "STATUS", "DTSTART", "TRANSP"):
            assert name in props, f"{name} missing"
        if "SEQUENCE" in props:
            assert re.fullmatch(r"\d{1,3}", props["SEQUENCE"][0][1]), "rule 7"
        start_params, start = props["DTSTART"][0]
        kinds = [_value_kind(start_params, start, defined)]
        if "DTEND" in props:
            end_params, end = props["DTEND"][0]
            kinds.append(_value_kind(end_params, end, defined))
            assert kinds[0] == kinds[1] or {"utc", "tzid"} >= set(kinds), "rule 14"
            assert _sortable(end) > _sortable(start) or (kinds[0] != kinds[1]), "DTEND > DTSTART"
        assert props["TRANSP"][0][1] in ("OPAQUE", "TRANSPARENT")
        assert props["STATUS"][0][1] in ("CONFIRMED", "TENTATIVE", "CANCELLED")
        for name in props:
            assert re.fullmatch(r"[A-Z]+|X-[A-Z0-9-]+", name), f"rule 21: {name}"
        assert "RRULE" not in props and "RDATE" not in props
    assert len(uids) == len(set(uids)), "UIDs are unique"
    for alarm in _components(lines, "VALARM"):
        props = _props(alarm)
        assert props["ACTION"][0][1] == "DISPLAY" and "DESCRIPTION" in props, "rule 19"
        assert re.fullmatch(r"-P(\d+W|(\d+D)?(T(\d+H)?(\d+M)?(\d+S)?)?)", props["TRIGGER"][0][1])
    for timezone in _components(lines, "VTIMEZONE"):
        assert not any(line.startswith("RDATE") for line in timezone), "rule 11: no RDATE lists"
    # Parsers: the strict `ical` package and icalendar.
    IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))
    calendar = Calendar.from_ical(data)
    assert calendar.get_missing_tzids() == set(), "rule 10: every TZID has its VTIMEZONE"
    for component in calendar.walk():
        assert not component.errors, component.errors


def _components(lines: list[str], name: str) -> list[list[str]]:
    found, current = [], None
    for line in lines:
        if line == f"BEGIN:{name}":
            current = []
        elif line == f"END:{name}":
            found.append(current)
            current = None
        elif current is not None:
            current.append(line)
    return found


def _props(lines: list[str]) -> dict[str, list[tuple[str, str]]]:
    props: dict[str, list[tuple[str, str]]] = {}
    depth = 0
    for line in lines:
        if line.startswith("BEGIN:"):
            depth += 1
        elif line.startswith("END:"):
            depth -= 1
        elif depth == 0:
            head, _, value = line.partition(":")
            name, _, params = head.partition(";")
            props.setdefault(name, []).append((params, value))
    return props


def _value_kind(params: str, value: str, defined: set[str]) -> str:
    if "VALUE=DATE" in params.split(";"):
        assert re.fullmatch(r"\d{8}", value), "rule 14: a date has no time and no Z"
        return "date"
    assert re.fullmatch(r"\d{8}T\d{6}Z?", value), value
    if value.endswith("Z"):
        assert "TZID" not in params
        return "utc"
    tzid = dict(p.split("=", 1) for p in params.split(";") if p).get("TZID")
    assert tzid, "rule 9: no floating date-times"
    assert tzid in defined, "rule 10: every TZID has its VTIMEZONE"
    assert "/" in tzid and not re.search(r"[+-]\d\d:?\d\d", tzid), "rule 12: IANA names"
    return "tzid"


def _sortable(value: str) -> str:
    return value.rstrip("Z")
