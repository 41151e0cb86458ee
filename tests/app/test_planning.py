"""Planning at a glance: days as they are on the timeline, rows that say when, and what is
next in the header; the keys `t`, `]` and `[` driven through Pilot, the Textual-free
presenters tested without a terminal."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from textual.pilot import Pilot

from tests.app.conftest import drive, make_app
from tui.app.screens.help import HelpScreen
from tui.app.timeline.lines import axis_runs, background, columns, fit, row_runs
from tui.app.timeline.rows import TimelineRows
from tui.app.timeline.scale import Window
from tui.app.timeline.whats_next import session_line
from tui.app.widgets.timeline import Timeline
from tui.core.countdown import current_or_next_session
from tui.core.words import days_text

NEW_YORK = ZoneInfo("America/New_York")
SIXTH_DAY = datetime(2022, 9, 6, 10, 0, tzinfo=NEW_YORK)
BETWEEN = datetime(2022, 9, 20, 10, 0, tzinfo=NEW_YORK)  # after the third, before the fourth


def selected(pilot: Pilot) -> str | None:
    row = pilot.app.query_one(Timeline).selected
    return row.event.id if row else None


# --- keys ------------------------------------------------------------------------------------


def test_brackets_jump_to_the_next_and_previous_session() -> None:
    async def scenario(pilot: Pilot) -> None:
        assert selected(pilot) == "session-3"
        await pilot.press("right_parenthesis")  # past consultation-3: the next session
        assert selected(pilot) == "session-4"
        await pilot.press("left_parenthesis", "left_parenthesis")
        assert selected(pilot) == "session-2"
        await pilot.press("end", "right_parenthesis")  # nothing later: it stays, and says so
        assert selected(pilot) == "signing"
        await pilot.press("left_parenthesis")
        assert selected(pilot) == "concluding-reconvened"

    drive(make_app(), scenario)


def test_t_selects_the_session_in_progress() -> None:
    async def scenario(pilot: Pilot) -> None:
        await pilot.press("home", "t")
        assert selected(pilot) == "session-3"

    drive(make_app(), scenario)


def test_t_selects_the_next_session_not_merely_the_next_event() -> None:
    async def scenario(pilot: Pilot) -> None:
        await pilot.press("home", "t")  # consultation-3 (November) comes first; it is no session
        assert selected(pilot) == "session-4"

    drive(make_app(as_of=BETWEEN), scenario)


def test_the_session_keys_are_in_help_and_the_header_says_what_is_next() -> None:
    async def scenario(pilot: Pilot) -> None:
        header = pilot.app.query_one("DocketHeader")
        assert header.session == "█ Now: Third session · New York · day 6 of 9"  # type: ignore[attr-defined]
        assert header.numbers.endswith(" meeting days")  # type: ignore[attr-defined]
        await pilot.press("question_mark")
        screen = pilot.app.screen
        assert isinstance(screen, HelpScreen)
        described = {item.description for _title, items in screen.sections for item in items}
        assert {"Next session", "Previous session", "Now"} <= described
        keys = {k for _t, items in screen.sections for item in items for k in item.keys}
        assert {"]", "["} <= keys

    drive(make_app(), scenario)


# --- presenters ------------------------------------------------------------------------------


def test_the_current_or_next_session(schedule) -> None:
    assert current_or_next_session(schedule, SIXTH_DAY).id == "session-3"
    assert current_or_next_session(schedule, BETWEEN).id == "session-4"
    assert current_or_next_session(schedule, datetime(2025, 1, 1, tzinfo=NEW_YORK)) is None
    assert session_line(schedule, SIXTH_DAY) == "█ Now: Third session · New York · day 6 of 9"
    assert session_line(schedule, BETWEEN) == "█ Next: Fourth session · Vienna · in 111 days"
    labor_day = datetime(2022, 9, 5, 12, tzinfo=NEW_YORK)
    assert session_line(schedule, labor_day).endswith("· after day 5 of 9")


def test_rows_carry_their_dates_and_titles_shorten_at_a_word(schedule) -> None:
    assert days_text(date(2022, 8, 29), date(2022, 9, 9)) == "29 Aug – 9 Sep 2022"
    assert days_text(date(2024, 9, 10), date(2024, 9, 10)) == "10 Sep 2024"
    assert days_text(date(2023, 12, 12), date(2024, 1, 5)) == "12 Dec 2023 – 5 Jan 2024"
    rows = {row.event.id: row for row in TimelineRows(schedule).all}
    assert rows["ga78-close"].dates == "10 Sep 2024"
    assert fit("Draft convention due: General Assembly 78th session closes", 30) == (
        "Draft convention due: General…"
    )
    widths = TimelineRows(schedule).widths
    # The title column grows with the terminal; dates only where there is room.
    assert columns(60, widths)[1] == 0 and columns(120, widths)[1] == widths[1] + 1
    assert columns(60, widths)[0] < columns(120, widths)[0] < columns(200, widths)[0]


def _chart(row, window: Window, as_of_t: float) -> str:
    runs = row_runs(row, window, 10, as_of_t, background(window, as_of_t))
    return "".join(text for text, _name in runs)[10:]


def test_at_week_zoom_the_meeting_blocks_are_drawn_at_their_times(schedule) -> None:
    row = next(r for r in TimelineRows(schedule).all if r.event.id == "session-3")
    monday = date(2022, 8, 29).toordinal()
    window = Window(monday, 14.0, 14 * 24)  # an hour a cell, 29 Aug - 11 Sep
    chart = _chart(row, window, 0.0)
    day = chart[:24]  # Monday 29 August: 10:00-13:00 and 15:00-18:00, two blocks
    assert day == "─" * 10 + "█" * 3 + "─" * 2 + "█" * 3 + "─" * 6
    assert chart[5 * 24 : 8 * 24] == "░" * 72  # Saturday, Sunday and Labor Day: no meetings
    assert chart[8 * 24 : 9 * 24] == day  # Tuesday 6 September meets again


def test_days_without_meetings_wherever_a_day_is_a_cell_and_never_below(schedule) -> None:
    rows = {r.event.id: r for r in TimelineRows(schedule).all}
    monday = date(2022, 8, 29).toordinal()
    month = _chart(rows["session-3"], Window(monday, 14.0, 28), 0.0)  # two cells a day
    assert month[:24] == "█" * 10 + "░" * 6 + "█" * 8
    consultation = _chart(rows["consultation-3"], Window(date(2022, 11, 3).toordinal(), 7, 7), 0)
    assert consultation.startswith("▓▓")  # each kind keeps its glyph on its meeting days
    whole = Window(date(2021, 1, 1).toordinal(), 1600.0, 80)  # 20 days a cell
    assert "█" in _chart(rows["session-3"], whole, 0.0)


def test_the_week_axis_names_weekdays_and_dates_and_the_marker_hides_none(schedule) -> None:
    window = Window(date(2022, 9, 2).toordinal(), 7.0, 84)
    as_of_t = date(2022, 9, 6).toordinal() + 10 / 24
    top, bottom = axis_runs(window, 10, "week", 21, 21, as_of_t)
    lower = "".join(text for text, _ in bottom)
    for label in ("Fri 2 Sep", "Sat 3 Sep", "Mon 5 Sep", "Tue 6 Sep", "Thu 8 Sep"):
        assert label in lower
    upper = "".join(text for text, _ in top)
    assert "▼" in upper + lower and "September 2022" in upper
