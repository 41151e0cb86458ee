"""`tui.diff`: every kind of change, its sentence and its JSON, on edited schedules.

Pairs of schedules are made by editing the text of the bundled schedule or of
tests/data/minimal.toml (tests/unit/diff/diff_helpers.py), then loading both through the real
loader. Expected numbers are counted by hand from a calendar, in the comments, never by
calling the code under test.
"""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from tests.unit.diff.diff_helpers import (
    BUNDLED_TEXT,
    MINIMAL,
    diff,
    drop_event,
    drop_key,
    kinds,
    sentences,
    set_key,
)
from tui.core.countdown import JSON_KEYS as COUNTDOWN_KEYS
from tui.core.words import shift_text
from tui.diff.changes import Moved, Resized
from tui.diff.json_report import CHANGE_KEYS, EXTRA_KEYS, TOP_KEYS, as_json
from tui.diff.report import countdown_sentence, groups, text_lines

# -- each kind of change, on the bundled schedule ---------------------------------------------


def test_the_same_schedule_has_no_differences():
    result = diff(BUNDLED_TEXT, BUNDLED_TEXT)
    assert result.same and result.change_count == 0
    assert groups(result) == []
    assert text_lines(result, "a", "b") == [("heading", "a → b: no differences")]


def test_moved_two_weeks_later_says_days_and_working_days():
    # 9 Jan 2023 is a Monday; 23 Jan two weeks later: 10 working days, no holiday between.
    new = set_key(BUNDLED_TEXT, "session-4", "start", "2023-01-23")
    new = set_key(new, "session-4", "end", "2023-02-03")
    result = diff(BUNDLED_TEXT, new)
    assert kinds(result) == ["moved"]
    moved = result["session-4"].change("moved")
    assert isinstance(moved, Moved)
    assert (moved.days, moved.working_days) == (14, 10)
    assert sentences(result) == [
        "Fourth session (session-4) moved 2 weeks later: 9–20 Jan 2023 → 23 Jan – 3 Feb 2023 "
        "(+14 days, +10 working days)"
    ]
    assert result["session-4"].phrase() == "moved 2 weeks later (was 9–20 Jan 2023)"


def test_moved_earlier_across_a_venue_holiday():
    # Third session, New York: Mon 29 Aug - Fri 9 Sep 2022, Labor Day (5 Sep) a venue holiday,
    # so 9 meeting days. Moved 9 days earlier to Sat 20 Aug - Wed 31 Aug: the working days
    # from 20 Aug up to 29 Aug are 22-26 Aug (5), and the new span has 22-26 and 29-31 Aug (8).
    new = set_key(BUNDLED_TEXT, "session-3", "start", "2022-08-20")
    new = set_key(new, "session-3", "end", "2022-08-31")
    result = diff(BUNDLED_TEXT, new)
    moved = result["session-3"].change("moved")
    assert isinstance(moved, Moved)
    assert (moved.days, moved.working_days, moved.meeting_days) == (-9, -5, (9, 8))
    assert sentences(result) == [
        "Third session (session-3) moved 1 week 2 days earlier: 29 Aug – 9 Sep 2022 → "
        "20–31 Aug 2022 (-9 days, -5 working days); 1 meeting day fewer (9 → 8)"
    ]


def test_resized_says_the_meeting_days_lost():
    # Fifth session, Vienna: Tue 11 - Fri 21 Apr 2023 = 4 + 5 = 9 working days; ending on
    # Thursday 20 Apr leaves 8.
    new = set_key(BUNDLED_TEXT, "session-5", "end", "2023-04-20")
    result = diff(BUNDLED_TEXT, new)
    assert kinds(result) == ["resized"]
    resized = result["session-5"].change("resized")
    assert isinstance(resized, Resized)
    assert resized.meeting_days == (9, 8)
    assert resized.end_shift == timedelta(days=-1) and not resized.start_shift
    assert sentences(result) == [
        "Fifth session (session-5) resized: 1 meeting day fewer (9 → 8); "
        "11–21 Apr 2023 → 11–20 Apr 2023, ends 1 day earlier"
    ]
    assert result["session-5"].phrase() == "resized, 1 meeting day fewer (was 11–21 Apr 2023)"


