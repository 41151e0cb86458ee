"""Each constraint passing, failing and waived, with the sentence a planner reads."""

from __future__ import annotations

import pytest

from tests.unit.rules.rules_helpers import EVENTS, TEXT, one, results, rule, schedule_with
from tui.rules import evaluate, summarize
from tui.schedule.loader import load_text


def test_a_schedule_without_rules_has_none() -> None:
    schedule = load_text(TEXT, "s.toml").schedule
    assert schedule.rules == ()
    assert evaluate(schedule) == []
    assert summarize([]).badge == ""


# -- count ---------------------------------------------------------------------------------


def test_count_passes_and_leaves_postponed_events_out() -> None:
    result = one(rule("count = { min = 4, max = 4 }"))
    assert result.status == "pass"
    assert result.events == ("s1", "s2", "s3", "s4")
    assert result.message == "4 sessions match (S1, S2, S3 and S4); the rule needs exactly 4"


def test_count_fails_at_the_rule() -> None:
    result = one(rule("count = { min = 5 }"))
    assert result.status == "fail"
    assert [f.at for f in result.failures] == [None]
    assert result.message.endswith("the rule needs at least 5")


def test_a_selection_by_status_picks_postponed_events() -> None:
    result = one(rule("count = { max = 0 }", select='statuses = ["postponed"]'))
    assert result.status == "fail"
    assert result.events == ("off",)


def test_selection_fields_combine_with_and_values_with_or() -> None:
    select = 'kinds = ["session", "meeting"]\nvenues = ["vienna"]\ntags = ["x", "substantive"]'
    result = one(rule("count = { min = 2, max = 2 }", select=select))
    assert result.status == "pass"
    assert result.events == ("s2", "s4")


# -- length --------------------------------------------------------------------------------


def test_length_in_meeting_days_counts_venue_holidays_off() -> None:
    result = one(rule('length = { min = 10, unit = "meeting_days" }'))
    assert result.status == "fail"
    assert [f.at for f in result.failures] == ["s3", "s4"]
    assert result.failures[0].message == (
        "S3 (29 Aug – 9 Sep 2022) has 9 meeting days; the rule needs at least 10 meeting days"
    )
    assert result.message.endswith("(and 1 more)")


def test_length_in_working_days_counts_only_schedule_holidays() -> None:
    result = one(rule('length = { min = 10, unit = "working_days" }'))
    assert [f.at for f in result.failures] == ["s4"]


def test_length_in_calendar_days_passes() -> None:
    result = one(rule('length = { min = 11, max = 12, unit = "days" }'))
    assert result.status == "pass"
    assert result.message == (
        "4 sessions match, each with between 11 and 12 days (the shortest, S4, has 11 days)"
    )


def test_length_waived_for_every_failing_event_is_waived() -> None:
    waive = 'waive = [{ event = "s3", reason = "Labor Day" }, { event = "s4", reason = "late" }]'
    result = one(rule('length = { min = 10, unit = "meeting_days" }', extra=waive))
    assert result.status == "waived"
    assert [(f.at, f.waiver.reason if f.waiver else None) for f in result.waived] == [
        ("s3", "Labor Day"),
        ("s4", "late"),
    ]
    assert result.message.startswith("waived: S3 (29 Aug – 9 Sep 2022) has 9 meeting days")
    data = result.as_json()
    assert data["waived"][0] == {
        "event": "s3",
        "reason": "Labor Day",
        "dates": None,
        "message": result.waived[0].message,
    }


