"""Countdown arithmetic, checked against numbers worked out by hand from a calendar.

Every expected number below was counted by hand (the working is in the comments), never by
calling the code under test. The schedule is the bundled 2022-2024 one, built here as model
objects so these tests do not depend on the loader; the command-line tests load the real file.

Calendar facts used throughout: 2022-03-01, 2022-03-01 + 7k, 2024-09-10 are Tuesdays;
2024 is a leap year (29 Feb 2024), 2022, 2023, 2025 and 2026 are not.
NETWORKDAYS over n whole weeks is 5n; the remainder days are counted from the first day's
weekday.
"""

from __future__ import annotations

import random
import subprocess
import sys
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from tui.core.countdown import JSON_KEYS, Phase, countdown_for, countdowns, phase
from tui.core.model import Event, MeetingHours, Schedule, Venue
from tui.core.workdays import working_days_between

NY = ZoneInfo("America/New_York")
VIENNA_ZONE = ZoneInfo("Europe/Vienna")
HOURS = (MeetingHours(time(10), time(13)), MeetingHours(time(15), time(18)))

NEW_YORK = Venue(
    "new-york",
    "United Nations Headquarters",
    "America/New_York",
    "New York",
    "United States",
    "405 East 42nd Street",
    frozenset({date(2022, 9, 5)}),
)
VIENNA = Venue(
    "vienna",
    "Vienna International Centre",
    "Europe/Vienna",
    "Vienna",
    "Austria",
    "Wagramer Strasse 5",
)
HANOI = Venue("hanoi", "National Convention Centre", "Asia/Ho_Chi_Minh", "Hanoi", "Viet Nam")


def ev(
    event_id: str,
    kind: str,
    start: date | datetime,
    end: date | datetime | None = None,
    venue: Venue | None = NEW_YORK,
    **extra: object,
) -> Event:
    zone = venue.zone if venue else NY
    extra.setdefault("holidays", venue.holidays if venue else frozenset())
    return Event(
        id=event_id,
        kind=kind,  # type: ignore[arg-type]
        title=extra.pop("title", event_id),  # type: ignore[arg-type]
        start=start,
        end=end,
        zone=zone,
        venue=venue,
        **extra,  # type: ignore[arg-type]
    )


def d(text: str) -> date:
    return date.fromisoformat(text)


AHC_EVENTS = (
    ev("organizational-session", "session", d("2021-05-10"), d("2021-05-12")),
    ev("session-1-original", "session", d("2022-01-17"), d("2022-01-28"), status="postponed"),
    ev("organizational-matters", "meeting", d("2022-02-24")),
    ev("session-1", "session", d("2022-02-28"), d("2022-03-11")),
    ev("consultation-1", "consultation", d("2022-03-24"), d("2022-03-25"), VIENNA, hours=HOURS),
    ev("session-2", "session", d("2022-05-30"), d("2022-06-10"), VIENNA),
    ev("consultation-2", "consultation", d("2022-06-13"), d("2022-06-14"), VIENNA, hours=HOURS),
    ev("session-3", "session", d("2022-08-29"), d("2022-09-09"), hours=HOURS),
    ev("consultation-3", "consultation", d("2022-11-03"), d("2022-11-04"), VIENNA, hours=HOURS),
    ev("session-4", "session", d("2023-01-09"), d("2023-01-20"), VIENNA),
    ev("consultation-4", "consultation", d("2023-03-06"), d("2023-03-07"), VIENNA, hours=HOURS),
    ev("session-5", "session", d("2023-04-11"), d("2023-04-21"), VIENNA, hours=HOURS),
    ev("consultation-5", "consultation", d("2023-06-20"), d("2023-06-21"), VIENNA, hours=HOURS),
    ev("session-6", "session", d("2023-08-21"), d("2023-09-01"), hours=HOURS),
    ev("ga78-open", "milestone", d("2023-09-05")),
    ev("concluding", "session", d("2024-01-29"), d("2024-02-09"), hours=HOURS),
    ev("concluding-reconvened", "session", d("2024-07-29"), d("2024-08-09")),
    ev("draft-approved", "milestone", d("2024-08-08")),
    ev("ga78-close", "deadline", d("2024-09-10")),
    ev("adoption", "milestone", d("2024-12-24")),
    ev("signing", "meeting", d("2025-10-25"), d("2025-10-26"), HANOI),
)

