"""The import's budgets: repeating events cannot make a calendar explode, or stall it.

2,000 daily events without an end once became a million events (7 GB); a rule that never
matches made dateutil search to the year 9999 (8 s each, with no cap overall); 10,000 events
of one title took quadratic time to name. Each bound is tried here at its edge.
"""

from __future__ import annotations

import sys
import tracemalloc
from datetime import datetime

import pytest

from tui.ical.importing import import_calendar
from tui.ical.reading import CalendarReader
from tui.ical.recurrence import (
    PER_SERIES,
    RULE_STEPS,
    TOTAL_OCCURRENCES,
    Budget,
    bounded_rule,
    expand_occurrences,
)
from tui.schedule.loader import load_text

LATEST = datetime(2999, 12, 29)


def calendar(vevents: list[str]) -> bytes:
    body = "".join(f"BEGIN:VEVENT\r\n{v.strip()}\r\nEND:VEVENT\r\n" for v in vevents)
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n{body}END:VCALENDAR\r\n".encode()


def daily(number: int, rule: str = "FREQ=DAILY") -> str:
    return (
        f"UID:{number}@x\r\nSUMMARY:Daily {number}\r\nDTSTART:20220103T100000Z\r\n"
        f"DTEND:20220103T110000Z\r\nRRULE:{rule}"
    )


def test_two_thousand_daily_events_stay_within_the_total_budget() -> None:
    result = import_calendar(calendar([daily(n) for n in range(2000)]), source_name="x.ics")
    assert result.event_count <= 2000 + TOTAL_OCCURRENCES
    assert result.event_count >= TOTAL_OCCURRENCES  # what fits is written
    headline = result.notes[0]
    assert "budget (10,000 occurrences, shared by all repeating events) was reached" in headline
    assert "2000 repeating events cut to the occurrences that fit" in headline
    schedule = load_text(result.toml_text).schedule
    per_series = {e.title for e in schedule.events}
    assert len(per_series) == 2000  # every series kept, each cut to its fair share
    assert (
        max(
            sum(1 for e in schedule.events if e.title == title)
            for title in ("Daily 0", "Daily 1999")
        )
        <= TOTAL_OCCURRENCES // 2000 + 1
    )


def test_one_series_is_cut_at_its_own_cap_and_says_so() -> None:
    result = import_calendar(calendar([daily(1, "FREQ=HOURLY")]), source_name="x.ics")
    assert result.event_count == PER_SERIES
    assert any(f"cut after {PER_SERIES} occurrences" in note for note in result.notes)


def test_a_rule_that_never_matches_is_given_up_after_its_steps() -> None:
    result = import_calendar(
        calendar([daily(n, "FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30") for n in range(5)]),
        source_name="x.ics",
    )
    assert result.event_count == 5
    assert any(f"searched {RULE_STEPS:,} steps and given up" in n for n in result.notes)


def test_the_time_budget_is_overall_and_said_when_spent() -> None:
    rules = [daily(n, "FREQ=DAILY;INTERVAL=7;BYDAY=TU") for n in range(40)]  # never a Tuesday
    result = import_calendar(calendar(rules), source_name="x.ics", budget=Budget(seconds=0.2))
    assert result.event_count == 40  # each keeps the occurrence its VEVENT states
    assert "budget (0.2 s of expansion) was reached" in result.notes[0]


def test_the_profile_hook_is_put_back() -> None:
    def mine(frame: object, event: str, arg: object) -> None:
        return None

    sys.setprofile(mine)
    try:
        rule = bounded_rule({"FREQ": ["SECONDLY"], "BYMONTH": [2], "BYMONTHDAY": [30]})
        expand_occurrences(datetime(2022, 1, 1), [rule], [], [], [], Budget(), LATEST)
        assert sys.getprofile() is mine
    finally:
        sys.setprofile(None)


@pytest.mark.parametrize("count", [2_500, 10_000])
def test_ten_thousand_events_of_one_title_get_ids_in_linear_time(count: int) -> None:
    reader = CalendarReader.__new__(CalendarReader)
    reader.ids, reader._next_number = set(), {}
    calls = 0

    def counting(frame, event, arg) -> None:  # Python calls made: a count, not a clock
        nonlocal calls
        calls += event in ("call", "c_call")

    sys.setprofile(counting)
    try:
        ids = [reader.unique_id("meeting") for _ in range(count)]
    finally:
        sys.setprofile(None)
    assert len(set(ids)) == count and ids[:3] == ["meeting", "meeting-2", "meeting-3"]
    assert calls < 40 * count  # linear: a few calls an id (quadratic took ~count calls each)
    # a natural id in the way is stepped over, not reused
    assert reader.unique_id(f"meeting-{count + 1}") == f"meeting-{count + 1}"
    assert reader.unique_id("meeting") == f"meeting-{count + 2}"


def test_ten_thousand_same_title_events_import_quickly() -> None:
    vevents = [f"UID:{n}@x\r\nSUMMARY:Same\r\nDTSTART:20220103T100000Z" for n in range(10_000)]
    result = import_calendar(calendar(vevents), source_name="x.ics")
    assert result.event_count == 10_000


def test_an_import_holds_a_few_times_its_file_not_icalendar_s_whole_tree() -> None:
    """Peak memory (traced, so the same on every machine) against the file's size.

    Holding icalendar's tree of the whole file, and the loader's table of positions to
    locate warnings, once took 65 times the file (46x in resident memory at 100,000
    events); components parsed a group at a time and warnings left unlocated take 6x.
    """
    from bench.bench_import import calendar as bench_calendar

    import_calendar(bench_calendar(10), source_name="warm.ics")  # modules and caches
    data = bench_calendar(1_500)  # weekend events among them: warnings to check
    tracemalloc.start()
    try:
        result = import_calendar(data, source_name="large.ics")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert result.event_count == 1_500
    assert peak < 15 * len(data), f"{peak / len(data):.1f} times the file"


def test_a_component_of_too_many_lines_is_skipped_before_icalendar_builds_it() -> None:
    from tui.ical.parsing import MAX_COMPONENT_LINES

    huge = "X-NOISE:x\r\n" * (MAX_COMPONENT_LINES + 1)
    vevents = [
        "BEGIN:VEVENT\r\nUID:big\r\nSUMMARY:Big\r\nDTSTART:20240105T100000Z\r\n"
        f"{huge}END:VEVENT\r\n",
        "BEGIN:VEVENT\r\nUID:small\r\nSUMMARY:Small\r\nDTSTART:20240106T100000Z\r\nEND:VEVENT\r\n",
    ]
    data = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + "".join(vevents) + "END:VCALENDAR\r\n").encode()
    tracemalloc.start()
    try:
        result = import_calendar(data, source_name="huge.ics")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert result.event_count == 1 and 'title = "Small"' in result.toml_text
    assert any("VEVENT #1 has" in note and "skipped" in note for note in result.notes)
    assert peak < 5 * len(data)  # its tree would have been some 40 times its size