def test_resized_longer_at_both_ends():
    # Fourth session Mon 9 - Fri 20 Jan 2023 (10) -> Wed 4 - Tue 24 Jan (3 + 5 + 5 + 2 = 15).
    new = set_key(BUNDLED_TEXT, "session-4", "start", "2023-01-04")
    new = set_key(new, "session-4", "end", "2023-01-24")
    assert sentences(diff(BUNDLED_TEXT, new)) == [
        "Fourth session (session-4) resized: 5 meeting days more (10 → 15); "
        "9–20 Jan 2023 → 4–24 Jan 2023, starts 5 days earlier, ends 4 days later"
    ]


@pytest.mark.parametrize(
    ("event_id", "status", "sentence", "change"),
    [
        ("session-5", '"postponed"', "Fifth session (session-5) postponed", "postponed"),
        ("session-5", '"cancelled"', "Fifth session (session-5) cancelled", "cancelled"),
        (
            "session-5",
            '"tentative"',
            "Fifth session (session-5) now tentative (was confirmed)",
            "tentative",
        ),
        (
            "session-1-original",
            '"confirmed"',
            "First session (original dates) (session-1-original) restored (confirmed, was "
            "postponed)",
            "restored",
        ),
        (
            "session-1-original",
            '"cancelled"',
            "First session (original dates) (session-1-original) cancelled (was postponed)",
            "cancelled",
        ),
    ],
)
def test_status_changes(event_id, status, sentence, change):
    new = set_key(BUNDLED_TEXT, event_id, "status", status)
    result = diff(BUNDLED_TEXT, new)
    assert kinds(result) == ["status"]
    assert sentences(result) == [sentence]
    assert as_json(result, "a", "b")["changes"][0]["change"] == change


def test_venue_hours_kind_and_text_changes():
    new = set_key(BUNDLED_TEXT, "session-4", "venue", '"new-york"')
    new = set_key(new, "session-5", "hours", '["10:00-13:00"]')
    new = set_key(new, "consultation-4", "kind", '"meeting"')
    new = set_key(new, "session-6", "title", '"Sixth session (resumed)"')
    new = set_key(new, "session-6", "tags", '["substantive", "resumed"]')
    new = drop_key(new, "session-6", "url")
    new = set_key(new, "session-6", "notes", '"Moved rooms."')
    result = diff(BUNDLED_TEXT, new)
    assert sentences(result) == [
        "Fourth session (session-4) venue changed: Vienna (vienna) → New York (new-york)",
        "Fifth session (session-5) hours changed: 10:00–13:00, 15:00–18:00 → 10:00–13:00",
        "4th intersessional consultation (consultation-4) is now a meeting (was a consultation)",
        "Sixth session (resumed) (session-6) text changed: title “Sixth session” → "
        "“Sixth session (resumed)”, notes changed, url removed, tags +resumed",
    ]
    assert result["session-4"].phrase() == "venue changed (was Vienna)"
    assert result["session-6"].phrase() == "title, notes, url, tags changed"


def test_one_event_with_several_changes():
    new = set_key(BUNDLED_TEXT, "session-4", "start", "2023-01-23")
    new = set_key(new, "session-4", "end", "2023-02-03")
    new = set_key(new, "session-4", "venue", '"new-york"')
    result = diff(BUNDLED_TEXT, new)
    assert [c.kind for c in result["session-4"].changes] == ["moved", "venue"]
    assert "session-4" in result and "session-5" not in result
    assert result.get("session-5") is None
    assert result["session-4"].phrase() == (
        "moved 2 weeks later (was 9–20 Jan 2023); venue changed (was Vienna)"
    )
    assert [c.kind for c in result.of_kind("moved")] == ["moved"]