AHC = Schedule(
    id="ahc-cybercrime",
    title="Ad Hoc Committee on Cybercrime, 2022–2024",
    timezone="America/New_York",
    deadline="ga78-close",
    venues={v.id: v for v in (NEW_YORK, VIENNA, HANOI)},
    events=AHC_EVENTS,
)


def at(text: str, zone: ZoneInfo = NY) -> datetime:
    """An as-of moment: a bare date is the start of that day, as `--as-of` reads it."""
    if len(text) == 10:
        return datetime.combine(d(text), time(0), zone)
    return datetime.fromisoformat(text).replace(tzinfo=zone)


def numbers(schedule: Schedule, event_id: str, as_of: datetime) -> tuple:
    event = schedule.event(event_id)
    assert event is not None
    c = countdown_for(schedule, event, as_of)
    return (c.days, c.working_days, c.sessions_left, c.meeting_days_left, c.phrase)


# -- the bundled schedule, by as-of date ---------------------------------------------------------


def test_before_the_first_session_postponed_dates_do_not_count():
    # D = Wed 2021-12-01, E = Tue 2024-09-10.
    # days: Dec 31 + Jan 31 + Feb 28 = 90 to 2022-03-01, + 924 (see the next test) = 1014.
    # working days: 1015 days inclusive = exactly 145 weeks -> 725.
    # sessions: 1-6, concluding, reconvened = 8 (the postponed 17-28 Jan 2022 dates and the
    # one-day meeting of 24 Feb are not sessions that count).
    # meeting days, whole sessions: 10 + 10 + 9 (5 Sep holiday) + 10 + 9 (starts Tuesday)
    # + 10 + 10 + 10 = 78.
    # phrase: +2 years = 2023-12-01, +9 months = 2024-09-01, +9 days.
    assert numbers(AHC, "ga78-close", at("2021-12-01")) == (
        1014,
        725,
        8,
        78,
        "in 2 years 9 months 9 days",
    )


def test_on_1_march_2022_inside_the_first_session():
    # D = Tue 2022-03-01, E = Tue 2024-09-10.
    # days: 2022-03-01 -> 2023-03-01 = 365; -> 2024-03-01 = 366 (29 Feb 2024);
    # -> 2024-09-01 = 31+30+31+30+31+31 = 184; + 9 = 924.
    # working days: 925 days inclusive = 132 weeks + 1 day -> 660 + 1 (the Tuesday) = 661.
    # sessions: session-1 (in progress: last day 11 Mar >= D) + 2..6 + concluding
    # + reconvened = 8.
    # meeting days: session-1 from Tue 1 Mar: 1-4 Mar (4) + 7-11 Mar (5) = 9; session-2 10;
    # session-3 9 (Mon 5 Sep 2022 is a New York holiday); session-4 10; session-5 9 (Tue 11
    # to Fri 21 Apr 2023); session-6 10; concluding 10; reconvened 10. 9+10+9+10+9+10+10+10=77.
    # phrase: +2 years = 2024-03-01, +6 months = 2024-09-01, +9 days.
    assert numbers(AHC, "ga78-close", at("2022-03-01")) == (
        924,
        661,
        8,
        77,
        "in 2 years 6 months 9 days",
    )


