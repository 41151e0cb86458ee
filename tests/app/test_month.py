"""The month view (4): its Textual-free grid presenter, then the keys through Pilot."""

from __future__ import annotations

from datetime import date

import pytest
from textual.pilot import Pilot

from tests.app.conftest import NARROW, burst, drive, make_app, until
from tests.conftest import bundled
from tui.app.filtering import parse_filter
from tui.app.month.grid import HOLIDAY, MonthIndex, add_months, month_weeks, opening_day
from tui.app.month.lines import grid_lines
from tui.app.screens.event_details import EventDetailsScreen
from tui.app.timeline.rows import TimelineRows
from tui.app.widgets.month import DayList, MonthGrid

SEPTEMBER = date(2022, 9, 1)


@pytest.fixture(scope="module")
def index() -> MonthIndex:
    schedule = bundled().schedule
    return MonthIndex(schedule, TimelineRows(schedule).all)


def cell(index: MonthIndex, day: date):
    return next(c for week in index.grid(day.replace(day=1)) for c in week if c.day == day)


def test_weeks_run_monday_to_sunday_around_the_month() -> None:
    weeks = month_weeks(SEPTEMBER)
    assert len(weeks) == 5
    assert weeks[0][0] == date(2022, 8, 29) and weeks[-1][-1] == date(2022, 10, 2)
    assert len(month_weeks(date(2021, 2, 1))) == 4  # February 2021 starts on a Monday


def test_months_keep_the_day_or_take_the_last_one() -> None:
    assert add_months(date(2022, 1, 31), 1) == date(2022, 2, 28)
    assert add_months(date(2022, 12, 15), 1) == date(2023, 1, 15)
    assert add_months(date(2023, 1, 15), -1) == date(2022, 12, 15)


def test_a_session_marks_its_meeting_days_only(index: MonthIndex) -> None:
    assert [m.glyph for m in cell(index, date(2022, 9, 6)).marks] == ["█"]
    assert cell(index, date(2022, 9, 3)).marks == ()  # Saturday inside the third session
    labor_day = cell(index, date(2022, 9, 5))
    assert labor_day.holiday and labor_day.marks == ()  # New York's holiday: no meeting
    assert not cell(index, date(2022, 9, 12)).marks


def test_the_day_list_says_which_venue_a_holiday_is_at(index: MonthIndex) -> None:
    items = index.items(date(2022, 9, 5))
    assert items[0].glyph == HOLIDAY and "New York" in items[0].title
    assert items[1].event_id == "session-3" and items[1].note == "no meeting"
    (item,) = index.items(date(2022, 9, 6))
    assert (item.glyph, item.note) == ("█", "day 6 of 9")