def test_added_and_removed_events():
    extra = (
        '\n[[events]]\nid = "session-7"\nkind = "session"\ntitle = "Seventh session"\n'
        'start = 2023-10-02\nend = 2023-10-06\nvenue = "vienna"\nstatus = "tentative"\n'
    )
    new = drop_event(BUNDLED_TEXT, "consultation-5") + extra
    result = diff(BUNDLED_TEXT, new)
    assert sentences(result) == [
        "Seventh session (session-7) added: 2–6 Oct 2023, session in Vienna, tentative",
        "5th intersessional consultation (consultation-5) removed "
        "(was 20–21 Jun 2023, consultation in Vienna)",
    ]
    assert result["session-7"].phrase() == "added"
    assert result["consultation-5"].phrase() == "removed (was 20–21 Jun 2023)"
    assert result["consultation-5"].new is None and result["session-7"].old is None


def test_schedule_level_changes():
    new = BUNDLED_TEXT.replace('deadline = "ga78-close"', 'deadline = "adoption"')
    new = new.replace('id = "ahc-cybercrime"', 'id = "ahc"')
    new = new.replace(
        'timezone = "America/New_York"\ndeadline', 'timezone = "Europe/Vienna"\ndeadline'
    )
    new = new.replace('deadline = "adoption"', 'deadline = "adoption"\nholidays = [2022-12-26]')
    new = new.replace("holidays = [2022-09-05]", "holidays = [2022-09-05, 2023-09-04]")
    new = new.replace('timezone = "Asia/Ho_Chi_Minh"', 'timezone = "Asia/Bangkok"')
    new = new.replace('name = "Vienna International Centre"', 'name = "VIC"')
    new = new.replace('address = "Wagramer Strasse 5"', 'address = "Wagramer Straße 5"', 1)
    new = new.replace(
        "[venues.hanoi]",
        '[venues.geneva]\nname = "Palais des Nations"\ncity = "Geneva"\n'
        'timezone = "Europe/Zurich"\n\n[venues.hanoi]',
    )
    result = diff(BUNDLED_TEXT, new)
    assert [c.kind for c in result.schedule_changes] == [
        "schedule",
        "deadline",
        "zone",
        "zone",
        "holidays",
        "holidays",
        "venues",
        "venues",
    ]
    assert sentences(result) == [
        "Schedule id “ahc-cybercrime” → “ahc” (calendar UIDs derive from it: imported "
        "calendars will see new events)",
        "Headline deadline changed: Draft convention due: General Assembly 78th session closes "
        "(ga78-close) → Convention adopted by the General Assembly (resolution 79/243) (adoption)",
        "Schedule zone America/New_York → Europe/Vienna",
        "Venue hanoi zone Asia/Ho_Chi_Minh → Asia/Bangkok",
        "Schedule holidays: added 26 Dec 2022",
        "Venue new-york holidays: added 4 Sep 2023",
        "Venue geneva added: Palais des Nations, Geneva (Europe/Zurich)",
        "Venue vienna renamed: name “Vienna International Centre” → “VIC”, "
        "address “Wagramer Strasse 5” → “Wagramer Straße 5”",
    ]
    data = as_json(result, "a", "b")["changes"]
    assert data[4]["venue"] is None and data[4]["added"] == ["2022-12-26"]
    assert data[5]["new"] == ["2022-09-05", "2023-09-04"]


def test_venue_removed_and_details_changed():
    old = MINIMAL + '\n[venues.geneva]\nname = "Palais"\ntimezone = "Europe/Zurich"\n'
    new = MINIMAL.replace('city = "Vienna"', 'city = "Vienna"\ncountry = "Austria"')
    assert sentences(diff(old, new)) == [
        "Venue geneva removed (was Palais)",
        "Venue vienna details changed: country none → “Austria”",
    ]