def test_on_1_march_2022_the_other_milestones():
    as_of = at("2022-03-01")
    # ga78-open, Tue 2023-09-05: days 365 + 184 + 4 = 553; 554 inclusive = 79 weeks + 1 day
    # -> 395 + 1 = 396; sessions 1-6 = 6; meeting days 9+10+9+10+9+10 = 57;
    # phrase +1 year = 2023-03-01, +6 months = 2023-09-01, +4 days.
    assert numbers(AHC, "ga78-open", as_of) == (553, 396, 6, 57, "in 1 year 6 months 4 days")
    # draft-approved, Thu 2024-08-08: days 731 + (31+30+31+30+31 = 153) + 7 = 891;
    # 892 inclusive = 127 weeks + 3 days (Tue, Wed, Thu) -> 635 + 3 = 638;
    # sessions 1-6 + concluding + reconvened (starts 29 Jul <= 8 Aug) = 8;
    # meeting days 57 + 10 + reconvened 29 Jul-8 Aug (5 + 4 = 9) = 76;
    # phrase +2 years = 2024-03-01, +5 months = 2024-08-01, +7 days (weeks fold into days).
    assert numbers(AHC, "draft-approved", as_of) == (891, 638, 8, 76, "in 2 years 5 months 7 days")
    # adoption, Tue 2024-12-24: days 731 + (184 + 30+31+30 = 275) + 23 = 1029;
    # 1030 inclusive = 147 weeks + 1 day -> 735 + 1 = 736; sessions 8; meeting days 77;
    # phrase +2 years, +9 months = 2024-12-01, +23 days.
    assert numbers(AHC, "adoption", as_of) == (1029, 736, 8, 77, "in 2 years 9 months 23 days")


def test_inside_the_third_session_across_the_new_york_holiday():
    # D = Thu 2022-09-01, E = Tue 2024-09-10.
    # days: 2022-09-01 -> 2024-09-01 = 365 + 366 = 731; + 9 = 740.
    # working days: 741 inclusive = 105 weeks + 6 days (Thu Fri Sat Sun Mon Tue: 4)
    # -> 525 + 4 = 529. Mon 5 Sep 2022 is a *venue* holiday, not a schedule one: it counts here.
    # sessions: session-3 (in progress) + 4, 5, 6, concluding, reconvened = 6.
    # meeting days: session-3 Thu 1, Fri 2, (Mon 5 is the holiday), Tue 6-Fri 9 = 6;
    # + 10 + 9 + 10 + 10 + 10 = 55.
    assert numbers(AHC, "ga78-close", at("2022-09-01")) == (740, 529, 6, 55, "in 2 years 9 days")


def test_on_the_holiday_itself():
    # D = Mon 2022-09-05 (New York holiday). days 740 - 4 = 736.
    # working days: 737 inclusive = 105 weeks + 2 days (Mon, Tue) -> 525 + 2 = 527.
    # meeting days: session-3 Tue 6-Fri 9 = 4 (the holiday is excluded); + 49 = 53.
    assert numbers(AHC, "ga78-close", at("2022-09-05")) == (736, 527, 6, 53, "in 2 years 5 days")


def test_between_sessions():
    # D = Thu 2023-06-01 (session-5 ended 21 Apr, session-6 starts 21 Aug).
    # days: -> 2024-06-01 = 366; -> 2024-09-01 = 30+31+31 = 92; + 9 -> 467.
    # working days: 468 inclusive = 66 weeks + 6 days (Thu..Tue: 4) -> 330 + 4 = 334.
    # sessions: 6, concluding, reconvened = 3; meeting days 10 + 10 + 10 = 30.
    # phrase: +1 year = 2024-06-01, +3 months = 2024-09-01, +9 days.
    assert numbers(AHC, "ga78-close", at("2023-06-01")) == (
        467,
        334,
        3,
        30,
        "in 1 year 3 months 9 days",
    )


def test_on_the_deadline_day():
    # D = E = Tue 2024-09-10: 0 days; NETWORKDAYS of one Tuesday = 1; the reconvened session
    # ended 9 Aug, so no session is left.
    assert numbers(AHC, "ga78-close", at("2024-09-10")) == (0, 1, 0, 0, "today")
    # Late in the evening it is still the deadline day in New York.
    assert numbers(AHC, "ga78-close", at("2024-09-10T23:59")) == (0, 1, 0, 0, "today")