def test_grid_lines_fit_the_width_and_mark_the_days(index: MonthIndex) -> None:
    as_of = date(2022, 9, 6)
    for width, per_week in ((56, 1), (77, 3), (154, 5)):
        lines = grid_lines(index, SEPTEMBER, date(2022, 9, 7), as_of, width, per_week)
        texts = ["".join(text for text, _ in line) for line in lines]
        assert len(lines) == 2 + 5 * per_week
        assert all(len(text) == (width // 7) * 7 for text in texts[1:])
        assert "September 2022" in texts[0] and texts[1].split()[:2] == ["Mon", "Tue"]
        joined = "\n".join(texts)
        assert " 6▼" in joined and "▸ 7" in joined and f" 5 {HOLIDAY}" in joined
    wide = grid_lines(index, SEPTEMBER, as_of, as_of, 154, 5)
    assert any("█ Third session" in text for line in wide for text, _ in line)
    assert any(style.endswith("holiday") for line in wide for _, style in line)


def test_the_filter_applies_to_the_grid() -> None:
    schedule = bundled().schedule
    rows = TimelineRows(schedule).filtered(parse_filter("kind:deadline,milestone"))
    filtered = MonthIndex(schedule, rows)
    assert cell(filtered, date(2022, 9, 6)).marks == ()
    assert cell(filtered, date(2024, 9, 10)).marks[0].glyph == "◆"


def test_it_opens_on_the_selected_events_day_nearest_the_as_of_date(index: MonthIndex) -> None:
    session = index.schedule.event("session-3")
    assert opening_day(session, date(2022, 9, 6)) == date(2022, 9, 6)
    assert opening_day(session, date(2023, 1, 1)) == date(2022, 9, 9)
    assert opening_day(None, date(2023, 1, 1)) == date(2023, 1, 1)


# --- the keys -------------------------------------------------------------------------------


def grid(pilot: Pilot) -> MonthGrid:
    return pilot.app.screen.query_one(MonthGrid)


async def open_month(pilot: Pilot) -> MonthGrid:
    await pilot.press("4")
    await until(pilot, lambda: pilot.app.screen.query(MonthGrid), what="the month grid")
    await pilot.pause()
    return grid(pilot)


def test_4_opens_september_on_the_as_of_day_and_keys_move() -> None:
    async def scenario(pilot: Pilot) -> None:
        month = await open_month(pilot)
        assert pilot.app.main.view == "month" and month.has_focus
        assert month.cursor == date(2022, 9, 6)
        await pilot.press("left")
        assert month.cursor == date(2022, 9, 5)
        day_list = pilot.app.screen.query_one(DayList)
        assert "New York" in str(day_list.get_option_at_index(0).prompt)
        await pilot.press("down")
        assert month.cursor == date(2022, 9, 12)
        await pilot.press("up", "up", "right")
        assert month.cursor == date(2022, 8, 30)
        await pilot.press("pagedown")
        assert month.cursor == date(2022, 9, 30)
        await pilot.press("pagedown", "pageup", "pageup")
        assert month.cursor == date(2022, 8, 30)
        await pilot.press("t")
        assert month.cursor == date(2022, 9, 6)
        await pilot.press("1")
        assert pilot.app.main.view == "timeline"

    drive(make_app(), scenario)


def test_enter_opens_the_days_event_and_escape_comes_back() -> None:
    async def scenario(pilot: Pilot) -> None:
        month = await open_month(pilot)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(pilot.app.screen, EventDetailsScreen))
        assert pilot.app.screen._shown[0] == "Third session"
        assert pilot.app.main.selected_id == "session-3"
        await pilot.press("escape")
        await until(pilot, lambda: pilot.app.screen is pilot.app.main)
        assert month.has_focus and pilot.app.main.view == "month"

    drive(make_app(), scenario)


def test_enter_on_a_day_with_a_holiday_and_an_event_goes_through_the_list() -> None:
    async def scenario(pilot: Pilot) -> None:
        await open_month(pilot)
        await burst(pilot, "left")  # Labor Day: the holiday (not openable), the session
        await pilot.press("enter")
        assert isinstance(pilot.app.screen, EventDetailsScreen)  # one event: straight there
        await pilot.press("escape")

    drive(make_app(), scenario)


def test_the_filter_applies_in_the_month_view() -> None:
    async def scenario(pilot: Pilot) -> None:
        month = await open_month(pilot)
        await pilot.press("slash", *"kind:deadline", "enter")
        await until(pilot, lambda: month.index and not month.index.on(date(2022, 9, 6)))
        assert pilot.app.main.view == "month"
        assert month.index is not None and month.index.on(date(2024, 9, 10))
        await pilot.press("escape")
        await until(pilot, lambda: month.index and month.index.on(date(2022, 9, 6)))

    drive(make_app(), scenario)


def test_the_month_keys_are_in_help_and_the_narrow_layout_stacks() -> None:
    async def scenario(pilot: Pilot) -> None:
        from tui.app.live_bindings import live_keys

        month = await open_month(pilot)
        sections = live_keys(pilot.app.screen)
        described = {k.description for _, keys in sections for k in keys}
        assert {"Month", "Month before", "Month after", "Previous day"} <= described
        assert month.compact and pilot.app.screen.query_one("#month-day").region.y > month.region.y

    drive(make_app(), scenario, size=NARROW)