def test_the_countdown_before_and_after_as_of_one_moment():
    # As of 6 Sep 2022 (New York), before the 10 Sep 2024 deadline: the third session (in
    # progress, 6-9 Sep: 4 days), the fourth (10), fifth (9), sixth (10), concluding (10) and
    # its reconvened part (10): 6 sessions, 53 meeting days. Postponing the fifth leaves 5, 44.
    new = set_key(BUNDLED_TEXT, "session-5", "status", '"postponed"')
    result = diff(BUNDLED_TEXT, new)
    assert result.countdown_old is not None and result.countdown_new is not None
    assert (result.countdown_old.sessions_left, result.countdown_old.meeting_days_left) == (6, 53)
    assert (result.countdown_new.sessions_left, result.countdown_new.meeting_days_left) == (5, 44)
    assert countdown_sentence(result) == (
        "Draft convention due: General Assembly 78th session closes (ga78-close): days 735 "
        "(unchanged), working days 526 (unchanged), sessions left 6 → 5, meeting days left 53 → 44"
    )
    lines = text_lines(result, "old.toml", "new.toml")
    assert lines[0] == ("heading", "old.toml → new.toml: 1 change")
    assert ("title", "Headline countdown, as of 6 Sep 2022 00:00 EDT") in lines


def test_the_countdown_when_the_headline_deadline_changes():
    new = BUNDLED_TEXT.replace('deadline = "ga78-close"\n', "")
    sentence = countdown_sentence(diff(BUNDLED_TEXT, new))
    assert sentence is not None
    assert sentence.endswith("; after: no headline deadline")
    assert sentence.startswith("before: Draft convention due")


# -- timed events and points ------------------------------------------------------------------

MEETING = (
    '\n[[events]]\nid = "m"\nkind = "meeting"\ntitle = "Bureau"\n'
    'start = 2023-03-27T10:00:00\nend = 2023-03-27T12:00:00\nvenue = "vienna"\n'
)
DUE = '\n[[events]]\nid = "due"\nkind = "deadline"\ntitle = "Report due"\nstart = 2023-06-30\n'


def test_a_timed_meeting_moved_by_hours_and_across_a_clock_change():
    base = MINIMAL + MEETING
    later = set_key(base, "m", "start", "2023-03-27T12:30:00")
    later = set_key(later, "m", "end", "2023-03-27T14:30:00")
    assert sentences(diff(base, later)) == [
        "Bureau (m) moved 2 hours 30 minutes later: 27 Mar 2023 10:00–12:00 CEST → "
        "27 Mar 2023 12:30–14:30 CEST"
    ]
    # A week earlier crosses Vienna's change to summer time (26 Mar 2023): still "1 week".
    earlier = set_key(base, "m", "start", "2023-03-20T10:00:00")
    earlier = set_key(earlier, "m", "end", "2023-03-20T12:00:00")
    moved = diff(base, earlier)["m"].change("moved")
    assert isinstance(moved, Moved)
    assert (moved.shift, moved.days, moved.working_days) == (timedelta(days=-7), -7, -5)
    assert shift_text(moved.shift) == "1 week earlier"


def test_an_all_day_event_made_timed_is_resized_and_a_deadline_given_a_time_moved():
    base = MINIMAL + DUE
    timed = set_key(base, "s1", "start", "2023-01-09T10:00:00")
    timed = set_key(timed, "s1", "end", "2023-01-20T18:00:00")
    timed = set_key(timed, "due", "start", "2023-06-30T18:00:00")
    result = diff(base, timed)
    resized = result["s1"].change("resized")
    assert isinstance(resized, Resized) and resized.timing == "now timed"
    # A date-only deadline is due at the end of its day: 18:00 the same day is 6 hours earlier.
    assert sentences(result) == [
        "Report due (due) moved 6 hours earlier: 30 Jun 2023 → 30 Jun 2023 18:00 CEST",
        "Session one (s1) resized: same meeting days (10); 9–20 Jan 2023 → "
        "9 Jan 2023 10:00 – 20 Jan 2023 18:00 CET, now timed",
    ]