def test_on_the_deadline_day_the_other_milestones():
    as_of = at("2024-09-10")
    # ga78-open 2023-09-05: 2023-09-05 -> 2024-09-05 = 366, + 5 = 371 days before;
    # 372 inclusive = 53 weeks + 1 day -> 266, negative; nothing left once passed;
    # phrase: 1 year (2024-09-05) and 5 days.
    assert numbers(AHC, "ga78-open", as_of) == (-371, -266, 0, 0, "1 year 5 days ago")
    # draft-approved Thu 2024-08-08: 23 + 10 = 33 days before; 34 inclusive = 4 weeks + 6
    # days (Thu Fri Sat Sun Mon Tue: 4) -> 24; phrase 1 month (2024-09-08) 2 days.
    assert numbers(AHC, "draft-approved", as_of) == (-33, -24, 0, 0, "1 month 2 days ago")
    # adoption Tue 2024-12-24: 30 (Oct 10) + 31 (Nov 10) + 30 (Dec 10) + 14 = 105;
    # 106 inclusive = 15 weeks + 1 day -> 76; no session after the deadline;
    # phrase 3 months (2024-12-10) 14 days.
    assert numbers(AHC, "adoption", as_of) == (105, 76, 0, 0, "in 3 months 14 days")


def test_the_day_after_the_deadline():
    # D = Wed 2024-09-11: -1 day; NETWORKDAYS(Wed 11, Tue 10) = -NETWORKDAYS(Tue, Wed) = -2.
    assert numbers(AHC, "ga78-close", at("2024-09-11")) == (-1, -2, 0, 0, "1 day ago")


def test_years_after_the_deadline():
    # D = Sat 2026-11-28 (today, as this was written).
    # days: 2024-09-10 -> 2026-09-10 = 365 + 365 = 730; -> 2026-11-10 = 30 + 31 = 61; + 18
    # = 809 before. Working days: 810 inclusive = 115 weeks + 5 days (Tue..Sat: 4)
    # -> 579, negative. phrase: 2 years (2026-09-10), 2 months (2026-11-10), 18 days.
    assert numbers(AHC, "ga78-close", at("2026-11-28")) == (
        -809,
        -579,
        0,
        0,
        "2 years 2 months 18 days ago",
    )


def test_while_a_session_runs_past_a_passed_milestone_nothing_is_left_before_it():
    # D = Fri 2024-08-09, the reconvened session's last day; the draft was approved the day
    # before. The session "started on or before E and is unfinished at D", but no day of it
    # lies between D and E, so it is not left before that milestone.
    assert numbers(AHC, "draft-approved", at("2024-08-09")) == (-1, -2, 0, 0, "1 day ago")
    # ... and it is still left before the headline deadline: Fri 9 Aug = 1 meeting day.
    # days: 22 (to 31 Aug) + 10 = 32; 33 inclusive = 4 weeks + 5 days (Fri..Tue: 3) -> 23.
    assert numbers(AHC, "ga78-close", at("2024-08-09")) == (32, 23, 1, 1, "in 1 month 1 day")


def test_countdowns_put_the_headline_first_then_by_due_date():
    ids = [c.event.id for c in countdowns(AHC, at("2022-03-01"))]
    assert ids == ["ga78-close", "ga78-open", "draft-approved", "adoption"]


def test_due_is_the_end_of_a_date_only_deadline_day_and_json_has_exactly_the_spec_keys():
    c = countdown_for(AHC, AHC.event("ga78-close"), at("2022-03-01"))
    assert c.due == datetime(2024, 9, 11, 0, 0, tzinfo=NY)
    assert c.as_json() == {
        "id": "ga78-close",
        "title": "ga78-close",
        "due": "2024-09-10",
        "days": 924,
        "working_days": 661,
        "sessions_left": 8,
        "meeting_days_left": 77,
        "phrase": "in 2 years 6 months 9 days",
    }
    assert tuple(c.as_json()) == JSON_KEYS


