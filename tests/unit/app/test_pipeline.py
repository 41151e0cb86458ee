"""A generated schedule through everything docket does with it: only DocketError may come out.

The schedule (venues in zones with daylight saving, events of every kind: all-day spans,
local and offset date-times, meeting hours, points, every status, text in many scripts
with the characters iCalendar escapes, dates at the edges of the supported years) goes
through the loader, the countdowns, the details panel's text, the timeline's lines, the
export, the import and a second export. Export -> import -> export must keep every event,
and here (docket's own calendar coming back) give the same bytes.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import tomli_w
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tests.ical_rules import assert_ical_rules
from tui.app.describe import details
from tui.app.timeline.lines import axis_runs, background, row_runs
from tui.app.timeline.rows import TimelineRows
from tui.app.timeline.scale import window_for
from tui.core.countdown import countdowns, phase
from tui.core.errors import DocketError
from tui.ical.export import export_by_year, export_bytes
from tui.ical.importing import import_calendar
from tui.schedule.loader import load_text

STAMP = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
ZONES = ["America/New_York", "Europe/Vienna", "Asia/Kolkata", "Australia/Lord_Howe", "UTC"]
#: One line of text: any script, iCalendar's special characters, no control characters.
LINE = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")),
    min_size=1,
    max_size=24,
).filter(lambda text: text.strip() == text and text)
SPECIAL = st.sampled_from(["a, b; c \\ d", 'say "hi": END:VEVENT', "Комитет · 委员会", "x"])
TITLE = st.one_of(LINE, SPECIAL)
NOTES = st.lists(st.one_of(LINE, SPECIAL, st.just("\tindented")), min_size=1, max_size=3).map(
    "\n".join
)
DAYS = st.one_of(
    st.dates(date(2021, 1, 1), date(2026, 12, 31)),
    st.sampled_from([date(1900, 1, 1), date(2999, 12, 31), date(2999, 12, 24)]),
)
HOURS = st.sampled_from([["10:00-13:00", "15:00-18:00"], ["9:30-12:00"], ["00:00-23:59"]])


@st.composite
def event_tables(draw: st.DrawFn, number: int, venues: list[str]) -> dict[str, object]:
    kind = draw(st.sampled_from(["session", "consultation", "meeting", "deadline", "milestone"]))
    table: dict[str, object] = {"id": f"e{number}", "kind": kind, "title": draw(TITLE)}
    first = draw(DAYS)
    shape = draw(st.sampled_from(["day", "local", "offset"]))
    if shape == "day":
        table["start"] = first
        if kind not in ("deadline", "milestone"):
            last = min(first + timedelta(days=draw(st.integers(0, 20))), date(2999, 12, 31))
            table["end"] = last
            if draw(st.booleans()):
                table["hours"] = draw(HOURS)
    else:
        moment = datetime.combine(first, datetime.min.time()) + timedelta(
            minutes=15 * draw(st.integers(0, 95))
        )
        if shape == "offset":
            offset = timedelta(minutes=30 * draw(st.integers(-20, 24)))
            moment = moment.replace(tzinfo=ZoneInfo("UTC")).astimezone(
                __import__("datetime").timezone(offset)
            )
            moment = moment.replace(year=first.year, month=first.month, day=first.day)
        table["start"] = moment
        if kind not in ("deadline", "milestone") and draw(st.booleans()):
            end = moment + timedelta(minutes=15 * draw(st.integers(1, 200)))
            if end.year <= 2999:
                table["end"] = end
    if venues and draw(st.booleans()):
        table["venue"] = draw(st.sampled_from(venues))
    status = draw(st.sampled_from(["confirmed", "tentative", "postponed", "cancelled"]))
    if status != "confirmed":
        table["status"] = status
    if draw(st.booleans()):
        table["tags"] = draw(st.lists(st.sampled_from(["a", "b,c", "Ünïcode", "x;y"]), max_size=3))
    if draw(st.booleans()):
        table["url"] = draw(st.sampled_from(["https://example.org/a?b=1;c=2,3", "https://x.y"]))
    if draw(st.booleans()):
        table["notes"] = draw(NOTES)
    return table


@st.composite
def schedules(draw: st.DrawFn) -> str:
    venue_ids = [f"v{n}" for n in range(draw(st.integers(0, 3)))]
    venues = {
        key: {
            "name": draw(TITLE),
            "city": draw(LINE),
            "timezone": draw(st.sampled_from(ZONES)),
            "holidays": draw(st.lists(DAYS, max_size=2, unique=True)),
        }
        for key in venue_ids
    }
    events = [draw(event_tables(n, venue_ids)) for n in range(draw(st.integers(1, 10)))]
    head: dict[str, object] = {
        "id": "generated",
        "title": draw(TITLE),
        "timezone": draw(st.sampled_from(ZONES)),
    }
    points = [e["id"] for e in events if e["kind"] in ("deadline", "milestone")]
    if points and draw(st.booleans()):
        head["deadline"] = points[0]
    if draw(st.booleans()):
        head["description"] = draw(NOTES)
    if draw(st.booleans()):
        head["holidays"] = draw(st.lists(DAYS, max_size=3, unique=True))
    document = {"schedule": head, "venues": {k: v for k, v in venues.items()}, "events": events}
    return tomli_w.dumps(document, multiline_strings=True)


def _everything_docket_shows(text: str) -> None:
    loaded = load_text(text)
    schedule = loaded.schedule
    as_of = datetime(2023, 6, 1, 12, tzinfo=UTC)
    countdowns(schedule, as_of)
    rows = TimelineRows(schedule)
    for zoom in ("all", "month"):
        window = window_for(zoom, 80, rows.first + 10, rows.first, rows.last)
        empty = background(window, rows.first)
        axis_runs(window, 30, zoom, len(rows), len(rows), rows.first)
        for row in rows.all:
            row_runs(row, window, 30, rows.first, empty)
    for each in schedule.events:
        phase(each, as_of)
        details(schedule, each, as_of, ZoneInfo("Asia/Tokyo"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(schedules())
def test_a_generated_schedule_goes_through_everything(text: str) -> None:
    try:
        _everything_docket_shows(text)
    except DocketError as error:
        event(f"invalid: {str(error).split(': ')[-1][:40]}")
        return  # the generator can make an invalid schedule (an end before its start)
    schedule = load_text(text).schedule
    first = export_bytes(schedule, dtstamp=STAMP, alarms=["1d"])
    if schedule.events:
        assert_ical_rules(first)
    export_by_year(schedule, dtstamp=STAMP)
    if not schedule.events:
        event("no events")
        return  # an empty calendar: nothing to import (said so by `docket import`)
    event("exported, imported, exported")
    result = import_calendar(first, source_name="generated.ics")
    again = load_text(result.toml_text).schedule
    _everything_docket_shows(result.toml_text)
    assert {e.id for e in again.events} == {e.id for e in schedule.events}, result.notes
    second = export_bytes(again, dtstamp=STAMP, alarms=["1d"])
    assert second == first, result.notes