def test_a_waiver_pinned_to_its_dates_stops_applying_once_the_event_moves() -> None:
    """Granted for S4 as scheduled (11-21 Apr 2023): it covers S4 there, and says so once S4
    runs on other days instead of excusing it with a reason that quotes the old dates."""
    waive = (
        'waive = [{ event = "s4", reason = "held 11-21 Apr", dates = [2023-04-11, 2023-04-21] }]'
    )
    length = 'length = { min = 10, unit = "meeting_days" }'
    select = 'kinds = ["session"]\ntags = ["x"]'
    events = EVENTS.replace('id = "s4"', 'id = "s4"\ntags = ["x"]', 1).replace(
        'venue = "vienna"\ntags = ["substantive"]\n\n[[events]]\nid = "off"',
        'venue = "vienna"\n\n[[events]]\nid = "off"',
    )
    held = one(rule(length, select=select, extra=waive), events)
    assert held.status == "waived"
    assert held.as_json()["waived"][0]["dates"] == ["2023-04-11", "2023-04-21"]
    moved = events.replace(
        "start = 2023-04-11\nend = 2023-04-21", "start = 2023-04-18\nend = 2023-04-28"
    )
    result = one(rule(length, select=select, extra=waive), moved)
    assert result.status == "fail"
    assert [f.at for f in result.failures] == ["s4"]
    assert result.failures[0].message.endswith(
        "; the waiver was granted for 11–21 Apr 2023 and no longer applies "
        "(the event is now 18–28 Apr 2023)"
    )


@pytest.mark.parametrize(
    ("dates", "message"),
    [
        ("[]", "`dates` holds the first and last day, not 0 dates"),
        ("[2023-04-11, 2023-04-12, 2023-04-13]", "not 3 dates"),
        ("[2023-04-21, 2023-04-11]", "`dates` ends (2023-04-11) before it begins (2023-04-21)"),
        ('["2023-04-11"]', "dates"),
    ],
)
def test_a_waivers_dates_are_checked(dates: str, message: str) -> None:
    from tui.core.errors import ScheduleError

    waive = f'waive = [{{ event = "s4", reason = "r", dates = {dates} }}]'
    text = schedule_with(rule('length = { min = 10, unit = "meeting_days" }', extra=waive))
    with pytest.raises(ScheduleError) as caught:
        load_text(text, "s.toml")
    assert message in str(caught.value)


def test_length_waiving_one_of_two_still_fails() -> None:
    waive = 'waive = [{ event = "s3", reason = "Labor Day" }]'
    result = one(rule('length = { min = 10, unit = "meeting_days" }', extra=waive))
    assert result.status == "fail"
    assert [f.at for f in result.failures] == ["s4"]


# -- gap -----------------------------------------------------------------------------------


def test_gap_in_weeks_passes_with_the_closest_pair_named() -> None:
    result = one(rule('gap = { min = 11, unit = "weeks" }'))
    assert result.status == "pass"
    assert result.message == (
        "the closest: S1 and S2 are 11 weeks 3 days apart (end 11 Mar 2022 to start 30 May "
        "2022); the rule needs at least 11 weeks"
    )


def test_gap_fails_at_the_later_event_with_the_shortfall() -> None:
    result = one(rule('gap = { min = 12, unit = "weeks" }'))
    assert result.status == "fail"
    assert [(f.events, f.at) for f in result.failures] == [
        (("s1", "s2"), "s2"),
        (("s2", "s3"), "s3"),
    ]
    assert result.failures[0].message == (
        "S1 and S2 are 11 weeks 3 days apart (end 11 Mar 2022 to start 30 May 2022); "
        "the rule needs at least 12 weeks (4 days short)"
    )


def test_gap_maximum_and_start_to_start() -> None:
    result = one(rule('gap = { max = 100, unit = "days", measure = "start-to-start" }'))
    assert result.status == "fail"
    (failure,) = result.failures
    assert failure.events == ("s3", "s4")
    assert "(start 29 Aug 2022 to start 11 Apr 2023)" in failure.message
    assert failure.message.endswith("(125 days over)")


def test_gap_in_working_days() -> None:
    # After Fri 11 Mar up to and including Mon 30 May 2022: 11 weeks and a Monday.
    assert one(rule('gap = { min = 56, unit = "working_days" }')).status == "pass"
    failed = one(rule('gap = { min = 57, unit = "working_days" }'))
    assert "are 56 working days apart" in failed.failures[0].message


def test_gap_waived_by_the_later_event() -> None:
    waive = 'waive = [{ event = "s2", reason = "a" }, { event = "s3", reason = "b" }]'
    assert one(rule('gap = { min = 12, unit = "weeks" }', extra=waive)).status == "waived"
    early = 'waive = [{ event = "s1", reason = "a" }, { event = "s2", reason = "b" }]'
    assert one(rule('gap = { min = 12, unit = "weeks" }', extra=early)).status == "fail"