def test_a_date_only_deadline_in_another_zone_is_due_on_its_own_date():
    # A Hanoi date-only deadline on Sat 2025-10-25 is due at midnight after it in Hanoi
    # (= 13:00 on the 25th in New York, UTC+7 vs UTC-4), but its due *date* is the 25th.
    schedule = Schedule(
        "s", "S", "America/New_York", events=(ev("x", "deadline", d("2025-10-25"), venue=HANOI),)
    )
    c = countdown_for(schedule, schedule.events[0], at("2025-10-24"))
    assert c.due == datetime(2025, 10, 26, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    # Fri 24 -> Sat 25: 1 day; NETWORKDAYS(Fri, Sat) = 1.
    assert (c.days, c.working_days, c.phrase) == (1, 1, "in 1 day")


# -- weekends and holidays at the ends of a range ------------------------------------------------

HOLIDAY_VENUE = Venue("hq", "HQ", "America/New_York", holidays=frozenset({d("2024-12-24")}))
SCHEDULE_HOLIDAYS = frozenset({d("2024-12-25"), d("2025-01-01")})  # both Wednesdays


def holiday_schedule(*events: Event) -> Schedule:
    events = tuple(replace(e, holidays=SCHEDULE_HOLIDAYS | e.holidays) for e in events)
    return Schedule("h", "H", "America/New_York", holidays=SCHEDULE_HOLIDAYS, events=events)


@pytest.mark.parametrize(
    ("as_of", "due", "expected"),
    [
        # Sat 21 Dec -> Sun 5 Jan: weekdays 23-27 Dec (5) + 30 Dec-3 Jan (5) = 10, minus the
        # holidays 25 Dec and 1 Jan = 8; 10 + 5 = 15 days.
        ("2024-12-21", "2025-01-05", (15, 8)),
        # A holiday at both ends, Wed 25 Dec -> Wed 1 Jan: Wed 25, Thu 26, Fri 27, Mon 30,
        # Tue 31, Wed 1 = 6, minus both holidays = 4.
        ("2024-12-25", "2025-01-01", (7, 4)),
        # ... and backwards: negative.
        ("2025-01-01", "2024-12-25", (-7, -4)),
        # A weekend day to itself: no working day.
        ("2024-12-28", "2024-12-28", (0, 0)),
        # Sun 29 Dec -> Sat 4 Jan: Mon 30, Tue 31, Thu 2, Fri 3 = 4 (1 Jan is a holiday).
        ("2024-12-29", "2025-01-04", (6, 4)),
        # Sat 4 Jan -> Sun 29 Dec, backwards: -4.
        ("2025-01-04", "2024-12-29", (-6, -4)),
    ],
)
def test_weekends_and_holidays_at_both_ends(as_of, due, expected):
    schedule = holiday_schedule(ev("due", "deadline", d(due), venue=HOLIDAY_VENUE))
    c = countdown_for(schedule, schedule.events[0], at(as_of))
    assert (c.days, c.working_days) == expected


def test_meeting_days_exclude_venue_and_schedule_holidays_working_days_only_schedule_ones():
    schedule = holiday_schedule(
        ev("s", "session", d("2024-12-23"), d("2025-01-03"), venue=HOLIDAY_VENUE),
        ev("due", "deadline", d("2025-01-02"), venue=HOLIDAY_VENUE),
    )
    # D = Tue 24 Dec (a venue holiday), E = Thu 2 Jan.
    # meeting days: from max(23 Dec, 24 Dec) = 24 Dec through min(3 Jan, 2 Jan) = 2 Jan:
    # weekdays 24, 25, 26, 27, 30, 31 Dec, 1, 2 Jan = 8, minus 24 Dec (venue), 25 Dec and
    # 1 Jan (schedule) = 5. working days: the same 8 minus the two schedule holidays = 6.
    c = countdown_for(schedule, schedule.event("due"), at("2024-12-24"))
    assert (c.days, c.working_days, c.sessions_left, c.meeting_days_left) == (9, 6, 1, 5)


# -- date-time deadlines across daylight-saving changes ------------------------------------------


def test_a_timed_deadline_across_the_us_dst_change_counts_calendar_days():
    # New York falls back on Sun 3 Nov 2024 (that day has 25 hours). From Sat 2 Nov 23:30
    # to Mon 4 Nov 00:30 is 26 hours, but two calendar days: 4 - 2 = 2.
    # NETWORKDAYS(Sat 2, Mon 4) = 1.
    deadline = ev("due", "deadline", datetime(2024, 11, 4, 0, 30, tzinfo=NY))
    schedule = Schedule("t", "T", "America/New_York", events=(deadline,))
    c = countdown_for(schedule, deadline, at("2024-11-02T23:30"))
    assert (c.days, c.working_days, c.phrase) == (2, 1, "in 2 days")
    assert c.due == datetime(2024, 11, 4, 0, 30, tzinfo=NY)
    assert c.as_json()["due"] == "2024-11-04T00:30:00-05:00"


def test_a_timed_deadline_in_vienna_takes_its_date_in_the_schedule_zone():
    # Vienna left summer time on Sun 27 Oct 2024, New York only on 3 Nov: for that week the
    # gap is 5 hours, not 6.
    # Mon 28 Oct 05:30 CET (UTC+1) = 04:30 UTC = 00:30 EDT (UTC-4) on Mon 28 Oct -> E = 28 Oct.
    late = ev("late", "deadline", datetime(2024, 10, 28, 5, 30, tzinfo=VIENNA_ZONE), venue=VIENNA)
    # Mon 21 Oct 05:30 CEST (UTC+2) = 03:30 UTC = 23:30 EDT on Sun 20 Oct -> E = 20 Oct.
    early = ev("early", "deadline", datetime(2024, 10, 21, 5, 30, tzinfo=VIENNA_ZONE), venue=VIENNA)
    schedule = Schedule("v", "V", "America/New_York", events=(early, late))
    # D = Sun 20 Oct (noon in New York).
    assert numbers(schedule, "early", at("2024-10-20T12:00")) == (0, 0, 0, 0, "today")
    # 20 -> 28 Oct: 8 days; NETWORKDAYS(Sun 20, Mon 28) = 21-25 (5) + 28 (1) = 6.
    assert numbers(schedule, "late", at("2024-10-20T12:00")) == (8, 6, 0, 0, "in 8 days")
    assert countdown_for(schedule, late, at("2024-10-20")).as_json()["due"] == (
        "2024-10-28T05:30:00+01:00"
    )


def test_an_as_of_with_an_offset_is_read_in_the_schedule_zone():
    # 2024-09-11T02:00+02:00 (Vienna summer time) = 2024-09-10T20:00 in New York: still the
    # deadline day there.
    as_of = datetime(2024, 9, 11, 2, 0, tzinfo=VIENNA_ZONE)
    assert numbers(AHC, "ga78-close", as_of) == (0, 1, 0, 0, "today")


# -- no deadline --------------------------------------------------------------------------------


def test_a_schedule_without_deadlines_or_milestones_has_no_countdowns():
    schedule = Schedule("n", "N", events=(ev("s", "session", d("2024-01-08"), d("2024-01-12")),))
    assert countdowns(schedule, at("2024-01-01")) == []


def test_milestones_count_down_without_a_headline_deadline():
    schedule = Schedule("n", "N", "America/New_York", events=AHC_EVENTS)
    ids = [c.event.id for c in countdowns(schedule, at("2022-03-01"))]
    assert ids == ["ga78-open", "draft-approved", "ga78-close", "adoption"]


# -- phases -------------------------------------------------------------------------------------

SESSION_3 = AHC.event("session-3")


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        # The session's working days: Mon 29, Tue 30, Wed 31 Aug, Thu 1, Fri 2 Sep, (Mon 5 Sep
        # holiday), Tue 6, Wed 7, Thu 8, Fri 9 Sep = 9.
        ("2022-08-28T23:59", Phase("upcoming", None, 9, "upcoming")),
        ("2022-08-29", Phase("in progress", 1, 9, "day 1 of 9")),
        ("2022-09-01T15:00", Phase("in progress", 4, 9, "day 4 of 9")),
        ("2022-09-03", Phase("in progress", None, 9, "after day 5 of 9")),
        ("2022-09-05T11:00", Phase("in progress", None, 9, "after day 5 of 9")),
        ("2022-09-06", Phase("in progress", 6, 9, "day 6 of 9")),
        ("2022-09-09T17:59", Phase("in progress", 9, 9, "day 9 of 9")),
        ("2022-09-10", Phase("past", None, 9, "past")),
    ],
)
def test_phase_of_the_third_session(as_of, expected):
    assert phase(SESSION_3, at(as_of)) == expected


