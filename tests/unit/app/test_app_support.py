"""The app's Textual-free helpers: time scale, rows, filter, clock, words, peeking, editor."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import BUNDLED, ROOT
from tui.app.clock import AsOfClock, clock_text
from tui.app.describe import remaining_text, span_text, viewer_span_text
from tui.app.editor import editor_command
from tui.app.filtering import parse_filter
from tui.app.go_to import parse_go_to
from tui.app.timeline.lines import axis_runs, background, fit, row_runs
from tui.app.timeline.moves import first_from, following, nearest, next_of_kind, zoom_focus, zoomed
from tui.app.timeline.rows import TimelineRows
from tui.app.timeline.scale import (
    EARLIEST,
    LATEST,
    Window,
    axis_lines,
    axis_units,
    ticks,
    window_for,
)
from tui.core.dates import DateInputError, split_list
from tui.schedule.loader import bundled_schedule_path as loader_bundled_path
from tui.schedule.peek import bundled_schedule_path, check_readable, peek

NEW_YORK = ZoneInfo("America/New_York")
VIENNA = ZoneInfo("Europe/Vienna")


def test_the_first_frame_needs_neither_the_loader_nor_icalendar_nor_watchfiles() -> None:
    # The modules loaded when the first frame is up (Textual's Ready, before the app mounts
    # the rest and starts the load worker): nothing heavy.
    code = (
        "import asyncio, sys\n"
        "from textual import events\n"
        "from tui.app.factory import build_app\n"
        "first = []\n"
        "def hook(message):\n"
        "    if isinstance(message, events.Ready) and not first:\n"
        "        first.append(set(sys.modules))\n"
        "async def main():\n"
        "    app = build_app(None, '2022-09-06', tick=False, watch=False)\n"
        "    async with app.run_test(message_hook=hook) as pilot:\n"
        "        await pilot.pause()\n"
        "asyncio.run(main())\n"
        "heavy = ('tui.schedule.loader', 'icalendar', 'watchfiles', 'tui.core.model')\n"
        "print('later:', ','.join(m for m in heavy if m in sys.modules))\n"
        "print('first:', ','.join(m for m in heavy if m in first[0]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert "later: tui.schedule.loader" in result.stdout  # the hook saw the first frame
    assert "first: \n" in result.stdout, result.stdout


def test_bundled_path_agrees_with_the_loader() -> None:
    assert bundled_schedule_path() == loader_bundled_path()


def test_peek_reads_title_and_zone_without_parsing(tmp_path: Path) -> None:
    assert peek(BUNDLED) == ("Ad Hoc Committee on Cybercrime, 2022–2024", "America/New_York")
    odd = tmp_path / "odd.toml"
    odd.write_text('[venues.x]\ntitle = "not this"\n[schedule]\nid = "a"\n', "utf-8")
    assert peek(odd) == (None, None)
    assert peek(tmp_path / "missing.toml") == (None, None)


def test_check_readable_refuses_missing_files_and_directories(tmp_path: Path) -> None:
    from tui.core.errors import ScheduleFileError

    with pytest.raises(ScheduleFileError, match="no such file"):
        check_readable(tmp_path / "nope.toml")
    with pytest.raises(ScheduleFileError, match="directory"):
        check_readable(tmp_path)


def test_window_maps_days_to_cells_and_pans() -> None:
    window = Window(1000.0, 50.0, 100)
    assert window.cell(1000.0) == 0 and window.cell(1049.99) == 99 and window.cell(999.9) == -1
    assert window.panned(0.5).start == 1025.0
    assert window.overlaps(990, 1000) and not window.overlaps(1050, 1060)
    assert window.resized(50).days_per_cell == 1.0
    whole = window_for("all", 100, 0, 1000.0, 2000.0)
    assert whole.start < 1000.0 and whole.end > 2000.0
    assert window_for("week", 70, 500.0, 0, 0).span == 7.0


@pytest.mark.parametrize(
    ("span", "width", "units"),
    [
        (7, 80, ("month", "day")),
        (31, 80, ("month", "day")),
        (92, 80, ("month", "week")),
        (366, 80, ("year", "month")),
        (2000, 60, ("year", "quarter")),
        (50000, 60, ("century", "decade")),
        (500000, 60, ("century", None)),
    ],
)
def test_axis_units_follow_the_zoom(span, width, units) -> None:
    assert axis_units(Window(738000.0, span, width)) == units


def test_axis_labels_fit_and_never_run_off_the_edge() -> None:
    for span in (7, 31, 92, 366, 1500, 8000):
        for width in (36, 50, 96):
            window = Window(date(2022, 3, 15).toordinal() + 0.3, span, width)
            upper, lower, grid = axis_lines(window)
            assert len(upper) == len(lower) == width
            assert all(0 <= cell < width for cell in grid)
            for unit, top in zip(axis_units(window), (True, False), strict=True):
                if unit is None:
                    continue
                marks = ticks(window, unit, top=top)
                for (cell, label), (after, _next) in pairwise(marks):
                    assert cell + len(label) < after  # labels never touch the next one
                assert all(cell + len(label) <= width for cell, label in marks)


def test_rows_sit_on_their_dates_in_the_schedule_zone(schedule) -> None:
    rows = TimelineRows(schedule)
    by_id = {row.event.id: row for row in rows.all}
    third = by_id["session-3"]
    assert third.t0 == date(2022, 8, 29).toordinal()
    assert third.t1 == date(2022, 9, 10).toordinal()  # the day after the inclusive end
    deadline = by_id["ga78-close"]
    assert deadline.point and deadline.t0 == date(2024, 9, 10).toordinal() + 0.5
    assert [row.event.id for row in rows.all] == [e.id for e in schedule.in_date_order()]


def test_searches_over_rows(schedule) -> None:
    rows = TimelineRows(schedule).all
    ids = [row.event.id for row in rows]
    as_of = date(2022, 9, 6).toordinal() + 0.5
    assert ids[first_from(rows, as_of)] == "session-3"  # in progress
    assert ids[nearest(rows, as_of)] == "session-3"
    assert ids[first_from(rows, date(2030, 1, 1).toordinal())] == ids[-1]
    after = next_of_kind(rows, ids.index("session-3"), 1, frozenset({"deadline"}))
    assert ids[after] == "ga78-close"
    assert next_of_kind(rows, ids.index("session-3"), -1, frozenset({"deadline"})) is None


def test_zoom_keeps_the_selected_event_in_place_and_moves_follow_it(schedule) -> None:
    by_id = {row.event.id: row for row in TimelineRows(schedule).all}
    third = by_id["session-3"]  # 2022-08-29 to 2022-09-10
    year = Window(third.t0 - 100, 366.0, 80)
    focus = zoom_focus(year, third)
    assert focus == third.t0 and zoom_focus(year, None) == year.centre
    month = zoomed(year, "month", 80, focus, 0, 0)
    assert month.span == 31.0
    before = (focus - year.start) / year.span
    assert abs((focus - month.start) / month.span - before) < 1e-9  # same place on screen
    edge = zoomed(year.moved_to(focus), "month", 80, focus, 0, 0)
    assert edge.start < focus  # never at the very edge: 10% in at least
    assert following(month, third) is None
    later = by_id["ga78-close"]
    moved = following(month, later)
    assert moved is not None and moved.span == month.span
    assert moved.overlaps(later.t0, later.t0 + 1e-9)


def test_filter_language(schedule) -> None:
    rows = TimelineRows(schedule)

    def ids(text: str) -> set[str]:
        return {row.event.id for row in rows.filtered(parse_filter(text))}

    assert ids("kind:dead") == {"ga78-close"}
    assert ids("kind:deadline,milestone") == {e.id for e in schedule.events if e.is_point}
    assert ids("kind:deadline kind:milestone") == ids("kind:deadline,milestone")
    assert ids("venue:hanoi") == {"signing"}
    assert ids("venue:vienna tag:intersessional") == {f"consultation-{n}" for n in range(1, 6)}
    assert ids("status:post") == {"session-1-original"}
    assert ids('"fifth session"') == {"session-5"}
    assert ids("FIFTH") == {"session-5"}  # case does not matter
    assert ids("") == {e.id for e in schedule.events}
    assert not parse_filter("  ").active
    assert parse_filter('"unbalanced').words == ('"unbalanced',)  # never raises
    assert parse_filter("colour:red").words == ("colour:red",)  # unknown fields are text


def test_clock_runs_on_from_a_chosen_moment_or_stays_frozen() -> None:
    ticks_ = iter([100.0, 100.0, 103.7])
    start = datetime(2022, 9, 6, 10, 0, tzinfo=NEW_YORK)
    clock = AsOfClock(NEW_YORK, start, monotonic=lambda: next(ticks_))
    assert clock.is_as_of and clock.now() == start
    assert clock.now() == start + timedelta(seconds=3)
    frozen = AsOfClock(NEW_YORK, start, running=False)
    assert frozen.now() == frozen.now() == start
    frozen.set_zone(VIENNA)
    assert frozen.now() == start and frozen.now().tzinfo == VIENNA
    frozen.set(None)
    assert not frozen.is_as_of
    assert clock_text(start) == "Tue 6 Sep 2022 10:00:00 EDT"
    assert clock_text(start, short=True) == "2022-09-06 10:00:00"


def test_countdown_shows_hours_minutes_seconds_under_two_days() -> None:
    due = datetime(2024, 9, 11, 0, 0, tzinfo=NEW_YORK)
    assert remaining_text(due, due - timedelta(hours=36, seconds=5)) == "36:00:05"
    assert remaining_text(due, due - timedelta(days=2)) is None
    assert remaining_text(due, due + timedelta(seconds=1)) is None


def test_dates_in_the_venue_zone_and_the_viewer_zone(schedule) -> None:
    third = schedule.event("session-3")
    assert span_text(third) == "Mon 29 Aug – Fri 9 Sep 2022"
    assert viewer_span_text(third, VIENNA) == "from Mon 29 Aug 2022: 16:00–19:00, 21:00–00:00 CEST"
    second = schedule.event("session-2")  # Vienna, no hours
    assert (
        viewer_span_text(second, VIENNA)
        == "Mon 30 May – Fri 10 Jun 2022 (all day, the same everywhere)"
    )
    # An all-day event is on the same dates in every zone: never converted into times.
    fourth = schedule.event("session-4")  # Vienna, no hours: midnight there is 23:00 UTC
    assert viewer_span_text(fourth, ZoneInfo("UTC")) == (
        "Mon 9–Fri 20 Jan 2023 (all day, the same everywhere)"
    )
    first = schedule.event("session-1")  # New York, no hours: midnight there is 06:00 CET
    assert "06:00" not in viewer_span_text(first, VIENNA)
    milestone = schedule.event("ga78-open")
    assert viewer_span_text(milestone, ZoneInfo("Asia/Tokyo")) == (
        "on Tue 5 Sep 2023 (all day, the same everywhere)"
    )
    deadline = schedule.event("ga78-close")
    assert span_text(deadline) == "due by the end of Tue 10 Sep 2024"
    assert viewer_span_text(deadline, VIENNA) == "Wed 11 Sep 2024 06:00 CEST"


def test_go_to_dates() -> None:
    assert parse_go_to("2023") == date(2023, 1, 1)
    assert parse_go_to(" 2023-04 ") == date(2023, 4, 1)
    assert parse_go_to("2023-04-11") == date(2023, 4, 11)
    with pytest.raises(DateInputError):
        parse_go_to("April")
    assert split_list("session, deadline  meeting") == ("session", "deadline", "meeting")


def test_editor_command(monkeypatch) -> None:
    monkeypatch.setenv("VISUAL", "code --wait")
    assert editor_command(Path("s.toml"), 12) == ["code", "--wait", "+12", "s.toml"]
    monkeypatch.delenv("VISUAL")
    monkeypatch.setenv("EDITOR", "nano")
    assert editor_command(Path("s.toml"), None) == ["nano", "s.toml"]
    monkeypatch.delenv("EDITOR")
    assert editor_command(Path("s.toml"), 3) == ["vi", "+3", "s.toml"]


def test_timeline_lines_put_bars_glyphs_and_markers_where_they_belong(schedule) -> None:
    rows = {row.event.id: row for row in TimelineRows(schedule).all}
    window = Window(date(2022, 8, 1).toordinal(), 62.0, 62)  # one cell a day, Aug-Sep 2022
    as_of_t = date(2022, 9, 6).toordinal() + 0.5
    empty = background(window, as_of_t)

    def chart(event_id: str) -> str:
        runs = row_runs(rows[event_id], window, 20, as_of_t, empty)
        text = "".join(text for text, _name in runs)
        assert len(text) == 20 + 62
        return text[20:]

    third = chart("session-3")  # 29 Aug - 9 Sep: cells 28 to 39, the as-of line at 36
    # A day a cell: the weekend and Labor Day (5 Sep, a New York holiday) do not meet.
    assert third[28:40] == "█████░░░████" and third[27] == " " and third[40] != "█"
    assert chart("session-2").startswith("◂")  # June: before the window
    assert chart("consultation-3").endswith("▸")  # November: after it
    assert chart("session-1-original")[0] == "◂"
    runs = row_runs(rows["session-3"], window, 20, as_of_t, empty)
    assert ("█", "now") in runs  # the bar's cell on the as-of line takes its colour
    top, bottom = axis_runs(window, 20, "month", 21, 21, as_of_t)
    assert top[0][0].startswith(" zoom: month") and bottom[0][0].startswith(" 21 events")
    assert ("▼", "now") in top + bottom
    assert "".join(t for t, _ in top).startswith(" zoom: month" + " " * 8 + "August 2022")
    assert fit("Reconvened concluding session", 12) == "Reconvened… "
    assert fit("Reconvened concluding session", 23) == "Reconvened concluding… "
    assert fit("short", 8) == "short   "


def test_postponed_and_cancelled_events_are_drawn_apart(schedule) -> None:
    row = next(r for r in TimelineRows(schedule).all if r.event.status == "postponed")
    window = Window(date(2022, 1, 1).toordinal(), 62.0, 62)
    runs = row_runs(row, window, 20, 0.0, background(window, 0.0))
    assert ("╌" * 12, "dim") in runs
    assert any(name == "title-off" for _text, name in runs)


# --- trust: the years docket supports, text on screen, loading and watching -----------------


def test_windows_stay_inside_the_years_docket_supports() -> None:
    assert date(1900, 1, 1).toordinal() == EARLIEST and date(3000, 1, 1).toordinal() == LATEST
    inside = Window(738000.0, 366.0, 80)
    assert inside.clamped() is inside
    late = Window(LATEST - 10, 366.0, 80).clamped()
    assert late.end == LATEST and late.span == 366.0 and late.width == 80
    early = Window(EARLIEST - 1e6, 31.0, 80).clamped()
    assert early.start == EARLIEST and early.span == 31.0
    wide = Window(0.0, 1e9, 80).clamped()
    assert (wide.start, wide.end) == (EARLIEST, LATEST)


@pytest.mark.parametrize("span", [7.0, 31.0, 92.0, 366.0, 5000.0, 1e6])
@pytest.mark.parametrize("start", [1.0, EARLIEST, LATEST - 3, date.max.toordinal() - 2.0, 1e9])
def test_the_axis_is_drawn_for_any_window_even_beyond_python_dates(start, span) -> None:
    # Navigation never goes past the supported years, but the axis functions are total.
    window = Window(start, span, 80)
    upper, lower, grid = axis_lines(window)
    assert len(upper) == len(lower) == 80
    assert all(0 <= cell < 80 for cell in grid)
    background(window, start)