def test_gap_of_overlapping_events_says_so() -> None:
    events = """
[[events]]
id = "a"
kind = "session"
title = "A"
start = 2022-03-01
end = 2022-03-10

[[events]]
id = "b"
kind = "session"
title = "B"
start = 2022-03-05
end = 2022-03-12

[[events]]
id = "due"
kind = "deadline"
title = "Due"
start = 2023-09-10
"""
    result = one(rule('gap = { min = 1, unit = "days" }'), events)
    assert result.failures[0].message.startswith("B starts on 5 Mar 2022, before A ends")


# -- venue ---------------------------------------------------------------------------------


def test_venue_all_fails_at_each_event_elsewhere() -> None:
    result = one(rule('venue = { all = "vienna" }'))
    assert [f.at for f in result.failures] == ["s1", "s3"]
    assert result.failures[0].message == (
        "S1 (28 Feb – 11 Mar 2022) is at New York; the rule needs every selected event at Vienna"
    )
    assert one(rule('venue = { all = ["vienna", "new-york"] }')).status == "pass"


def test_venue_any_needs_each_venue_listed() -> None:
    assert one(rule('venue = { any = ["vienna", "new-york"] }')).status == "pass"
    result = one(rule('venue = { any = ["vienna", "new-york"] }', select='venues = ["vienna"]'))
    assert result.status == "fail"
    assert [(f.at, f.message) for f in result.failures] == [
        (None, "no selected event is at New York")
    ]


def test_venue_last_and_its_waiver() -> None:
    assert one(rule('venue = { last = "vienna" }')).status == "pass"
    failed = one(rule('venue = { last = "new-york" }'))
    assert [f.at for f in failed.failures] == ["s4"]
    waive = 'waive = [{ event = "s4", reason = "moved" }]'
    assert one(rule('venue = { last = "new-york" }', extra=waive)).status == "waived"


# -- order ---------------------------------------------------------------------------------


def test_order_of_two_events() -> None:
    passed = one(rule('order = { event = "s1", before = "s2" }'))
    assert passed.status == "pass"
    assert (
        passed.message == "S1 (28 Feb – 11 Mar 2022) comes 80 days before S2 (30 May – 10 Jun 2022)"
    )
    failed = one(rule('order = { event = "s2", before = "s1" }'))
    assert failed.status == "fail"
    assert [f.at for f in failed.failures] == ["s2"]
    assert failed.message.startswith("S2 (30 May – 10 Jun 2022) is not before S1")


def test_order_of_the_last_selected_event_before_a_deadline_or_a_date() -> None:
    assert one(rule('order = { before = "due" }')).status == "pass"
    failed = one(rule("order = { before = 2023-04-21 }"))
    assert failed.status == "fail"
    assert failed.failures[0].at == "s4"
    assert one(rule("order = { before = 2023-04-22 }")).status == "pass"
    waive = 'waive = [{ event = "s4", reason = "accepted" }]'
    assert one(rule("order = { before = 2023-04-21 }", extra=waive)).status == "waived"


def test_on_the_deadline_day_is_by_the_deadline() -> None:
    events = """
[[events]]
id = "draft"
kind = "milestone"
title = "Draft"
start = 2023-09-10

[[events]]
id = "due"
kind = "deadline"
title = "Due"
start = 2023-09-10
"""
    result = one(rule('order = { event = "draft", before = "due" }'), events)
    assert result.status == "pass"
    assert result.message == "Draft (10 Sep 2023) comes by Due (10 Sep 2023)"


# -- summary -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("severity", "ok"),
    [("error", False), ("warning", True)],
)
def test_summary_counts_and_badge(severity: str, ok: bool) -> None:
    text = rule("count = { min = 1 }") + rule("count = { min = 9 }").replace(
        'id = "r"', f'id = "q"\nseverity = "{severity}"'
    )
    summary = summarize(results(text))
    assert (summary.passed, summary.waived, summary.failed) == (1, 0, 1)
    assert summary.badge == "rules: 1 ✓ 1 ✗"
    assert summary.ok is ok
    assert summary.text == "2 rules: 1 pass, 0 waived, 1 fail"