# -- JSON -------------------------------------------------------------------------------------


def test_json_has_the_documented_keys_for_every_kind():
    new = set_key(BUNDLED_TEXT, "session-4", "start", "2023-01-23")
    new = set_key(new, "session-4", "end", "2023-02-03")
    new = set_key(new, "session-4", "venue", '"new-york"')
    new = set_key(new, "session-5", "end", "2023-04-20")
    new = set_key(new, "session-6", "status", '"cancelled"')
    new = set_key(new, "consultation-4", "hours", '["10:00-13:00"]')
    new = set_key(new, "consultation-5", "kind", '"meeting"')
    new = set_key(new, "session-3", "title", '"3rd session"')
    new = drop_event(new, "signing") + DUE.replace("2023-06-30", "2024-05-31")
    new = new.replace('deadline = "ga78-close"', 'deadline = "due"')
    new = new.replace('title = "Ad Hoc Committee on Cybercrime, 2022–2024"', 'title = "AHC"')
    new = new.replace("holidays = [2022-09-05]", "holidays = []")
    new = new.replace('timezone = "Asia/Ho_Chi_Minh"', 'timezone = "Asia/Bangkok"')
    new = new.replace('name = "National Convention Centre"', 'name = "NCC"')
    data = json.loads(json.dumps(as_json(diff(BUNDLED_TEXT, new), "a.toml", "b.toml")))
    assert tuple(data) == TOP_KEYS
    assert (data["old"], data["new"], data["same"]) == ("a.toml", "b.toml", False)
    assert data["as_of"] == "2022-09-06T00:00:00-04:00"
    assert data["change_count"] == len(data["changes"])
    seen = set()
    for change in data["changes"]:
        assert set(change) == set(CHANGE_KEYS) | set(EXTRA_KEYS[change["kind"]]), change
        assert isinstance(change["text"], str) and change["text"]
        seen.add(change["kind"])
    assert seen == set(EXTRA_KEYS)  # every kind of change is in this one comparison
    assert tuple(data["countdown"]) == ("old", "new")
    assert tuple(data["countdown"]["old"]) == COUNTDOWN_KEYS
    assert data["countdown"]["new"]["id"] == "due"
    moved = next(c for c in data["changes"] if c["kind"] == "moved")
    assert moved == {
        "kind": "moved",
        "event": "session-4",
        "title": "Fourth session",
        "old": {"start": "2023-01-09", "end": "2023-01-20"},
        "new": {"start": "2023-01-23", "end": "2023-02-03"},
        "days": 14,
        "working_days": 10,
        "minutes": 14 * 24 * 60,
        "meeting_days": {"old": 10, "new": 10},
        "because": None,
        "text": "Fourth session (session-4) moved 2 weeks later: 9–20 Jan 2023 → "
        "23 Jan – 3 Feb 2023 (+14 days, +10 working days)",
    }
    resized = next(c for c in data["changes"] if c["kind"] == "resized")
    assert (resized["start_days"], resized["end_days"], resized["end_minutes"]) == (0, -1, -1440)
    assert resized["meeting_days"] == {"old": 9, "new": 8}


def test_json_of_the_same_schedule():
    data = as_json(diff(MINIMAL, MINIMAL), "a", "b")
    assert data["same"] is True and data["changes"] == [] and data["change_count"] == 0
    assert data["countdown"] == {"old": None, "new": None}


def test_an_unchanged_countdown_says_so_once():
    new = set_key(BUNDLED_TEXT, "session-4", "title", '"4th session"')
    assert countdown_sentence(diff(BUNDLED_TEXT, new)) == (
        "Draft convention due: General Assembly 78th session closes (ga78-close): unchanged "
        "(days 735, working days 526, sessions left 6, meeting days left 53)"
    )
