"""Moving or resizing a date that follows another changes its offset, never its link."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.edit.edits import Move, Resize
from tui.edit.spans import apply_splices
from tui.schedule.loader import load_text

TEXT = """\
[schedule]
id = "p"
title = "P"
holidays = [2024-02-14]

[[events]]
id = "session-6"
kind = "session"
title = "Sixth session"
start = 2024-03-04
end = 2024-03-15

[[events]]
id = "subs"
kind = "deadline"
title = "Written submissions due"
start = { before = "session-6", weeks = 4 }

[[events]]
id = "registration"
kind = "meeting"
title = "Registration"
start = { before = "session-6.start", working_days = 10 }
end = { after = "registration.start", days = 2 }

[[events]]
id = "report"
kind = "deadline"
title = "Report"
start = { after = "session-6", months = 1 }
"""


def _edit(edit: Move | Resize, text: str = TEXT) -> str:
    loaded = load_text(text)
    new, inverse = apply_splices(text, edit.splices(text, loaded))
    assert apply_splices(new, inverse)[0] == text
    return new


def test_a_move_of_whole_weeks_keeps_weeks() -> None:
    new = _edit(Move("subs", -7))
    assert 'start = { before = "session-6", weeks = 5 }' in new
    assert load_text(new).schedule.event("subs").start == date(2024, 1, 29)  # type: ignore[union-attr]


def test_a_move_of_some_days_is_counted_in_days_and_still_follows() -> None:
    new = _edit(Move("subs", 3))
    assert 'start = { before = "session-6", days = 25 }' in new
    moved = new.replace(
        "start = 2024-03-04\nend = 2024-03-15", "start = 2024-03-11\nend = 2024-03-22"
    )
    assert load_text(moved).schedule.event("subs").start == date(2024, 2, 15)  # type: ignore[union-attr]


def test_a_move_past_the_anchor_turns_before_into_after() -> None:
    new = _edit(Move("subs", 30))
    assert 'start = { after = "session-6.start", days = 2 }' in new


def test_a_month_offset_becomes_days_and_the_date_lands_where_moved() -> None:
    new = _edit(Move("report", 1))
    assert 'start = { after = "session-6", days = 32 }' in new
    assert load_text(new).schedule.event("report").start == date(2024, 4, 16)  # type: ignore[union-attr]


def test_working_days_stay_working_days_across_a_holiday() -> None:
    new = _edit(Move("registration", -7))
    # 12 Feb to 4 Mar is 15 working days, but 14 Feb is a holiday; "session-6.start" is
    # written "session-6", the same part (before an event is before its start).
    assert 'start = { before = "session-6", working_days = 14 }' in new
    assert 'end = { after = "registration.start", days = 2 }' in new  # follows its own start
    event = load_text(new).schedule.event("registration")
    assert event is not None and (event.start, event.end) == (date(2024, 2, 12), date(2024, 2, 14))


def test_resize_changes_a_following_end_and_gives_a_point_start_an_end() -> None:
    new = _edit(Resize("registration", 1))
    assert 'end = { after = "registration.start", days = 3 }' in new
    new = _edit(
        Resize("subs", 0).__class__("subs", 0),
        TEXT.replace('kind = "deadline"\ntitle = "Written', 'kind = "meeting"\ntitle = "Written'),
    )
    assert "end = 2024-02-05" in new


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["subs", "registration", "report"]), st.integers(-60, 60))
def test_any_move_lands_the_date_where_moved_and_keeps_the_link(event_id: str, days: int) -> None:
    before = load_text(TEXT).schedule.event(event_id)
    new = _edit(Move(event_id, days))
    loaded = load_text(new)
    after = loaded.schedule.event(event_id)
    assert before is not None and after is not None
    assert after.start == before.start + timedelta(days=days)  # type: ignore[operator]
    if before.end is not None:
        assert after.end == before.end + timedelta(days=days)  # type: ignore[operator]
    assert "start" in loaded.schedule.follows[event_id]


def test_moving_the_anchor_leaves_its_dependants_text_and_moves_their_dates() -> None:
    new = _edit(Move("session-6", 7))
    tables = [line for line in TEXT.splitlines() if line.startswith(("start = {", "end = {"))]
    assert all(table in new for table in tables)
    schedule = load_text(new).schedule
    assert schedule.event("subs").start == date(2024, 2, 12)  # type: ignore[union-attr]
    assert schedule.event("report").start == date(2024, 4, 22)  # type: ignore[union-attr]
