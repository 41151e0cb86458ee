"""What the loader builds: zones, all-day spans, meeting blocks, event lines."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from tui.schedule.loader import load_text

TEXT = """\
[schedule]
id = "m"
title = "M"
timezone = "America/New_York"
holidays = [2022-09-06]

[venues.vienna]
name = "VIC"
city = "Vienna"
timezone = "Europe/Vienna"
holidays = [2022-09-08]

[[events]]
id = "local"
kind = "meeting"
title = "Local time at a venue"
start = 2022-09-07T10:00:00
end = 2022-09-07T12:00:00
venue = "vienna"

[[events]]
id = "offset"
kind = "meeting"
title = "Offset time"
start = 2022-09-07T10:00:00+02:00

[[events]]
id = "span"
kind = "session"
title = "Span"
start = 2022-09-05
end = 2022-09-09
venue = "vienna"
hours = ["10:00-13:00", "15:00-18:00"]

[[events]]
id = "due"
kind = "deadline"
title = "Due"
start = 2022-09-30
"""


def test_local_times_take_the_venue_zone_and_offsets_stay_exact() -> None:
    schedule = load_text(TEXT).schedule
    local = schedule.event("local")
    assert local.start == datetime(2022, 9, 7, 10, tzinfo=ZoneInfo("Europe/Vienna"))
    offset = schedule.event("offset")
    assert offset.start.utcoffset() == timedelta(hours=2)
    assert offset.zone == ZoneInfo("America/New_York")  # no venue: the schedule's zone


def test_span_is_inclusive_and_excludes_both_kinds_of_holiday() -> None:
    span = load_text(TEXT).schedule.event("span")
    assert span.all_day
    assert (span.first_day, span.last_day, span.duration_days) == (
        date(2022, 9, 5),
        date(2022, 9, 9),
        5,
    )
    # 6 Sep is a schedule holiday, 8 Sep a venue holiday.
    assert span.working_days == [date(2022, 9, 5), date(2022, 9, 7), date(2022, 9, 9)]


def test_meeting_blocks_fall_on_working_days_in_venue_time() -> None:
    span = load_text(TEXT).schedule.event("span")
    blocks = list(span.meeting_blocks())
    assert len(blocks) == 6
    first_start, first_end = blocks[0]
    assert first_start.astimezone(UTC) == datetime(2022, 9, 5, 8, tzinfo=UTC)
    assert first_end.hour == 13


def test_date_deadline_is_due_at_the_end_of_its_day() -> None:
    due = load_text(TEXT).schedule.event("due")
    assert due.is_point
    assert due.end_instant == datetime(2022, 10, 1, tzinfo=ZoneInfo("America/New_York"))


def test_event_line_points_at_its_header() -> None:
    loaded = load_text(TEXT)
    assert loaded.event_line("span") == 27
    assert loaded.event_line("missing") is None


def test_date_order() -> None:
    schedule = load_text(TEXT).schedule
    # "offset" and "local" start at the same instant (08:00 UTC); the shorter comes first.
    assert [e.id for e in schedule.in_date_order()] == ["span", "offset", "local", "due"]
