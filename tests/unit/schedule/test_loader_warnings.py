"""The spec's warnings: valid files that are worth a second look."""

from __future__ import annotations

import pytest

from tui.core.errors import ScheduleError
from tui.schedule.loader import load_text

HEAD = """\
[schedule]
id = "t"
title = "T"
timezone = "America/New_York"
deadline = "due"

[venues.ny]
name = "UNHQ"
timezone = "America/New_York"
holidays = [2022-09-05]

[venues.vienna]
name = "VIC"
timezone = "Europe/Vienna"

[[events]]
id = "due"
kind = "deadline"
title = "Due"
start = 2022-12-01
"""  # 20 lines: a test's first [[events]] is line 22, its `start` line 26, `end` line 27


def warnings(body: str) -> list[str]:
    return [str(w) for w in load_text(HEAD + "\n" + body, "w.toml").warnings]


def session(event_id: str, start: str, end: str, venue: str = "ny", kind="session") -> str:
    return (
        f'[[events]]\nid = "{event_id}"\nkind = "{kind}"\ntitle = "{event_id}"\n'
        f'start = {start}\nend = {end}\nvenue = "{venue}"\n\n'
    )


def test_no_warnings_for_a_clean_schedule() -> None:
    assert warnings(session("a", "2022-08-29", "2022-09-09")) == []


def test_overlapping_sessions() -> None:
    text = session("a", "2022-08-29", "2022-09-09") + session("b", "2022-09-08", "2022-09-09")
    assert warnings(text) == [
        "w.toml:34:9: warning: session `b` (2022-09-08) overlaps session `a` (until 2022-09-09)"
    ]


def test_start_on_weekend_and_end_on_holiday() -> None:
    assert warnings(session("a", "2022-08-27", "2022-09-05")) == [
        "w.toml:26:9: warning: `a` starts on Saturday (2022-08-27)",
        "w.toml:27:7: warning: `a` ends on a holiday (2022-09-05)",
    ]


def test_venue_holiday_does_not_apply_at_another_venue() -> None:
    assert warnings(session("a", "2022-08-29", "2022-09-05", venue="vienna")) == []


def test_session_ending_after_headline_deadline() -> None:
    assert warnings(session("a", "2022-11-28", "2022-12-02")) == [
        "w.toml:27:7: warning: session `a` ends 2022-12-02, after the headline deadline "
        "`due` (2022-12-01)"
    ]


def test_consultation_overlapping_session_elsewhere() -> None:
    text = session("a", "2022-08-29", "2022-09-09") + session(
        "c", "2022-09-08", "2022-09-09", venue="vienna", kind="consultation"
    )
    assert warnings(text) == [
        "w.toml:34:9: warning: consultation `c` overlaps session `a` at another venue (UNHQ)"
    ]


def test_consultation_at_the_same_venue_is_fine() -> None:
    text = session("a", "2022-08-29", "2022-09-09") + session(
        "c", "2022-09-08", "2022-09-09", kind="consultation"
    )
    assert warnings(text) == []


def test_postponed_events_do_not_warn() -> None:
    text = session("a", "2022-08-29", "2022-09-09") + session(
        "b", "2022-09-03", "2022-09-09"
    ).replace('venue = "ny"', 'venue = "ny"\nstatus = "postponed"')
    assert warnings(text) == []


def test_local_time_in_the_spring_gap() -> None:
    text = (
        '[[events]]\nid = "m"\nkind = "meeting"\ntitle = "M"\n'
        "start = 2022-03-14T02:30:00\nend = 2022-03-14T04:00:00\n"
    ).replace("2022-03-14", "2023-03-12")
    found = warnings(text)
    assert (
        "w.toml:26:9: warning: `m` start 2023-03-12 02:30 does not exist in America/New_York"
        in (found[-1])
    )
    assert found[-1].endswith("(the clocks skip it); it is read as 03:30")


def test_a_load_without_warnings_gives_the_same_schedule_and_every_error() -> None:
    """`warnings=False` (an edit session's save) skips the warnings, never an error."""
    from tests.unit.edit.test_edit_session import DENSE

    whole = load_text(DENSE)
    bare = load_text(DENSE, warnings=False)
    assert len(whole.warnings) >= 5 and bare.warnings == []
    assert bare.schedule == whole.schedule
    broken = DENSE.replace("start = 2024-05-04", 'start = "soon"')
    with pytest.raises(ScheduleError) as raised:
        load_text(broken, warnings=False)
    with pytest.raises(ScheduleError) as again:
        load_text(broken)
    errors = [d for d in again.value.errors if d.severity == "error"]
    assert list(raised.value.errors) == errors and errors