def test_phase_of_a_session_starting_on_a_weekend():
    # Sat 2 Mar - Fri 8 Mar 2024: working days Mon 4 - Fri 8 = 5.
    session = ev("s", "session", d("2024-03-02"), d("2024-03-08"))
    assert phase(session, at("2024-03-03")) == Phase("in progress", None, 5, "before day 1 of 5")
    assert phase(session, at("2024-03-05")) == Phase("in progress", 2, 5, "day 2 of 5")


def test_phase_is_read_in_the_events_own_zone():
    # 2022-05-29T19:00 New York = 2022-05-30T01:00 in Vienna: the second session has begun.
    session_2 = AHC.event("session-2")
    assert phase(session_2, at("2022-05-29T19:00")) == Phase("in progress", 1, 10, "day 1 of 10")
    assert phase(session_2, at("2022-05-29T17:00")).state == "upcoming"


def test_phase_of_deadlines_and_milestones():
    close = AHC.event("ga78-close")
    assert phase(close, at("2024-09-09T23:59")) == Phase("upcoming", None, None, "upcoming")
    assert phase(close, at("2024-09-10T08:00")) == Phase("in progress", None, None, "due today")
    assert phase(close, at("2024-09-11")) == Phase("past", None, None, "past")
    assert phase(AHC.event("adoption"), at("2024-12-24T12:00")).label == "today"
    timed = ev("t", "deadline", datetime(2024, 11, 4, 17, 0, tzinfo=NY))
    assert phase(timed, at("2024-11-04T09:00")) == Phase("upcoming", None, None, "due today")
    assert phase(timed, at("2024-11-04T17:00")) == Phase("past", None, None, "past")


