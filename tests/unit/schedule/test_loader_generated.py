"""Generated schedules: valid ones load as written; broken ones give located errors only.

The valid schedules are built from strategies (venues in several zones, events of every
kind, dates, local and offset date-times, meeting hours, statuses, tags, text in the UN's
six languages), written with tomli-w, loaded, and compared with what was generated. The
broken ones are those same texts with one or more mutations a file can suffer: keys
deleted, duplicated or retyped, start and end swapped, control characters escaped into
strings, invalid UTF-8, deep nesting, huge values. Whatever happens, only `ScheduleError`
comes out, and every diagnostic has a line inside the file and a column from 1.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.core.errors import ScheduleError
from tui.core.model import KINDS, POINT_KINDS, STATUSES
from tui.schedule.loader import load_text

ZONES = ["UTC", "Europe/Vienna", "America/New_York", "Asia/Tokyo", "Africa/Nairobi"]
#: Words in Arabic, Chinese, English, French, Russian and Spanish (and marks that combine).
WORDS = [
    "الدورة",
    "اللجنة",
    "会议",
    "第一届",
    "session",
    "Committee",
    "séance",
    "Genève",
    "сессия",
    "Комитет",
    "sesión",
    "Año",
    "e\u0301",
    "—",
]
SLUG = st.from_regex(r"\A[a-z0-9][a-z0-9._-]{0,12}\Z")
TEXT = st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(" ".join)
DAY = st.dates(date(1990, 1, 1), date(2090, 12, 31))


@st.composite
def hours(draw: st.DrawFn) -> list[str]:
    starts = sorted(draw(st.sets(st.integers(6, 20), min_size=1, max_size=3)))
    blocks = []
    for index, hour in enumerate(starts):
        end = min(hour + 1, starts[index + 1] if index + 1 < len(starts) else 23)
        blocks.append(f"{hour:02d}:00-{end:02d}:{draw(st.sampled_from(['00', '00', '30']))}")
        if end == hour + 1 and blocks[-1].endswith(":30") and index + 1 < len(starts):
            blocks[-1] = blocks[-1][:-2] + "00"
    return blocks


@st.composite
def event(draw: st.DrawFn, event_id: str, venues: list[str]) -> dict[str, Any]:
    kind = draw(st.sampled_from(KINDS))
    body: dict[str, Any] = {"id": event_id, "kind": kind, "title": draw(TEXT)}
    start = draw(DAY)
    style = draw(st.sampled_from(["date", "local", "offset"]))
    if style == "date":
        body["start"] = start
        if kind not in POINT_KINDS and draw(st.booleans()):
            body["end"] = start + timedelta(days=draw(st.integers(0, 30)))
            if draw(st.booleans()):
                body["hours"] = draw(hours())
    else:
        moment = datetime.combine(start, time(draw(st.integers(0, 22)), draw(st.integers(0, 59))))
        if style == "offset":
            minutes = draw(st.integers(-12 * 60, 14 * 60))
            moment = moment.replace(tzinfo=timezone(timedelta(minutes=minutes)))
        body["start"] = moment
        if kind not in POINT_KINDS and draw(st.booleans()):
            body["end"] = moment + timedelta(minutes=draw(st.integers(0, 600)))
    if venues and draw(st.booleans()):
        body["venue"] = draw(st.sampled_from(venues))
    if draw(st.booleans()):
        body["status"] = draw(st.sampled_from(STATUSES))
    if draw(st.booleans()):
        body["tags"] = draw(st.lists(SLUG, max_size=3))
    if draw(st.booleans()):
        body["notes"] = draw(TEXT) + "\n" + draw(TEXT) + "\tend"
    if draw(st.booleans()):
        body["url"] = "https://example.org/" + draw(SLUG)
    return body


@st.composite
def schedule(draw: st.DrawFn) -> dict[str, Any]:
    venue_ids = draw(st.lists(SLUG, max_size=3, unique=True))
    venues = {
        vid: {"name": draw(TEXT), "timezone": draw(st.sampled_from(ZONES)), "city": draw(TEXT)}
        for vid in venue_ids
    }
    event_ids = draw(st.lists(SLUG, min_size=1, max_size=8, unique=True))
    events = [draw(event(eid, venue_ids)) for eid in event_ids]
    head: dict[str, Any] = {
        "id": draw(SLUG),
        "title": draw(TEXT),
        "timezone": draw(st.sampled_from(ZONES)),
    }
    points = [e["id"] for e in events if e["kind"] in POINT_KINDS]
    if points and draw(st.booleans()):
        head["deadline"] = draw(st.sampled_from(points))
    if draw(st.booleans()):
        head["holidays"] = sorted(draw(st.sets(DAY, max_size=3)))
    document: dict[str, Any] = {"schedule": head, "events": events}
    if venues:
        document["venues"] = venues
    return document


def _naive(value: date) -> date:
    return value.replace(tzinfo=None) if isinstance(value, datetime) else value


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(schedule())
def test_generated_valid_schedules_load_as_written(document: dict[str, Any]) -> None:
    loaded = load_text(tomli_w.dumps(document), "generated.toml").schedule
    assert loaded.id == document["schedule"]["id"]
    assert loaded.title == document["schedule"]["title"]
    assert loaded.deadline == document["schedule"].get("deadline")
    assert [e.id for e in loaded.events] == [e["id"] for e in document["events"]]
    for written, built in zip(document["events"], loaded.events, strict=True):
        assert (built.kind, built.title) == (written["kind"], written["title"])
        start = written["start"]
        if isinstance(start, datetime) and start.tzinfo is not None:
            assert built.start == start  # an exact instant, kept as written
        else:
            assert _naive(built.start) == start
        if "end" in written:
            assert built.end is not None and _naive(built.end) == _naive(written["end"])
        assert [str(h) for h in built.hours] == written.get("hours", [])
        assert built.status == written.get("status", "confirmed")
        assert list(built.tags) == written.get("tags", [])
        assert built.notes == written.get("notes")
        assert (built.venue.id if built.venue else None) == written.get("venue")


# -- mutations ----------------------------------------------------------------------------

_STRING_LINE = re.compile(r'^(\s*[\w"-]+\s*=\s*")(.*)$')


@st.composite
def mutated(draw: st.DrawFn) -> str | bytes:
    lines = tomli_w.dumps(draw(schedule())).split("\n")
    for _ in range(draw(st.integers(1, 3))):
        index = draw(st.integers(0, len(lines) - 1))
        line = lines[index]
        action = draw(st.sampled_from(MUTATIONS))
        if action == "delete":
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, line)
        elif action == "retype" and " = " in line:
            key = line.split(" = ", 1)[0]
            lines[index] = f"{key} = {draw(st.sampled_from(RETYPES))}"
        elif action == "swap":
            text = "\n".join(lines)
            starts = re.findall(r"^start = (.*)$", text, re.M)
            ends = re.findall(r"^end = (.*)$", text, re.M)
            if starts and ends:
                text = text.replace(f"start = {starts[0]}", "start = @", 1)
                text = text.replace(f"end = {ends[0]}", f"end = {starts[0]}", 1)
                lines = text.replace("start = @", f"start = {ends[0]}", 1).split("\n")
        elif action == "control":
            match = _STRING_LINE.match(line)
            if match:
                code = draw(st.sampled_from([0x1B, 0x9B, 0x00, 0x7F, 0x0D, 0x85, 0x08]))
                lines[index] = f"{match.group(1)}\\u{code:04x}{match.group(2)}"
        elif action == "nest":
            depth = draw(st.sampled_from([50, 101, 3000]))
            lines.insert(index, "z = " + "[" * depth + "]" * depth)
        elif action == "dotted":
            lines.insert(index, "k" + ".k" * draw(st.sampled_from([99, 100, 2000])) + " = 1")
        elif action == "huge":
            lines.insert(index, draw(st.sampled_from(HUGE)))
        elif action == "bytes":
            text = "\n".join(lines).encode()
            at = draw(st.integers(0, len(text)))
            bad = draw(st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\x00", b"\xfe\xff"]))
            return text[:at] + bad + text[at:]
        if not lines:
            lines = [""]
    return "\n".join(lines)


MUTATIONS = ["delete", "duplicate", "retype", "swap", "control", "nest", "dotted", "huge", "bytes"]
RETYPES = ["5", "1.5", "true", '"text"', "[]", "{}", "2023-01-09", "10:00:00", '["a", 1]']
HUGE = [
    'notes = "' + "x" * 1_000_000 + '"',
    "n = " + "9" * 5000,
    "start = 0000-01-01",
    "start = 10000-01-01",
    "start = 9999-12-31T23:59:59-23:59",
    "start = 2023-06-30T23:59:60Z",
    'title = """' + "é\n" * 50_000 + '"""',
]


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_schedules_give_located_errors_and_nothing_else(text: str | bytes) -> None:
    raw = text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass")
    line_count = raw.count(b"\n") + 1
    try:
        load_text(text, "mutated.toml")
    except ScheduleError as error:
        assert error.errors, "an error must say what is wrong"
        for diagnostic in error.diagnostics:
            assert 1 <= diagnostic.line <= line_count + 1, str(diagnostic)
            assert diagnostic.column >= 1, str(diagnostic)
            assert diagnostic.message
            assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", diagnostic.message), (
                diagnostic.message
            )
