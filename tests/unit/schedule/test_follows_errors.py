"""Every mistake in a date that follows another is located at its key, all in one run."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.errors import Diagnostic, ScheduleError
from tui.schedule.loader import load_text

BASE = """\
[schedule]
id = "p"
title = "P"
timezone = "Europe/Vienna"

[[events]]
id = "session-6"
kind = "session"
title = "Sixth session"
start = 2024-03-04
end = 2024-03-15
"""


def _event(number: int, start: str, extra: str = "") -> str:
    head = f'\n[[events]]\nid = "d{number}"\nkind = "deadline"\ntitle = "D{number}"\n'
    return f"{head}start = {start}\n{extra}"


def _errors(text: str) -> list[Diagnostic]:
    with pytest.raises(ScheduleError) as raised:
        load_text(text)
    return raised.value.diagnostics


def _line(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_every_mistake_is_reported_at_its_own_line_in_one_run() -> None:
    text = BASE + "".join(
        [
            _event(1, '{ before = "sesion-6", weeks = 4 }'),
            _event(2, '{ after = "session-6.begin", days = 1 }'),
            _event(3, '{ before = "session-6", weeks = 100000 }'),
            _event(4, '{ before = "session-6", after = "session-6", days = 1 }'),
            _event(5, '{ before = "session-6" }'),
            _event(6, '{ before = "session-6", weeks = -2 }'),
            _event(7, '{ before = "session-6", weeks = 1.5 }'),
            _event(8, "{ before = 6, weeks = 1 }"),
            _event(9, '{ before = "session-6", wekes = 1 }'),
            _event(10, '"2024-01-01"'),
        ]
    )
    errors = _errors(text)
    by_line = {d.line: d.message for d in errors}
    assert (
        "unknown event `sesion-6` (did you mean `session-6`?)" in by_line[_line(text, '"sesion-6"')]
    )
    assert "unknown part `begin` of event `session-6`" in by_line[_line(text, "begin")]
    assert (
        "lands on" in by_line[_line(text, "100000")]
        and "1900 to 2999" in by_line[_line(text, "100000")]
    )
    assert "both `before` and `after`" in by_line[_line(text, 'after = "session-6", days')]
    assert "no amount" in by_line[_line(text, '{ before = "session-6" }')]
    assert "with `after`" in by_line[_line(text, "-2")]
    assert "whole number" in by_line[_line(text, "1.5")]
    assert "must name an event as a string" in by_line[_line(text, "before = 6")]
    assert "unknown key `wekes` in `start` (did you mean `weeks`?)" in by_line[_line(text, "wekes")]
    assert "without quotes" in by_line[_line(text, '"2024-01-01"')]
    assert len(errors) == 10  # one each: `wekes` is the amount, misspelt, not a second error


def test_columns_point_at_the_key_in_the_inline_table() -> None:
    text = BASE + _event(1, '{ before = "nowhere", weeks = 4 }')
    (error,) = _errors(text)
    line = text.splitlines()[error.line - 1]
    assert line[error.column - 1 :].startswith('"nowhere"')


def test_a_resolved_end_before_its_start_is_an_error_at_end() -> None:
    text = BASE + (
        '\n[[events]]\nid = "m"\nkind = "meeting"\ntitle = "M"\n'
        'start = { after = "session-6", days = 3 }\nend = { after = "session-6.start", days = 1 }\n'
    )
    (error,) = _errors(text)
    assert error.line == _line(text, "session-6.start")
    assert "`end` 2024-03-05 is before `start` 2024-03-18" in error.message


def test_an_end_may_follow_its_own_start() -> None:
    text = BASE + (
        '\n[[events]]\nid = "m"\nkind = "meeting"\ntitle = "M"\n'
        'start = { after = "session-6", days = 3 }\nend = { after = "m.start", days = 2 }\n'
    )
    event = load_text(text).schedule.event("m")
    assert event is not None and (event.start, event.end) == (date(2024, 3, 18), date(2024, 3, 20))


def test_a_date_following_a_cancelled_event_warns_and_keeps_following_it() -> None:
    text = BASE.replace("end = 2024-03-15", 'end = 2024-03-15\nstatus = "cancelled"') + _event(
        1, '{ before = "session-6", weeks = 4 }'
    )
    loaded = load_text(text)
    (warning,) = [w for w in loaded.warnings if "cancelled" in w.message]
    assert warning.line == _line(text, "weeks = 4")
    assert "still follows the cancelled event's dates" in warning.message
    assert loaded.schedule.event("d1").start == date(2024, 2, 5)  # type: ignore[union-attr]


def test_a_date_following_a_broken_event_adds_no_second_error() -> None:
    text = BASE.replace('kind = "session"', 'kind = "sesion"') + _event(
        1, '{ before = "session-6", weeks = 4 }'
    )
    (error,) = _errors(text)
    assert "sesion" in error.message


def test_a_date_time_anchor_keeps_its_local_time_across_summer_time() -> None:
    text = BASE.replace("start = 2024-03-04\nend = 2024-03-15", "start = 2024-04-02T10:00:00")
    text += _event(1, '{ before = "session-6", weeks = 1 }')
    event = load_text(text).schedule.event("d1")
    assert event is not None
    assert event.start.isoformat() == "2024-03-26T10:00:00+01:00"  # type: ignore[union-attr]


def test_working_days_skip_weekends_and_the_venue_holidays() -> None:
    text = BASE.replace(
        'timezone = "Europe/Vienna"\n', 'timezone = "Europe/Vienna"\nholidays = [2024-02-29]\n', 1
    )
    text += _event(1, '{ before = "session-6", working_days = 3 }')
    event = load_text(text).schedule.event("d1")
    # Mon 4 March: back over Fri 1, (Thu 29 Feb a holiday), Wed 28, Tue 27.
    assert event is not None and event.start == date(2024, 2, 27)


def test_an_id_with_dots_is_an_id_before_it_is_a_part() -> None:
    text = BASE.replace('id = "session-6"', 'id = "s.end"') + _event(
        1, '{ after = "s.end", days = 1 }'
    )
    assert load_text(text).schedule.event("d1").start == date(2024, 3, 16)  # type: ignore[union-attr]


_KEYS = st.sampled_from(["before", "after", "days", "weeks", "months", "working_days", "x"])
_VALUES = st.one_of(
    st.integers(-(2**40), 2**40),
    st.sampled_from(['"session-6"', '"session-6.end"', '"session-6.x"', '"d1"', '"d1.start"']),
    st.sampled_from(["1.5", "true", "2024-01-01", "[1]", "{ a = 1 }", '"s\\u0007"']),
)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(_KEYS, _VALUES, max_size=4), st.booleans())
def test_any_following_table_loads_or_fails_with_located_errors(
    table: dict[str, object], as_end: bool
) -> None:
    inline = "{ " + ", ".join(f"{key} = {value}" for key, value in table.items()) + " }"
    kind = "meeting" if as_end else "deadline"
    text = BASE + (
        f'\n[[events]]\nid = "d1"\nkind = "{kind}"\ntitle = "D1"\n'
        + (f"start = 2024-01-01\nend = {inline}\n" if as_end else f"start = {inline}\n")
    )
    try:
        loaded = load_text(text)
    except ScheduleError as error:
        assert error.diagnostics and all(d.line >= 1 and d.column >= 1 for d in error.diagnostics)
        assert all("\x07" not in d.message for d in error.diagnostics)
    else:
        assert loaded.schedule.event("d1") is not None