def test_phase_of_a_postponed_session_names_its_status():
    original = AHC.event("session-1-original")
    assert phase(original, at("2022-01-20")) == Phase("in progress", None, None, "postponed")
    assert phase(original, at("2022-03-01")) == Phase("past", None, None, "postponed")


def test_phase_of_a_weekend_only_event():
    signing = AHC.event("signing")  # Sat 25 - Sun 26 Oct 2025, no working day
    hanoi = ZoneInfo("Asia/Ho_Chi_Minh")
    assert phase(signing, at("2025-10-25T10:00", hanoi)) == Phase(
        "in progress", None, 0, "in progress"
    )


# -- the session index agrees with the definition ------------------------------------------------


def test_session_index_matches_the_definition_on_random_overlapping_sessions():
    """A cross-check of the fast path against the spec's definition, sessions one by one."""
    rng = random.Random(7)
    base = d("2024-01-01")
    events = []
    for i in range(300):
        first = base + timedelta(days=rng.randrange(700))
        last = first + timedelta(days=rng.choice((0, 1, 4, 11, 13, 40)))
        status = rng.choice(("confirmed", "confirmed", "tentative", "postponed"))
        events.append(ev(f"s{i}", "session", first, last, status=status))
    for i in range(30):
        events.append(ev(f"p{i}", "deadline", base + timedelta(days=rng.randrange(760))))
    schedule = Schedule("r", "R", "America/New_York", events=tuple(events))
    sessions = [e for e in events if e.is_session and not e.is_off]
    for _ in range(40):
        as_of_day = base + timedelta(days=rng.randrange(-20, 760))
        for c in countdowns(schedule, datetime.combine(as_of_day, time(12), NY)):
            e_day = c.event.start
            left = [s for s in sessions if s.last_day >= as_of_day and s.first_day <= e_day]
            if e_day < as_of_day:
                left = []
            days = sum(
                working_days_between(
                    max(s.first_day, as_of_day), min(s.last_day, e_day), s.holidays
                )
                for s in left
            )
            assert (c.sessions_left, c.meeting_days_left) == (len(left), days)


def test_importing_countdowns_loads_neither_textual_nor_rich():
    """`docket countdown` imports these: the domain and the command line stay Textual-free."""
    code = (
        "import sys, tui.core.countdown, tui.cli.countdown; "
        "print(sorted(m for m in ('textual', 'rich') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
